/**
 * The licence page as one self-contained HTML document (inline CSS and SVG, no script, no network)
 * for Chromium to print: national emblem area, title, the type's fields in its print order with
 * labels in the chosen language, the issuer with its seal mark and date, the QR code, and the GB/T
 * 36904 identifier. Three layouts: `a4-landscape` (营业执照), `a4-portrait` (certificates, permits)
 * and `card` (identity-card-like licences, drawn at twice card size on A4).
 */
import type { Lang, LicenseTypeDefinition, NativeLicence } from '../types.ts'
import { emblemSvg, sealSvg } from './art.ts'
import { layoutCss } from './style.ts'
import { escapeHtml as e, formatDate, formatValue, WORDS } from './text.ts'

export interface PageOptions {
  lang: Lang
  verifyUrl: string
  /** The QR code as SVG (`qrSvg`). */
  qr: string
  /** Whether the QR carries the signed licence (else a short link). */
  offline: boolean
  /** The issuer's name in `lang` (defaults to the signed zh-CN name). */
  issuerName?: string
  /** When the page was made (printed small at the foot). */
  generatedAt?: Date
}

export interface PrintedField { key: string; label: string; value: string; wide: boolean }

/** The fields as printed, in the template's order, then any other field of the schema that has a value. */
export function printedFields(doc: NativeLicence, type: LicenseTypeDefinition, lang: Lang): PrintedField[] {
  const props = type.schema.properties
  const order = type.template.fields ?? Object.keys(props)
  const rest = Object.keys(props).filter((k) => !order.includes(k) && doc.licence.fields[k] !== undefined && type.template.fields === undefined)
  return [...order, ...rest]
    .filter((k) => doc.licence.fields[k] !== undefined && doc.licence.fields[k] !== '')
    .map((k) => {
      const f = props[k]
      const value = formatValue(f, doc.licence.fields[k], lang)
      return { key: k, label: f?.title[lang] ?? k, value, wide: (f?.maxLength ?? 0) >= 500 || [...value].length > 26 }
    })
}

function fieldsHtml(fields: PrintedField[]): string {
  return `<dl class="fields">${fields.map((f) => `<div class="field${f.wide ? ' field--wide' : ''}" data-field="${e(f.key)}"><dt>${e(f.label)}</dt><dd>${e(f.value)}</dd></div>`).join('')}</dl>`
}

function validityText(doc: NativeLicence, lang: Lang): string {
  const w = WORDS[lang]
  const until = doc.licence.validUntil ? formatDate(doc.licence.validUntil, lang) : w.longTerm
  return `${formatDate(doc.licence.validFrom, lang)} ${w.until} ${until}`
}

function issuerBlock(doc: NativeLicence, o: PageOptions): string {
  const w = WORDS[o.lang]
  const name = o.issuerName ?? doc.licence.issuer.name
  return `<div class="issuer">
    <div class="issuer__seal">${sealSvg(doc.licence.issuer.name, WORDS['zh-CN'].seal, '38mm')}</div>
    <p class="issuer__line"><span>${e(w.issuer)}</span><strong data-issuer>${e(name)}</strong></p>
    <p class="issuer__line"><span>${e(w.issuedOn)}</span><strong>${e(formatDate(doc.licence.issuedAt.slice(0, 10), o.lang))}</strong></p>
    <p class="issuer__line"><span>${e(w.validity)}</span><strong>${e(validityText(doc, o.lang))}</strong></p>
  </div>`
}

function qrBlock(o: PageOptions): string {
  const w = WORDS[o.lang]
  return `<figure class="qr"><div class="qr__code">${o.qr}</div><figcaption><strong>${e(w.scan)}</strong><span>${e(o.offline ? w.offline : w.online)}</span></figcaption></figure>`
}

function footer(doc: NativeLicence, type: LicenseTypeDefinition, o: PageOptions): string {
  const w = WORDS[o.lang]
  const made = o.generatedAt ? ` · ${w.generated} ${o.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''
  return `<footer class="foot">
    <p class="foot__id"><span>${e(w.identifier)}</span><code data-identifier>${e(doc.licence.id)}</code></p>
    <p class="foot__note">${e(w.statusNote)} · ${e(w.verifyAt)} ${e(o.verifyUrl)}${e(made)}</p>
    ${type.template.footer ? `<p class="foot__note">${e(type.template.footer[o.lang])}</p>` : ''}
  </footer>`
}

function body(doc: NativeLicence, type: LicenseTypeDefinition, o: PageOptions): string {
  const w = WORDS[o.lang]
  const title = (type.template.title ?? type.name)[o.lang]
  const fields = printedFields(doc, type, o.lang)
  const head = `<header class="head">${type.template.emblem ? `<div class="head__emblem">${emblemSvg(type.template.layout === 'card' ? '20mm' : '30mm')}</div>` : ''}
    <h1 class="title">${e(title)}</h1><p class="subtitle">${e(w.electronic)}</p></header>`
  if (type.template.layout === 'card') {
    return `<section class="card">${head}<div class="card__body">${fieldsHtml(fields)}${qrBlock(o)}</div></section>
      <section class="below">${issuerBlock(doc, o)}</section>${footer(doc, type, o)}`
  }
  if (type.template.layout === 'a4-landscape') {
    const idField = fields.find((f) => f.key === type.holderFields.identifier)
    const top = idField ? `<p class="topcode"><span>${e(idField.label)}</span><strong>${e(idField.value)}</strong></p>` : '<p class="topcode"></p>'
    return `<div class="top">${top}${head}${qrBlock(o)}</div>${fieldsHtml(fields.filter((f) => f !== idField))}<div class="bottom">${issuerBlock(doc, o)}</div>${footer(doc, type, o)}`
  }
  return `${head}${fieldsHtml(fields)}<div class="bottom">${qrBlock(o)}${issuerBlock(doc, o)}</div>${footer(doc, type, o)}`
}

/** The whole printable page for Chromium. Pure: the same inputs give the same HTML. */
export function licenceHtml(doc: NativeLicence, type: LicenseTypeDefinition, o: PageOptions): string {
  const colour = type.template.colour ?? '#a3241f'
  const title = `${type.name[o.lang]} ${doc.licence.id}`
  return `<!doctype html>
<html lang="${o.lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title>
<style>${layoutCss(type.template.layout, colour)}</style></head>
<body class="layout-${type.template.layout}"><main class="page">${body(doc, type, o)}</main></body></html>`
}
