// Licence rendering: the QR payload round-trips and falls back to a short link; the page escapes
// what it prints and labels fields in each language; and (with Chromium and poppler present) the
// PDF carries the fields as text, a QR code that decodes back to the signed licence, and the
// licence as an embedded file. The rendered page is written to test-results/licences/ to look at.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, describe, test } from 'node:test'
import { createRequire } from 'node:module'
import { DEMO_LICENCES } from '../data/demo.ts'
import { licenseTypeByKey } from '../data/types.ts'
import type { NativeLicence } from '../types.ts'
import { chromiumPath } from './chromium.ts'
import { closeRenderer, decodeLicenceQr, encodeLicenceQr, extractLicenceFromPdf, licenceHtml, licenceQrText, printedFields, renderLicencePdf } from './index.ts'
import { sampleLicence } from './sample.ts'

// jsqr and pngjs are CommonJS without usable ESM typings here: load them with require and type what is used.
const require = createRequire(import.meta.url)
type QrHit = { data: string } | null
const jsqrModule = require('jsqr') as { default?: unknown }
const jsQR = (jsqrModule.default ?? jsqrModule) as (data: Uint8ClampedArray, width: number, height: number) => QrHit
const { PNG } = require('pngjs') as { PNG: { sync: { read(buf: Buffer): { width: number; height: number; data: Buffer } } } }

const VERIFY = 'https://zwfw.zs.gov.cn/verify'
const seed = (key: string) => DEMO_LICENCES.find((d) => d.key === key)!
const withoutReceipt = (d: NativeLicence) => ({ ...d, receipt: null })

describe('QR payload', () => {
  const doc = { ...sampleLicence(seed('zhicheng-licence-2')), receipt: { big: 'x'.repeat(5000) } }

  test('round-trips the signed licence (without its receipt) through a full verification URL', () => {
    const { text, offline } = licenceQrText(doc, VERIFY)
    assert.equal(offline, true)
    assert.ok(text.startsWith(`${VERIFY}?id=${doc.licence.id}#ZL1.`) && text.length < 1700, `${text.length} characters`)
    assert.deepEqual(decodeLicenceQr(text), { kind: 'licence', doc: withoutReceipt(doc) })
    assert.deepEqual(decodeLicenceQr(encodeLicenceQr(doc)), { kind: 'licence', doc: withoutReceipt(doc) })
  })

  test('falls back to a short link when the payload would be too dense', () => {
    const { text, offline } = licenceQrText(doc, `${VERIFY}?id=whatever`, 200)
    assert.equal(offline, false)
    assert.equal(text, `${VERIFY}?id=${doc.licence.id}`)
    assert.deepEqual(decodeLicenceQr(text), { kind: 'link', identifier: doc.licence.id })
  })

  test('anything else is unknown, with a reason, never an exception', () => {
    assert.equal(decodeLicenceQr('https://example.org/').kind, 'unknown')
    assert.equal(decodeLicenceQr('ZL1.not-deflate!!').kind, 'unknown')
    const other = 'ZL1.' + Buffer.from('{}').toString('base64url')
    assert.equal(decodeLicenceQr(other).kind, 'unknown')
  })

  test('every demo licence fits an offline QR code', () => {
    for (const d of DEMO_LICENCES) assert.equal(licenceQrText(sampleLicence(d), VERIFY).offline, true, d.key)
  })
})

