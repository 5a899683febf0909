/**
 * Citizen identity numbers of the PRC (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit
 * birth date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check
 * character. Pure functions; nothing here logs or stores a number.
 */
import { parseDivisionCode } from './division-code.ts'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** Why a citizen ID number was refused. */
export type CnIdProblem = 'format' | 'region' | 'birth-date' | 'check-digit'

export interface CnIdInfo {
  /** The number in canonical form: 18 characters, upper-case X. */
  number: string
  region: string
  /** Birth date as `YYYY-MM-DD`. */
  birthDate: string
  sex: 'male' | 'female'
}

/**
 * Computes the GB 11643 check character of the first 17 digits. Requires exactly 17 ASCII digits;
 * throws a TypeError otherwise.
 */
export function cnIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError(`cnIdCheckDigit: got ${first17.length} characters, want 17 digits`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** Upper-cases the check character and trims spaces; does not validate. */
export function normalizeCnId(raw: string): string {
  return raw.trim().toUpperCase()
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/**
 * Checks an 18-character citizen ID number: format, a known province in the address code, a real
 * birth date not after `today` (epoch ms) and not before 1900, and the check character.
 * Returns the parsed number or the first problem found. Never throws.
 */
export function parseCnId(raw: string, today: number = Date.now()): { ok: true; info: CnIdInfo } | { ok: false; problem: CnIdProblem } {
  const n = normalizeCnId(raw)
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, problem: 'format' }
  const region = n.slice(0, 6)
  if (!parseDivisionCode(region)) return { ok: false, problem: 'region' }
  const y = Number(n.slice(6, 10))
  const m = Number(n.slice(10, 12))
  const d = Number(n.slice(12, 14))
  if (y < 1900 || !validDate(y, m, d) || Date.UTC(y, m - 1, d) > today) return { ok: false, problem: 'birth-date' }
  if (cnIdCheckDigit(n.slice(0, 17)) !== n[17]) return { ok: false, problem: 'check-digit' }
  return {
    ok: true,
    info: { number: n, region, birthDate: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`, sex: Number(n[16]) % 2 === 1 ? 'male' : 'female' },
  }
}

/** True when `raw` is a valid citizen ID number (see {@link parseCnId}). */
export function isCnId(raw: string, today?: number): boolean {
  return parseCnId(raw, today).ok
}

/**
 * Builds a valid synthetic ID number from a 6-digit region, a `YYYYMMDD` birth date and a sequence
 * 0–999 (odd: male). For demo data and tests. Throws a TypeError on malformed input.
 */
export function makeCnId(region: string, birth: string, sequence: number): string {
  if (!/^\d{6}$/.test(region) || !/^\d{8}$/.test(birth) || !Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new TypeError('makeCnId: want a 6-digit region, a YYYYMMDD birth date and a sequence 0-999')
  }
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`
  return first17 + cnIdCheckDigit(first17)
}
