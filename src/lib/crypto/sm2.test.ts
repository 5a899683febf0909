import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import {
  SM2_CURVE, Sm2Point, sm2CompressPublicKey, sm2ComputeZa, sm2DecompressPublicKey, sm2Digest,
  sm2GenerateKeyPair, sm2GetPublicKey, sm2PrivateScalar, sm2PublicPoint,
} from './sm2.ts'
import { SM2_VECTOR as V, TOPSEC_ZA_VECTOR } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const code = (c: string) => (err: unknown) => isCryptoError(err) && err.code === c
const PUBLIC = `04${V.publicX}${V.publicY}`
const scalar = (n: bigint): Uint8Array => hex(n.toString(16).padStart(64, '0'))

describe('SM2 curve and keys', () => {
  it('has a generator on the curve of order n', () => {
    const g = Sm2Point.BASE
    g.assertValidity()
    assert.ok(g.multiplyUnsafe(SM2_CURVE.n - 1n).equals(g.negate()))
  })

  it('derives the published public key from d (GB/T 32918.5 example)', () => {
    assert.equal(toHex(sm2GetPublicKey(hex(V.d))), PUBLIC)
  })

  it('compresses and decompresses the public key', () => {
    const compressed = sm2CompressPublicKey(hex(PUBLIC))
    assert.equal(compressed.length, 33)
    // y ends in 0x13: odd, so the prefix is 03.
    assert.equal(toHex(compressed), `03${V.publicX}`)
    assert.equal(toHex(sm2DecompressPublicKey(compressed)), PUBLIC)
    assert.equal(toHex(sm2GetPublicKey(hex(V.d), { compressed: true })), toHex(compressed))
  })

  it('accepts a 64-byte x‖y public key as sm-crypto users sometimes pass it', () => {
    assert.equal(toHex(sm2DecompressPublicKey(hex(V.publicX + V.publicY))), PUBLIC)
  })

  it('generates key pairs whose public key matches the private key', () => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = sm2GenerateKeyPair()
      assert.equal(privateKey.length, 32)
      assert.equal(toHex(sm2GetPublicKey(privateKey)), toHex(publicKey))
    }
  })

  it('rejects private keys 0, n − 1 and n and a short key with CRYPTO_BAD_KEY', () => {
    for (const d of [0n, SM2_CURVE.n - 1n, SM2_CURVE.n]) {
      assert.throws(() => sm2PrivateScalar(scalar(d)), code('CRYPTO_BAD_KEY'))
    }
    assert.equal(sm2PrivateScalar(scalar(SM2_CURVE.n - 2n)), SM2_CURVE.n - 2n)
    assert.throws(() => sm2GetPublicKey(hex(V.d).subarray(1)), code('CRYPTO_BAD_KEY'))
  })

  it('never puts private key bytes in an error', () => {
    const tooLong = hex(V.d + '00')
    try {
      sm2GetPublicKey(tooLong)
      assert.fail('no error')
    } catch (err) {
      assert.ok(isCryptoError(err, 'CRYPTO_BAD_KEY'))
      assert.ok(!JSON.stringify([err.message, err.expected, err.actual]).includes(V.d))
    }
  })

  it('rejects an off-curve point, infinity, a bad prefix and a wrong length with CRYPTO_BAD_KEY', () => {
    const offCurve = hex(PUBLIC)
    offCurve[64] ^= 1
    assert.throws(() => sm2PublicPoint(offCurve), code('CRYPTO_BAD_KEY'))
    assert.throws(() => sm2PublicPoint(hex('04' + '00'.repeat(64))), code('CRYPTO_BAD_KEY'))
    assert.throws(() => sm2PublicPoint(hex('05' + PUBLIC.slice(2))), code('CRYPTO_BAD_KEY'))
    assert.throws(() => sm2PublicPoint(hex(PUBLIC).subarray(0, 64).slice(1)), code('CRYPTO_BAD_KEY'))
  })

  it('rejects a compressed x with no point on the curve', () => {
    // Find an x for which x³ + ax + b is not a square: such x has no point.
    let x = 1n
    for (; ; x++) {
      try {
        Sm2Point.fromBytes(hex('02' + x.toString(16).padStart(64, '0')))
      } catch {
        break
      }
    }
    assert.throws(() => sm2PublicPoint(hex('02' + x.toString(16).padStart(64, '0'))), code('CRYPTO_BAD_KEY'))
  })
})

describe('SM2 Z_A and e', () => {
  it('computes the published Z_A with the default ID', () => {
    assert.equal(toHex(sm2ComputeZa(hex(PUBLIC))), V.za)
    assert.equal(toHex(sm2ComputeZa(hex(PUBLIC), V.userId)), V.za)
    assert.equal(toHex(sm2ComputeZa(hex(PUBLIC), Buffer.from(V.userId))), V.za)
  })

  it('computes the TopsecCA certificate Z_A (GmSSL sm3test #8)', () => {
    const pub = hex(`04${TOPSEC_ZA_VECTOR.publicX}${TOPSEC_ZA_VECTOR.publicY}`)
    assert.equal(toHex(sm2ComputeZa(pub)), TOPSEC_ZA_VECTOR.za)
  })

  it('computes e = SM3(Z_A ‖ M) for "message digest"', () => {
    assert.equal(toHex(sm2Digest(hex(PUBLIC), Buffer.from(V.message))), V.e)
  })

  it('gives another Z_A for another ID or key', () => {
    assert.notEqual(toHex(sm2ComputeZa(hex(PUBLIC), '1234567812345679')), V.za)
    assert.notEqual(toHex(sm2ComputeZa(sm2GenerateKeyPair().publicKey)), V.za)
  })

  it('accepts an empty ID and rejects one whose bit length overflows ENTL', () => {
    assert.equal(sm2ComputeZa(hex(PUBLIC), '').length, 32)
    assert.throws(() => sm2ComputeZa(hex(PUBLIC), new Uint8Array(8192)), code('CRYPTO_BAD_INPUT'))
  })
})
