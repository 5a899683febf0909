/**
 * Per-algorithm operations on raw key material, shared by the software backend, the service
 * (public-key operations) and the offline CLI: key generation, sign/verify, SM2 encryption,
 * AES-256/SM4 GCM, and public key encodings (raw, SPKI PEM, JWK).
 *
 * Material layout (what a backend stores): SM2 and ECDSA-P256 — the 32-byte private scalar;
 * Ed25519 — the 32-byte seed; SM4 — 16 bytes; AES-256 — 32 bytes. Public keys: SM2 and
 * P-256 uncompressed 65 bytes (04‖x‖y), Ed25519 32 bytes.
 */
import {
  createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes,
  sign as nodeSign, verify as nodeVerify, type KeyObject,
} from 'node:crypto'
import {
  CryptoError, createSm2Signer, exportSm2PublicKeyPem, sm2Decrypt, sm2Encrypt, sm2GenerateKeyPair, sm2GetPublicKey,
  sm2Verify, sm4GcmDecrypt, sm4GcmEncrypt, type Sm2CiphertextMode, type Sm2Signer,
} from '../../lib/crypto/index.ts'

export type KeyAlgorithm = 'SM2' | 'Ed25519' | 'ECDSA-P256' | 'SM4' | 'AES-256'
export type KeyPurpose = 'sign' | 'encrypt' | 'wrap'
export type SignatureFormat = 'der' | 'raw'

export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['SM2', 'Ed25519', 'ECDSA-P256', 'SM4', 'AES-256']
export const KEY_PURPOSES: readonly KeyPurpose[] = ['sign', 'encrypt', 'wrap']

/** Which purposes each algorithm may serve. SM2 encrypts (and wraps) with its public key. */
export const ALLOWED_PURPOSES: Record<KeyAlgorithm, readonly KeyPurpose[]> = {
  'SM2': ['sign', 'encrypt', 'wrap'],
  'Ed25519': ['sign'],
  'ECDSA-P256': ['sign'],
  'SM4': ['encrypt', 'wrap'],
  'AES-256': ['encrypt', 'wrap'],
}

export const isAsymmetric = (a: KeyAlgorithm): boolean => a === 'SM2' || a === 'Ed25519' || a === 'ECDSA-P256'
export const isSymmetric = (a: KeyAlgorithm): boolean => a === 'SM4' || a === 'AES-256'
export const canSign = (a: KeyAlgorithm): boolean => isAsymmetric(a)

/** GCM nonce and tag lengths used for both SM4-GCM and AES-256-GCM. */
export const GCM_IV_LENGTH = 12
export const GCM_TAG_LENGTH = 16
const SECRET_LENGTH: Record<KeyAlgorithm, number> = { 'SM2': 32, 'Ed25519': 32, 'ECDSA-P256': 32, 'SM4': 16, 'AES-256': 32 }

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url')
const fromB64u = (s: unknown): Buffer => Buffer.from(String(s ?? ''), 'base64url')

/** Fresh key material: the secret (to be wrapped) and, for asymmetric keys, the public key. */
export interface Material { secret: Uint8Array; publicKey?: Uint8Array }

/** Generates key material for `algorithm` from the OS CSPRNG. */
export function generateMaterial(algorithm: KeyAlgorithm): Material {
  switch (algorithm) {
    case 'SM2': {
      const kp = sm2GenerateKeyPair()
      return { secret: kp.privateKey, publicKey: kp.publicKey }
    }
    // Not generateKeyPairSync + export: Node 20 can deadlock when the garbage collector destroys the
    // key generation job while the same key is being exported (both take the key's mutex). A random
    // scalar in range and the key derived from it are the same distribution, without the job.
    case 'ECDSA-P256': {
      const secret = randomP256Scalar()
      return { secret, publicKey: publicKeyOf(algorithm, secret) }
    }
    case 'Ed25519': {
      const secret = randomBytes(32)
      return { secret, publicKey: publicKeyOf(algorithm, secret) }
    }
    case 'SM4':
    case 'AES-256':
      return { secret: randomBytes(SECRET_LENGTH[algorithm]) }
  }
}

