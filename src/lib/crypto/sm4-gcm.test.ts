import assert from 'node:assert/strict'
import { createCipheriv, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import { gcmDecryptWith, gcmEncryptWith, sm4GcmDecrypt, sm4GcmEncrypt, sm4GcmOpen, sm4GcmSeal } from './sm4-gcm.ts'
import { SM4_GCM_VECTOR as V } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const code = (c: string) => (err: unknown) => isCryptoError(err) && err.code === c
const flip = (b: Uint8Array, i: number): Uint8Array => {
  const out = Uint8Array.from(b)
  out[i] ^= 1
  return out
}
const AES = { ecb: 'aes-128-ecb', ctr: 'aes-128-ctr', keyLength: 16 }

describe('SM4-GCM (RFC 8998 A.1)', () => {
  const key = hex(V.key)
  const iv = hex(V.iv)
  const aad = hex(V.aad)
  const ct = hex(V.ciphertext)
  const tag = hex(V.tag)

  it('encrypts to the published ciphertext and tag', () => {
    const sealed = sm4GcmEncrypt(key, iv, hex(V.plaintext), aad)
    assert.equal(toHex(sealed.ciphertext), V.ciphertext)
    assert.equal(toHex(sealed.tag), V.tag)
  })

  it('decrypts the published ciphertext', () => {
    assert.equal(toHex(sm4GcmDecrypt(key, iv, ct, tag, aad)), V.plaintext)
  })

  it('seals to ciphertext ‖ tag and opens it', () => {
    const sealed = sm4GcmSeal(key, iv, hex(V.plaintext), aad)
    assert.equal(toHex(sealed), V.ciphertext + V.tag)
    assert.equal(toHex(sm4GcmOpen(key, iv, sealed, aad)), V.plaintext)
  })

  for (const index of [0, 31, 63]) {
    it(`throws CRYPTO_TAG_MISMATCH when ciphertext bit ${index * 8} flips`, () => {
      assert.throws(() => sm4GcmDecrypt(key, iv, flip(ct, index), tag, aad), code('CRYPTO_TAG_MISMATCH'))
    })
  }

  it('throws CRYPTO_TAG_MISMATCH on a flipped tag, AAD, IV or key bit', () => {
    assert.throws(() => sm4GcmDecrypt(key, iv, ct, flip(tag, 15), aad), code('CRYPTO_TAG_MISMATCH'))
    assert.throws(() => sm4GcmDecrypt(key, iv, ct, tag, flip(aad, 0)), code('CRYPTO_TAG_MISMATCH'))
    assert.throws(() => sm4GcmDecrypt(key, flip(iv, 11), ct, tag, aad), code('CRYPTO_TAG_MISMATCH'))
    assert.throws(() => sm4GcmDecrypt(flip(key, 0), iv, ct, tag, aad), code('CRYPTO_TAG_MISMATCH'))
  })

  it('throws CRYPTO_TAG_MISMATCH when the AAD is missing or the ciphertext is truncated', () => {
    assert.throws(() => sm4GcmDecrypt(key, iv, ct, tag), code('CRYPTO_TAG_MISMATCH'))
    assert.throws(() => sm4GcmDecrypt(key, iv, ct.subarray(0, 63), tag, aad), code('CRYPTO_TAG_MISMATCH'))
  })

  it('never reports the expected tag in the error', () => {
    try {
      sm4GcmDecrypt(key, iv, ct, flip(tag, 0), aad)
      assert.fail('no error')
    } catch (err) {
      assert.ok(isCryptoError(err, 'CRYPTO_TAG_MISMATCH'))
      assert.equal(err.expected, undefined)
      assert.ok(!JSON.stringify({ m: err.message, a: err.actual }).includes(V.tag))
    }
  })

  it('rejects a truncated tag or sealed record with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm4GcmDecrypt(key, iv, ct, tag.subarray(0, 12), aad), code('CRYPTO_BAD_INPUT'))
    assert.throws(() => sm4GcmOpen(key, iv, tag.subarray(0, 15), aad), code('CRYPTO_BAD_INPUT'))
  })

  it('rejects a 16-byte IV with CRYPTO_BAD_IV and a 32-byte key with CRYPTO_BAD_KEY', () => {
    assert.throws(() => sm4GcmEncrypt(key, new Uint8Array(16), ct), code('CRYPTO_BAD_IV'))
    assert.throws(() => sm4GcmEncrypt(new Uint8Array(32), iv, ct), code('CRYPTO_BAD_KEY'))
  })

  it('authenticates an empty plaintext', () => {
    const { ciphertext, tag: t } = sm4GcmEncrypt(key, iv, new Uint8Array(0), aad)
    assert.equal(ciphertext.length, 0)
    assert.equal(sm4GcmDecrypt(key, iv, ciphertext, t, aad).length, 0)
    assert.throws(() => sm4GcmDecrypt(key, iv, ciphertext, t, flip(aad, 3)), code('CRYPTO_TAG_MISMATCH'))
  })
})

describe('GCM construction checked against native AES-128-GCM', () => {
  // The same GHASH and counter code with AES must equal OpenSSL's AES-GCM byte for byte.
  const lengths = [0, 1, 15, 16, 17, 31, 32, 33, 64, 100, 1000, 4097]
  for (const n of lengths) {
    it(`agrees for a ${n}-byte plaintext and ${n % 37}-byte AAD`, () => {
      const key = randomBytes(16)
      const iv = randomBytes(12)
      const pt = randomBytes(n)
      const aad = randomBytes(n % 37)
      const native = createCipheriv('aes-128-gcm', key, iv)
      native.setAAD(aad)
      const nativeCt = Buffer.concat([native.update(pt), native.final()])
      const mine = gcmEncryptWith(AES, key, iv, pt, aad)
      assert.equal(toHex(mine.ciphertext), toHex(nativeCt))
      assert.equal(toHex(mine.tag), toHex(native.getAuthTag()))
      assert.equal(toHex(gcmDecryptWith(AES, key, iv, nativeCt, native.getAuthTag(), aad)), toHex(pt))
    })
  }

  it('round-trips 1 MiB with SM4', () => {
    const key = randomBytes(16)
    const iv = randomBytes(12)
    const pt = randomBytes(1 << 20)
    const { ciphertext, tag } = sm4GcmEncrypt(key, iv, pt)
    assert.ok(Buffer.from(sm4GcmDecrypt(key, iv, ciphertext, tag)).equals(pt))
  })
})
