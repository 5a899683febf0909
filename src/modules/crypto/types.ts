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
  /** Verifies with `keyVersion` (default: the current version). Returns false for a bad or malformed signature; throws for an unknown key or version. */
  verify(keyId: string, message: Uint8Array, signature: Uint8Array, opts?: { userId?: string; format?: 'der' | 'raw'; keyVersion?: number }): Promise<boolean>
  /** raw: SM2/P-256 uncompressed 65-byte point (04‖x‖y), Ed25519 32 bytes. */
  getPublicKey(keyId: string, version?: number): Promise<{ algorithm: KeyAlgorithm; raw: Uint8Array; pem: string; jwk: Record<string, unknown> }>
}
