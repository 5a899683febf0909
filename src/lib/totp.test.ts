import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { generateTotpSecret, totpCode, totpUri, verifyTotp } from './totp.ts'

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (last six digits)', () => {
    assert.equal(totpCode(RFC_SECRET, 59_000), '287082')
    assert.equal(totpCode(RFC_SECRET, 1_111_111_109_000), '081804')
    assert.equal(totpCode(RFC_SECRET, 1_234_567_890_000), '005924')
  })

  it('accepts the current code and one step of drift, and returns the step', () => {
    const s = generateTotpSecret()
    const now = Date.UTC(2026, 0, 1, 8, 0, 10)
    const step = Math.floor(now / 30_000)
    assert.deepEqual(verifyTotp(s, totpCode(s, now), now, undefined), { ok: true, step })
    assert.deepEqual(verifyTotp(s, totpCode(s, now - 30_000), now, undefined), { ok: true, step: step - 1 })
    assert.deepEqual(verifyTotp(s, totpCode(s, now + 30_000), now, undefined), { ok: true, step: step + 1 })
  })

  it('refuses a wrong, malformed, too old or replayed code', () => {
    const s = generateTotpSecret()
    const now = Date.UTC(2026, 0, 1, 8, 0, 10)
    const code = totpCode(s, now)
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    assert.deepEqual(verifyTotp(s, wrong, now, undefined), { ok: false, reason: 'invalid' })
    assert.deepEqual(verifyTotp(s, '12a456', now, undefined), { ok: false, reason: 'malformed' })
    assert.deepEqual(verifyTotp(s, totpCode(s, now - 90_000), now, undefined), { ok: false, reason: 'invalid' })
    const first = verifyTotp(s, code, now, undefined)
    assert.equal(first.ok, true)
    assert.deepEqual(verifyTotp(s, code, now + 1000, first.ok ? first.step : 0), { ok: false, reason: 'replayed' })
  })

  it('builds an otpauth URI for authenticator apps', () => {
    assert.match(totpUri('ABC', 'clerk.li', 'zhicheng'), /^otpauth:\/\/totp\/zhicheng:clerk\.li\?secret=ABC&period=30&digits=6&algorithm=SHA1&issuer=zhicheng$/)
  })
})
