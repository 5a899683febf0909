import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import { sm2ConvertCiphertext, sm2Decrypt, sm2Encrypt, sm2EncryptWithK } from './sm2-cipher.ts'
import { sm2GenerateKeyPair } from './sm2.ts'
import { SM2_ENCRYPT_VECTOR as E, SM2_VECTOR as V } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const code = (c: string) => (err: unknown) => isCryptoError(err) && err.code === c
const flip = (b: Uint8Array, i: number): Uint8Array => {
  const out = Uint8Array.from(b)
  out[i] ^= 1
  return out
}
const D = hex(V.d)
const PUBLIC = hex(`04${V.publicX}${V.publicY}`)
const MESSAGE = Buffer.from(E.message)
const C1 = `04${E.c1x}${E.c1y}`
const C1C3C2 = C1 + E.c3 + E.c2
const C1C2C3 = C1 + E.c2 + E.c3
// GM/T 0009 §7.2: x fits 32 bytes (leading 0x04 < 0x80); y starts 0xE8 so it gets a 00 byte.
const ASN1 = `307c0220${E.c1x}022100${E.c1y}0420${E.c3}0413${E.c2}`

describe('SM2 encryption known answer (GB/T 32918.5, OpenSSL sm2_internal_test.c)', () => {
  it('encrypts with the given k to 04‖C1‖C3‖C2', () => {
    assert.equal(toHex(sm2EncryptWithK(PUBLIC, MESSAGE, hex(V.k))), C1C3C2)
  })

  it('encodes C1C2C3 and the GM/T 0009 DER form', () => {
    assert.equal(toHex(sm2EncryptWithK(PUBLIC, MESSAGE, hex(V.k), { format: 'C1C2C3' })), C1C2C3)
    const der = sm2EncryptWithK(PUBLIC, MESSAGE, hex(V.k), { format: 'asn1' })
    assert.equal(toHex(der), ASN1)
    assert.equal(der.length, 0x7c + 2)
  })

  it('decrypts every accepted form of the vector', () => {
    const forms: Array<[string, 'C1C3C2' | 'C1C2C3' | undefined]> = [
      [C1C3C2, undefined],
      [C1C3C2.slice(2), undefined], // sm-crypto style: no 04 prefix (x1 itself starts with 04)
      [C1C2C3, 'C1C2C3'],
      [C1C2C3.slice(2), 'C1C2C3'],
      [ASN1, undefined],
      [ASN1, 'C1C2C3'], // DER order is fixed: the mode does not apply
    ]
    for (const [form, mode] of forms) {
      assert.equal(Buffer.from(sm2Decrypt(D, hex(form), { mode })).toString(), E.message, form.slice(0, 12))
    }
  })

  it('converts between the forms without the key', () => {
    assert.equal(toHex(sm2ConvertCiphertext(hex(C1C3C2), 'asn1')), ASN1)
    assert.equal(toHex(sm2ConvertCiphertext(hex(ASN1), 'C1C2C3')), C1C2C3)
    assert.equal(toHex(sm2ConvertCiphertext(hex(C1C2C3.slice(2)), 'C1C3C2', { mode: 'C1C2C3' })), C1C3C2)
  })
})

describe('SM2 decryption rejection', () => {
  const ct = hex(C1C3C2)

  it('throws CRYPTO_DECRYPT_FAILED for a flipped bit in C3 or C2', () => {
    assert.throws(() => sm2Decrypt(D, flip(ct, 65 + 3)), code('CRYPTO_DECRYPT_FAILED'))
    assert.throws(() => sm2Decrypt(D, flip(ct, ct.length - 1)), code('CRYPTO_DECRYPT_FAILED'))
  })

  it('throws CRYPTO_BAD_CIPHERTEXT_ENCODING for a flipped bit in C1 (off the curve)', () => {
    assert.throws(() => sm2Decrypt(D, flip(ct, 10)), code('CRYPTO_BAD_CIPHERTEXT_ENCODING'))
  })

  it('throws CRYPTO_DECRYPT_FAILED under a wrong key', () => {
    assert.throws(() => sm2Decrypt(sm2GenerateKeyPair().privateKey, ct), code('CRYPTO_DECRYPT_FAILED'))
  })

  it('throws CRYPTO_DECRYPT_FAILED when the order given does not match', () => {
    assert.throws(() => sm2Decrypt(D, ct, { mode: 'C1C2C3' }), code('CRYPTO_DECRYPT_FAILED'))
    assert.throws(() => sm2Decrypt(D, hex(C1C2C3)), code('CRYPTO_DECRYPT_FAILED'))
  })

  it('throws CRYPTO_BAD_CIPHERTEXT_ENCODING for truncated input and never returns empty', () => {
    for (const length of [0, 1, 50, 65, 96, 97]) {
      assert.throws(() => sm2Decrypt(D, ct.subarray(0, length)), code('CRYPTO_BAD_CIPHERTEXT_ENCODING'), `length ${length}`)
    }
  })

  it('throws CRYPTO_DECRYPT_FAILED for a truncated C2 (the C3 check catches it)', () => {
    assert.throws(() => sm2Decrypt(D, ct.subarray(0, ct.length - 1)), code('CRYPTO_DECRYPT_FAILED'))
  })

  it('rejects malformed DER: trailing byte, short hash, empty C2', () => {
    const bad = [
      ASN1 + '00',
      `307b0220${E.c1x}022100${E.c1y}041f${E.c3.slice(2)}0413${E.c2}`,
      `30690220${E.c1x}022100${E.c1y}0420${E.c3}0400`,
    ]
    for (const form of bad) assert.throws(() => sm2Decrypt(D, hex(form)), code('CRYPTO_BAD_CIPHERTEXT_ENCODING'))
  })

  it('rejects an unknown mode and an empty plaintext with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm2Decrypt(D, ct, { mode: 'C3C1C2' as 'C1C3C2' }), code('CRYPTO_BAD_INPUT'))
    assert.throws(() => sm2Encrypt(PUBLIC, new Uint8Array(0)), code('CRYPTO_BAD_INPUT'))
  })

  it('rejects an invalid public key with CRYPTO_BAD_KEY', () => {
    assert.throws(() => sm2Encrypt(flip(PUBLIC, 64), MESSAGE), code('CRYPTO_BAD_KEY'))
  })
})

describe('SM2 encryption round trips', () => {
  it('uses a fresh k every time', () => {
    assert.notEqual(toHex(sm2Encrypt(PUBLIC, MESSAGE)), toHex(sm2Encrypt(PUBLIC, MESSAGE)))
  })

  for (const length of [1, 31, 32, 33, 64, 1000]) {
    it(`round-trips a ${length}-byte message in every format`, () => {
      const { privateKey, publicKey } = sm2GenerateKeyPair()
      const message = randomBytes(length)
      for (const format of ['C1C3C2', 'C1C2C3', 'asn1'] as const) {
        const ct = sm2Encrypt(publicKey, message, { format })
        const mode = format === 'C1C2C3' ? 'C1C2C3' : undefined
        assert.equal(toHex(sm2Decrypt(privateKey, ct, { mode })), toHex(message))
      }
    })
  }
})
