/**
 * What the QR code on a licence carries. Scanned by a phone it opens the public verification page;
 * read by the page (or by `zhicheng verify`) it yields the signed licence itself, so a verifier
 * can check the signature without asking the platform:
 *
 *   <verify page>?id=<identifier>#ZL1.<base64url(deflate-raw(JSON of the native licence without its receipt))>
 *
 * The payload rides in the URL fragment, which browsers never send to a server: scanning does not
 * leak the licence's fields into access logs. When the payload would make the code too dense to
 * scan from paper, the code carries only the short link `<verify page>?id=<identifier>`, and the
 * page looks the licence's status up online (no holder data is answered there).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import QRCode from 'qrcode'
import { NATIVE_FORMAT, type NativeLicence } from '../types.ts'

/** Prefix of an offline payload (version 1 of this encoding). */
export const QR_PAYLOAD_PREFIX = 'ZL1.'

/**
 * Longest QR text we print: 1,700 characters fit QR version 34 at error correction level M (byte
 * capacity 1,722), 153 modules, about 0.3 mm each in a 46 mm code — readable by a phone camera from a
 * laser print. The demo city's licences need 1,000–1,450 (versions 25–31).
 */
export const QR_MAX_CHARS = 1700

/** The offline payload of a licence: `ZL1.` + base64url of the deflated JSON (receipt left out). */
export function encodeLicenceQr(doc: NativeLicence): string {
  const { receipt: _receipt, ...rest } = doc
  void _receipt
  return QR_PAYLOAD_PREFIX + deflateRawSync(Buffer.from(JSON.stringify(rest), 'utf8'), { level: 9 }).toString('base64url')
}

export type DecodedQr =
  | { kind: 'licence'; doc: NativeLicence }
  | { kind: 'link'; identifier: string }
  | { kind: 'unknown'; reason: string }

/**
 * Reads what a QR code carries: a full verification URL, a bare `ZL1.` payload or a short link.
 * Never throws: anything it cannot read comes back as `unknown` with the reason.
 */
export function decodeLicenceQr(text: string): DecodedQr {
  const t = text.trim()
  const hash = t.indexOf('#')
  const payload = hash >= 0 ? t.slice(hash + 1) : t
  if (payload.startsWith(QR_PAYLOAD_PREFIX)) {
    try {
      const json = inflateRawSync(Buffer.from(payload.slice(QR_PAYLOAD_PREFIX.length), 'base64url')).toString('utf8')
      const doc = JSON.parse(json) as NativeLicence
      if (doc?.format !== NATIVE_FORMAT || typeof doc.licence !== 'object') return { kind: 'unknown', reason: 'not a zhicheng-licence/v1 document' }
      return { kind: 'licence', doc: { ...doc, receipt: null } }
    } catch {
      return { kind: 'unknown', reason: 'the payload is not deflated JSON' }
    }
  }
  const m = /[?&]id=([0-9A-Za-z.]+)/.exec(t)
  if (m) return { kind: 'link', identifier: decodeURIComponent(m[1]!) }
  return { kind: 'unknown', reason: 'no zhicheng licence payload or link' }
}

/**
 * The text to put in a licence's QR code: `<page>?id=<identifier>#ZL1.…` when the offline payload
 * fits, else the short link `<page>?id=<identifier>`. Any query already on `verifyUrl` is replaced,
 * so the server may pass either its page URL or a licence's short link.
 */
export function licenceQrText(doc: NativeLicence, verifyUrl: string, maxChars = QR_MAX_CHARS): { text: string; offline: boolean } {
  const link = `${verifyUrl.split(/[?#]/)[0]}?id=${encodeURIComponent(doc.licence.id)}`
  const full = `${link}#${encodeLicenceQr(doc)}`
  return full.length <= maxChars ? { text: full, offline: true } : { text: link, offline: false }
}

/**
 * The QR code of `text` as an SVG document (error correction M, 4-module quiet zone). Modules are
 * filled rectangles merged per row — not stroked lines, whose anti-aliased edges leave hairline
 * gaps between rows in a printed PDF that break decoding.
 */
export function qrSvg(text: string): Promise<string> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const quiet = 4
  let d = ''
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!modules.get(y, x)) continue
      let run = 1
      while (x + run < n && modules.get(y, x + run)) run++
      d += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`
      x += run - 1
    }
  }
  const size = n + 2 * quiet
  return Promise.resolve(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`)
}
