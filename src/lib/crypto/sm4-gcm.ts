/**
 * SM4-GCM authenticated encryption (NIST SP 800-38D with SM4, RFC 8998 profile: 12-byte IV,
 * 16-byte tag). Node 20's OpenSSL has no 'sm4-gcm', so the mode is assembled here from native
 * SM4-ECB (H and E(K, J0)) and native SM4-CTR (the keystream), with a GHASH written below.
 *
 * The construction is generic over the block cipher so that tests can run the same code with
 * AES and compare it to Node's native 'aes-128-gcm'.
 */
import { createCipheriv, timingSafeEqual } from 'node:crypto'
import { CryptoError, assertBytes } from './errors.ts'

export const SM4_GCM_IV_LENGTH = 12
export const SM4_GCM_TAG_LENGTH = 16

/** SM4-GCM output: the ciphertext (same length as the plaintext) and its 16-byte tag. */
export interface GcmSealed {
  ciphertext: Uint8Array
  tag: Uint8Array
}

/** Native cipher names of the block cipher under GCM: its ECB and its 128-bit CTR mode. */
export interface GcmBlockCipher {
  ecb: string
  ctr: string
  keyLength: number
}

const SM4: GcmBlockCipher = { ecb: 'sm4-ecb', ctr: 'sm4-ctr', keyLength: 16 }
const EMPTY = new Uint8Array(0)
// GCM allows at most 2^32 − 2 blocks per message; below that bound the 128-bit counter of
// native CTR never carries out of the low 32 bits, so it equals GCM's inc32.
const MAX_PLAINTEXT_LENGTH = (2 ** 32 - 2) * 16

/** Multiplies the 4-word value by x in GCM's reflected bit order (reduced by 0xE1 ‖ 0^120). */
function mulX(v: Int32Array): void {
  const carry = v[3] & 1
  v[3] = (v[3] >>> 1) | (v[2] << 31)
  v[2] = (v[2] >>> 1) | (v[1] << 31)
  v[1] = (v[1] >>> 1) | (v[0] << 31)
  v[0] = (v[0] >>> 1) ^ (carry ? 0xe1000000 | 0 : 0)
}

// Reduction of the byte shifted out of Z by an 8-bit right shift, already placed in the most
// significant word: shift r right bit by bit with reduction and keep what lands in word 0.
const REM_8BIT = Int32Array.from({ length: 256 }, (_, r) => {
  const v = Int32Array.of(0, 0, 0, r)
  for (let i = 0; i < 8; i++) mulX(v)
  return v[0]
})

/**
 * Builds the table i·H for every byte value i (Shoup's 8-bit method): 256 entries of 4 words.
 * In GCM's bit order the most significant bit of a byte is the lowest power of x.
 */
function ghashTable(h: Uint8Array): Int32Array {
  const t = new Int32Array(256 * 4)
  const view = new DataView(h.buffer, h.byteOffset, 16)
  const v = Int32Array.of(view.getInt32(0), view.getInt32(4), view.getInt32(8), view.getInt32(12))
  for (let i = 128; i >= 1; i >>= 1) {
    t.set(v, i * 4)
    mulX(v)
  }
  for (let i = 2; i < 256; i <<= 1) {
    for (let j = 1; j < i; j++) {
      for (let w = 0; w < 4; w++) t[(i + j) * 4 + w] = t[i * 4 + w] ^ t[j * 4 + w]
    }
  }
  return t
}

/**
 * Absorbs `data` into the GHASH state `x` (4 words), zero-padding the last partial block.
 * Each block: X = (X ⊕ block) · H, by Horner's rule over the bytes of X from 15 down to 0.
 */
function ghashUpdate(x: Int32Array, table: Int32Array, data: Uint8Array): void {
  let x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3]
  const block = new Uint8Array(16)
  for (let off = 0; off < data.length; off += 16) {
    let b = data
    let at = off
    if (off + 16 > data.length) {
      block.fill(0)
      block.set(data.subarray(off))
      b = block
      at = 0
    }
    x0 ^= (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]
    x1 ^= (b[at + 4] << 24) | (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7]
    x2 ^= (b[at + 8] << 24) | (b[at + 9] << 16) | (b[at + 10] << 8) | b[at + 11]
    x3 ^= (b[at + 12] << 24) | (b[at + 13] << 16) | (b[at + 14] << 8) | b[at + 15]
    let z0 = 0, z1 = 0, z2 = 0, z3 = 0
    for (let w = 3; w >= 0; w--) {
      const word = w === 3 ? x3 : w === 2 ? x2 : w === 1 ? x1 : x0
      // Increasing s walks the word's bytes from last to first. Shifting a zero Z is a
      // no-op, so the very first step needs no special case.
      for (let s = 0; s < 32; s += 8) {
        const rem = z3 & 0xff
        z3 = (z3 >>> 8) | (z2 << 24)
        z2 = (z2 >>> 8) | (z1 << 24)
        z1 = (z1 >>> 8) | (z0 << 24)
        z0 = (z0 >>> 8) ^ REM_8BIT[rem]
        const t = ((word >>> s) & 0xff) * 4
        z0 ^= table[t]; z1 ^= table[t + 1]; z2 ^= table[t + 2]; z3 ^= table[t + 3]
      }
    }
    x0 = z0; x1 = z1; x2 = z2; x3 = z3
  }
  x[0] = x0; x[1] = x1; x[2] = x2; x[3] = x3
}

