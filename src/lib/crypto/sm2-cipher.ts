/**
 * SM2 public-key encryption (GB/T 32918.4) and its ciphertext encodings.
 *
 * Canonical output is C1‖C3‖C2 with C1 = 04‖x1‖y1 (65 bytes), C3 = SM3(x2‖M‖y2) (32 bytes)
 * and C2 = M ⊕ KDF(x2‖y2). Decryption also accepts C1‖C2‖C3 (`mode: 'C1C2C3'`), either raw
 * order without the 04 prefix (as sm-crypto writes it), and the GM/T 0009 §7.2 DER form
 * `SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING }`.
 */
import { timingSafeEqual } from 'node:crypto'
import { bytesToNumberBE } from '@noble/curves/utils'
import { DerReader, TAG_OCTET_STRING, TAG_SEQUENCE, derInteger, tlv } from './der.ts'
import { CryptoError, assertBytes } from './errors.ts'
import { sm3, sm3Kdf } from './sm3.ts'
import { SM2_CURVE, Sm2Point, randomScalar, sm2PrivateScalar, sm2PublicPoint, to32Bytes } from './sm2.ts'

/** Byte order of a raw ciphertext. C1C3C2 is the GB/T 32918.4-2016 order; C1C2C3 the 2010 draft's. */
export type Sm2CiphertextMode = 'C1C3C2' | 'C1C2C3'

/** Output encoding of {@link sm2Encrypt}: a raw order (with the 04 prefix) or GM/T 0009 DER. */
export type Sm2CiphertextFormat = Sm2CiphertextMode | 'asn1'

export interface Sm2EncryptOptions {
  /** Defaults to 'C1C3C2'. */
  format?: Sm2CiphertextFormat
}

export interface Sm2DecryptOptions {
  /** Order of a raw (non-DER) ciphertext; defaults to 'C1C3C2'. DER input is recognised by itself. */
  mode?: Sm2CiphertextMode
}

/** The three parts of an SM2 ciphertext, C1 as affine coordinates. */
interface Parts {
  x: bigint
  y: bigint
  c3: Uint8Array
  c2: Uint8Array
}

const N = SM2_CURVE.n
const C3_LENGTH = 32

function modeOf(mode: string | undefined): Sm2CiphertextMode {
  if (mode === undefined || mode === 'C1C3C2' || mode === 'C1C2C3') return mode ?? 'C1C3C2'
  throw new CryptoError('CRYPTO_BAD_INPUT', 'unknown SM2 ciphertext mode', {
    expected: "'C1C3C2' | 'C1C2C3'",
    actual: mode,
  })
}

function encodeParts(parts: Parts, format: Sm2CiphertextFormat): Uint8Array {
  if (format === 'asn1') {
    return tlv(TAG_SEQUENCE, derInteger(parts.x), derInteger(parts.y), tlv(TAG_OCTET_STRING, parts.c3),
      tlv(TAG_OCTET_STRING, parts.c2))
  }
  const c1 = Buffer.concat([Uint8Array.of(4), to32Bytes(parts.x), to32Bytes(parts.y)])
  return format === 'C1C3C2' ? Buffer.concat([c1, parts.c3, parts.c2]) : Buffer.concat([c1, parts.c2, parts.c3])
}

function isAllZero(bytes: Uint8Array): boolean {
  let acc = 0
  for (const b of bytes) acc |= b
  return acc === 0
}

/** Encrypts with nonce k, or returns undefined when KDF output is all zero (pick another k). */
function encryptCore(point: Sm2Point, plaintext: Uint8Array, k: bigint): Parts | undefined {
  const c1 = Sm2Point.BASE.multiply(k).toAffine()
  const shared = point.multiply(k).toAffine()
  const x2 = to32Bytes(shared.x)
  const y2 = to32Bytes(shared.y)
  const t = sm3Kdf(Buffer.concat([x2, y2]), plaintext.length)
  if (isAllZero(t)) return undefined
  const c2 = new Uint8Array(plaintext.length)
  for (let i = 0; i < c2.length; i++) c2[i] = plaintext[i] ^ t[i]
  return { x: c1.x, y: c1.y, c3: sm3(x2, plaintext, y2), c2 }
}

