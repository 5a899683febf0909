import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import {
  sm4CbcDecrypt, sm4CbcEncrypt, sm4Ctr, sm4DecryptBlock, sm4EcbDecrypt, sm4EcbEncrypt, sm4EncryptBlock,
  sm4Ofb,
} from './sm4.ts'
import { SM4_VECTOR as V } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const code = (c: string) => (err: unknown) => isCryptoError(err) && err.code === c

describe('SM4 block', () => {
  it('encrypts the GB/T 32907 example block', () => {
    assert.equal(toHex(sm4EncryptBlock(hex(V.key), hex(V.plaintext))), V.ciphertext)
  })

  it('decrypts it back', () => {
    assert.equal(toHex(sm4DecryptBlock(hex(V.key), hex(V.ciphertext))), V.plaintext)
  })

  it('gives the published result after 1,000,000 encryptions (GB/T 32907 example 2)', () => {
    // CBC over zero blocks with IV = P computes E(E(…E(P))): C_i = E(0 ⊕ C_{i-1}).
    const out = sm4CbcEncrypt(hex(V.key), hex(V.plaintext), new Uint8Array(16 * 1_000_000), { padding: 'none' })
    assert.equal(toHex(out.subarray(out.length - 16)), V.millionTimes)
  })

  it('gives another block under a key with one flipped bit', () => {
    const key = hex(V.key)
    key[15] ^= 1
    assert.notEqual(toHex(sm4EncryptBlock(key, hex(V.plaintext))), V.ciphertext)
  })

  it('rejects a 15-byte key with CRYPTO_BAD_KEY and a 15-byte block with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm4EncryptBlock(new Uint8Array(15), new Uint8Array(16)), code('CRYPTO_BAD_KEY'))
    assert.throws(() => sm4EncryptBlock(new Uint8Array(16), new Uint8Array(15)), code('CRYPTO_BAD_INPUT'))
  })
})

describe('SM4-OFB', () => {
  for (const { key, ciphertext } of V.ofb) {
    it(`matches the draft-ribose vector under key ${key.slice(0, 8)}…`, () => {
      assert.equal(toHex(sm4Ofb(hex(key), hex(V.iv), hex(V.modePlaintext))), ciphertext)
      assert.equal(toHex(sm4Ofb(hex(key), hex(V.iv), hex(ciphertext))), V.modePlaintext)
    })
  }

  it('passes a flipped ciphertext bit straight through (OFB is unauthenticated)', () => {
    const ct = hex(V.ofb[0].ciphertext)
    ct[5] ^= 0x10
    const pt = sm4Ofb(hex(V.key), hex(V.iv), ct)
    assert.equal(pt[5] ^ hex(V.modePlaintext)[5], 0x10)
  })

  it('rejects a 12-byte IV with CRYPTO_BAD_IV', () => {
    assert.throws(() => sm4Ofb(hex(V.key), new Uint8Array(12), new Uint8Array(3)), code('CRYPTO_BAD_IV'))
  })
})

