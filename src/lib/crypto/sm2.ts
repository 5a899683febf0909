/**
 * SM2 (GB/T 32918) on the recommended 256-bit curve: curve, keys, point compression, Z_A and
 * the signature digest e. Signing and verification live in `sm2-sign.ts`, encryption in
 * `sm2-cipher.ts`.
 *
 * The curve is built with `weierstrassN` from `@noble/curves/abstract/weierstrass` (the point
 * group only). The ECDSA object that `weierstrass()` would add is deliberately not built:
 * ECDSA over this curve is not SM2, and exposing it invites confusing the two.
 */
import { randomBytes } from 'node:crypto'
import { weierstrassN, type WeierstrassOpts, type WeierstrassPoint } from '@noble/curves/abstract/weierstrass'
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils'
import { CryptoError, assertBytes } from './errors.ts'
import { sm3 } from './sm3.ts'

/** The SM2 recommended curve parameters (GB/T 32918.5 §2). */
export const SM2_CURVE: WeierstrassOpts<bigint> = Object.freeze({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
})

/** The point group of the SM2 curve (noble projective points). */
export const Sm2Point = weierstrassN<bigint>(SM2_CURVE)
export type Sm2Point = WeierstrassPoint<bigint>

/** The default signer identity of GM/T 0009: the ASCII string "1234567812345678". */
export const SM2_DEFAULT_USER_ID = '1234567812345678'

export const SM2_PRIVATE_KEY_LENGTH = 32
export const SM2_PUBLIC_KEY_LENGTH = 65

/** An SM2 key pair: a 32-byte private scalar and a 65-byte uncompressed public point (04‖x‖y). */
export interface Sm2KeyPair {
  privateKey: Uint8Array
  publicKey: Uint8Array
}

/** A signer identity: UTF-8 text or raw bytes. */
export type Sm2UserId = Uint8Array | string

const N = SM2_CURVE.n
const CURVE_BYTES = Buffer.concat(
  [SM2_CURVE.a, SM2_CURVE.b, SM2_CURVE.Gx, SM2_CURVE.Gy].map((v) => numberToBytesBE(v, 32)),
)

/** Encodes a scalar or coordinate as 32 big-endian bytes. */
export function to32Bytes(n: bigint): Uint8Array {
  return numberToBytesBE(n, 32)
}

/**
 * Parses a private key into its scalar d. Requires 32 bytes with 1 <= d <= n − 2 (SM2 needs
 * 1 + d invertible mod n). Throws `CRYPTO_BAD_KEY` without echoing the key.
 */
export function sm2PrivateScalar(privateKey: Uint8Array): bigint {
  assertBytes(privateKey, 'SM2 private key', SM2_PRIVATE_KEY_LENGTH, 'CRYPTO_BAD_KEY')
  const d = bytesToNumberBE(privateKey)
  if (d < 1n || d > N - 2n) {
    throw new CryptoError('CRYPTO_BAD_KEY', 'SM2 private key out of range', { expected: '1 <= d <= n-2' })
  }
  return d
}

/**
 * Decodes and validates a public key: 65 bytes 04‖x‖y, 33 bytes 02/03‖x, or 64 bytes x‖y.
 * Requires a point on the curve other than infinity; throws `CRYPTO_BAD_KEY` otherwise.
 */
export function sm2PublicPoint(publicKey: Uint8Array): Sm2Point {
  assertBytes(publicKey, 'SM2 public key', undefined, 'CRYPTO_BAD_KEY')
  const len = publicKey.length
  if (len !== 33 && len !== 64 && len !== 65) {
    throw new CryptoError('CRYPTO_BAD_KEY', 'SM2 public key has the wrong length', {
      expected: '33, 64 or 65 bytes',
      actual: `${len} bytes`,
    })
  }
  const encoded = len === 64 ? Buffer.concat([Uint8Array.of(4), publicKey]) : publicKey
  try {
    const point = Sm2Point.fromBytes(encoded) // checks the prefix and the curve equation
    if (point.is0()) throw new Error('point at infinity')
    return point
  } catch (cause) {
    throw new CryptoError('CRYPTO_BAD_KEY', 'SM2 public key is not a valid curve point', { cause })
  }
}

/** Generates a fresh SM2 key pair from the OS CSPRNG. Requires nothing; never returns d outside [1, n−2]. */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  const d = randomScalar(N - 2n)
  const privateKey = to32Bytes(d)
  return { privateKey, publicKey: Sm2Point.BASE.multiply(d).toBytes(false) }
}

/** Returns a uniformly random scalar in [1, max] (64 extra random bits make the bias negligible). */
export function randomScalar(max: bigint): bigint {
  return (bytesToNumberBE(randomBytes(40)) % max) + 1n
}

/**
 * Derives the public key P = d·G from a private key. Requires a valid private key; returns
 * 65 bytes (04‖x‖y), or 33 bytes with `compressed: true`.
 */
export function sm2GetPublicKey(privateKey: Uint8Array, options: { compressed?: boolean } = {}): Uint8Array {
  return Sm2Point.BASE.multiply(sm2PrivateScalar(privateKey)).toBytes(options.compressed === true)
}

/** Compresses a public key to 33 bytes (02/03‖x). Requires any accepted public key form. */
export function sm2CompressPublicKey(publicKey: Uint8Array): Uint8Array {
  return sm2PublicPoint(publicKey).toBytes(true)
}

/** Decompresses a public key to 65 bytes (04‖x‖y). Requires any accepted public key form. */
export function sm2DecompressPublicKey(publicKey: Uint8Array): Uint8Array {
  return sm2PublicPoint(publicKey).toBytes(false)
}

/** Encodes a user ID as bytes and checks that ENTL (its length in bits) fits in 16 bits. */
export function userIdBytes(userId: Sm2UserId = SM2_DEFAULT_USER_ID): Uint8Array {
  const id = typeof userId === 'string' ? Buffer.from(userId, 'utf8') : userId
  assertBytes(id, 'SM2 user ID')
  if (id.length > 0x1fff) {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'SM2 user ID too long', {
      expected: '<= 8191 bytes',
      actual: `${id.length} bytes`,
    })
  }
  return id
}

/** Computes Z_A from an already validated point. */
export function zaOfPoint(point: Sm2Point, userId?: Sm2UserId): Uint8Array {
  const id = userIdBytes(userId)
  const entl = Uint8Array.of((id.length * 8) >> 8, (id.length * 8) & 0xff)
  const { x, y } = point.toAffine()
  return sm3(entl, id, CURVE_BYTES, to32Bytes(x), to32Bytes(y))
}

/**
 * Computes Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5).
 * Requires a valid public key; the user ID defaults to "1234567812345678".
 */
export function sm2ComputeZa(publicKey: Uint8Array, userId?: Sm2UserId): Uint8Array {
  return zaOfPoint(sm2PublicPoint(publicKey), userId)
}

/**
 * Computes the signature digest e = SM3(Z_A ‖ M) as 32 bytes. Requires a valid public key;
 * the user ID defaults to "1234567812345678".
 */
export function sm2Digest(publicKey: Uint8Array, message: Uint8Array, userId?: Sm2UserId): Uint8Array {
  assertBytes(message, 'SM2 message')
  return sm3(sm2ComputeZa(publicKey, userId), message)
}
