import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { totpCode } from '../../../src/lib/totp.ts'
import { buildIdentityTestApp, loginAs, loginWeb, nextTotp, demoTotpSecret, DEMO_PASSWORDS, expectJson, type IdentityTestApp } from '../../helpers/principals.ts'

const login = (t: IdentityTestApp, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers })

async function countRows(t: IdentityTestApp, table: string): Promise<number> {
  const r = await t.app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

for (const dialect of DIALECTS) {
  describe(`identity: login, second factor, sessions [${dialect}]`, () => {
    let t: IdentityTestApp
    before(async () => { t = await buildIdentityTestApp(dialect, { seed: true, identity: { maxFailures: 3 } }) })
    after(async () => { await t?.close() })

    it('answers /me with 401 without credentials and with an unknown or foreign token', async () => {
      assertProblem(await t.app.inject({ url: '/api/v1/me' }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer zca_not-a-real-token' } }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: { cookie: 'zc_session=zcs_forged' } }), 401, 'CORE_UNAUTHENTICATED')
    })

    it('refuses a malformed login body with field errors', async () => {
      const p = assertProblem(await login(t, { login: '', password: 'x', totp: '12ab', mode: 'jwt', extra: 1 }), 400, 'CORE_VALIDATION')
      assert.deepEqual(p.errors.map((e: { path: string }) => e.path).sort(), ['body/extra', 'body/login', 'body/mode', 'body/totp'])
    })

    it('logs a citizen in with a password for a bearer token, and /me shows the principal (full body)', async () => {
      const res = expectJson(await login(t, { login: 'zhang.san', password: DEMO_PASSWORDS.citizen, mode: 'token' }), 200)
      assert.deepEqual(res, {
        status: 'ok', sessionId: res.sessionId, accountId: res.accountId, kind: 'api', mfa: false,
        expiresAt: new Date(t.clock.now() + 3_600_000).toISOString(), accessToken: res.accessToken, csrfToken: null,
      })
      assert.match(res.accessToken, /^zca_[A-Za-z0-9_-]{43}$/)
      const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${res.accessToken}` } }), 200)
      assert.deepEqual({ ...me, account: undefined }, {
        id: res.accountId, kind: 'citizen', name: '张三', permissions: [], roles: ['citizen'], orgId: res.accountId, departmentId: null,
        sessionId: res.sessionId, mfa: false, dataScope: { all: false, departmentIds: [], self: true }, gridScope: [], account: undefined,
      })
      assert.equal(me.account.idNumber, '4420**********1016')
      assert.equal(me.account.mobile, '139****0001')
    })

    it('answers /auth/session with 200 for anyone: null when anonymous or forged, the principal when signed in', async () => {
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/auth/session' }), 200), { me: null })
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: 'zc_session=zcs_forged' } }), 200), { me: null })
      const res = expectJson(await login(t, { login: 'zhang.san', password: DEMO_PASSWORDS.citizen, mode: 'token' }), 200)
      const headers = { authorization: `Bearer ${res.accessToken}` }
      const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers }), 200)
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/auth/session', headers }), 200), { me })
    })

    it('logs in by ID number and by mobile number too', async () => {
      for (const id of ['442000198503121016', '13900000001']) {
        const r = expectJson(await login(t, { login: id, password: DEMO_PASSWORDS.citizen, mode: 'token' }), 200)
        assert.equal(r.status, 'ok')
      }
    })

    it('asks a clerk for a TOTP code, refuses a wrong one, accepts the right one once and refuses its replay', async () => {
      const step1 = expectJson(await login(t, { login: 'clerk.li', password: DEMO_PASSWORDS.staff, mode: 'token' }), 200)
      assert.deepEqual(Object.keys(step1).sort(), ['challenge', 'expiresAt', 'status'])
      assert.equal(step1.status, 'mfa_required')
      const sessionsBefore = await countRows(t, 'identity_session')
      t.clock.advance(30_000)
      const code = totpCode(demoTotpSecret('clerk.li'), t.clock.now())
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challenge: step1.challenge, code: wrong } }), 401, 'IDENTITY_MFA_INVALID')
      assert.equal(await countRows(t, 'identity_session'), sessionsBefore)
      const ok = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challenge: step1.challenge, code } }), 200)
      assert.equal(ok.mfa, true)
      assert.equal(ok.kind, 'api')
      // The challenge works once; the same code works once, even with a new challenge.
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challenge: step1.challenge, code } }), 401, 'IDENTITY_CHALLENGE_INVALID')
      assertProblem(await login(t, { login: 'clerk.li', password: DEMO_PASSWORDS.staff, totp: code, mode: 'token' }), 401, 'IDENTITY_MFA_REPLAYED')
      assert.equal(await countRows(t, 'identity_session'), sessionsBefore + 1)
      // The clerk's role demands a second factor: the session opened with it grants the role's permissions.
      const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${ok.accessToken}` } }), 200)
      assert.deepEqual([me.kind, me.mfa, me.roles, me.permissions], ['staff', true, ['clerk'], ['identity:account:read', 'identity:department:read']])
      assert.deepEqual(me.dataScope, { all: false, departmentIds: [me.departmentId], self: true })
    })

    it('refuses an expired challenge', async () => {
      const step1 = expectJson(await login(t, { login: 'auditor', password: DEMO_PASSWORDS.staff }), 200)
      t.clock.advance(6 * 60_000)
      const code = totpCode(demoTotpSecret('auditor'), t.clock.now())
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challenge: step1.challenge, code } }), 401, 'IDENTITY_CHALLENGE_INVALID')
    })

    it('locks an account after repeated failures (423), logs and audits it, and an administrator unlocks it', async () => {
      for (let i = 0; i < 2; i++) assertProblem(await login(t, { login: 'li.si', password: 'wrong-password-1A' }), 401, 'IDENTITY_INVALID_CREDENTIALS')
      const locked = assertProblem(await login(t, { login: 'li.si', password: 'wrong-password-1A' }), 423, 'IDENTITY_ACCOUNT_LOCKED')
      assert.match(locked.detail, /\d{4}-\d\d-\d\dT/)
      // Even the right password is refused while locked, and nothing is opened.
      const sessions = await countRows(t, 'identity_session')
      assertProblem(await login(t, { login: 'li.si', password: DEMO_PASSWORDS.citizen }), 423, 'IDENTITY_ACCOUNT_LOCKED')
      assert.equal(await countRows(t, 'identity_session'), sessions)
      const audit = await t.app.kernel.audit.query({ action: 'identity.account.locked' })
      assert.equal(audit.items.length, 1)
      assert.equal(audit.items[0].outcome, 'denied')
      const admin = await loginAs(t, 'admin')
      const logs = expectJson(await t.app.inject({ url: '/api/v1/identity/logs/logins?loginName=li.si', headers: admin.headers }), 200)
      assert.deepEqual(logs.items.map((l: { outcome: string; reason: string }) => `${l.outcome}:${l.reason}`), ['failure:locked', 'failure:wrong-password', 'failure:wrong-password', 'failure:wrong-password'])
      const id = logs.items[0].accountId
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/identity/accounts/${id}/unlock`, headers: admin.headers })).statusCode, 204)
      expectJson(await login(t, { login: 'li.si', password: DEMO_PASSWORDS.citizen }), 200)
      // The lock also lifts by itself after the lock time.
    })

    it('answers an unknown user exactly like a wrong password', async () => {
      const a = assertProblem(await login(t, { login: 'nobody.here', password: 'Whatever-123' }), 401, 'IDENTITY_INVALID_CREDENTIALS')
      const b = assertProblem(await login(t, { login: 'wang.wu', password: 'Whatever-123' }), 401, 'IDENTITY_INVALID_CREDENTIALS')
      assert.equal(a.detail, b.detail)
    })

    it('web sessions: HttpOnly SameSite cookies, CSRF header required on writes, logout clears them', async () => {
      const s = await loginWeb(t, 'chen.mei')
      const [session, csrf] = s.setCookies
      assert.match(session, /^zc_session=zcs_[A-Za-z0-9_-]+; Path=\/; SameSite=Lax; HttpOnly; Max-Age=28800$/)
      assert.match(csrf, /^zc_csrf=[A-Za-z0-9_-]+; Path=\/; SameSite=Lax; Max-Age=28800$/)
      expectJson(await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } }), 200)
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } }), 403, 'IDENTITY_CSRF_REJECTED')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'forged' } }), 403, 'IDENTITY_CSRF_REJECTED')
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })
      assert.equal(out.statusCode, 204)
      assert.deepEqual(out.headers['set-cookie'], ['zc_session=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0', 'zc_csrf=; Path=/; SameSite=Lax; Max-Age=0'])
      // The session is gone: the old cookie no longer authenticates (a replayed token).
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } }), 401, 'CORE_UNAUTHENTICATED')
    })

    it('sets Secure cookies when configured (the default)', async () => {
      const secure = await buildIdentityTestApp(dialect, { seed: false, identity: { cookieSecure: true } })
      try {
        const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'sec.check', password: 'Long-enough-pass-1', realName: '测试', idNumber: '11010519491231002X', mobile: '13700000000' } })
        assert.equal(res.statusCode, 201)
        const l = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'sec.check', password: 'Long-enough-pass-1' } })
        for (const c of [l.headers['set-cookie']].flat()) assert.match(String(c), /; Secure; /)
      } finally {
        await secure.close()
      }
    })

    it('a bearer token is not accepted as a cookie nor a cookie as a bearer token', async () => {
      const api = await loginAs(t, 'huang.min')
      const web = await loginWeb(t, 'huang.min')
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: { cookie: `zc_session=${api.token}` } }), 401, 'CORE_UNAUTHENTICATED')
      const webToken = web.cookie.split('; ')[0].split('=')[1]
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${webToken}` } }), 401, 'CORE_UNAUTHENTICATED')
    })

    it('tokens expire: absolute lifetime and idle timeout', async () => {
      const a = await loginAs(t, 'wang.wu')
      t.clock.advance(31 * 60_000)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: a.headers }), 401, 'CORE_UNAUTHENTICATED')
      const b = await loginAs(t, 'wang.wu')
      for (let i = 0; i < 2; i++) {
        t.clock.advance(20 * 60_000)
        expectJson(await t.app.inject({ url: '/api/v1/me', headers: b.headers }), 200)
      }
      // Used every 20 minutes it never idles out, but an API token lives 60 minutes at most.
      t.clock.advance(21 * 60_000)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: b.headers }), 401, 'CORE_UNAUTHENTICATED')
      const row = await t.app.kernel.db.selectFrom('identity_session').select(['revoke_reason']).where('id', '=', b.sessionId).executeTakeFirstOrThrow()
      assert.equal(row.revoke_reason, 'expired')
    })

    it('lists and revokes own sessions; another account\'s session answers 404; logout everywhere', async () => {
      const a1 = await loginAs(t, 'zhang.san')
      const a2 = await loginAs(t, 'zhang.san')
      const other = await loginAs(t, 'chen.mei')
      const list = expectJson(await t.app.inject({ url: '/api/v1/me/sessions', headers: a1.headers }), 200)
      const mine = list.find((s: { id: string }) => s.id === a1.sessionId)
      assert.deepEqual(mine, {
        id: a1.sessionId, accountId: a1.accountId, kind: 'api', actingEnterpriseId: null, mfa: false, ip: '127.0.0.1', userAgent: 'lightMyRequest',
        createdAt: mine.createdAt, lastSeenAt: mine.lastSeenAt, expiresAt: mine.expiresAt, current: true,
      })
      assert.ok(list.some((s: { id: string; current: boolean }) => s.id === a2.sessionId && !s.current))
      assert.ok(!list.some((s: { accountId: string }) => s.accountId !== a1.accountId))
      assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other.sessionId}`, headers: a1.headers }), 404, 'IDENTITY_SESSION_NOT_FOUND')
      expectJson(await t.app.inject({ url: '/api/v1/me', headers: other.headers }), 200)
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${a2.sessionId}`, headers: a1.headers })).statusCode, 204)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: a2.headers }), 401, 'CORE_UNAUTHENTICATED')
      const a3 = await loginAs(t, 'zhang.san')
      const all = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: a1.headers }), 200)
      assert.ok(all.revoked >= 2)
      for (const s of [a1, a3]) assertProblem(await t.app.inject({ url: '/api/v1/me', headers: s.headers }), 401, 'CORE_UNAUTHENTICATED')
      const revoked = await t.app.kernel.audit.query({ action: 'identity.session.revoked', targetId: a3.sessionId })
      assert.equal(revoked.items[0].detail?.reason, 'logout-everywhere')
    })

    it('an administrator lists online sessions and forces one out (403 for others)', async () => {
      const victim = await loginAs(t, 'chen.mei')
      const citizen = await loginAs(t, 'huang.min')
      assertProblem(await t.app.inject({ url: '/api/v1/identity/sessions', headers: citizen.headers }), 403, 'CORE_FORBIDDEN')
      const admin = await loginAs(t, 'secadmin')
      const page = expectJson(await t.app.inject({ url: `/api/v1/identity/sessions?accountId=${victim.accountId}`, headers: admin.headers }), 200)
      assert.ok(page.items.some((s: { id: string }) => s.id === victim.sessionId))
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/sessions/${victim.sessionId}`, headers: admin.headers })).statusCode, 204)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: victim.headers }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/sessions/${victim.sessionId}`, headers: admin.headers }), 404, 'IDENTITY_SESSION_NOT_FOUND')
    })

    it('changes a password under the policy; weak ones are refused and change nothing', async () => {
      const s = await loginAs(t, 'huang.min')
      const other = await loginAs(t, 'huang.min')
      const before = await t.app.kernel.db.selectFrom('identity_account').select('password_hash').where('id', '=', s.accountId).executeTakeFirstOrThrow()
      const weak = assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: s.headers, payload: { currentPassword: DEMO_PASSWORDS.citizen, newPassword: 'short' } }), 400, 'IDENTITY_WEAK_PASSWORD')
      assert.deepEqual(weak.errors.map((e: { code: string }) => e.code), ['too-short', 'too-few-classes'])
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: s.headers, payload: { currentPassword: 'Not-the-password-1', newPassword: 'Another-good-pass-9' } }), 400, 'IDENTITY_WRONG_PASSWORD')
      const after = await t.app.kernel.db.selectFrom('identity_account').select('password_hash').where('id', '=', s.accountId).executeTakeFirstOrThrow()
      assert.equal(after.password_hash, before.password_hash)
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: s.headers, payload: { currentPassword: DEMO_PASSWORDS.citizen, newPassword: 'Another-good-pass-9' } })).statusCode, 204)
      const stored = await t.app.kernel.db.selectFrom('identity_account').select('password_hash').where('id', '=', s.accountId).executeTakeFirstOrThrow()
      assert.match(stored.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      // This session stays; the other one ended.
      expectJson(await t.app.inject({ url: '/api/v1/me', headers: s.headers }), 200)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: other.headers }), 401, 'CORE_UNAUTHENTICATED')
      expectJson(await login(t, { login: 'huang.min', password: 'Another-good-pass-9' }), 200)
    })

    it('an administrator\'s password reset forces a change before the next login', async () => {
      const admin = await loginAs(t, 'admin')
      const target = await loginAs(t, 'wang.wu')
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/identity/accounts/${target.accountId}/password`, headers: admin.headers, payload: { password: 'Temporary-pass-42' } })).statusCode, 204)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: target.headers }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await login(t, { login: 'wang.wu', password: 'Temporary-pass-42' }), 403, 'IDENTITY_PASSWORD_EXPIRED')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/expired', payload: { login: 'wang.wu', currentPassword: 'Temporary-pass-42', newPassword: 'weak' } }), 400, 'IDENTITY_WEAK_PASSWORD')
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/expired', payload: { login: 'wang.wu', currentPassword: 'Temporary-pass-42', newPassword: 'Mine-again-2026' } })).statusCode, 204)
      expectJson(await login(t, { login: 'wang.wu', password: 'Mine-again-2026' }), 200)
    })

    it('enrols a second factor at first login when a role demands it', async () => {
      const admin = await loginAs(t, 'admin')
      const target = await loginAs(t, 'xl.clerk')
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/identity/accounts/${target.accountId}/totp/reset`, headers: admin.headers })).statusCode, 204)
      const step1 = expectJson(await login(t, { login: 'xl.clerk', password: DEMO_PASSWORDS.staff }), 200)
      assert.equal(step1.status, 'mfa_setup_required')
      assert.match(step1.otpauthUri, /^otpauth:\/\/totp\/zhicheng:xl\.clerk\?secret=[A-Z2-7]+/)
      t.clock.advance(30_000)
      const ok = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challenge: step1.challenge, code: totpCode(step1.secret, t.clock.now()) } }), 200)
      assert.equal(ok.mfa, true)
      const again = expectJson(await login(t, { login: 'xl.clerk', password: DEMO_PASSWORDS.staff }), 200)
      assert.equal(again.status, 'mfa_required')
    })

    it('self-service TOTP for a citizen: enrol, then it is asked at login, then remove it', async () => {
      const s = await loginAs(t, 'li.si')
      const begin = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/me/totp', headers: s.headers }), 200)
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/confirm', headers: s.headers, payload: { challenge: begin.challenge, code: '000000' } }), 401, 'IDENTITY_MFA_INVALID')
      t.clock.advance(30_000)
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/confirm', headers: s.headers, payload: { challenge: begin.challenge, code: totpCode(begin.secret, t.clock.now()) } })).statusCode, 204)
      assert.equal(expectJson(await login(t, { login: 'li.si', password: DEMO_PASSWORDS.citizen }), 200).status, 'mfa_required')
      t.clock.advance(30_000)
      // A wrong code does not remove the factor.
      const right = totpCode(begin.secret, t.clock.now())
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/disable', headers: s.headers, payload: { code: String((Number(right) + 1) % 1_000_000).padStart(6, '0') } }), 401, 'IDENTITY_MFA_INVALID')
      assert.equal(expectJson(await login(t, { login: 'li.si', password: DEMO_PASSWORDS.citizen }), 200).status, 'mfa_required')
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/disable', headers: s.headers, payload: { code: totpCode(begin.secret, t.clock.now()) } })).statusCode, 204)
      assert.equal(expectJson(await login(t, { login: 'li.si', password: DEMO_PASSWORDS.citizen }), 200).status, 'ok')
      // A clerk cannot remove the factor the role demands.
      const clerk = await loginAs(t, 'tz.clerk')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/disable', headers: clerk.headers, payload: { code: nextTotp(t, 'tz.clerk') } }), 409, 'IDENTITY_MFA_REQUIRED_BY_ROLE')
    })

    it('staff passwords expire after the policy age', async () => {
      const d = await loginAs(t, 'data.zhao')
      void d
      t.clock.advance(91 * 86_400_000)
      assertProblem(await login(t, { login: 'data.zhao', password: DEMO_PASSWORDS.staff, totp: nextTotp(t, 'data.zhao') }), 403, 'IDENTITY_PASSWORD_EXPIRED')
      // Citizens' passwords do not expire by age.
      expectJson(await login(t, { login: 'chen.mei', password: DEMO_PASSWORDS.citizen }), 200)
    })
  })
}
