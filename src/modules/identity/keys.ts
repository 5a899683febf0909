/**
 * Keys of the identity module, all derived from one 32-byte root key: the key that encrypts
 * personal identifiers (SM4-GCM), the key of their blind indexes (HMAC-SM3), and the secrets of
 * CSRF tokens and OpenID Connect cookies. A database dump alone reveals no identifier.
 */
import { randomBytes, createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { hmacSm3, sm4GcmOpen, sm4GcmSeal } from '../../lib/crypto/index.ts'

const enc = new TextEncoder()
const dec = new TextDecoder()

/**
 * Returns the configured root key, or the one stored in `<dataDir>/identity-root.key`, creating
 * that file (mode 0600) on first use. Two processes racing to create it end with the same key.
 */
export function loadRootKey(configured: Uint8Array | undefined, dataDir: string): Uint8Array {
  if (configured) return configured
  const file = join(dataDir, 'identity-root.key')
  mkdirSync(dirname(file), { recursive: true })
  try {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const text = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold a 32-byte hex key`)
  return Buffer.from(text, 'hex')
}

/** Derives a purpose-bound subkey: HMAC-SM3(root, label), truncated to `length` (≤ 32) bytes. */
export function deriveKey(root: Uint8Array, label: string, length = 32): Uint8Array {
  return hmacSm3(root, enc.encode(`zhicheng/identity/${label}`)).subarray(0, length)
}

export interface PiiCipher {
  /** Encrypts `plain` bound to `context` (e.g. `account:<id>:id_number`); returns `v1.<base64url>`. */
  seal(plain: string, context: string): string
  /** Decrypts what `seal` made for the same context; throws when the data or context was changed. */
  open(sealed: string, context: string): string
  /** A keyed, deterministic index of `kind`:`value` for equality lookups (hex, 64 characters). */
  index(kind: string, value: string): string
}

/** Creates the cipher for personal identifiers from the root key. */
export function createPiiCipher(root: Uint8Array): PiiCipher {
  const encKey = deriveKey(root, 'pii-encryption', 16)
  const idxKey = deriveKey(root, 'pii-index')
  return {
    seal(plain, context) {
      const iv = randomBytes(12)
      const sealed = sm4GcmSeal(encKey, iv, enc.encode(plain), enc.encode(context))
      return `v1.${Buffer.concat([iv, sealed]).toString('base64url')}`
    },
    open(sealed, context) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown personal-data ciphertext version')
      const raw = Buffer.from(sealed.slice(3), 'base64url')
      return dec.decode(sm4GcmOpen(encKey, raw.subarray(0, 12), raw.subarray(12), enc.encode(context)))
    },
    index(kind, value) {
      return Buffer.from(hmacSm3(idxKey, enc.encode(`${kind}:${value}`))).toString('hex')
    },
  }
}

/** SHA-256 of a bearer secret (session token, challenge): what the database stores instead of it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A new random secret with a readable prefix (`zcs_` session, `zca_` API token, `zcc_` challenge). */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}
