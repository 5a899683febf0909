import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import {
  SM2_VERIFY_CACHE_LIMIT, assertSm2Signature, clearSm2VerifyCache, createSm2Signer, createSm2Verifier,
  sm2Sign, sm2SignWithK, sm2SignatureFromDer, sm2SignatureToDer, sm2Verify, sm2VerifyCacheSize,
} from './sm2-sign.ts'
import { SM2_CURVE, sm2GenerateKeyPair } from './sm2.ts'
import { SM2_VECTOR as V } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const code = (c: string) => (err: unknown) => isCryptoError(err) && err.code === c
const flip = (b: Uint8Array, i: number, bit = 1): Uint8Array => {
  const out = Uint8Array.from(b)
  out[i] ^= bit
  return out
}
const D = hex(V.d)
const PUBLIC = hex(`04${V.publicX}${V.publicY}`)
const MESSAGE = Buffer.from(V.message)
const RAW = hex(V.r + V.s)
const DER = hex(V.der)
const n = SM2_CURVE.n
const word = (x: bigint): string => x.toString(16).padStart(64, '0')

describe('SM2 signature known answer (GB/T 32918.5, OpenSSL sm2_internal_test.c)', () => {
  it('signs with the given k to the published r and s', () => {
    assert.equal(toHex(sm2SignWithK(D, MESSAGE, hex(V.k), { format: 'raw' })), V.r + V.s)
  })

  it('encodes the signature as the published DER', () => {
    assert.equal(toHex(sm2SignWithK(D, MESSAGE, hex(V.k))), V.der)
    assert.equal(toHex(sm2SignatureToDer(RAW)), V.der)
    assert.equal(toHex(sm2SignatureFromDer(DER)), V.r + V.s)
  })

  it('verifies the published signature in both encodings', () => {
    assert.equal(sm2Verify(PUBLIC, MESSAGE, DER), true)
    assert.equal(sm2Verify(PUBLIC, MESSAGE, RAW, { format: 'raw' }), true)
    assert.doesNotThrow(() => assertSm2Signature(PUBLIC, MESSAGE, DER))
  })
})

describe('SM2 signature rejection', () => {
  for (const i of [0, 31, 32, 63]) {
    it(`returns false when raw signature byte ${i} has a flipped bit`, () => {
      assert.equal(sm2Verify(PUBLIC, MESSAGE, flip(RAW, i), { format: 'raw' }), false)
    })
  }

  it('returns false for a flipped bit inside a DER integer', () => {
    assert.equal(sm2Verify(PUBLIC, MESSAGE, flip(DER, 40)), false)
    assert.equal(sm2Verify(PUBLIC, MESSAGE, flip(DER, 70)), false)
  })

  it('returns false for a flipped message bit, a wrong ID and a wrong key', () => {
    assert.equal(sm2Verify(PUBLIC, flip(MESSAGE, 0), DER), false)
    assert.equal(sm2Verify(PUBLIC, MESSAGE, DER, { userId: '1234567812345679' }), false)
    assert.equal(sm2Verify(sm2GenerateKeyPair().publicKey, MESSAGE, DER), false)
  })

  it('returns false for r or s equal to 0 or n, and for r + s = n', () => {
    const bad = [[0n, 1n], [1n, 0n], [n, 1n], [1n, n], [5n, n - 5n]]
    for (const [r, s] of bad) {
      assert.equal(sm2Verify(PUBLIC, MESSAGE, hex(word(r) + word(s)), { format: 'raw' }), false)
    }
  })

  it('throws CRYPTO_BAD_SIGNATURE_ENCODING for truncated, padded or non-minimal DER', () => {
    const cases = [
      DER.subarray(0, DER.length - 1),
      DER.subarray(0, 10),
      Buffer.concat([DER, Uint8Array.of(0)]),
      hex('30460222' + '00' + V.r + '022100' + V.s), // inner length overruns
      hex('3047022200' + '00' + V.r + '022100' + V.s), // 0x00 0x00 prefix: non-minimal
      hex('308146022100' + V.r + '022100' + V.s), // long form for a short length
      hex('3045022100' + V.r + '022100' + V.s.slice(0, -2)), // s shorter than its length
      new Uint8Array(0),
    ]
    for (const sig of cases) assert.throws(() => sm2Verify(PUBLIC, MESSAGE, sig), code('CRYPTO_BAD_SIGNATURE_ENCODING'))
  })

  it('throws CRYPTO_BAD_SIGNATURE_ENCODING for a raw signature that is not 64 bytes', () => {
    assert.throws(() => sm2Verify(PUBLIC, MESSAGE, RAW.subarray(1), { format: 'raw' }), code('CRYPTO_BAD_SIGNATURE_ENCODING'))
    assert.throws(() => sm2Verify(PUBLIC, MESSAGE, DER, { format: 'raw' }), code('CRYPTO_BAD_SIGNATURE_ENCODING'))
  })

  it('throws CRYPTO_BAD_KEY for an invalid public key rather than returning false', () => {
    assert.throws(() => sm2Verify(flip(PUBLIC, 64), MESSAGE, DER), code('CRYPTO_BAD_KEY'))
  })

  it('rejects out-of-range values in the codecs', () => {
    assert.throws(() => sm2SignatureToDer(hex(word(0n) + V.s)), code('CRYPTO_BAD_SIGNATURE_ENCODING'))
    assert.throws(() => sm2SignatureFromDer(hex('3006020100020101')), code('CRYPTO_BAD_SIGNATURE_ENCODING'))
  })

  it('assertSm2Signature throws CRYPTO_BAD_SIGNATURE with expected r and the recomputed R', () => {
    try {
      assertSm2Signature(PUBLIC, flip(MESSAGE, 0), DER)
      assert.fail('no error')
    } catch (err) {
      assert.ok(isCryptoError(err, 'CRYPTO_BAD_SIGNATURE'))
      assert.equal(err.expected, V.r)
      assert.match(err.actual ?? '', /^[0-9a-f]{64}$/)
      assert.notEqual(err.actual, V.r)
    }
  })

  it('sign-with-k rejects k = 0, k = n and a short k with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm2SignWithK(D, MESSAGE, hex(word(0n))), code('CRYPTO_BAD_INPUT'))
    assert.throws(() => sm2SignWithK(D, MESSAGE, hex(word(n))), code('CRYPTO_BAD_INPUT'))
    assert.throws(() => sm2SignWithK(D, MESSAGE, hex(V.k).subarray(1)), code('CRYPTO_BAD_INPUT'))
  })

  it('rejects an unknown format with CRYPTO_BAD_INPUT', () => {
    assert.throws(() => sm2Sign(D, MESSAGE, { format: 'hex' as 'raw' }), code('CRYPTO_BAD_INPUT'))
  })
})

