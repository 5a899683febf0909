/** GB/T 2260 province-level prefixes. */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'])

export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'town' | 'village'

/**
 * Parses an administrative division code: 6 digits (GB/T 2260, province/prefecture/county) or
 * 12 digits (statistical code with town and village tiers). Returns its level, or undefined when
 * the code is malformed or names no known province. Never throws.
 */
export function parseDivisionCode(code: string): { level: DivisionLevel; province: string } | undefined {
  if (!/^\d{6}(\d{6})?$/.test(code)) return undefined
  const province = code.slice(0, 2)
  if (!PROVINCES.has(province)) return undefined
  const county = code.slice(0, 6)
  if (code.length === 12) {
    if (county.endsWith('0000')) return undefined
    if (code.slice(6) === '000000') return { level: county.endsWith('00') ? 'prefecture' : 'county', province }
    return { level: code.slice(9) === '000' ? 'town' : 'village', province }
  }
  if (county.endsWith('0000')) return { level: 'province', province }
  if (county.endsWith('00')) return { level: 'prefecture', province }
  return { level: 'county', province }
}

/** True when `code` is a well-formed GB/T 2260 (6-digit) or statistical (12-digit) division code. */
export function isDivisionCode(code: string): boolean {
  return parseDivisionCode(code) !== undefined
}
