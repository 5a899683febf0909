/**
 * SM2 digital signatures (GB/T 32918.2): sign, verify, prepared signers and verifiers, and
 * the DER / raw (r‖s) signature codecs.
 *
 * Speed: k·G uses noble's constant-time multiply over its precomputed base-point table.
 * Verification computes s·G + t·P with non-constant-time wNAF over precomputed tables (all
 * inputs are public): the base table is shared with noble, and each public key verified a
 * third time gets its own table, kept in a small LRU cache (see {@link SM2_VERIFY_CACHE_LIMIT}).
 */
import { normalizeZ, wNAF } from '@noble/curves/abstract/curve'
import { bytesToNumberBE } from '@noble/curves/utils'
import { DerReader, TAG_SEQUENCE, derInteger, tlv } from './der.ts'
import { CryptoError, assertBytes } from './errors.ts'
import { sm3 } from './sm3.ts'
import {
  SM2_CURVE, Sm2Point, randomScalar, sm2PrivateScalar, sm2PublicPoint, to32Bytes, userIdBytes,
  zaOfPoint, type Sm2UserId,
} from './sm2.ts'

/** Signature encodings: strict DER `SEQUENCE { r INTEGER, s INTEGER }` or raw 64-byte r‖s. */
export type Sm2SignatureFormat = 'der' | 'raw'

export interface Sm2SignOptions {
  /** Signer identity in Z_A; defaults to "1234567812345678". */
  userId?: Sm2UserId
  /** Output encoding; defaults to 'der' (what OpenSSL and sm-crypto `{der:true}` use). */
  format?: Sm2SignatureFormat
}

export type Sm2VerifyOptions = Sm2SignOptions

/** A signer bound to one private key and user ID; Z_A and (1+d)^-1 are computed once. */
export interface Sm2Signer {
  readonly publicKey: Uint8Array
  sign(message: Uint8Array, options?: { format?: Sm2SignatureFormat }): Uint8Array
}

/** A verifier bound to one public key and user ID, with its precomputed table built eagerly. */
export interface Sm2Verifier {
  readonly publicKey: Uint8Array
  verify(message: Uint8Array, signature: Uint8Array, options?: { format?: Sm2SignatureFormat }): boolean
}

/** How many public keys the verification cache keeps (each table holds 1,408 points). */
export const SM2_VERIFY_CACHE_LIMIT = 64
// A cached key gets its table on its third verification: building it (~12 ms) costs about
// as much as 30 verifications, so keys seen once or twice do not pay for it.
const PROMOTE_AFTER_USES = 3
// Table windows: a table holds 2^(W-1)·(⌈256/W⌉ + 1) points and one multiplication costs
// about ⌈256/W⌉ additions. The cache uses W = 6 (1,408 points, ~12 ms to build); an explicit
// verifier, built once for a long-lived key, uses W = 8 like noble's base table (4,224 points,
// ~38 ms) for about 10% more speed.
const CACHE_WINDOW = 6
const VERIFIER_WINDOW = 8
const N = SM2_CURVE.n
const Fn = Sm2Point.Fn
const wnaf = new wNAF(Sm2Point, Fn.BITS)
const toAffineTable = (points: Sm2Point[]): Sm2Point[] => normalizeZ(Sm2Point, points)

interface PreparedKey {
  point: Sm2Point
  uses: number
  hasTable: boolean
  zas: Map<string, Uint8Array>
}

const verifyCache = new Map<string, PreparedKey>()

function formatOf(format: Sm2SignatureFormat | undefined): Sm2SignatureFormat {
  if (format === undefined) return 'der'
  if (format !== 'der' && format !== 'raw') {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'unknown SM2 signature format', {
      expected: "'der' | 'raw'",
      actual: String(format),
    })
  }
  return format
}

function encodeSignature(r: bigint, s: bigint, format: Sm2SignatureFormat): Uint8Array {
  if (format === 'raw') return Buffer.concat([to32Bytes(r), to32Bytes(s)])
  return tlv(TAG_SEQUENCE, derInteger(r), derInteger(s))
}

/** Decodes a signature without range checks; throws `CRYPTO_BAD_SIGNATURE_ENCODING`. */
function decodeSignature(signature: Uint8Array, format: Sm2SignatureFormat): { r: bigint; s: bigint } {
  assertBytes(signature, 'SM2 signature', undefined, 'CRYPTO_BAD_SIGNATURE_ENCODING')
  if (format === 'raw') {
    assertBytes(signature, 'raw SM2 signature', 64, 'CRYPTO_BAD_SIGNATURE_ENCODING')
    return { r: bytesToNumberBE(signature.subarray(0, 32)), s: bytesToNumberBE(signature.subarray(32)) }
  }
  const outer = new DerReader(signature, 'CRYPTO_BAD_SIGNATURE_ENCODING', 'SM2 DER signature')
  const seq = outer.sequence()
  const r = seq.integer()
  const s = seq.integer()
  seq.end()
  outer.end()
  return { r, s }
}