// The order of the P-256 group: a private scalar lies in [1, n - 1].
const P256_ORDER = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex')

/** A uniformly random P-256 private scalar (rejection sampling; a retry happens about once in 2^32). */
function randomP256Scalar(): Buffer {
  for (;;) {
    const d = randomBytes(32)
    if (Buffer.compare(d, P256_ORDER) < 0 && d.some((b) => b !== 0)) return d
  }
}

/** Derives the public key of an asymmetric secret (used to check material a backend returns). */
export function publicKeyOf(algorithm: KeyAlgorithm, secret: Uint8Array): Uint8Array {
  switch (algorithm) {
    case 'SM2': return sm2GetPublicKey(secret)
    case 'ECDSA-P256':
    case 'Ed25519': return rawPublicKey(algorithm, createPublicKey(privateKeyObject(algorithm, secret)))
    default: throw new CryptoError('CRYPTO_BAD_INPUT', `${algorithm} keys have no public key`)
  }
}

/** Builds a Node private KeyObject for P-256 or Ed25519 material. */
export function privateKeyObject(algorithm: KeyAlgorithm, secret: Uint8Array): KeyObject {
  if (secret.length !== 32) throw new CryptoError('CRYPTO_BAD_KEY', `${algorithm} secret must be 32 bytes`)
  if (algorithm === 'Ed25519') return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' })
  if (algorithm === 'ECDSA-P256') {
    try {
      return createPrivateKey({ key: Buffer.concat([P256_SEC1_PREFIX, secret, P256_SEC1_SUFFIX]), format: 'der', type: 'sec1' })
    } catch (cause) {
      throw new CryptoError('CRYPTO_BAD_KEY', 'P-256 private key out of range', { cause })
    }
  }
  throw new CryptoError('CRYPTO_BAD_INPUT', `no Node key object for ${algorithm}`)
}

// PKCS#8 prefix of an Ed25519 private key (RFC 8410): SEQUENCE { 0, { 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
// SEC1 ECPrivateKey on prime256v1 without the public key (Node derives it): SEQUENCE { 1, OCTET STRING d, [0] { OID } }.
const P256_SEC1_PREFIX = Buffer.from('30310201010420', 'hex')
const P256_SEC1_SUFFIX = Buffer.from('a00a06082a8648ce3d030107', 'hex')

/** Builds a Node public KeyObject for P-256 (65-byte point) or Ed25519 (32 bytes). */
export function publicKeyObject(algorithm: KeyAlgorithm, raw: Uint8Array): KeyObject {
  try {
    if (algorithm === 'Ed25519' && raw.length === 32) return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(raw) }, format: 'jwk' })
    if (algorithm === 'ECDSA-P256' && raw.length === 65 && raw[0] === 4) {
      return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) }, format: 'jwk' })
    }
  } catch (cause) {
    throw new CryptoError('CRYPTO_BAD_KEY', `${algorithm} public key is not valid`, { cause })
  }
  throw new CryptoError('CRYPTO_BAD_KEY', `${algorithm} public key has the wrong form`, { actual: `${raw.length} bytes` })
}

/** The raw public key of a Node KeyObject (P-256: 04‖x‖y; Ed25519: 32 bytes). */
export function rawPublicKey(algorithm: KeyAlgorithm, key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' })
  return algorithm === 'Ed25519' ? fromB64u(jwk.x) : Buffer.concat([Uint8Array.of(4), fromB64u(jwk.x), fromB64u(jwk.y)])
}

/** Options of a signature: the SM2 signer ID and the encoding (ignored by Ed25519, always 64 raw bytes). */
export interface SignOptions { userId?: string; format?: SignatureFormat }