function checkPlaintext(plaintext: Uint8Array): void {
  assertBytes(plaintext, 'SM2 plaintext')
  // An empty message has an empty KDF output, which the standard's "t is all zero" rule rejects.
  if (plaintext.length === 0) {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'SM2 plaintext must not be empty', { expected: '>= 1 byte', actual: '0 bytes' })
  }
}

function formatOf(format: string | undefined): Sm2CiphertextFormat {
  return format === 'asn1' ? 'asn1' : modeOf(format)
}

/**
 * Encrypts `plaintext` to an SM2 public key. Requires a valid public key (33, 64 or 65 bytes)
 * and a non-empty plaintext; returns 04‖x1‖y1‖C3‖C2 unless `format` asks for C1C2C3 or 'asn1'.
 */
export function sm2Encrypt(publicKey: Uint8Array, plaintext: Uint8Array, options: Sm2EncryptOptions = {}): Uint8Array {
  const format = formatOf(options.format)
  const point = sm2PublicPoint(publicKey)
  checkPlaintext(plaintext)
  for (;;) {
    const parts = encryptCore(point, plaintext, randomScalar(N - 1n))
    if (parts !== undefined) return encodeParts(parts, format)
  }
}

/**
 * Encrypts with a caller-chosen nonce k, for known-answer tests only: a reused k reveals the
 * plaintext XOR. Requires 1 <= k <= n − 1; throws `CRYPTO_BAD_INPUT` if k gives an all-zero KDF.
 */
export function sm2EncryptWithK(
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  k: Uint8Array,
  options: Sm2EncryptOptions = {},
): Uint8Array {
  const format = formatOf(options.format)
  const point = sm2PublicPoint(publicKey)
  checkPlaintext(plaintext)
  assertBytes(k, 'SM2 nonce k', 32)
  const kn = bytesToNumberBE(k)
  if (kn < 1n || kn >= N) throw new CryptoError('CRYPTO_BAD_INPUT', 'SM2 nonce k out of range', { expected: '1 <= k <= n-1' })
  const parts = encryptCore(point, plaintext, kn)
  if (parts === undefined) throw new CryptoError('CRYPTO_BAD_INPUT', 'SM2 nonce k gives an all-zero KDF output')
  return encodeParts(parts, format)
}

/** Parses the GM/T 0009 DER form, or returns undefined when it is not well-formed DER. */
function parseAsn1(bytes: Uint8Array): Parts | undefined {
  try {
    const outer = new DerReader(bytes, 'CRYPTO_BAD_CIPHERTEXT_ENCODING', 'SM2 DER ciphertext')
    const seq = outer.sequence()
    const x = seq.integer()
    const y = seq.integer()
    const c3 = seq.read(TAG_OCTET_STRING)
    const c2 = seq.read(TAG_OCTET_STRING)
    seq.end()
    outer.end()
    if (c3.length !== C3_LENGTH || c2.length === 0) return undefined
    return { x, y, c3, c2 }
  } catch {
    return undefined
  }
}

/** Splits a raw ciphertext whose C1 (x‖y, 64 bytes) starts at `at`. */
function parseRaw(bytes: Uint8Array, at: number, mode: Sm2CiphertextMode): Parts | undefined {
  const bodyLength = bytes.length - at - 64
  if (bodyLength < C3_LENGTH + 1) return undefined
  const x = bytesToNumberBE(bytes.subarray(at, at + 32))
  const y = bytesToNumberBE(bytes.subarray(at + 32, at + 64))
  const body = bytes.subarray(at + 64)
  return mode === 'C1C3C2'
    ? { x, y, c3: body.subarray(0, C3_LENGTH), c2: body.subarray(C3_LENGTH) }
    : { x, y, c3: body.subarray(bodyLength - C3_LENGTH), c2: body.subarray(0, bodyLength - C3_LENGTH) }
}