describe('licence page', () => {
  const doc = sampleLicence(seed('qijiang-food'))
  const type = licenseTypeByKey('food-business-permit')

  test('prints fields in order with labels and enum values in the chosen language', () => {
    const zh = printedFields(doc, type, 'zh-CN')
    assert.deepEqual(zh.slice(0, 3).map((f) => f.label), ['名称', '统一社会信用代码', '法定代表人'])
    assert.equal(zh.find((f) => f.key === 'mainForm')!.value, '餐饮服务经营者')
    assert.equal(printedFields(doc, type, 'zh-TW').find((f) => f.key === 'mainForm')!.value, '餐飲服務經營者')
    const en = printedFields(doc, type, 'en-US')
    assert.equal(en.find((f) => f.key === 'mainForm')!.value, 'Catering service')
    const company = sampleLicence(seed('zhicheng-licence-2'))
    const businessLicence = licenseTypeByKey('business-licence')
    assert.equal(printedFields(company, businessLicence, 'zh-CN').find((f) => f.key === 'establishedOn')!.value, '2021年03月18日')
    assert.equal(printedFields(company, businessLicence, 'en-US').find((f) => f.key === 'establishedOn')!.value, '18 Mar 2021')
  })

  test('escapes every printed value and allows no script or remote resource', () => {
    const evil = { ...doc, licence: { ...doc.licence, fields: { ...doc.licence.fields, entityName: '<script>alert(1)</script>"&' } } }
    const html = licenceHtml(evil, type, { lang: 'zh-CN', verifyUrl: VERIFY, qr: '<svg></svg>', offline: true })
    assert.ok(!html.includes('<script>alert(1)'))
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;'))
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/)
    assert.ok(html.includes(doc.licence.id) && html.includes('中山市市场监督管理局'))
  })
})

const tools = existsSync(chromiumPath()) && ['pdftotext', 'pdftoppm'].every((t) => {
  try {
    execFileSync(t, ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})

describe('PDF through Chromium', { skip: tools ? false : 'needs chromium and poppler-utils (pdftotext, pdftoppm)', timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'zc-render-'))
  const out = resolve(import.meta.dirname, '../../../../test-results/licences')
  after(async () => {
    await closeRenderer()
    rmSync(dir, { recursive: true, force: true })
  })

  for (const [key, lang] of [['zhicheng-licence-2', 'zh-CN'], ['zhang-san-id', 'en-US']] as const) {
    test(`${key} (${lang}): text, QR and embedded licence`, async () => {
      const d = seed(key)
      const type = licenseTypeByKey(d.type)
      const doc = sampleLicence(d)
      const pdf = await renderLicencePdf(doc, type, { lang, verifyUrl: VERIFY, now: new Date('2026-11-28T02:00:00Z') })
      const file = join(dir, `${key}.pdf`)
      writeFileSync(file, pdf)
      mkdirSync(out, { recursive: true })
      writeFileSync(join(out, `${key}-${lang}.pdf`), pdf)

      assert.equal(execFileSync('pdfinfo', [file]).toString().match(/Pages:\s+(\d+)/)?.[1], '1', 'one page')
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
      const squeezed = text.replace(/\s+/g, '')
      for (const want of [(type.template.title ?? type.name)[lang].replace(/\s+/g, ''), doc.licence.holder.name, doc.licence.id, '中山市']) assert.ok(squeezed.includes(want), `PDF text lacks ${want}`)

      // jsQR's binariser is picky about module size: try a few print resolutions, as a scanner would.
      let qr: QrHit = null
      for (const dpi of ['300', '240', '360']) {
        execFileSync('pdftoppm', ['-r', dpi, '-png', '-singlefile', file, join(dir, key)])
        const png = PNG.sync.read(readFileSync(join(dir, `${key}.png`)))
        qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)
        if (qr) break
      }
      assert.ok(qr, 'no QR code found on the page')
      assert.deepEqual(decodeLicenceQr(qr.data), { kind: 'licence', doc: withoutReceipt(doc) })

      assert.deepEqual(await extractLicenceFromPdf(pdf), doc)
    })
  }

  test('a PDF without an attachment, and bytes that are no PDF, yield nothing', async () => {
    assert.equal(await extractLicenceFromPdf(new TextEncoder().encode('%PDF-1.4\n%%EOF\n')), undefined)
    assert.equal(await extractLicenceFromPdf(new Uint8Array([1, 2, 3])), undefined)
  })
})