/** Computes GHASH_H(A ‖ pad ‖ C ‖ pad ‖ [len(A)]64 ‖ [len(C)]64) as 16 bytes. */
function ghash(h: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const table = ghashTable(h)
  const x = new Int32Array(4)
  ghashUpdate(x, table, aad)
  ghashUpdate(x, table, ciphertext)
  const lengths = new Uint8Array(16)
  const lv = new DataView(lengths.buffer)
  lv.setBigUint64(0, BigInt(aad.length) * 8n)
  lv.setBigUint64(8, BigInt(ciphertext.length) * 8n)
  ghashUpdate(x, table, lengths)
  const out = new Uint8Array(16)
  const ov = new DataView(out.buffer)
  for (let w = 0; w < 4; w++) ov.setInt32(w * 4, x[w])
  return out
}

/** Returns H = E(K, 0^128), E(K, J0) and the first CTR block inc32(J0) for a 12-byte IV. */
function setup(cipher: GcmBlockCipher, key: Uint8Array, iv: Uint8Array) {
  assertBytes(key, 'GCM key', cipher.keyLength, 'CRYPTO_BAD_KEY')
  assertBytes(iv, 'GCM IV', SM4_GCM_IV_LENGTH, 'CRYPTO_BAD_IV')
  const j0 = new Uint8Array(16)
  j0.set(iv)
  j0[15] = 1
  const ecb = createCipheriv(cipher.ecb, key, null).setAutoPadding(false)
  const blocks = ecb.update(Buffer.concat([new Uint8Array(16), j0]))
  const counter = j0.slice()
  counter[15] = 2
  return { h: blocks.subarray(0, 16), ekj0: blocks.subarray(16, 32), counter }
}

function ctr(cipher: GcmBlockCipher, key: Uint8Array, counter: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length === 0) return new Uint8Array(0)
  const c = createCipheriv(cipher.ctr, key, counter)
  const head = c.update(data)
  const tail = c.final()
  return tail.length === 0 ? head : Buffer.concat([head, tail])
}

function xor16(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16)
  for (let i = 0; i < 16; i++) out[i] = a[i] ^ b[i]
  return out
}

/**
 * GCM encryption over any native block cipher with ECB and 128-bit CTR modes. Requires a key
 * of `cipher.keyLength` bytes and a 12-byte IV never reused under that key.
 */
export function gcmEncryptWith(
  cipher: GcmBlockCipher,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array = EMPTY,
): GcmSealed {
  assertBytes(plaintext, 'GCM plaintext')
  assertBytes(aad, 'GCM AAD')
  if (plaintext.length > MAX_PLAINTEXT_LENGTH) {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'GCM plaintext too long', {
      expected: `<= ${MAX_PLAINTEXT_LENGTH} bytes`,
      actual: `${plaintext.length} bytes`,
    })
  }
  const { h, ekj0, counter } = setup(cipher, key, iv)
  const ciphertext = ctr(cipher, key, counter, plaintext)
  return { ciphertext, tag: xor16(ghash(h, aad, ciphertext), ekj0) }
}

/**
 * GCM decryption over any native block cipher; the tag is checked in constant time before any
 * plaintext is produced. Throws `CRYPTO_TAG_MISMATCH` when it does not match.
 */
export function gcmDecryptWith(
  cipher: GcmBlockCipher,
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array = EMPTY,
): Uint8Array {
  assertBytes(ciphertext, 'GCM ciphertext')
  assertBytes(tag, 'GCM tag', SM4_GCM_TAG_LENGTH)
  assertBytes(aad, 'GCM AAD')
  const { h, ekj0, counter } = setup(cipher, key, iv)
  const computed = xor16(ghash(h, aad, ciphertext), ekj0)
  if (!timingSafeEqual(computed, tag)) {
    // The computed tag is never reported: it would let a caller forge messages.
    throw new CryptoError('CRYPTO_TAG_MISMATCH', 'SM4-GCM authentication tag mismatch')
  }
  return ctr(cipher, key, counter, ciphertext)
}

/**
 * Encrypts and authenticates `plaintext` (and `aad`) with SM4-GCM. Requires a 16-byte key
 * and a 12-byte IV that is never reused under the key; returns the ciphertext and a 16-byte tag.
 */
export function sm4GcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): GcmSealed {
  return gcmEncryptWith(SM4, key, iv, plaintext, aad)
}

/**
 * Checks the tag and decrypts SM4-GCM. Requires a 16-byte key, a 12-byte IV and a 16-byte tag;
 * throws `CRYPTO_TAG_MISMATCH` (and releases nothing) when ciphertext, tag, IV or AAD changed.
 */
export function sm4GcmDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad?: Uint8Array,
): Uint8Array {
  return gcmDecryptWith(SM4, key, iv, ciphertext, tag, aad)
}

/** Encrypts with SM4-GCM and returns `ciphertext ‖ tag` (RFC 8998 record layout). Same requirements as {@link sm4GcmEncrypt}. */
export function sm4GcmSeal(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const { ciphertext, tag } = sm4GcmEncrypt(key, iv, plaintext, aad)
  return Buffer.concat([ciphertext, tag])
}

/** Opens `ciphertext ‖ tag` from {@link sm4GcmSeal}. Throws `CRYPTO_BAD_INPUT` when shorter than a tag, `CRYPTO_TAG_MISMATCH` when forged. */
export function sm4GcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
  assertBytes(sealed, 'SM4-GCM sealed data')
  if (sealed.length < SM4_GCM_TAG_LENGTH) {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'SM4-GCM sealed data is shorter than its tag', {
      expected: `>= ${SM4_GCM_TAG_LENGTH} bytes`,
      actual: `${sealed.length} bytes`,
    })
  }
  const split = sealed.length - SM4_GCM_TAG_LENGTH
  return sm4GcmDecrypt(key, iv, sealed.subarray(0, split), sealed.subarray(split), aad)
}
