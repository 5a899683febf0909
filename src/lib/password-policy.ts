/**
 * Password rules of a level-3 classified-protection system (等保三级): minimum length, several
 * character classes, no user name inside, not a well-known password, and a maximum age.
 * Pure: the caller passes the policy and the clock reading.
 */

export interface PasswordPolicy {
  minLength: number
  maxLength: number
  /** How many of the four classes (lower, upper, digit, symbol) must appear. */
  minClasses: number
  /** Days after which a password must be changed; 0 means never. */
  maxAgeDays: number
}

/** Defaults: 10–128 characters, three classes, 90 days. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, maxLength: 128, minClasses: 3, maxAgeDays: 90 }

export type PasswordProblem = 'too-short' | 'too-long' | 'too-few-classes' | 'contains-username' | 'common' | 'repetitive'

const COMMON = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'admin', 'administrator', 'welcome', 'letmein',
  'iloveyou', 'abc123', 'abcd1234', 'a1b2c3d4', '123456', '12345678', '123456789', '1234567890', '11111111', '88888888',
  '66666666', '5201314', 'woaini', 'woaini1314', 'zhongguo', 'changeme', 'root', 'test', 'guest',
])

/** Counts the character classes present: lower-case, upper-case, digit, other. */
export function characterClasses(password: string): number {
  let n = 0
  if (/[a-z]/.test(password)) n++
  if (/[A-Z]/.test(password)) n++
  if (/\d/.test(password)) n++
  if (/[^A-Za-z0-9]/.test(password)) n++
  return n
}

/**
 * Checks `password` against `policy`; returns every problem found (empty when acceptable).
 * `usernames` are identifiers of the account (login name, mobile) that must not appear inside.
 */
export function checkPassword(password: string, policy: PasswordPolicy, usernames: string[] = []): PasswordProblem[] {
  const out: PasswordProblem[] = []
  const length = [...password].length
  if (length < policy.minLength) out.push('too-short')
  if (length > policy.maxLength) out.push('too-long')
  if (characterClasses(password) < policy.minClasses) out.push('too-few-classes')
  const lower = password.toLowerCase()
  if (usernames.some((u) => u.length >= 3 && lower.includes(u.toLowerCase()))) out.push('contains-username')
  const core = lower.replace(/[^a-z0-9@]/g, '').replace(/\d+$/, '')
  if (COMMON.has(lower) || COMMON.has(core)) out.push('common')
  if (/(.)\1{3,}/.test(password)) out.push('repetitive')
  return out
}

/** True when a password set at `changedAt` (epoch ms) is older than the policy allows at `now`. */
export function isPasswordExpired(changedAt: number, now: number, policy: PasswordPolicy): boolean {
  return policy.maxAgeDays > 0 && now - changedAt > policy.maxAgeDays * 86_400_000
}
