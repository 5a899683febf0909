/**
 * Licence rendering: `renderLicencePdf` makes the printable PDF of a native licence — the page from
 * `html.ts` printed by Chromium, with a QR code that verifies offline (or links to the public
 * verification page) and the signed JSON embedded as `licence.json`.
 */
import type { Lang, LicenseTypeDefinition, NativeLicence } from '../types.ts'
import { htmlToPdf } from './chromium.ts'
import { licenceHtml } from './html.ts'
import { attachLicence } from './pdf-attachment.ts'
import { licenceQrText, qrSvg } from './qr.ts'

export { closeRenderer, RenderUnavailableError } from './chromium.ts'
export { extractLicenceFromPdf, ATTACHMENT_NAME } from './pdf-attachment.ts'
export { decodeLicenceQr, encodeLicenceQr, licenceQrText, QR_PAYLOAD_PREFIX, type DecodedQr } from './qr.ts'
export { licenceHtml, printedFields } from './html.ts'

export interface RenderOptions {
  /** Language of the labels and dates (values stay as issued). */
  lang: Lang
  /** Absolute URL of the public verification page, e.g. `https://zwfw.zs.gov.cn/verify`. */
  verifyUrl: string
  /** The issuer's name in `lang`, when known (defaults to the signed zh-CN name). */
  issuerName?: string
  /** Clock for the "generated" line and PDF dates (tests pass a fixed one). */
  now?: Date
}

/**
 * Renders a licence as PDF. Requires Chromium (`CHROMIUM_PATH` or /usr/bin/chromium) and throws
 * `RenderUnavailableError` without it. The result embeds `doc` as `licence.json`.
 */
export async function renderLicencePdf(doc: NativeLicence, type: LicenseTypeDefinition, opts: RenderOptions): Promise<Uint8Array> {
  const now = opts.now ?? new Date()
  const { text, offline } = licenceQrText(doc, opts.verifyUrl)
  const html = licenceHtml(doc, type, { lang: opts.lang, verifyUrl: opts.verifyUrl, qr: await qrSvg(text), offline, issuerName: opts.issuerName, generatedAt: now })
  const pdf = await htmlToPdf(html)
  return attachLicence(pdf, doc, { title: `${type.name[opts.lang]} ${doc.licence.id}`, subject: `${type.name['zh-CN']} · ${doc.licence.holder.name} · ${doc.licence.issuer.name}`, when: now })
}