/** Returns C1 as a validated curve point, or undefined when it is not one. */
function pointOf(parts: Parts): Sm2Point | undefined {
  try {
    const point = Sm2Point.fromAffine({ x: parts.x, y: parts.y })
    point.assertValidity() // rejects x, y >= p, points off the curve and infinity
    return point
  } catch {
    return undefined
  }
}

/** Lists the readings of `bytes` whose C1 is a curve point; DER first, then 04‖C1, then bare C1. */
function candidates(bytes: Uint8Array, mode: Sm2CiphertextMode): Array<{ parts: Parts; c1: Sm2Point }> {
  const readings: Array<Parts | undefined> = []
  if (bytes[0] === 0x30) readings.push(parseAsn1(bytes))
  // x1 may itself start with 04 (the standard's own example does), so both raw readings are
  // tried; a wrong reading has a random C1 that is off the curve except with negligible odds,
  // and C3 decides between any survivors.
  if (bytes[0] === 0x04) readings.push(parseRaw(bytes, 1, mode))
  readings.push(parseRaw(bytes, 0, mode))
  const out: Array<{ parts: Parts; c1: Sm2Point }> = []
  for (const parts of readings) {
    const c1 = parts && pointOf(parts)
    if (parts && c1) out.push({ parts, c1 })
  }
  return out
}

/**
 * Decrypts an SM2 ciphertext. Requires a valid 32-byte private key and a ciphertext in
 * C1C3C2 (default) or C1C2C3 (`mode`), with or without the 04 prefix, or GM/T 0009 DER.
 * Throws `CRYPTO_BAD_CIPHERTEXT_ENCODING` when no reading has a valid C1 and a non-empty C2,
 * and `CRYPTO_DECRYPT_FAILED` when C3 does not match; never returns an empty result.
 */
export function sm2Decrypt(privateKey: Uint8Array, ciphertext: Uint8Array, options: Sm2DecryptOptions = {}): Uint8Array {
  const mode = modeOf(options.mode)
  const d = sm2PrivateScalar(privateKey)
  assertBytes(ciphertext, 'SM2 ciphertext')
  const found = candidates(ciphertext, mode)
  if (found.length === 0) {
    throw new CryptoError('CRYPTO_BAD_CIPHERTEXT_ENCODING', 'SM2 ciphertext is not C1C3C2, C1C2C3 or GM/T 0009 DER', {
      expected: `${mode} (65 + 32 + >=1 bytes, 04 prefix optional) or DER`,
      actual: `${ciphertext.length} bytes starting 0x${(ciphertext[0] ?? 0).toString(16).padStart(2, '0')}`,
    })
  }
  for (const { parts, c1 } of found) {
    const shared = c1.multiply(d).toAffine()
    const x2 = to32Bytes(shared.x)
    const y2 = to32Bytes(shared.y)
    const t = sm3Kdf(Buffer.concat([x2, y2]), parts.c2.length)
    if (isAllZero(t)) continue
    const message = new Uint8Array(parts.c2.length)
    for (let i = 0; i < message.length; i++) message[i] = parts.c2[i] ^ t[i]
    if (timingSafeEqual(sm3(x2, message, y2), parts.c3)) return message
  }
  throw new CryptoError('CRYPTO_DECRYPT_FAILED', 'SM2 decryption failed: C3 does not match')
}

/**
 * Re-encodes a ciphertext (any form {@link sm2Decrypt} accepts, raw order given by `mode`) as
 * `format`. Requires a ciphertext whose C1 is a curve point; does not check C3 (no key needed).
 */
export function sm2ConvertCiphertext(
  ciphertext: Uint8Array,
  format: Sm2CiphertextFormat,
  options: Sm2DecryptOptions = {},
): Uint8Array {
  const to = formatOf(format)
  assertBytes(ciphertext, 'SM2 ciphertext')
  const found = candidates(ciphertext, modeOf(options.mode))
  // Without the key, C3 cannot break a tie between two readings: refuse rather than guess.
  if (found.length !== 1) {
    throw new CryptoError('CRYPTO_BAD_CIPHERTEXT_ENCODING', 'SM2 ciphertext has no single valid reading', {
      expected: '1 reading',
      actual: `${found.length} readings`,
    })
  }
  return encodeParts(found[0].parts, to)
}