/** Computes (r, s) for digest e and nonce k, or undefined when GB/T 32918.2 says to pick a new k. */
function signCore(d: bigint, inverseOnePlusD: bigint, e: bigint, k: bigint): { r: bigint; s: bigint } | undefined {
  const x1 = Sm2Point.BASE.multiply(k).toAffine().x
  const r = Fn.add(e, x1)
  if (r === 0n || r + k === N) return undefined
  const s = Fn.mul(inverseOnePlusD, Fn.sub(k, Fn.mul(r, d)))
  if (s === 0n) return undefined
  return { r, s }
}

/** Returns R = (e + x1) mod n for (x1, y1) = s·G + t·P, or undefined when (r, s) is out of range. */
function verifyCore(key: PreparedKey, e: bigint, r: bigint, s: bigint): bigint | undefined {
  if (r < 1n || r >= N || s < 1n || s >= N) return undefined
  const t = Fn.add(r, s)
  if (t === 0n) return undefined
  let sum = wnaf.unsafe(Sm2Point.BASE, s, toAffineTable)
  sum = key.hasTable ? wnaf.unsafe(key.point, t, toAffineTable, sum) : sum.add(key.point.multiplyUnsafe(t))
  if (sum.is0()) return undefined
  return Fn.add(e, sum.toAffine().x)
}

function zaOf(key: PreparedKey, userId: Sm2UserId | undefined): Uint8Array {
  const id = Buffer.from(userIdBytes(userId)).toString('hex')
  let za = key.zas.get(id)
  if (za === undefined) {
    za = zaOfPoint(key.point, userId)
    if (key.zas.size >= 8) key.zas.clear() // bound memory for callers cycling through IDs
    key.zas.set(id, za)
  }
  return za
}

/** Looks a public key up in the LRU cache, decoding it on a miss and adding its table on reuse. */
function cachedKey(publicKey: Uint8Array): PreparedKey {
  assertBytes(publicKey, 'SM2 public key', undefined, 'CRYPTO_BAD_KEY')
  const id = Buffer.from(publicKey).toString('hex')
  let key = verifyCache.get(id)
  if (key === undefined) {
    key = { point: sm2PublicPoint(publicKey), uses: 0, hasTable: false, zas: new Map() }
    if (verifyCache.size >= SM2_VERIFY_CACHE_LIMIT) verifyCache.delete(verifyCache.keys().next().value!)
  } else {
    verifyCache.delete(id) // re-inserted below: Map order is the LRU order
  }
  verifyCache.set(id, key)
  key.uses++
  if (!key.hasTable && key.uses >= PROMOTE_AFTER_USES) {
    wnaf.createCache(key.point, CACHE_WINDOW) // table computed on the next multiplication
    key.hasTable = true
  }
  return key
}

function digestOf(za: Uint8Array, message: Uint8Array): bigint {
  assertBytes(message, 'SM2 message')
  return bytesToNumberBE(sm3(za, message))
}

/**
 * Signs `message` with SM2 (e = SM3(Z_A ‖ M), fresh random k). Requires a valid 32-byte
 * private key; returns DER by default or 64 raw bytes with `format: 'raw'`. For many
 * signatures with one key, {@link createSm2Signer} avoids recomputing P and Z_A.
 */
export function sm2Sign(privateKey: Uint8Array, message: Uint8Array, options: Sm2SignOptions = {}): Uint8Array {
  return createSm2Signer(privateKey, options).sign(message, options)
}

/**
 * Signs with a caller-chosen nonce k, for known-answer tests only: reusing or leaking k
 * reveals the private key. Requires 1 <= k <= n − 1; throws `CRYPTO_BAD_INPUT` when k yields
 * r = 0, r + k = n or s = 0 instead of picking another k.
 */
export function sm2SignWithK(
  privateKey: Uint8Array,
  message: Uint8Array,
  k: Uint8Array,
  options: Sm2SignOptions = {},
): Uint8Array {
  const format = formatOf(options.format)
  const d = sm2PrivateScalar(privateKey)
  assertBytes(k, 'SM2 nonce k', 32)
  const kn = bytesToNumberBE(k)
  if (kn < 1n || kn >= N) throw new CryptoError('CRYPTO_BAD_INPUT', 'SM2 nonce k out of range', { expected: '1 <= k <= n-1' })
  const za = zaOfPoint(Sm2Point.BASE.multiply(d), options.userId)
  const sig = signCore(d, Fn.inv(d + 1n), digestOf(za, message), kn)
  if (sig === undefined) throw new CryptoError('CRYPTO_BAD_INPUT', 'SM2 nonce k rejected (r=0, r+k=n or s=0)')
  return encodeSignature(sig.r, sig.s, format)
}

