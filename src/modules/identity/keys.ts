/**
 * Keys of the identity module, all derived from one 32-byte root key: the key that encrypts
 * personal identifiers (SM4-GCM), the key of their blind indexes (HMAC-SM3), and the secrets of
 * CSRF tokens and OpenID Connect cookies. A database dump alone reveals no identifier.
 */
import { randomBytes, createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createFieldCipher, hmacSm3, type FieldCipher } from '../../lib/crypto/index.ts'

const enc = new TextEncoder()

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

/** Personal identifiers (`seal`/`open` bound to a context such as `account:<id>:id_number`; `index` for equality lookups). */
export type PiiCipher = FieldCipher

/** Creates the cipher for personal identifiers from the root key. */
export function createPiiCipher(root: Uint8Array): PiiCipher {
  return createFieldCipher({ encryption: deriveKey(root, 'pii-encryption', 16), index: deriveKey(root, 'pii-index') })
}

/** SHA-256 of a bearer secret (session token, challenge): what the database stores instead of it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A new random secret with a readable prefix (`zcs_` session, `zca_` API token, `zcc_` challenge). */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}
