import { ConfigError } from '../../core/config.ts'
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../lib/password-policy.ts'

/** Settings of the identity module. Read from the environment at boot; tests pass overrides. */
export interface IdentityOptions {
  /** 32-byte root key (hex or base64 in `ROOT_KEY`); without it a key file under DATA_DIR is made once. */
  rootKey: Uint8Array | undefined
  /** Public base URL of the platform, the OpenID Connect issuer (`PUBLIC_URL`). */
  issuer: string | undefined
  /** `Secure` attribute on cookies (`COOKIE_SECURE`, default true; false only for plain-http development). */
  cookieSecure: boolean
  cookieSameSite: 'lax' | 'strict'
  /** Absolute lifetime of a web session and of an API token. */
  webSessionTtlMs: number
  apiTokenTtlMs: number
  /** A session unused this long ends (等保: idle timeout). */
  idleTimeoutMs: number
  passwordPolicy: PasswordPolicy
  /** Failures within `lockWindowMs` that lock an account for `lockMs`. */
  maxFailures: number
  lockWindowMs: number
  lockMs: number
  /** Login attempts per IP address and minute (HTTP 429 above). */
  loginRatePerMinute: number
  argon2: { memoryCost: number; timeCost: number; parallelism: number }
  /**
   * How long a resolved session and principal are reused without reading the database. Changes
   * made in this process apply at once; other processes see them after at most this long.
   */
  cacheMs: number
  /**
   * Where the OpenID Connect signing key lives: `crypto` (the platform: an ES256 key of the crypto
   * module, used by key id) or `local` (identity without crypto: an RS256 key stored encrypted in
   * `identity_key`). Fixed when the module is created, because it decides `dependsOn`.
   */
  oidcSigningKey: 'crypto' | 'local'
}

type Env = Record<string, string | undefined>

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = env[key]?.trim()
  if (!raw) return def
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(key, `an integer ${min}-${max}`, raw)
  return Number(raw)
}

function parseKey(raw: string): Uint8Array {
  const s = raw.trim()
  const bytes = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64')
  if (bytes.length !== 32) throw new ConfigError('ROOT_KEY', '32 bytes as 64 hex characters or base64', '<redacted>')
  return bytes
}

/** Builds the identity options from the environment, over `overrides`. Throws ConfigError. */
export function loadIdentityOptions(env: Env = process.env, overrides: Partial<IdentityOptions> = {}): IdentityOptions {
  const secure = env.COOKIE_SECURE?.trim().toLowerCase()
  if (secure && !['true', 'false', '1', '0'].includes(secure)) throw new ConfigError('COOKIE_SECURE', 'true or false', secure)
  const sameSite = (env.COOKIE_SAMESITE?.trim().toLowerCase() || 'lax') as 'lax' | 'strict'
  if (sameSite !== 'lax' && sameSite !== 'strict') throw new ConfigError('COOKIE_SAMESITE', 'lax or strict', sameSite)
  const issuer = env.PUBLIC_URL?.trim().replace(/\/$/, '') || undefined
  if (issuer && !/^https?:\/\/[^\s/]+$/.test(issuer)) throw new ConfigError('PUBLIC_URL', 'an http(s) origin without a path', issuer)
  return {
    rootKey: env.ROOT_KEY ? parseKey(env.ROOT_KEY) : undefined,
    issuer,
    cookieSecure: secure ? secure === 'true' || secure === '1' : true,
    cookieSameSite: sameSite,
    webSessionTtlMs: int(env, 'SESSION_TTL_MINUTES', 8 * 60, 5, 30 * 24 * 60) * 60_000,
    apiTokenTtlMs: int(env, 'API_TOKEN_TTL_MINUTES', 60, 5, 30 * 24 * 60) * 60_000,
    idleTimeoutMs: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60_000,
    passwordPolicy: {
      minLength: int(env, 'PASSWORD_MIN_LENGTH', DEFAULT_PASSWORD_POLICY.minLength, 8, 64),
      maxLength: DEFAULT_PASSWORD_POLICY.maxLength,
      minClasses: int(env, 'PASSWORD_MIN_CLASSES', DEFAULT_PASSWORD_POLICY.minClasses, 1, 4),
      maxAgeDays: int(env, 'PASSWORD_MAX_AGE_DAYS', DEFAULT_PASSWORD_POLICY.maxAgeDays, 0, 3650),
    },
    maxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    lockWindowMs: int(env, 'LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 24 * 60) * 60_000,
    lockMs: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60) * 60_000,
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 30, 1, 100_000),
    argon2: {
      memoryCost: int(env, 'ARGON2_MEMORY_KIB', 19_456, 8_192, 1_048_576),
      timeCost: int(env, 'ARGON2_ITERATIONS', 2, 1, 20),
      parallelism: int(env, 'ARGON2_PARALLELISM', 1, 1, 16),
    },
    cacheMs: int(env, 'IDENTITY_CACHE_MS', 5_000, 0, 60_000),
    oidcSigningKey: 'local',
    ...overrides,
  }
}
