import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createFieldCipher } from './field-cipher.ts'
import { isCryptoError } from './errors.ts'

const keys = { encryption: Buffer.alloc(16, 7), index: Buffer.alloc(32, 9) }
const cipher = createFieldCipher(keys)

describe('field cipher', () => {
  it('opens what it sealed for the same context only; a fresh IV each time', () => {
    const a = cipher.seal('44200019900307135X', 'grid_person:p1:id_number')
    assert.match(a, /^v1\.[A-Za-z0-9_-]+$/)
    assert.notEqual(cipher.seal('44200019900307135X', 'grid_person:p1:id_number'), a)
    assert.equal(cipher.open(a, 'grid_person:p1:id_number'), '44200019900307135X')
    assert.throws(() => cipher.open(a, 'grid_person:p2:id_number'), (e) => isCryptoError(e, 'CRYPTO_TAG_MISMATCH'))
    assert.throws(() => createFieldCipher({ ...keys, encryption: Buffer.alloc(16, 8) }).open(a, 'grid_person:p1:id_number'), (e) => isCryptoError(e))
  })

  it('refuses a changed, truncated or unversioned value', () => {
    const a = cipher.seal('13912345678', 'c')
    const raw = Buffer.from(a.slice(3), 'base64url')
    raw[raw.length - 1] ^= 1
    assert.throws(() => cipher.open(`v1.${raw.toString('base64url')}`, 'c'), (e) => isCryptoError(e, 'CRYPTO_TAG_MISMATCH'))
    assert.throws(() => cipher.open('v1.AAAA', 'c'), (e) => isCryptoError(e, 'CRYPTO_BAD_INPUT'))
    assert.throws(() => cipher.open(a.slice(3), 'c'), (e) => isCryptoError(e, 'CRYPTO_BAD_INPUT'))
  })

  it('indexes deterministically per kind and key', () => {
    assert.equal(cipher.index('cn-id', 'X'), cipher.index('cn-id', 'X'))
    assert.match(cipher.index('cn-id', 'X'), /^[0-9a-f]{64}$/)
    assert.notEqual(cipher.index('mobile', 'X'), cipher.index('cn-id', 'X'))
    assert.notEqual(createFieldCipher({ ...keys, index: Buffer.alloc(32, 1) }).index('cn-id', 'X'), cipher.index('cn-id', 'X'))
  })
})
