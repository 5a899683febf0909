import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import { SM3_BLOCK_LENGTH, hmacSm3, sm3, sm3Kdf } from './sm3.ts'
import { HMAC_SM3_VECTORS, SM3_VECTORS, TOPSEC_ZA_VECTOR } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const text = (s: string): Uint8Array => Buffer.from(s, 'utf8')

describe('sm3', () => {
  for (const v of SM3_VECTORS) {
    it(`hashes a ${v.input.length}-byte input to the published digest`, () => {
      assert.equal(toHex(sm3(text(v.input))), v.digest)
    })
  }

  it('hashes the TopsecCA Z_A preimage (GmSSL vector #8)', () => {
    const preimage = '0080' + '31323334353637383132333435363738'
      + 'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc'
      + '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'
      + '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'
      + 'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'
      + TOPSEC_ZA_VECTOR.publicX + TOPSEC_ZA_VECTOR.publicY
    assert.equal(toHex(sm3(hex(preimage))), TOPSEC_ZA_VECTOR.za)
  })

  it('hashes the concatenation of several parts', () => {
    assert.equal(toHex(sm3(text('ab'), text(''), text('c'))), SM3_VECTORS[0].digest)
  })

  it('gives a different digest when one input bit flips', () => {
    const input = text('abc')
    input[2] ^= 1
    assert.notEqual(toHex(sm3(input)), SM3_VECTORS[0].digest)
  })

  it('rejects a non-byte input with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm3('abc' as unknown as Uint8Array), (err) => isCryptoError(err, 'CRYPTO_BAD_INPUT'))
  })
})

describe('hmacSm3', () => {
  for (const [i, v] of HMAC_SM3_VECTORS.entries()) {
    it(`matches GM/T 0042-2015 D.3 vector ${i + 1}`, () => {
      assert.equal(toHex(hmacSm3(hex(v.keyHex), hex(v.dataHex))), v.mac)
    })
  }

  it('matches an RFC 2104 construction over the SM3 primitive (key longer than a block)', () => {
    const key = new Uint8Array(100).fill(7)
    const data = text('long key')
    const k0 = new Uint8Array(SM3_BLOCK_LENGTH)
    k0.set(sm3(key))
    const pad = (byte: number) => k0.map((b) => b ^ byte)
    const expected = sm3(pad(0x5c), sm3(pad(0x36), data))
    assert.equal(toHex(hmacSm3(key, data)), toHex(expected))
  })

  it('gives a different MAC under a key with one flipped bit', () => {
    const v = HMAC_SM3_VECTORS[2]
    const key = hex(v.keyHex)
    key[0] ^= 1
    assert.notEqual(toHex(hmacSm3(key, hex(v.dataHex))), v.mac)
  })

  it('rejects a non-byte key with CRYPTO_BAD_KEY', () => {
    assert.throws(() => hmacSm3(null as unknown as Uint8Array, text('x')), (err) => isCryptoError(err, 'CRYPTO_BAD_KEY'))
  })
})

describe('sm3Kdf', () => {
  it('follows GB/T 32918.4: SM3(Z ‖ ct) blocks with a 32-bit counter from 1', () => {
    const z = text('shared secret')
    const counter = (n: number) => Uint8Array.of(0, 0, 0, n)
    const expected = Buffer.concat([
      createHash('sm3').update(z).update(counter(1)).digest(),
      createHash('sm3').update(z).update(counter(2)).digest(),
      createHash('sm3').update(z).update(counter(3)).digest(),
    ]).subarray(0, 70)
    assert.equal(toHex(sm3Kdf(z, 70)), toHex(expected))
  })

  it('returns prefixes of the same stream for shorter lengths, and nothing for 0', () => {
    const z = text('z')
    assert.equal(toHex(sm3Kdf(z, 70)).slice(0, 38), toHex(sm3Kdf(z, 19)))
    assert.equal(sm3Kdf(z, 0).length, 0)
  })

  it('rejects a negative or fractional length with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm3Kdf(text('z'), -1), (err) => isCryptoError(err, 'CRYPTO_BAD_INPUT'))
    assert.throws(() => sm3Kdf(text('z'), 1.5), (err) => isCryptoError(err, 'CRYPTO_BAD_INPUT'))
  })
})
