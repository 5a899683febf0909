import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { Bitstring, MIN_STATUS_LIST_ENTRIES, StatusListError, decodeBitstring, encodeBitstring, statusFromCredential, statusListCredential } from './index.ts'

describe('W3C Bitstring Status List', () => {
  it('has at least 131,072 entries by default, all zero', () => {
    const b = new Bitstring()
    assert.equal(b.length, MIN_STATUS_LIST_ENTRIES)
    assert.equal(b.bytes.length, 16384)
    assert.equal(b.countSet(), 0)
  })

  it('puts index 0 in the left-most bit of the first byte', () => {
    const b = new Bitstring()
    b.set(0, true)
    assert.equal(b.bytes[0], 0x80)
    b.set(7, 1)
    assert.equal(b.bytes[0], 0x81)
    b.set(8, true)
    assert.equal(b.bytes[1], 0x80)
    b.set(0, false)
    assert.equal(b.bytes[0], 0x01)
    assert.equal(b.get(7), 1)
    assert.equal(b.get(6), 0)
  })

  it('encodes as multibase base64url of GZIP and decodes back', () => {
    const b = new Bitstring()
    for (const i of [0, 1, 94567, 131071]) b.set(i, true)
    const enc = b.encode()
    assert.match(enc, /^u[A-Za-z0-9_-]+$/)
    assert.ok(!enc.includes('='))
    const raw = Buffer.from(enc.slice(1), 'base64url')
    assert.deepEqual([raw[0], raw[1]], [0x1f, 0x8b]) // GZIP magic
    const d = Bitstring.decode(enc)
    assert.equal(d.length, MIN_STATUS_LIST_ENTRIES)
    assert.deepEqual([d.get(0), d.get(1), d.get(2), d.get(94567), d.get(131071)], [1, 1, 0, 1, 1])
    assert.equal(d.countSet(), 4)
  })

  it('reads the example list of the Recommendation (all zero, 131,072 entries)', () => {
    // §"BitstringStatusListCredential" example encodedList: "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
    const d = Bitstring.decode('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA')
    assert.equal(d.length, MIN_STATUS_LIST_ENTRIES)
    assert.equal(d.countSet(), 0)
  })

  it('supports multi-bit entries', () => {
    const b = new Bitstring(MIN_STATUS_LIST_ENTRIES, 2)
    b.set(5, 3)
    b.set(6, 2)
    assert.equal(b.get(5), 3)
    assert.equal(b.get(6), 2)
    assert.equal(b.get(4), 0)
    assert.throws(() => b.set(1, 4), StatusListError)
    assert.equal(Bitstring.decode(b.encode(), 2).get(6), 2)
  })

  it('refuses short lists, bad encodings and indexes out of range', () => {
    assert.throws(() => Bitstring.decode(encodeBitstring(new Uint8Array(1000))), (e: StatusListError) => e.code === 'STATUS_LIST_TOO_SHORT')
    assert.throws(() => decodeBitstring('zabc'), (e: StatusListError) => e.code === 'STATUS_LIST_ENCODING')
    assert.throws(() => decodeBitstring('u' + Buffer.from('not gzip').toString('base64url')), (e: StatusListError) => e.code === 'STATUS_LIST_ENCODING')
    assert.throws(() => new Bitstring().get(MIN_STATUS_LIST_ENTRIES), (e: StatusListError) => e.code === 'STATUS_LIST_RANGE')
    assert.throws(() => new Bitstring().get(-1), StatusListError)
    assert.deepEqual(decodeBitstring('u' + gzipSync(Buffer.from([1, 2])).toString('base64url')), new Uint8Array([1, 2]))
  })

  it('builds a BitstringStatusListCredential and reads a status from it', () => {
    const list = new Bitstring()
    list.set(42, true)
    const c = statusListCredential({ id: 'https://city.example/status/1', issuer: 'did:web:city.example', validFrom: new Date(0), purpose: 'revocation', list })
    assert.deepEqual(c.type, ['VerifiableCredential', 'BitstringStatusListCredential'])
    assert.equal(c['@context'][0], 'https://www.w3.org/ns/credentials/v2')
    assert.equal(c.credentialSubject.type, 'BitstringStatusList')
    assert.deepEqual(statusFromCredential(c, 42), { purpose: 'revocation', value: 1 })
    assert.deepEqual(statusFromCredential(JSON.parse(JSON.stringify(c)), 43), { purpose: 'revocation', value: 0 })
    assert.throws(() => statusFromCredential({}, 1), StatusListError)
  })
})
