/**
 * Where private and secret key material lives. The service never touches material directly: it
 * holds an opaque `handle` per key version and asks the backend to operate with it. The software
 * backend's handle is the material wrapped with SM4-GCM under the KEK; a PKCS#11 backend's handle
 * would name an object on the token (CKA_ID), and `generate` would call C_GenerateKeyPair there.
 */
import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { CryptoError, sm4GcmDecrypt, sm4GcmEncrypt, type Sm2CiphertextMode } from '../../lib/crypto/index.ts'
import {
  gcmOpen, gcmSeal, generateMaterial, isAsymmetric, prepareSigner, publicKeyOf, sm2DecryptWith,
  type KeyAlgorithm, type PreparedSigner, type SignOptions,
} from './algorithms.ts'
import { kekIdOf } from './root-key.ts'
import { createSignPool } from './sign-pool.ts'

/** One key version as the backend sees it. */
export interface KeyRef { keyId: string; version: number; algorithm: KeyAlgorithm }

/** What `generate` returns: the handle to store and, for asymmetric keys, the public key. */
export interface GeneratedKey { handle: string; publicKey?: Uint8Array; kekId: string | null }

/**
 * The key backend port. Every method that takes a handle requires one returned by `generate`
 * (or `importMaterial`) for the same `ref`; a handle of another key or version fails to open.
 * Errors are `CryptoError`s and never carry material.
 */
export interface KeyBackend {
  readonly name: string
  generate(ref: KeyRef): Promise<GeneratedKey>
  sign(ref: KeyRef, handle: string, message: Uint8Array, opts?: SignOptions): Promise<Uint8Array>
  /** SM2 private-key decryption. */
  decrypt(ref: KeyRef, handle: string, ciphertext: Uint8Array, opts?: { mode?: Sm2CiphertextMode }): Promise<Uint8Array>
  /** SM4-GCM / AES-256-GCM with a fresh IV: iv‖ciphertext‖tag. */
  seal(ref: KeyRef, handle: string, plaintext: Uint8Array, aad?: Uint8Array): Promise<Uint8Array>
  open(ref: KeyRef, handle: string, sealed: Uint8Array, aad?: Uint8Array): Promise<Uint8Array>
  /** Erases the material behind `handle` (an HSM deletes the object) and forgets any cached form. */
  destroy(ref: KeyRef, handle: string): Promise<void>
  /** True when this backend can open `handle` (software: the handle was wrapped under this KEK). */
  canOpen(kekId: string | null): boolean
  /** Releases what the backend holds (worker threads, sessions). */
  close?(): Promise<void>
}

const HANDLE_PREFIX = 'sw1.'
const aadOf = (ref: KeyRef): Uint8Array => Buffer.from(`zhicheng/crypto/key-version/v1|${ref.keyId}|${ref.version}|${ref.algorithm}`, 'utf8')
const CACHE_LIMIT = 512

/**
 * The software backend: material is generated in process and kept only wrapped under `kek`
 * (SM4-GCM, 12-byte random IV, AAD = key id, version and algorithm, so a wrapped blob cannot be
 * moved to another key). Unwrapped signers are cached per key version for the signing hot path.
 */
export function createSoftwareBackend(kek: Uint8Array, opts: { signWorkers?: number; log?: Pick<Logger, 'warn'> } = {}): KeyBackend {
  const kekId = kekIdOf(kek)
  const signers = new Map<string, PreparedSigner>()
  const refKey = (ref: KeyRef): string => `${ref.keyId}#${ref.version}`
  // SM2 signatures go to worker threads (sign-pool.ts); the others are native and fast in place.
  const pool = createSignPool({
    size: opts.signWorkers ?? 0,
    inline: (k, secret, message, o) => cachedSigner(k, 'SM2', secret).sign(message, o),
    log: opts.log,
  })

  function wrap(ref: KeyRef, secret: Uint8Array): string {
    const iv = randomBytes(12)
    const { ciphertext, tag } = sm4GcmEncrypt(kek, iv, secret, aadOf(ref))
    return HANDLE_PREFIX + Buffer.concat([iv, ciphertext, tag]).toString('base64')
  }

  function unwrap(ref: KeyRef, handle: string): Uint8Array {
    if (!handle.startsWith(HANDLE_PREFIX)) throw new CryptoError('CRYPTO_BAD_KEY', 'key handle is not a software-backend handle')
    const blob = Buffer.from(handle.slice(HANDLE_PREFIX.length), 'base64')
    if (blob.length < 12 + 16 + 1) throw new CryptoError('CRYPTO_BAD_KEY', 'wrapped key is truncated')
    try {
      return sm4GcmDecrypt(kek, blob.subarray(0, 12), blob.subarray(12, blob.length - 16), blob.subarray(blob.length - 16), aadOf(ref))
    } catch (cause) {
      // A wrong root key or a blob moved between keys: never say more.
      throw new CryptoError('CRYPTO_BAD_KEY', 'wrapped key does not open under this root key', { cause })
    }
  }

  function cachedSigner(k: string, algorithm: KeyAlgorithm, secret: () => Uint8Array): PreparedSigner {
    let s = signers.get(k)
    if (!s) {
      s = prepareSigner(algorithm, secret())
      if (signers.size >= CACHE_LIMIT) signers.delete(signers.keys().next().value!)
      signers.set(k, s)
    }
    return s
  }

  return {
    name: 'software',
    async generate(ref) {
      const m = generateMaterial(ref.algorithm)
      // Pairwise consistency (FIPS 140 style): the stored public key must belong to the secret.
      if (isAsymmetric(ref.algorithm) && !Buffer.from(publicKeyOf(ref.algorithm, m.secret)).equals(Buffer.from(m.publicKey!))) {
        throw new CryptoError('CRYPTO_SELF_TEST_FAILED', `${ref.algorithm} key pair consistency check failed`)
      }
      return { handle: wrap(ref, m.secret), kekId, ...(m.publicKey ? { publicKey: m.publicKey } : {}) }
    },
    async sign(ref, handle, message, opts) {
      const secret = () => unwrap(ref, handle)
      if (ref.algorithm === 'SM2' && pool.size > 0) return pool.sign(refKey(ref), secret, message, opts)
      return cachedSigner(refKey(ref), ref.algorithm, secret).sign(message, opts)
    },
    async decrypt(ref, handle, ciphertext, opts = {}) {
      return sm2DecryptWith(unwrap(ref, handle), ciphertext, opts.mode)
    },
    async seal(ref, handle, plaintext, aad) {
      return gcmSeal(ref.algorithm, unwrap(ref, handle), plaintext, aad)
    },
    async open(ref, handle, sealed, aad) {
      return gcmOpen(ref.algorithm, unwrap(ref, handle), sealed, aad)
    },
    async destroy(ref) {
      signers.delete(refKey(ref))
      pool.forget(refKey(ref))
    },
    canOpen: (id) => id === kekId,
    close: () => pool.close(),
  }
}