describe('SM4-CBC', () => {
  it('round-trips the mode vector plaintext, padded and unpadded', () => {
    const pt = hex(V.modePlaintext)
    const padded = sm4CbcEncrypt(hex(V.key), hex(V.iv), pt)
    assert.equal(padded.length, pt.length + 16)
    assert.equal(toHex(sm4CbcDecrypt(hex(V.key), hex(V.iv), padded)), V.modePlaintext)
    const raw = sm4CbcEncrypt(hex(V.key), hex(V.iv), pt, { padding: 'none' })
    assert.equal(toHex(sm4CbcDecrypt(hex(V.key), hex(V.iv), raw, { padding: 'none' })), V.modePlaintext)
  })

  it('chains the blocks: block i is E(P_i ⊕ C_{i-1})', () => {
    const pt = hex(V.modePlaintext)
    const ct = sm4CbcEncrypt(hex(V.key), hex(V.iv), pt, { padding: 'none' })
    const second = sm4EncryptBlock(hex(V.key), pt.subarray(16, 32).map((b, i) => b ^ ct[i]))
    assert.equal(toHex(ct.subarray(16, 32)), toHex(second))
  })

  it('round-trips every length from 0 to 33 with PKCS#7', () => {
    const key = randomBytes(16)
    const iv = randomBytes(16)
    for (let n = 0; n <= 33; n++) {
      const pt = randomBytes(n)
      assert.equal(toHex(sm4CbcDecrypt(key, iv, sm4CbcEncrypt(key, iv, pt))), toHex(pt))
    }
  })

  it('throws CRYPTO_DECRYPT_FAILED on a bad PKCS#7 padding', () => {
    const lastByteZero = new Uint8Array(16)
    const ct = sm4CbcEncrypt(hex(V.key), hex(V.iv), lastByteZero, { padding: 'none' })
    assert.throws(() => sm4CbcDecrypt(hex(V.key), hex(V.iv), ct), code('CRYPTO_DECRYPT_FAILED'))
  })

  it('throws CRYPTO_BAD_INPUT on a truncated ciphertext and CRYPTO_DECRYPT_FAILED on an empty one', () => {
    const ct = sm4CbcEncrypt(hex(V.key), hex(V.iv), hex(V.modePlaintext))
    assert.throws(() => sm4CbcDecrypt(hex(V.key), hex(V.iv), ct.subarray(0, 40)), code('CRYPTO_BAD_INPUT'))
    assert.throws(() => sm4CbcDecrypt(hex(V.key), hex(V.iv), new Uint8Array(0)), code('CRYPTO_DECRYPT_FAILED'))
  })

  it('rejects unpadded input that is not whole blocks, and an unknown padding', () => {
    assert.throws(() => sm4CbcEncrypt(hex(V.key), hex(V.iv), new Uint8Array(17), { padding: 'none' }), code('CRYPTO_BAD_INPUT'))
    assert.throws(
      () => sm4CbcEncrypt(hex(V.key), hex(V.iv), new Uint8Array(16), { padding: 'zero' as 'none' }),
      code('CRYPTO_BAD_INPUT'),
    )
  })
})

describe('SM4-ECB', () => {
  it('encrypts each block independently, as the single-block vector says', () => {
    const twice = hex(V.plaintext + V.plaintext)
    assert.equal(toHex(sm4EcbEncrypt(hex(V.key), twice, { padding: 'none' })), V.ciphertext + V.ciphertext)
  })

  it('round-trips with PKCS#7 padding', () => {
    const pt = Buffer.from('国密 SM4 ECB')
    assert.equal(toHex(sm4EcbDecrypt(hex(V.key), sm4EcbEncrypt(hex(V.key), pt))), toHex(pt))
  })
})

describe('SM4-CTR', () => {
  it('XORs E(counter + i) into block i, carrying across the whole 128-bit counter', () => {
    const counter = hex('000000000000000000000000ffffffff')
    const pt = randomBytes(40)
    const ct = sm4Ctr(hex(V.key), counter, pt)
    const blocks = ['000000000000000000000000ffffffff', '00000000000000000000000100000000', '00000000000000000000000100000001']
    const stream = Buffer.concat(blocks.map((b) => sm4EncryptBlock(hex(V.key), hex(b))))
    assert.equal(toHex(ct), toHex(pt.map((b, i) => b ^ stream[i])))
    assert.equal(toHex(sm4Ctr(hex(V.key), counter, ct)), toHex(pt))
  })

  it('rejects a wrong-length key or counter', () => {
    assert.throws(() => sm4Ctr(new Uint8Array(32), new Uint8Array(16), new Uint8Array(1)), code('CRYPTO_BAD_KEY'))
    assert.throws(() => sm4Ctr(new Uint8Array(16), new Uint8Array(8), new Uint8Array(1)), code('CRYPTO_BAD_IV'))
  })
})
