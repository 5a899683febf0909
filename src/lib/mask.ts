/**
 * Masking of personal identifiers for display and logs (GB/T 35273 de-identification by
 * suppression). Each function keeps a fixed number of leading and trailing characters and never
 * returns more of the input than that, whatever its length.
 */

function keep(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length)
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail)
}

/** `442000199001011234` → `4420**********1234` (first 4 and last 4 kept). */
export function maskIdNumber(value: string): string {
  return keep(value, 4, 4)
}

/** `13800138000` → `138****8000` (first 3 and last 4 kept). */
export function maskMobile(value: string): string {
  return keep(value, 3, 4)
}

/** `张三丰` → `张**`, `Li` → `L*`: the first character kept. */
export function maskName(value: string): string {
  const chars = [...value]
  if (chars.length <= 1) return '*'
  return chars[0] + '*'.repeat(chars.length - 1)
}

const ID_LIKE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const MOBILE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/g

/**
 * Replaces anything shaped like a citizen ID number or a mainland mobile number inside free text
 * (a login name typed by a user, a search term) by its masked form. For values headed to logs.
 */
export function maskIdentifiersIn(text: string): string {
  return text.replace(ID_LIKE, (m) => maskIdNumber(m)).replace(MOBILE_LIKE, (m) => maskMobile(m))
}
