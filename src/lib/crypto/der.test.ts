import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DerReader, TAG_OCTET_STRING, TAG_SEQUENCE, derInteger, derOid, tlv } from './der.ts'
import { isCryptoError } from './errors.ts'

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const reader = (hex: string) => new DerReader(Buffer.from(hex, 'hex'), 'CRYPTO_BAD_INPUT', 'test')
const code = (err: unknown) => isCryptoError(err, 'CRYPTO_BAD_INPUT')

describe('DER subset', () => {
  it('encodes minimal non-negative INTEGERs', () => {
    assert.equal(toHex(derInteger(0n)), '020100')
    assert.equal(toHex(derInteger(0x7fn)), '02017f')
    assert.equal(toHex(derInteger(0x80n)), '02020080')
    assert.equal(toHex(derInteger(0x0100n)), '02020100')
  })

  it('uses short, 0x81 and 0x82 length forms and reads them back', () => {
    for (const length of [0, 127, 128, 255, 256, 70000]) {
      const encoded = tlv(TAG_OCTET_STRING, new Uint8Array(length))
      const r = new DerReader(encoded, 'CRYPTO_BAD_INPUT', 'test')
      assert.equal(r.read(TAG_OCTET_STRING).length, length)
      r.end()
    }
    assert.equal(toHex(tlv(TAG_OCTET_STRING, new Uint8Array(128))).slice(0, 6), '048180')
  })

  it('encodes the SM2 and id-ecPublicKey OIDs as OpenSSL does', () => {
    assert.equal(toHex(derOid('1.2.156.10197.1.301')), '06082a811ccf5501822d')
    assert.equal(toHex(derOid('1.2.840.10045.2.1')), '06072a8648ce3d0201')
  })

  it('reads a SEQUENCE of INTEGERs', () => {
    const r = reader(toHex(tlv(TAG_SEQUENCE, derInteger(5n), derInteger(0x80n))))
    const seq = r.sequence()
    assert.deepEqual([seq.integer(), seq.integer()], [5n, 0x80n])
    seq.end()
    r.end()
  })

  it('rejects negative, empty and non-minimal INTEGERs', () => {
    for (const hex of ['0201ff', '0200', '02020001', '0203000080']) {
      assert.throws(() => reader(hex).integer(), code, hex)
    }
  })

  it('rejects indefinite, non-minimal and overlong lengths, wrong tags and trailing bytes', () => {
    assert.throws(() => reader('0480').read(TAG_OCTET_STRING), code)
    assert.throws(() => reader('04810100').read(TAG_OCTET_STRING), code)
    assert.throws(() => reader('0482000100').read(TAG_OCTET_STRING), code)
    assert.throws(() => reader('0403aabb').read(TAG_OCTET_STRING), code)
    assert.throws(() => reader('0201aa').read(TAG_OCTET_STRING), code)
    const r = reader('040100ff')
    r.read(TAG_OCTET_STRING)
    assert.throws(() => r.end(), code)
  })
})
