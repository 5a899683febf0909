/**
 * Encryption of single text values for storage (personal identifiers in a column): SM4-GCM with a
 * fresh 12-byte IV and a context (`table:id:column`) as additional data, so a value copied to
 * another row or column does not open; stored as `v1.<base64url(iv ‖ ciphertext ‖ tag)>`. And a
 * keyed blind index (HMAC-SM3) for equality lookups. The caller derives both keys; no I/O.
 */
import { randomBytes } from 'node:crypto'
import { CryptoError } from './errors.ts'
import { hmacSm3 } from './sm3.ts'
import { SM4_GCM_IV_LENGTH, SM4_GCM_TAG_LENGTH, sm4GcmOpen, sm4GcmSeal } from './sm4-gcm.ts'

const enc = new TextEncoder()
const dec = new TextDecoder('utf-8', { fatal: true })
const PREFIX = 'v1.'

export interface FieldCipher {
  /** Encrypts `plain` bound to `context`; returns `v1.<base64url>`. */
  seal(plain: string, context: string): string
  /** Decrypts what `seal` made for the same context; throws a CryptoError for anything else, never returns a wrong value. */
  open(sealed: string, context: string): string
  /** A keyed, deterministic index of `kind`:`value` for equality lookups (64 hex characters). */
  index(kind: string, value: string): string
}

/** Requires a 16-byte SM4 `encryption` key and an HMAC `index` key. */
export function createFieldCipher(keys: { encryption: Uint8Array; index: Uint8Array }): FieldCipher {
  return {
    seal(plain, context) {
      const iv = randomBytes(SM4_GCM_IV_LENGTH)
      return PREFIX + Buffer.concat([iv, sm4GcmSeal(keys.encryption, iv, enc.encode(plain), enc.encode(context))]).toString('base64url')
    },
    open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new CryptoError('CRYPTO_BAD_INPUT', 'not a v1 sealed value')
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url')
      if (raw.length < SM4_GCM_IV_LENGTH + SM4_GCM_TAG_LENGTH) throw new CryptoError('CRYPTO_BAD_INPUT', 'sealed value is truncated')
      return dec.decode(sm4GcmOpen(keys.encryption, raw.subarray(0, SM4_GCM_IV_LENGTH), raw.subarray(SM4_GCM_IV_LENGTH), enc.encode(context)))
    },
    index(kind, value) {
      return Buffer.from(hmacSm3(keys.index, enc.encode(`${kind}:${value}`))).toString('hex')
    },
  }
}
