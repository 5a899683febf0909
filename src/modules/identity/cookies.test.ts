import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readCookie, serializeCookie, sessionCookies } from './cookies.ts'

describe('session cookies', () => {
  it('reads one cookie by exact name', () => {
    assert.equal(readCookie('a=1; zc_session=zcs_abc; b=2', 'zc_session'), 'zcs_abc')
    assert.equal(readCookie('xzc_session=evil; zc_session=good', 'zc_session'), 'good')
    assert.equal(readCookie('xzc_session=evil', 'zc_session'), undefined)
    assert.equal(readCookie(undefined, 'zc_session'), undefined)
    assert.equal(readCookie('zc_session=', 'zc_session'), undefined)
  })

  it('writes HttpOnly, Secure, SameSite cookies; the CSRF cookie is readable by scripts', () => {
    assert.equal(serializeCookie('n', 'v', { secure: true, sameSite: 'strict', maxAgeSeconds: 60 }), 'n=v; Path=/; SameSite=Strict; HttpOnly; Secure; Max-Age=60')
    const [s, c] = sessionCookies('tok', 'csrf', new Date(10_000).toISOString(), 0, { secure: false, sameSite: 'lax' })
    assert.equal(s, 'zc_session=tok; Path=/; SameSite=Lax; HttpOnly; Max-Age=10')
    assert.equal(c, 'zc_csrf=csrf; Path=/; SameSite=Lax; Max-Age=10')
  })
})
