/**
 * Personal identifiers never leak: with the server logging at trace level into memory, run the
 * flows that carry ID and mobile numbers (registration, login by ID number, failed logins, an
 * invalid number, staff creation, listings by others), then look for the clear values in every
 * log line, every answer to someone other than the owner, and every row of the database.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN } from '../../helpers/build-test-app.ts'
import { makeCnId } from '../../../src/lib/cn-id.ts'
import { buildIdentityTestApp, loginAs, expectJson, CITIZENS, type IdentityTestApp } from '../../helpers/principals.ts'

const ID = makeCnId('442000', '19880808', 57)
const MOBILE = '13312345678'
const STAFF_ID = makeCnId('442000', '19770707', 66)

for (const dialect of DIALECTS) {
  describe(`identity: no clear identifier in logs, answers to others, or the database [${dialect}]`, () => {
    let t: IdentityTestApp
    const answersToOthers: string[] = []
    before(async () => { t = await buildIdentityTestApp(dialect, { seed: true, captureLogs: true }) })
    after(async () => { await t?.close() })

    it('runs the flows that carry identifiers', async () => {
      const reg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'privacy.case', password: 'Quiet-Harbour-88', realName: '秦岚', idNumber: ID, mobile: MOBILE } })
      assert.equal(reg.statusCode, 201)
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'privacy.bad', password: 'Quiet-Harbour-88', realName: '秦岚', idNumber: ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'), mobile: '13312345679' } })
      assert.equal(bad.statusCode, 400)
      const dup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'privacy.dup', password: 'Quiet-Harbour-88', realName: '秦岚', idNumber: ID, mobile: '13312345670' } })
      assert.equal(dup.statusCode, 409)
      answersToOthers.push(bad.body, dup.body)
      for (const password of ['Wrong-Password-1', 'Quiet-Harbour-88']) {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: ID, password, mode: 'token' } })
        answersToOthers.push(r.body)
      }
      answersToOthers.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: MOBILE, password: 'nope-nope-1A' } })).body)
      const sec = await loginAs(t, 'secadmin')
      const dept = expectJson(await t.app.inject({ url: '/api/v1/identity/departments', headers: ADMIN }), 200).find((d: { code: string }) => d.code === 'zs-rsj').id
      const staff = await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: sec.headers, payload: { username: 'hr.qin', password: 'Quiet-Harbour-88', displayName: '秦', departmentId: dept, idNumber: STAFF_ID, mobile: '13312345600' } })
      assert.equal(staff.statusCode, 201)
      answersToOthers.push(staff.body)
      for (const url of ['/api/v1/identity/accounts?limit=200', '/api/v1/identity/accounts?kind=citizen&limit=200', `/api/v1/identity/accounts/${reg.json().id}`, '/api/v1/identity/logs/logins?limit=200', '/api/v1/identity/logs/operations?limit=200']) {
        answersToOthers.push((await t.app.inject({ url, headers: ADMIN })).body)
      }
      const auditor = await loginAs(t, 'auditor')
      answersToOthers.push((await t.app.inject({ url: '/api/v1/identity/logs/logins?limit=200', headers: auditor.headers })).body)
      const other = await loginAs(t, 'zhang.san')
      answersToOthers.push((await t.app.inject({ url: '/api/v1/me', headers: other.headers })).body)
      // The owner, and only the owner, gets the clear values.
      const owner = await loginAs(t, 'privacy.case', { password: 'Quiet-Harbour-88' })
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/me/identifiers', headers: owner.headers }), 200), { idNumber: ID, mobile: MOBILE })
      const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers: owner.headers }), 200)
      assert.equal(me.account.idNumber, `4420**********${ID.slice(14)}`)
    })

    it('no log line holds a clear ID or mobile number (login names are masked too)', () => {
      const logs = t.logs()
      assert.ok(logs.split('\n').length > 30, 'the capture saw the requests')
      assert.match(logs, /"url":"\/api\/v1\/auth\/login"/)
      // (The demo seed prints the demo passwords on purpose; a user's own password never appears.)
      for (const secret of [ID, STAFF_ID, MOBILE, ...CITIZENS.map((c) => c.idNumber), 'Quiet-Harbour-88']) {
        assert.ok(!logs.includes(secret), `log contains ${secret.slice(0, 4)}…`)
      }
    })

    it('no answer to anyone but the owner holds a clear ID or mobile number', () => {
      const all = answersToOthers.join('\n')
      assert.ok(all.includes(`4420**********${ID.slice(14)}`), 'the masked form is there')
      for (const secret of [ID, STAFF_ID, MOBILE, ...CITIZENS.map((c) => c.idNumber), ...CITIZENS.map((c) => c.mobile)]) assert.ok(!all.includes(secret), `answer contains ${secret.slice(0, 4)}…`)
    })

    it('a database dump holds no clear ID or mobile number', async () => {
      const tables = ['identity_account', 'identity_login_log', 'identity_session', 'identity_challenge', 'identity_enterprise', 'core_audit', 'core_event']
      let dump = ''
      for (const table of tables) dump += JSON.stringify(await t.app.kernel.db.selectFrom(table).selectAll().execute())
      assert.ok(dump.length > 1000)
      for (const secret of [ID, STAFF_ID, MOBILE, ...CITIZENS.map((c) => c.idNumber), ...CITIZENS.map((c) => c.mobile)]) assert.ok(!dump.includes(secret), `dump contains ${secret.slice(0, 4)}…`)
      // The login log keeps the masked login name for an ID-number login.
      const rows = await t.app.kernel.db.selectFrom('identity_login_log').select('login_name').execute()
      assert.ok(rows.some((r) => r.login_name === `4420**********${ID.slice(14)}`))
    })
  })
}