/** A prepared signer for one key version (SM2 precomputes Z_A and (1+d)^-1 per user ID). */
export interface PreparedSigner { sign(message: Uint8Array, opts?: SignOptions): Uint8Array }

/** Prepares a signer over `secret`. Requires a signing algorithm. */
export function prepareSigner(algorithm: KeyAlgorithm, secret: Uint8Array): PreparedSigner {
  if (algorithm === 'SM2') {
    const byId = new Map<string, Sm2Signer>()
    return {
      sign(message, opts = {}) {
        const id = opts.userId ?? ''
        let signer = byId.get(id)
        if (!signer) {
          signer = createSm2Signer(secret, opts.userId === undefined ? {} : { userId: opts.userId })
          if (byId.size >= 16) byId.clear()
          byId.set(id, signer)
        }
        return signer.sign(message, { format: opts.format ?? 'der' })
      },
    }
  }
  const key = privateKeyObject(algorithm, secret)
  if (algorithm === 'Ed25519') return { sign: (message) => nodeSign(null, message, key) }
  return {
    sign: (message, opts = {}) => nodeSign('sha256', message, { key, dsaEncoding: opts.format === 'raw' ? 'ieee-p1363' : 'der' }),
  }
}

/**
 * Verifies a signature with a raw public key. Returns false for a signature that does not verify;
 * throws `CRYPTO_BAD_SIGNATURE_ENCODING` for one that is not in the requested encoding.
 */
export function verifySignature(algorithm: KeyAlgorithm, publicKey: Uint8Array | KeyObject, message: Uint8Array, signature: Uint8Array, opts: SignOptions = {}): boolean {
  if (algorithm === 'SM2') {
    return sm2Verify(publicKey as Uint8Array, message, signature, { format: opts.format ?? 'der', ...(opts.userId === undefined ? {} : { userId: opts.userId }) })
  }
  const key = publicKey instanceof Uint8Array ? publicKeyObject(algorithm, publicKey) : publicKey
  if (algorithm === 'Ed25519') {
    if (signature.length !== 64) throw new CryptoError('CRYPTO_BAD_SIGNATURE_ENCODING', 'an Ed25519 signature is 64 bytes', { expected: '64 bytes', actual: `${signature.length} bytes` })
    return nodeVerify(null, message, key, signature)
  }
  if (algorithm === 'ECDSA-P256') {
    const raw = opts.format === 'raw'
    if (raw && signature.length !== 64) throw new CryptoError('CRYPTO_BAD_SIGNATURE_ENCODING', 'a raw P-256 signature is 64 bytes', { expected: '64 bytes', actual: `${signature.length} bytes` })
    if (!raw) assertEcdsaDer(signature)
    return nodeVerify('sha256', message, { key, dsaEncoding: raw ? 'ieee-p1363' : 'der' }, signature)
  }
  throw new CryptoError('CRYPTO_BAD_INPUT', `${algorithm} keys do not verify signatures`)
}

/** Checks the outer shape of a DER ECDSA signature (SEQUENCE of two INTEGERs) so garbage is an encoding error, not `false`. */
function assertEcdsaDer(sig: Uint8Array): void {
  const fail = (): never => { throw new CryptoError('CRYPTO_BAD_SIGNATURE_ENCODING', 'ECDSA signature is not DER SEQUENCE { r, s }') }
  if (sig.length < 8 || sig.length > 72 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) fail()
  let at = 2
  for (let i = 0; i < 2; i++) {
    if (sig[at] !== 0x02) fail()
    const len = sig[at + 1]
    if (len === 0 || len > 33 || at + 2 + len > sig.length) fail()
    at += 2 + len
  }
  if (at !== sig.length) fail()
}

/** SM2 public-key encryption; canonical output C1‖C3‖C2 with the 04 prefix. */
export function sm2EncryptTo(publicKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return sm2Encrypt(publicKey, plaintext, { format: 'C1C3C2' })
}

