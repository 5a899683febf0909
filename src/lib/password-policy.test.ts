import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_PASSWORD_POLICY, characterClasses, checkPassword, isPasswordExpired } from './password-policy.ts'

const P = DEFAULT_PASSWORD_POLICY

describe('password policy (等保三级)', () => {
  it('accepts a long password of three classes', () => {
    assert.deepEqual(checkPassword('Harbour-lights-42', P, ['clerk.li']), [])
  })

  it('reports every problem of a weak password', () => {
    assert.deepEqual(checkPassword('abc', P), ['too-short', 'too-few-classes'])
    assert.deepEqual(checkPassword('Password123', P), ['common'])
    assert.deepEqual(checkPassword('Xx-clerk.li-2026', P, ['clerk.li']), ['contains-username'])
    assert.deepEqual(checkPassword('Aaaaaaa1-bcd', P), ['repetitive'])
    assert.deepEqual(checkPassword('a'.repeat(129), P), ['too-long', 'too-few-classes', 'repetitive'])
  })

  it('honours a configured policy', () => {
    const lax = { ...P, minLength: 6, minClasses: 2 }
    assert.deepEqual(checkPassword('abc123x', lax), [])
    assert.equal(characterClasses('aB3$'), 4)
  })

  it('expires a password after maxAgeDays, never when 0', () => {
    const day = 86_400_000
    assert.equal(isPasswordExpired(0, 90 * day, P), false)
    assert.equal(isPasswordExpired(0, 90 * day + 1, P), true)
    assert.equal(isPasswordExpired(0, 10_000 * day, { ...P, maxAgeDays: 0 }), false)
  })
})
