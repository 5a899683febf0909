import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { createRegisterCipher, personIdentifiers, piiContext, PiiUnreadableError, revealPerson, revealUnit, unitIdentifiers } from './pii-cipher.ts'

const ID = '44200019900307135X'
const ctx = piiContext('grid_person', 'gper_1', 'id_number')

test('seal/open round-trips; every seal is fresh; the text holds no clear value', () => {
  const c = createRegisterCipher(randomBytes(16))
  const a = c.seal(ID, ctx)
  const b = c.seal(ID, ctx)
  assert.match(a, /^v1\.[A-Za-z0-9_-]+$/)
  assert.notEqual(a, b)
  assert.ok(!a.includes(ID) && !a.includes('19900307'))
  assert.equal(c.open(a, ctx), ID)
  assert.equal(c.open(c.seal('', ctx), ctx), '')
  assert.equal(c.open(c.seal('陈晓明', ctx), ctx), '陈晓明')
})

test('a changed ciphertext, another row or column, or another data key is refused, never decrypted', () => {
  const key = randomBytes(16)
  const c = createRegisterCipher(key)
  const sealed = c.seal(ID, ctx)
  const raw = Buffer.from(sealed.slice(3), 'base64url')
  for (const i of [0, 12, raw.length - 1]) {
    const bad = Buffer.from(raw)
    bad[i]! ^= 1
    assert.throws(() => c.open(`v1.${bad.toString('base64url')}`, ctx), PiiUnreadableError)
  }
  assert.throws(() => c.open(sealed, piiContext('grid_person', 'gper_2', 'id_number')), PiiUnreadableError)
  assert.throws(() => c.open(sealed, piiContext('grid_person', 'gper_1', 'mobile')), PiiUnreadableError)
  assert.throws(() => createRegisterCipher(randomBytes(16)).open(sealed, ctx), PiiUnreadableError)
  assert.throws(() => c.open(`v2.${sealed.slice(3)}`, ctx), PiiUnreadableError)
  assert.throws(() => c.open('v1.AAAA', ctx), PiiUnreadableError)
  assert.throws(() => c.open(ID, ctx), PiiUnreadableError)
  // The error names the row and column, never the value.
  try { c.open(sealed, piiContext('grid_person', 'gper_2', 'id_number')) } catch (err) { assert.ok(!String((err as Error).message).includes(ID)) }
})

test('the blind index is deterministic per data key, differs between values and keys, and hides the value', () => {
  const key = randomBytes(16)
  const c = createRegisterCipher(key)
  const i = c.idNumberIndex(ID)
  assert.match(i, /^[0-9a-f]{64}$/)
  assert.equal(createRegisterCipher(key).idNumberIndex(ID), i)
  assert.notEqual(c.idNumberIndex('442000199003071351'), i)
  assert.notEqual(createRegisterCipher(randomBytes(16)).idNumberIndex(ID), i)
  assert.throws(() => createRegisterCipher(randomBytes(8)), TypeError)
})

test('stored columns: masked copies everywhere a clear value used to be; reveal opens them bound to the row', () => {
  const c = createRegisterCipher(randomBytes(16))
  const p = personIdentifiers(c, 'gper_1', ID, '13912345678')
  assert.deepEqual({ ...p, id_number_enc: undefined, mobile_enc: undefined, id_number_index: undefined }, {
    id_number: '4420**********135X', id_number_masked: '4420**********135X', mobile: '139****5678', mobile_masked: '139****5678',
    id_number_enc: undefined, mobile_enc: undefined, id_number_index: undefined,
  })
  assert.equal(p.id_number_index, c.idNumberIndex(ID))
  assert.deepEqual(revealPerson(c, { id: 'gper_1', ...p }), { idNumber: ID, mobile: '13912345678' })
  assert.throws(() => revealPerson(c, { id: 'gper_2', ...p }), PiiUnreadableError)
  const none = personIdentifiers(c, 'gper_3', ID, null)
  assert.deepEqual([none.mobile, none.mobile_masked, none.mobile_enc], [null, null, null])
  assert.deepEqual(revealPerson(c, { id: 'gper_3', ...none }), { idNumber: ID, mobile: null })
  const u = unitIdentifiers(c, 'gunt_1', '13700002222')
  assert.equal(u.contact_mobile, '137****2222')
  assert.deepEqual(revealUnit(c, { id: 'gunt_1', ...u }), { contactMobile: '13700002222' })
  assert.deepEqual(unitIdentifiers(c, 'gunt_2', null), { contact_mobile: null, contact_mobile_masked: null, contact_mobile_enc: null })
})

test('a row not yet backfilled reveals its legacy clear values; a masked value whose ciphertext was removed is refused', () => {
  const c = createRegisterCipher(randomBytes(16))
  assert.deepEqual(revealPerson(c, { id: 'gper_1', id_number: ID, id_number_enc: null, mobile: '13912345678', mobile_enc: null }), { idNumber: ID, mobile: '13912345678' })
  const p = personIdentifiers(c, 'gper_1', ID, '13912345678')
  assert.throws(() => revealPerson(c, { id: 'gper_1', ...p, id_number_enc: null }), PiiUnreadableError)
  assert.throws(() => revealPerson(c, { id: 'gper_1', ...p, mobile_enc: null }), PiiUnreadableError)
  assert.throws(() => revealUnit(c, { id: 'gunt_1', contact_mobile: '137****2222', contact_mobile_enc: null }), PiiUnreadableError)
})
