import type { KeyAlgorithm, KeyPurpose } from './algorithms.ts'

export type { KeyAlgorithm, KeyPurpose }
export type KeyState = 'active' | 'disabled' | 'destroyed'

/** Who a key belongs to: a department, an e-seal, or the platform itself. */
export interface KeyOwner { type: 'department' | 'seal' | 'system'; id: string }

/** A key's public description. Never carries private or secret material. */
export interface KeyInfo {
  /** `key_01J…` */
  id: string
  label: string
  algorithm: KeyAlgorithm
  purpose: KeyPurpose
  owner: KeyOwner
  state: KeyState
  /** The current version: new signatures and ciphertexts use it. */
  version: number
  /** Private/secret-key uses so far, including ones not yet flushed to the database. */
  usageCount: number
  createdAt: string
  /** SubjectPublicKeyInfo PEM of the current version (asymmetric keys only). */
  publicKeyPem?: string
}

/** The runtime API other modules receive as `ctx.deps.crypto`. Private keys never leave the module. */
export interface CryptoApi {
  /** Idempotent: returns the system key with this label, creating it (owner {type:'system', id: label}) on first call. Audited on creation. */
  ensureSystemKey(label: string, algorithm: KeyAlgorithm, purpose: KeyPurpose): Promise<KeyInfo>
  getKey(keyId: string): Promise<KeyInfo | undefined>
  /** Signs with the key's current version. SM2: SM3 with Z_A(userId, default '1234567812345678'), signature DER; ECDSA-P256: SHA-256, DER; Ed25519: raw 64 bytes. Counts one use; throws a typed AppError for unknown/disabled/destroyed keys or wrong purpose. */
  sign(keyId: string, message: Uint8Array, opts?: { userId?: string; format?: 'der' | 'raw' }): Promise<{ signature: Uint8Array; keyVersion: number }>
  /** Like `sign` for many messages: checks the key and picks its current version once; each `sign` then counts one use (SM2 runs on the signing threads). */
  signer(keyId: string, opts?: { userId?: string; format?: 'der' | 'raw' }): Promise<{ keyVersion: number; sign(message: Uint8Array): Promise<Uint8Array> }>
  /** Verifies with `keyVersion` (default: the current version). Returns false for a bad or malformed signature; throws for an unknown key or version. */
  verify(keyId: string, message: Uint8Array, signature: Uint8Array, opts?: { userId?: string; format?: 'der' | 'raw'; keyVersion?: number }): Promise<boolean>
  /** raw: SM2/P-256 uncompressed 65-byte point (04‖x‖y), Ed25519 32 bytes. */
  getPublicKey(keyId: string, version?: number): Promise<{ algorithm: KeyAlgorithm; raw: Uint8Array; pem: string; jwk: Record<string, unknown> }>
  /**
   * Envelope encryption: a fresh random data key (SM4 16 bytes, AES-256 32 bytes) in plaintext and
   * wrapped under the current version of `keyId`, a `wrap` key (SM4/AES-256: GCM iv‖ciphertext‖tag,
   * bound to `aad`; SM2: public-key encryption C1C3C2, no aad). Store `wrapped` and `keyVersion`,
   * never `plaintext`. Counts one use (audited per flush, like `sign`); throws a typed AppError for
   * unknown/disabled/destroyed keys or a purpose other than `wrap`.
   */
  generateDataKey(keyId: string, algorithm?: 'SM4' | 'AES-256', opts?: { aad?: Uint8Array }): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array; keyVersion: number; algorithm: 'SM4' | 'AES-256' }>
  /**
   * Unwraps a data key made by `generateDataKey` with `keyVersion` (default: the current version;
   * pass the one `generateDataKey` returned, so that rotation does not strand it) and the same
   * `aad`. Counts one use. Throws CRYPTO_DECRYPT_FAILED (and releases nothing) when the wrapped key,
   * its aad or the version does not match; the other errors as `generateDataKey`.
   */
  unwrapDataKey(keyId: string, wrapped: Uint8Array, opts?: { keyVersion?: number; aad?: Uint8Array }): Promise<Uint8Array>
}