/**
 * Creates a signer for one private key and user ID: P, Z_A and (1+d)^-1 are computed once.
 * Requires a valid 32-byte private key; the signer keeps it in memory for its lifetime.
 */
export function createSm2Signer(privateKey: Uint8Array, options: { userId?: Sm2UserId } = {}): Sm2Signer {
  const d = sm2PrivateScalar(privateKey)
  const point = Sm2Point.BASE.multiply(d)
  const za = zaOfPoint(point, options.userId)
  const inverseOnePlusD = Fn.inv(d + 1n)
  return Object.freeze({
    publicKey: point.toBytes(false),
    sign(message: Uint8Array, signOptions: { format?: Sm2SignatureFormat } = {}): Uint8Array {
      const format = formatOf(signOptions.format)
      const e = digestOf(za, message)
      for (;;) {
        const sig = signCore(d, inverseOnePlusD, e, randomScalar(N - 1n))
        if (sig !== undefined) return encodeSignature(sig.r, sig.s, format)
      }
    },
  })
}

/**
 * Verifies an SM2 signature over `message`. Requires a valid public key (else throws
 * `CRYPTO_BAD_KEY`) and a signature in the given format (else `CRYPTO_BAD_SIGNATURE_ENCODING`);
 * returns false for any well-encoded signature that does not verify. Public keys are cached.
 */
export function sm2Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  options: Sm2VerifyOptions = {},
): boolean {
  const { r, s } = decodeSignature(signature, formatOf(options.format))
  const key = cachedKey(publicKey)
  return verifyCore(key, digestOf(zaOf(key, options.userId), message), r, s) === r
}

/**
 * Verifies like {@link sm2Verify} but throws `CRYPTO_BAD_SIGNATURE` on failure, with the
 * signature's r as `expected` and the recomputed R as `actual` (both public values).
 */
export function assertSm2Signature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  options: Sm2VerifyOptions = {},
): void {
  const { r, s } = decodeSignature(signature, formatOf(options.format))
  const key = cachedKey(publicKey)
  const computed = verifyCore(key, digestOf(zaOf(key, options.userId), message), r, s)
  if (computed !== r) {
    throw new CryptoError('CRYPTO_BAD_SIGNATURE', 'SM2 signature does not verify', {
      expected: r.toString(16).padStart(64, '0'),
      actual: computed === undefined ? 'r or s out of range' : computed.toString(16).padStart(64, '0'),
    })
  }
}

/**
 * Creates a verifier for one public key and user ID, building its precomputed table now
 * (~40 ms) so every later verification is fast. Requires a valid public key.
 */
export function createSm2Verifier(publicKey: Uint8Array, options: { userId?: Sm2UserId } = {}): Sm2Verifier {
  const key: PreparedKey = { point: sm2PublicPoint(publicKey), uses: 0, hasTable: true, zas: new Map() }
  wnaf.createCache(key.point, VERIFIER_WINDOW)
  wnaf.unsafe(key.point, 1n, toAffineTable) // builds the table eagerly
  const za = zaOf(key, options.userId)
  return Object.freeze({
    publicKey: key.point.toBytes(false),
    verify(message: Uint8Array, signature: Uint8Array, verifyOptions: { format?: Sm2SignatureFormat } = {}): boolean {
      const { r, s } = decodeSignature(signature, formatOf(verifyOptions.format))
      return verifyCore(key, digestOf(za, message), r, s) === r
    },
  })
}

/** Empties the verification key cache (tests and key rotation). */
export function clearSm2VerifyCache(): void {
  verifyCache.clear()
}

/** Returns how many public keys the verification cache holds. */
export function sm2VerifyCacheSize(): number {
  return verifyCache.size
}

function assertSignatureRange(r: bigint, s: bigint): void {
  if (r < 1n || r >= N || s < 1n || s >= N) {
    throw new CryptoError('CRYPTO_BAD_SIGNATURE_ENCODING', 'SM2 signature r or s out of range', {
      expected: '1 <= r, s <= n-1',
    })
  }
}

/** Converts a raw 64-byte r‖s signature to strict DER. Requires 1 <= r, s <= n − 1. */
export function sm2SignatureToDer(raw: Uint8Array): Uint8Array {
  const { r, s } = decodeSignature(raw, 'raw')
  assertSignatureRange(r, s)
  return encodeSignature(r, s, 'der')
}

/** Converts a strict DER signature to raw 64-byte r‖s. Requires 1 <= r, s <= n − 1. */
export function sm2SignatureFromDer(der: Uint8Array): Uint8Array {
  const { r, s } = decodeSignature(der, 'der')
  assertSignatureRange(r, s)
  return encodeSignature(r, s, 'raw')
}