describe('SM2 sign and verify round trips', () => {
  it('signs with a fresh k each time and verifies', () => {
    const a = sm2Sign(D, MESSAGE)
    const b = sm2Sign(D, MESSAGE)
    assert.notEqual(toHex(a), toHex(b))
    assert.equal(sm2Verify(PUBLIC, MESSAGE, a), true)
    assert.equal(sm2Verify(PUBLIC, MESSAGE, b), true)
  })

  it('binds the user ID: a signature under one ID fails under the default', () => {
    const sig = sm2Sign(D, MESSAGE, { userId: 'alice@zhicheng' })
    assert.equal(sm2Verify(PUBLIC, MESSAGE, sig, { userId: 'alice@zhicheng' }), true)
    assert.equal(sm2Verify(PUBLIC, MESSAGE, sig), false)
  })

  it('prepared signer and verifier agree with the one-shot functions', () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair()
    const signer = createSm2Signer(privateKey, { userId: 'dept-7' })
    const verifier = createSm2Verifier(publicKey, { userId: 'dept-7' })
    assert.equal(toHex(signer.publicKey), toHex(publicKey))
    for (let i = 0; i < 5; i++) {
      const msg = Buffer.from(`entry ${i}`)
      const sig = signer.sign(msg, { format: i % 2 ? 'raw' : 'der' })
      const format = i % 2 ? 'raw' : 'der'
      assert.equal(verifier.verify(msg, sig, { format }), true)
      assert.equal(sm2Verify(publicKey, msg, sig, { userId: 'dept-7', format }), true)
      assert.equal(verifier.verify(flip(msg, 0), sig, { format }), false)
    }
  })

  it('signs and verifies an empty and a 1 MiB message', () => {
    for (const msg of [new Uint8Array(0), new Uint8Array(1 << 20).fill(0xab)]) {
      assert.equal(sm2Verify(PUBLIC, msg, sm2Sign(D, msg)), true)
    }
  })
})

describe('SM2 verification key cache', () => {
  it('keeps verifying correctly before and after a key gets its table', () => {
    clearSm2VerifyCache()
    const { privateKey, publicKey } = sm2GenerateKeyPair()
    const sig = sm2Sign(privateKey, MESSAGE)
    for (let i = 0; i < 6; i++) {
      assert.equal(sm2Verify(publicKey, MESSAGE, sig), true)
      assert.equal(sm2Verify(publicKey, flip(MESSAGE, 0), sig), false)
    }
    assert.equal(sm2VerifyCacheSize(), 1)
  })

  it(`holds at most ${SM2_VERIFY_CACHE_LIMIT} keys`, () => {
    clearSm2VerifyCache()
    const keys = Array.from({ length: SM2_VERIFY_CACHE_LIMIT + 3 }, () => sm2GenerateKeyPair())
    for (const key of keys) assert.equal(sm2Verify(key.publicKey, MESSAGE, sm2Sign(key.privateKey, MESSAGE)), true)
    assert.equal(sm2VerifyCacheSize(), SM2_VERIFY_CACHE_LIMIT)
    clearSm2VerifyCache()
    assert.equal(sm2VerifyCacheSize(), 0)
  })
})
