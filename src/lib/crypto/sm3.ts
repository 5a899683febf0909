/**
 * SM3 hash (GB/T 32905), HMAC-SM3 and the SM3 key derivation function of GB/T 32918.4,
 * all on Node's native OpenSSL implementation.
 */
import { createHash, createHmac } from 'node:crypto'
import { CryptoError, assertBytes } from './errors.ts'

/** Length in bytes of an SM3 digest. */
export const SM3_DIGEST_LENGTH = 32

/** Length in bytes of an SM3 input block (the HMAC block size). */
export const SM3_BLOCK_LENGTH = 64

/**
 * Computes the SM3 digest of the concatenation of `parts`. Requires Uint8Array inputs;
 * returns 32 fresh bytes (a Buffer at run time).
 */
export function sm3(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sm3')
  for (const part of parts) {
    assertBytes(part, 'sm3 input')
    hash.update(part)
  }
  return hash.digest()
}

/**
 * Computes HMAC-SM3 (RFC 2104 with SM3) of `data` under `key`. Requires Uint8Array inputs;
 * any key length is accepted, as HMAC specifies. Returns 32 bytes.
 */
export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  assertBytes(key, 'hmac key', undefined, 'CRYPTO_BAD_KEY')
  assertBytes(data, 'hmac data')
  return createHmac('sm3', key).update(data).digest()
}

/**
 * Derives `length` bytes from the shared secret `z` with the SM3 KDF of GB/T 32918.4 §5.4.3:
 * `Ha_i = SM3(z ‖ ct_i)` for a 32-bit big-endian counter starting at 1. Requires
 * 0 <= length <= 32·(2^32 − 1).
 */
export function sm3Kdf(z: Uint8Array, length: number): Uint8Array {
  assertBytes(z, 'kdf input')
  if (!Number.isSafeInteger(length) || length < 0 || length > SM3_DIGEST_LENGTH * 0xffffffff) {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'kdf length out of range', {
      expected: `0..${SM3_DIGEST_LENGTH * 0xffffffff}`,
      actual: String(length),
    })
  }
  const out = new Uint8Array(length)
  const counter = new Uint8Array(4)
  const view = new DataView(counter.buffer)
  for (let offset = 0, ct = 1; offset < length; offset += SM3_DIGEST_LENGTH, ct++) {
    view.setUint32(0, ct)
    const block = createHash('sm3').update(z).update(counter).digest()
    out.set(block.subarray(0, Math.min(SM3_DIGEST_LENGTH, length - offset)), offset)
  }
  return out
}
