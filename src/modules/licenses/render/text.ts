/**
 * Text of the licence page: HTML escaping, value formatting per language, and the page's own
 * words in three languages (the PDF is rendered on the server, outside the web app's catalogs).
 */
import type { Lang, LicenseFieldSchema } from '../types.ts'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

type Words = Record<'issuer' | 'issuedOn' | 'validity' | 'longTerm' | 'identifier' | 'scan' | 'offline' | 'online' | 'statusNote' | 'electronic' | 'generated' | 'yes' | 'no' | 'seal' | 'holder' | 'verifyAt' | 'until', string>

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    issuer: '发证机关', issuedOn: '发证日期', validity: '有效期', longTerm: '长期', identifier: '证照标识', scan: '扫码核验', until: '至',
    offline: '二维码内含签名数据，无需联网即可核验真伪', online: '扫描二维码在线核验', statusNote: '证照状态以扫码核验结果为准',
    electronic: '电子证照', generated: '生成时间', yes: '是', no: '否', seal: '电子证照专用章', holder: '持证人', verifyAt: '核验网址',
  },
  'zh-TW': {
    issuer: '發證機關', issuedOn: '發證日期', validity: '有效期', longTerm: '長期', identifier: '證照標識', scan: '掃碼核驗', until: '至',
    offline: '二維碼內含簽章資料，無需連網即可核驗真偽', online: '掃描二維碼線上核驗', statusNote: '證照狀態以掃碼核驗結果為準',
    electronic: '電子證照', generated: '產生時間', yes: '是', no: '否', seal: '電子證照專用章', holder: '持證人', verifyAt: '核驗網址',
  },
  'en-US': {
    issuer: 'Issued by', issuedOn: 'Date of issue', validity: 'Validity', longTerm: 'No expiry', identifier: 'Licence identifier', scan: 'Scan to verify', until: 'to',
    offline: 'The QR code carries the signed licence: it verifies without a network', online: 'Scan the QR code to verify online', statusNote: 'The current status is the one verification shows',
    electronic: 'Electronic licence', generated: 'Generated', yes: 'Yes', no: 'No', seal: '电子证照专用章', holder: 'Holder', verifyAt: 'Verify at',
  },
}

/** A `YYYY-MM-DD` date in the page's language (2024年06月12日 / 12 Jun 2024); other text unchanged. */
export function formatDate(value: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return value
  if (lang === 'en-US') return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  return `${m[1]}年${m[2]}月${m[3]}日`
}

/** A field value as printed: enum labels, dates, booleans and numbers in the page's language. */
export function formatValue(field: LicenseFieldSchema | undefined, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—'
  if (field?.enum && field.enumLabels) {
    const i = field.enum.indexOf(value as string | number)
    if (i >= 0 && field.enumLabels[i]) return field.enumLabels[i]![lang]
  }
  if (typeof value === 'boolean') return WORDS[lang][value ? 'yes' : 'no']
  if (typeof value === 'number') return value.toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 })
  if (typeof value === 'string' && field?.format === 'date') return formatDate(value, lang)
  return typeof value === 'string' ? value : JSON.stringify(value)
}
