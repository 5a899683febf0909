import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { ADMIN } from '../../helpers/build-test-app.ts'
import { makeCnId } from '../../../src/lib/cn-id.ts'
import { buildIdentityTestApp, loginAs, accountIdOf, expectJson, type IdentityTestApp, type LoggedIn } from '../../helpers/principals.ts'

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const ACC = /^acc_[0-9A-HJKMNP-TV-Z]{26}$/

async function count(t: IdentityTestApp, table: string): Promise<number> {
  const r = await t.app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

async function departmentId(t: IdentityTestApp, code: string): Promise<string> {
  const deps = expectJson(await t.app.inject({ url: '/api/v1/identity/departments', headers: ADMIN }), 200)
  return deps.find((d: { code: string }) => d.code === code).id
}

async function roleId(t: IdentityTestApp, code: string): Promise<string> {
  const roles = expectJson(await t.app.inject({ url: '/api/v1/identity/roles', headers: ADMIN }), 200)
  return roles.find((r: { code: string }) => r.code === code).id
}

for (const dialect of DIALECTS) {
  describe(`identity: accounts [${dialect}]`, () => {
    let t: IdentityTestApp
    let townAdmin: LoggedIn
    before(async () => {
      t = await buildIdentityTestApp(dialect, { seed: true })
      townAdmin = await loginAs(t, 'xl.admin')
    })
    after(async () => { await t?.close() })

    describe('POST /identity/accounts (create staff)', () => {
      const body = async () => ({
        username: 'xl.window2', password: 'Counter-Service-77', displayName: '周敏', departmentId: await departmentId(t, 'zs-118-zwfw'),
        realName: '周敏', idNumber: makeCnId('442000', '19920404', 88), mobile: '13600000001', roleIds: [await roleId(t, 'clerk')],
      })

      it('401 without credentials', async () => {
        assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', payload: await body() }), 401, 'CORE_UNAUTHENTICATED')
      })

      it('404 for a department of another town, and for accounts outside the data scope', async () => {
        const other = { ...(await body()), departmentId: await departmentId(t, 'zs-107') }
        assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: townAdmin.headers, payload: other }), 404, 'IDENTITY_DEPARTMENT_NOT_FOUND')
        const tzClerk = await accountIdOf(t.app, 'tz.clerk')
        assertProblem(await t.app.inject({ url: `/api/v1/identity/accounts/${tzClerk}`, headers: townAdmin.headers }), 404, 'IDENTITY_ACCOUNT_NOT_FOUND')
        assertProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/accounts/${tzClerk}`, headers: townAdmin.headers, payload: { displayName: 'x' } }), 404, 'IDENTITY_ACCOUNT_NOT_FOUND')
      })

      it('403 without the permission, and for granting a role with permissions the caller lacks', async () => {
        const grid = await loginAs(t, 'xl.grid')
        assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: grid.headers, payload: await body() }), 403, 'CORE_FORBIDDEN')
        const clerk = await loginAs(t, 'tz.clerk')
        assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: clerk.headers, payload: await body() }), 403, 'CORE_FORBIDDEN')
        const escalate = { ...(await body()), roleIds: [await roleId(t, 'admin')] }
        assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: townAdmin.headers, payload: escalate }), 403, 'IDENTITY_PRIVILEGE_ESCALATION')
      })

      it('400 with field errors: schema, ID check digit, weak password; nothing written', async () => {
        const before = await count(t, 'identity_account')
        const bad = assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: townAdmin.headers, payload: { username: 'X', displayName: '', departmentId: 'nope', mobile: '123' } }), 400, 'CORE_VALIDATION')
        assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['body/departmentId', 'body/displayName', 'body/mobile', 'body/password', 'body/username'])
        const good = await body()
        const wrongCheck = good.idNumber.slice(0, 17) + (good.idNumber[17] === '0' ? '1' : '0')
        const id = assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: townAdmin.headers, payload: { ...good, idNumber: wrongCheck } }), 400, 'IDENTITY_INVALID_ID_NUMBER')
        assert.deepEqual(id.errors, [{ path: 'body/idNumber', code: 'check-digit', message: 'invalid ID number: check-digit' }])
        assert.ok(!id.detail.includes(wrongCheck), 'the error never echoes the number')
        const weak = assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: townAdmin.headers, payload: { ...good, password: 'xl.window2-pass' } }), 400, 'IDENTITY_WEAK_PASSWORD')
        assert.deepEqual(weak.errors.map((e: { code: string }) => e.code), ['contains-username'])
        assert.equal(await count(t, 'identity_account'), before)
      })

      it('creates the account (full body, identifiers masked), audited with an event, and nothing else changes', async () => {
        const b = await body()
        const accountsBefore = await count(t, 'identity_account')
        const sessionsBefore = await count(t, 'identity_session')
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: { ...townAdmin.headers, 'x-request-id': 'create-staff-1' }, payload: b })
        const a = expectJson(res, 201)
        assert.match(a.id, ACC)
        for (const k of ['passwordChangedAt', 'createdAt', 'updatedAt']) assert.match(a[k], ISO)
        assert.deepEqual(a, {
          id: a.id, kind: 'staff', username: 'xl.window2', displayName: '周敏', status: 'active', realName: '周敏',
          idNumber: `4420**********${b.idNumber.slice(14)}`, mobile: '136****0001', email: null, departmentId: b.departmentId, enterpriseId: null,
          roleIds: b.roleIds, postIds: [], mfaEnabled: false, lockedUntil: null,
          passwordChangedAt: a.passwordChangedAt, createdAt: a.createdAt, updatedAt: a.updatedAt,
        })
        assert.equal(await count(t, 'identity_account'), accountsBefore + 1)
        assert.equal(await count(t, 'identity_session'), sessionsBefore)
        const audit = await t.app.kernel.audit.query({ action: 'identity.account.created', targetId: a.id })
        assert.equal(audit.items.length, 1)
        assert.deepEqual({ ...audit.items[0], id: undefined, at: undefined }, {
          id: undefined, at: undefined, actorId: townAdmin.accountId, actorKind: 'staff', action: 'identity.account.created', targetType: 'account', targetId: a.id,
          requestId: 'create-staff-1', outcome: 'success', ip: '127.0.0.1',
          detail: { kind: 'staff', username: 'xl.window2', departmentId: b.departmentId, roleIds: b.roleIds, postIds: [] },
        })
        const events = await t.app.kernel.db.selectFrom('core_event').selectAll().where('aggregate_id', '=', a.id).execute()
        assert.deepEqual(events.map((e) => [e.name, JSON.parse(e.payload)]), [['identity.account.created', { accountId: a.id, kind: 'staff' }]])
        // The database holds no clear identifier.
        const row = await t.app.kernel.db.selectFrom('identity_account').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow()
        assert.ok(!JSON.stringify(row).includes(b.idNumber) && !JSON.stringify(row).includes(b.mobile))
        assert.match(row.id_number_enc, /^v1\./)
        assert.match(row.id_number_index, /^[0-9a-f]{64}$/)
        // The same user name again is a conflict.
        assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: townAdmin.headers, payload: { ...b, idNumber: undefined, mobile: undefined } }), 409, 'IDENTITY_USERNAME_TAKEN')
      })
    })

    it('lists only accounts in the data scope (applied in SQL)', async () => {
      const page = expectJson(await t.app.inject({ url: '/api/v1/identity/accounts?limit=200', headers: townAdmin.headers }), 200)
      const names = page.items.map((a: { username: string }) => a.username).sort()
      assert.deepEqual(names, ['xl.admin', 'xl.clerk', 'xl.grid', 'xl.window2'])
      const all = expectJson(await t.app.inject({ url: '/api/v1/identity/accounts?kind=citizen&limit=2', headers: ADMIN }), 200)
      assert.equal(all.items.length, 2)
      assert.ok(all.nextCursor)
      const next = expectJson(await t.app.inject({ url: `/api/v1/identity/accounts?kind=citizen&limit=2&cursor=${all.nextCursor}`, headers: ADMIN }), 200)
      assert.ok(!next.items.some((a: { id: string }) => all.items.some((b: { id: string }) => b.id === a.id)))
      // A clerk sees its own department only.
      const clerk = await loginAs(t, 'tz.clerk')
      const own = expectJson(await t.app.inject({ url: '/api/v1/identity/accounts', headers: clerk.headers }), 200)
      assert.deepEqual(own.items.map((a: { username: string }) => a.username), ['tz.clerk'])
    })

    describe('POST /auth/register (citizens)', () => {
      const good = { username: 'new.citizen', password: 'Lotus-Pond-2026', realName: '林晓', idNumber: makeCnId('442000', '19990909', 19), mobile: '13500000019' }
      const register = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload })

      it('refuses invalid ID numbers, weak passwords and duplicates with clear 4xx, changing nothing', async () => {
        const before = await count(t, 'identity_account')
        for (const [idNumber, problem] of [['123', 'format'], ['990000199909090019', 'region'], [makeCnId('442000', '19991340', 19), 'birth-date'], [good.idNumber.slice(0, 17) + (good.idNumber[17] === 'X' ? '0' : 'X'), 'check-digit']]) {
          const p = assertProblem(await register({ ...good, idNumber }), 400, 'IDENTITY_INVALID_ID_NUMBER')
          assert.equal(p.errors[0].code, problem)
        }
        assertProblem(await register({ ...good, password: 'password1' }), 400, 'IDENTITY_WEAK_PASSWORD')
        assertProblem(await register({ ...good, idNumber: '442000198503121016' }), 409, 'IDENTITY_ID_NUMBER_TAKEN')
        assertProblem(await register({ ...good, mobile: '13900000001' }), 409, 'IDENTITY_MOBILE_TAKEN')
        assertProblem(await register({ ...good, username: 'zhang.san' }), 409, 'IDENTITY_USERNAME_TAKEN')
        assert.equal(await count(t, 'identity_account'), before)
      })

      it('registers a citizen with the citizen role; answers identifiers masked; the owner can read them in clear', async () => {
        const a = expectJson(await register(good), 201)
        assert.equal(a.idNumber, `4420**********${good.idNumber.slice(14)}`)
        assert.equal(a.mobile, '135****0019')
        assert.deepEqual(a.roleIds, ['rol_builtin_citizen'])
        const me = await loginAs(t, 'new.citizen', { password: good.password })
        assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/me/identifiers', headers: me.headers }), 200), { idNumber: good.idNumber, mobile: good.mobile })
      })
    })

    it('identifiers in clear: 403 without identity:pii:read, audited for the data officer', async () => {
      const id = await accountIdOf(t.app, 'zhang.san')
      const clerk = await loginAs(t, 'clerk.li')
      const viewed = expectJson(await t.app.inject({ url: `/api/v1/identity/accounts/${id}`, headers: ADMIN }), 200)
      assert.equal(viewed.idNumber, '4420**********1016')
      assertProblem(await t.app.inject({ url: `/api/v1/identity/accounts/${id}/identifiers`, headers: clerk.headers }), 403, 'CORE_FORBIDDEN')
      const officer = await loginAs(t, 'data.zhao')
      assert.deepEqual(expectJson(await t.app.inject({ url: `/api/v1/identity/accounts/${id}/identifiers`, headers: officer.headers }), 200), { idNumber: '442000198503121016', mobile: '13900000001' })
      const audit = await t.app.kernel.audit.query({ action: 'identity.pii.revealed', targetId: id })
      assert.equal(audit.items[0].actorId, officer.accountId)
    })

    it('role changes apply at once to live sessions and are audited with what was added', async () => {
      const grid = await loginAs(t, 'xl.grid')
      assertProblem(await t.app.inject({ url: '/api/v1/identity/departments', headers: grid.headers }), 403, 'CORE_FORBIDDEN')
      const sec = await loginAs(t, 'secadmin')
      const role = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/identity/roles', headers: sec.headers, payload: { code: 'viewer', name: '只读', permissions: ['identity:department:read'], dataScope: 'self' } }), 201)
      const gridRole = await roleId(t, 'grid-worker')
      const a = expectJson(await t.app.inject({ method: 'PUT', url: `/api/v1/identity/accounts/${grid.accountId}/roles`, headers: sec.headers, payload: { roleIds: [gridRole, role.id] } }), 200)
      assert.deepEqual(a.roleIds, [gridRole, role.id].sort())
      expectJson(await t.app.inject({ url: '/api/v1/identity/departments', headers: grid.headers }), 200)
      const audit = await t.app.kernel.audit.query({ action: 'identity.account.roles-changed', targetId: grid.accountId })
      assert.deepEqual(audit.items[0].detail, { before: ['grid-worker'], after: ['grid-worker', 'viewer'], added: ['viewer'], removed: [] })
      // A role that demands a second factor grants nothing to a session opened without one.
      await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/roles/${role.id}`, headers: sec.headers, payload: { requireMfa: true } })
      assertProblem(await t.app.inject({ url: '/api/v1/identity/departments', headers: grid.headers }), 403, 'CORE_FORBIDDEN')
    })

    it('disabling an account ends its sessions; it cannot log in; self-disable is refused', async () => {
      const victim = await loginAs(t, 'huang.min')
      const sec = await loginAs(t, 'secadmin')
      assertProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/accounts/${sec.accountId}`, headers: sec.headers, payload: { status: 'disabled' } }), 409, 'IDENTITY_CANNOT_DISABLE_SELF')
      const a = expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/accounts/${victim.accountId}`, headers: sec.headers, payload: { status: 'disabled' } }), 200)
      assert.equal(a.status, 'disabled')
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: victim.headers }), 401, 'CORE_UNAUTHENTICATED')
      await assert.rejects(loginAs(t, 'huang.min'), /IDENTITY_ACCOUNT_DISABLED/)
    })
  })
}
