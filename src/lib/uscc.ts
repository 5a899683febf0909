/**
 * Unified social credit codes of organisations (统一社会信用代码, GB 32100-2015): registration
 * authority, organisation type, 6-digit division code, 9-character organisation code (GB 11714)
 * and a MOD 31 check character, over the 31-character alphabet without I, O, Z, S and V.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const AUTHORITIES = '123456789ABCDEFGHNY'

/** Why a credit code was refused. */
export type UsccProblem = 'format' | 'authority' | 'division' | 'check-character'

/**
 * Computes the GB 32100 check character of the first 17 characters. Requires 17 characters of the
 * code alphabet; throws a TypeError otherwise.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new TypeError(`usccCheckChar: got ${first17.length} characters, want 17`)
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i])
    if (v < 0) throw new TypeError(`usccCheckChar: character ${i + 1} is outside the code alphabet`)
    sum += v * WEIGHTS[i]
  }
  return ALPHABET[(31 - (sum % 31)) % 31]
}

/** Upper-cases and trims; does not validate. */
export function normalizeUscc(raw: string): string {
  return raw.trim().toUpperCase()
}

/**
 * Checks an 18-character unified social credit code: alphabet, registration authority, a numeric
 * division code and the check character. Returns the canonical code or the first problem. Never throws.
 */
export function parseUscc(raw: string): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const c = normalizeUscc(raw)
  if (c.length !== 18 || [...c].some((ch) => !ALPHABET.includes(ch))) return { ok: false, problem: 'format' }
  if (!AUTHORITIES.includes(c[0])) return { ok: false, problem: 'authority' }
  if (!/^\d{6}$/.test(c.slice(2, 8))) return { ok: false, problem: 'division' }
  if (usccCheckChar(c.slice(0, 17)) !== c[17]) return { ok: false, problem: 'check-character' }
  return { ok: true, code: c }
}

/** True when `raw` is a valid unified social credit code. */
export function isUscc(raw: string): boolean {
  return parseUscc(raw).ok
}

/** Builds a valid code from its first 17 characters (demo data and tests). Throws like {@link usccCheckChar}. */
export function makeUscc(first17: string): string {
  return first17 + usccCheckChar(first17)
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/**
 * The GB 11714 check character of an 8-character organisation code body (digits and upper-case
 * letters, A = 10 … Z = 35). Throws a TypeError on other input.
 */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new TypeError('orgCodeCheckChar: want 8 digits or upper-case letters')
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i]
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

/**
 * Builds a credit code from its parts with both check characters right: registration authority and
 * type (`91` for an enterprise), a 6-digit division and an 8-character organisation code body.
 */
export function makeUsccFromParts(authorityAndType: string, division: string, orgBody8: string): string {
  return makeUscc(`${authorityAndType}${division}${orgBody8}${orgCodeCheckChar(orgBody8)}`)
}
