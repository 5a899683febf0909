/**
 * Electronic licence identifiers (电子证照标识, GB/T 36904-2018):
 * `1.2.156.3005.2.<type code>.<issuer credit code>.<number>.<version>.<check character>`.
 * The check character is ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet 0-9A-Z) computed over
 * type code ‖ issuer code ‖ number ‖ version, without the dots and without the OID prefix.
 * Pure code, no I/O.
 */

/** The OID arc under which licence identifiers live (1.2.156.3005.2 = 中国 电子证照). */
export const LICENSE_ID_PREFIX = '1.2.156.3005.2'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const PART = /^[0-9A-Z]+$/

/** The parts of an identifier between the prefix and the check character. */
export interface LicenseIdParts {
  /** Licence type code, e.g. `11100000000013338W011`. */
  typeCode: string
  /** Credit code (USCC) of the issuing authority. */
  issuerCode: string
  /** The licence number within type and issuer. */
  number: string
  /** Three digits: `001` for the first version, `002` for its replacement … */
  version: string
}

/** Why an identifier was refused. */
export type LicenseIdProblem = 'format' | 'prefix' | 'part' | 'version' | 'check-character'

/** Human explanations of each problem (English; the API maps codes to the caller's language). */
export const LICENSE_ID_PROBLEMS: Record<LicenseIdProblem, string> = {
  format: 'not of the form 1.2.156.3005.2.<type>.<issuer>.<number>.<version>.<check>',
  prefix: 'does not start with the licence arc 1.2.156.3005.2',
  part: 'a part is empty, too long or has characters other than 0-9 and A-Z',
  version: 'the version is not three digits',
  'check-character': 'the check character does not match (ISO/IEC 7064 MOD 37,36)',
}

const MAX_PART = { typeCode: 32, issuerCode: 32, number: 40 } as const

/**
 * ISO/IEC 7064 MOD 37,36 check character of `data` (characters 0-9, A-Z). Throws a TypeError for
 * any other character or empty input.
 */
export function mod3736CheckChar(data: string): string {
  if (data.length === 0) throw new TypeError('mod3736CheckChar: empty input')
  let p = 36
  for (let i = 0; i < data.length; i++) {
    const v = ALPHABET.indexOf(data[i])
    if (v < 0) throw new TypeError(`mod3736CheckChar: character ${i + 1} is outside 0-9A-Z`)
    let s = (p + v) % 36
    if (s === 0) s = 36
    p = (s * 2) % 37
  }
  return ALPHABET[(37 - p) % 36]
}

/** True when `data` followed by its last character is consistent under MOD 37,36. */
export function mod3736IsValid(dataWithCheck: string): boolean {
  if (dataWithCheck.length < 2) return false
  try {
    return mod3736CheckChar(dataWithCheck.slice(0, -1)) === dataWithCheck.slice(-1)
  } catch {
    return false
  }
}

function partProblem(p: LicenseIdParts): LicenseIdProblem | undefined {
  for (const k of ['typeCode', 'issuerCode', 'number'] as const) {
    const v = p[k]
    if (typeof v !== 'string' || !PART.test(v) || v.length > MAX_PART[k]) return 'part'
  }
  if (typeof p.version !== 'string' || !/^\d{3}$/.test(p.version)) return 'version'
  return undefined
}

/** The check character of an identifier's parts. Throws a TypeError for invalid parts. */
export function licenseIdCheckChar(p: LicenseIdParts): string {
  const problem = partProblem(p)
  if (problem) throw new TypeError(`licenseIdCheckChar: ${LICENSE_ID_PROBLEMS[problem]}`)
  return mod3736CheckChar(p.typeCode + p.issuerCode + p.number + p.version)
}

/** Builds an identifier with its check character. Throws a TypeError for invalid parts. */
export function makeLicenseId(p: LicenseIdParts): string {
  return `${LICENSE_ID_PREFIX}.${p.typeCode}.${p.issuerCode}.${p.number}.${p.version}.${licenseIdCheckChar(p)}`
}

/** Formats a version number 1..999 as three digits. */
export function formatLicenseVersion(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`licence version ${n} is outside 1..999`)
  return String(n).padStart(3, '0')
}

/**
 * Parses and validates an identifier (trimmed; letters upper-cased). Returns its parts and the
 * canonical string, or the first problem. Never throws.
 */
export function parseLicenseId(raw: unknown):
  | { ok: true; id: string; parts: LicenseIdParts; check: string }
  | { ok: false; problem: LicenseIdProblem } {
  if (typeof raw !== 'string' || raw.length > 200) return { ok: false, problem: 'format' }
  const s = raw.trim().toUpperCase()
  const fields = s.split('.')
  const prefixOk = fields.slice(0, 5).join('.') === LICENSE_ID_PREFIX
  if (fields.length !== 10) return { ok: false, problem: prefixOk || fields.length < 5 ? 'format' : 'prefix' }
  if (!prefixOk) return { ok: false, problem: 'prefix' }
  const [typeCode, issuerCode, number, version, check] = fields.slice(5)
  const parts: LicenseIdParts = { typeCode, issuerCode, number, version }
  const problem = partProblem(parts)
  if (problem) return { ok: false, problem }
  if (check.length !== 1 || !ALPHABET.includes(check)) return { ok: false, problem: 'check-character' }
  if (mod3736CheckChar(typeCode + issuerCode + number + version) !== check) return { ok: false, problem: 'check-character' }
  return { ok: true, id: s, parts, check }
}

/** True when `raw` is a valid licence identifier. */
export function isLicenseId(raw: unknown): boolean {
  return parseLicenseId(raw).ok
}