/** SM2 decryption of C1C3C2, C1C2C3 (with `mode`), either without 04, or GM/T 0009 DER. */
export function sm2DecryptWith(secret: Uint8Array, ciphertext: Uint8Array, mode?: Sm2CiphertextMode): Uint8Array {
  return sm2Decrypt(secret, ciphertext, mode ? { mode } : {})
}

/** GCM-encrypts with a fresh random IV and returns iv‖ciphertext‖tag (SM4-GCM or AES-256-GCM). */
export function gcmSeal(algorithm: KeyAlgorithm, key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const iv = randomBytes(GCM_IV_LENGTH)
  if (algorithm === 'SM4') {
    const { ciphertext, tag } = sm4GcmEncrypt(key, iv, plaintext, aad)
    return Buffer.concat([iv, ciphertext, tag])
  }
  if (algorithm !== 'AES-256') throw new CryptoError('CRYPTO_BAD_INPUT', `${algorithm} is not a GCM cipher`)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  if (aad) cipher.setAAD(aad)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()])
}

/**
 * Opens iv‖ciphertext‖tag. Throws `CRYPTO_BAD_CIPHERTEXT_ENCODING` when shorter than IV and tag,
 * `CRYPTO_TAG_MISMATCH` when anything was changed (no plaintext is released).
 */
export function gcmOpen(algorithm: KeyAlgorithm, key: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
  if (sealed.length < GCM_IV_LENGTH + GCM_TAG_LENGTH) {
    throw new CryptoError('CRYPTO_BAD_CIPHERTEXT_ENCODING', 'GCM ciphertext is shorter than its IV and tag', {
      expected: `>= ${GCM_IV_LENGTH + GCM_TAG_LENGTH} bytes`, actual: `${sealed.length} bytes`,
    })
  }
  const iv = sealed.subarray(0, GCM_IV_LENGTH)
  const body = sealed.subarray(GCM_IV_LENGTH, sealed.length - GCM_TAG_LENGTH)
  const tag = sealed.subarray(sealed.length - GCM_TAG_LENGTH)
  if (algorithm === 'SM4') return sm4GcmDecrypt(key, iv, body, tag, aad)
  if (algorithm !== 'AES-256') throw new CryptoError('CRYPTO_BAD_INPUT', `${algorithm} is not a GCM cipher`)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAuthTag(tag)
  if (aad) decipher.setAAD(aad)
  try {
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch (cause) {
    throw new CryptoError('CRYPTO_TAG_MISMATCH', 'AES-256-GCM authentication tag does not match', { cause })
  }
}

/** SubjectPublicKeyInfo PEM of a raw public key. */
export function publicKeyPem(algorithm: KeyAlgorithm, raw: Uint8Array): string {
  if (algorithm === 'SM2') return exportSm2PublicKeyPem(raw)
  return String(publicKeyObject(algorithm, raw).export({ type: 'spki', format: 'pem' }))
}

/** SubjectPublicKeyInfo DER of a raw public key. */
export function publicKeySpki(algorithm: KeyAlgorithm, raw: Uint8Array): Uint8Array {
  const pem = publicKeyPem(algorithm, raw)
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
}

/**
 * The JWK of a raw public key. P-256 and Ed25519 follow RFC 7518/8037; SM2 has no registered
 * JWK curve and uses the common `crv: "SM2"` with the EC layout.
 */
export function publicKeyJwk(algorithm: KeyAlgorithm, raw: Uint8Array, kid?: string): Record<string, unknown> {
  const base: Record<string, unknown> = algorithm === 'Ed25519'
    ? { kty: 'OKP', crv: 'Ed25519', x: b64u(raw), alg: 'EdDSA' }
    : { kty: 'EC', crv: algorithm === 'SM2' ? 'SM2' : 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)), alg: algorithm === 'SM2' ? 'SM2' : 'ES256' }
  return kid ? { ...base, kid } : base
}
