import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { ADMIN } from '../../helpers/build-test-app.ts'
import type { IdentityService } from '../../../src/modules/identity/index.ts'
import { buildIdentityTestApp, loginAs, expectJson, type IdentityTestApp, type LoggedIn } from '../../helpers/principals.ts'

const ISO = /^\d{4}-\d\d-\d\dT/

for (const dialect of DIALECTS) {
  describe(`identity: departments, posts, roles, dictionaries, logs, seed [${dialect}]`, () => {
    let t: IdentityTestApp
    let townAdmin: LoggedIn
    let deps: Array<{ id: string; code: string; parentId: string | null; divisionCode: string | null; depth: number }>
    const dep = (code: string) => deps.find((d) => d.code === code)!
    before(async () => {
      t = await buildIdentityTestApp(dialect, { seed: true })
      townAdmin = await loginAs(t, 'xl.admin')
      deps = expectJson(await t.app.inject({ url: '/api/v1/identity/departments', headers: ADMIN }), 200)
    })
    after(async () => { await t?.close() })

    it('seeds the demo city: the government, its bureaus, 24 town governments with division codes; idempotently', async () => {
      assert.equal(dep('zs').parentId, null)
      assert.equal(dep('zs').divisionCode, '442000')
      assert.equal(dep('zs-zsj').parentId, dep('zs').id)
      const towns = deps.filter((d) => d.parentId === dep('zs').id && /^zs-\d{3}$/.test(d.code))
      assert.equal(towns.length, 24)
      for (const town of towns) assert.match(town.divisionCode!, /^442000\d{6}$/)
      assert.equal(dep('zs-118-zwfw').depth, 2)
      const accounts = await t.app.kernel.db.selectFrom('identity_account').select(['username']).orderBy('username').execute()
      await t.app.kernel.seedDemo()
      assert.deepEqual(await t.app.kernel.db.selectFrom('identity_account').select(['username']).orderBy('username').execute(), accounts)
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/identity/departments', headers: ADMIN }), 200), deps)
      assert.equal((await t.app.kernel.audit.query({ action: 'identity.demo.seeded' })).items.length, 1)
      assert.equal(accounts.length, 9 + 5 + 3)
    })

    describe('POST /identity/departments', () => {
      const body = () => ({ parentId: dep('zs-118').id, code: 'zs-118-ajb', name: '安监办', nameEn: 'Safety Office', kind: 'section', divisionCode: '442000118000' })
      const post = (headers: Record<string, string> | undefined, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/identity/departments', headers, payload: payload as Record<string, unknown> })

      it('401, 404 under another town, 403 without the permission', async () => {
        assertProblem(await post(undefined, body()), 401, 'CORE_UNAUTHENTICATED')
        assertProblem(await post(townAdmin.headers, { ...body(), parentId: dep('zs-107').id }), 404, 'IDENTITY_DEPARTMENT_NOT_FOUND')
        assertProblem(await post(townAdmin.headers, { ...body(), parentId: null }), 404, 'IDENTITY_DEPARTMENT_NOT_FOUND')
        const clerk = await loginAs(t, 'xl.clerk')
        assertProblem(await post(clerk.headers, body()), 403, 'CORE_FORBIDDEN')
      })

      it('400 for a malformed body and for a division code outside the city', async () => {
        const bad = assertProblem(await post(townAdmin.headers, { parentId: 'x', code: 'Bad Code', name: '', kind: 'club' }), 400, 'CORE_VALIDATION')
        assert.deepEqual([...new Set(bad.errors.map((e: { path: string }) => e.path))].sort(), ['body/code', 'body/kind', 'body/name', 'body/parentId'])
        assertProblem(await post(townAdmin.headers, { ...body(), divisionCode: '110105000000' }), 400, 'IDENTITY_INVALID_DIVISION')
      })

      it('creates it (full body) with audit and event; a duplicate code is 409', async () => {
        const d = expectJson(await post(townAdmin.headers, body()), 201)
        assert.deepEqual(d, { id: d.id, parentId: dep('zs-118').id, code: 'zs-118-ajb', name: '安监办', nameEn: 'Safety Office', kind: 'section', divisionCode: '442000118000', sort: 0, status: 'active', depth: 2, createdAt: d.createdAt, updatedAt: d.updatedAt })
        assert.match(d.createdAt, ISO)
        const events = await t.app.kernel.db.selectFrom('core_event').select(['name', 'payload']).where('aggregate_id', '=', d.id).execute()
        assert.deepEqual(events.map((e) => [e.name, JSON.parse(e.payload)]), [['identity.department.changed', { departmentId: d.id, change: 'created' }]])
        assertProblem(await post(townAdmin.headers, body()), 409, 'IDENTITY_CODE_TAKEN')
        // The town admin's data scope grew with the new department (department and below).
        const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers: townAdmin.headers }), 200)
        assert.ok(me.dataScope.departmentIds.includes(d.id))
      })

      it('moves a department with its subtree, refuses cycles and deleting a non-empty one', async () => {
        const sec = await loginAs(t, 'secadmin')
        const a = expectJson(await post(sec.headers, { parentId: dep('zs-zsj').id, code: 'zs-zsj-x', name: 'X', kind: 'section' }), 201)
        const b = expectJson(await post(sec.headers, { parentId: a.id, code: 'zs-zsj-x-y', name: 'Y', kind: 'section' }), 201)
        assertProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/departments/${a.id}`, headers: sec.headers, payload: { parentId: b.id } }), 409, 'IDENTITY_DEPARTMENT_CYCLE')
        const moved = expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/departments/${a.id}`, headers: sec.headers, payload: { parentId: dep('zs-gaj').id } }), 200)
        assert.equal(moved.parentId, dep('zs-gaj').id)
        const y = expectJson(await t.app.inject({ url: `/api/v1/identity/departments/${b.id}`, headers: sec.headers }), 200)
        assert.equal(y.depth, 3)
        assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/departments/${a.id}`, headers: sec.headers }), 409, 'IDENTITY_DEPARTMENT_NOT_EMPTY')
        assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/departments/${b.id}`, headers: sec.headers })).statusCode, 204)
        assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/departments/${a.id}`, headers: sec.headers })).statusCode, 204)
      })
    })

    it('posts: create, edit, refuse deleting one that is held', async () => {
      const sec = await loginAs(t, 'secadmin')
      const p = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/identity/posts', headers: sec.headers, payload: { code: 'inspector', name: '检查员' } }), 201)
      assert.deepEqual(p, { id: p.id, code: 'inspector', name: '检查员', sort: 0, status: 'active', createdAt: p.createdAt, updatedAt: p.updatedAt })
      expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/posts/${p.id}`, headers: sec.headers, payload: { name: '安全检查员' } }), 200)
      const clerkPost = expectJson(await t.app.inject({ url: '/api/v1/identity/posts', headers: sec.headers }), 200).find((x: { code: string }) => x.code === 'window-clerk')
      assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/posts/${clerkPost.id}`, headers: sec.headers }), 409, 'IDENTITY_POST_IN_USE')
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/posts/${p.id}`, headers: sec.headers })).statusCode, 204)
    })

    it('roles: permissions must exist and be held, custom scopes name real departments; audited diffs; builtin and used roles stay', async () => {
      const sec = await loginAs(t, 'secadmin')
      const catalog = expectJson(await t.app.inject({ url: '/api/v1/identity/permissions', headers: sec.headers }), 200)
      assert.ok(catalog.some((p: { code: string; module: string }) => p.code === 'identity:pii:read' && p.module === 'identity'))
      const create = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/identity/roles', headers: sec.headers, payload })
      assertProblem(await create({ code: 'r1', name: 'R', permissions: ['nope:thing:do'], dataScope: 'self' }), 400, 'IDENTITY_INVALID_PERMISSION')
      assertProblem(await create({ code: 'r1', name: 'R', permissions: ['identity:pii:read'], dataScope: 'self' }), 403, 'IDENTITY_PRIVILEGE_ESCALATION')
      assertProblem(await create({ code: 'r1', name: 'R', permissions: [], dataScope: 'custom', scopeDepartmentIds: ['dep_nope'] }), 400, 'IDENTITY_INVALID_SCOPE_DEPARTMENT')
      const bad = assertProblem(await create({ code: 'r1', name: 'R', permissions: ['Not A Code'], dataScope: 'everything' }), 400, 'CORE_VALIDATION')
      assert.deepEqual([...new Set(bad.errors.map((e: { path: string }) => e.path))].sort(), ['body/dataScope', 'body/permissions/0'])
      const r = expectJson(await create({ code: 'town-viewer', name: '镇街查看', permissions: ['identity:account:read', 'identity:department:read'], dataScope: 'custom', scopeDepartmentIds: [dep('zs-118').id, dep('zs-107').id], gridScope: ['442000118000'] }), 201)
      assert.deepEqual(r, {
        id: r.id, code: 'town-viewer', name: '镇街查看', description: '', permissions: ['identity:account:read', 'identity:department:read'], dataScope: 'custom',
        scopeDepartmentIds: [dep('zs-118').id, dep('zs-107').id].sort(), gridScope: ['442000118000'], requireMfa: false, builtin: false, sort: 0, createdAt: r.createdAt, updatedAt: r.updatedAt,
      })
      const u = expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/roles/${r.id}`, headers: sec.headers, payload: { permissions: ['identity:account:read', 'identity:post:read'] } }), 200)
      assert.deepEqual(u.permissions, ['identity:account:read', 'identity:post:read'])
      const audit = await t.app.kernel.audit.query({ action: 'identity.role.updated', targetId: r.id })
      assert.deepEqual(audit.items[0].detail, { code: 'town-viewer', permissions: { added: ['identity:post:read'], removed: ['identity:department:read'] }, dataScope: null, requireMfa: false })
      const admin = expectJson(await t.app.inject({ url: '/api/v1/identity/roles', headers: sec.headers }), 200).find((x: { code: string }) => x.code === 'admin')
      assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/roles/${admin.id}`, headers: ADMIN }), 409, 'IDENTITY_BUILTIN_ROLE')
      const clerk = expectJson(await t.app.inject({ url: '/api/v1/identity/roles', headers: sec.headers }), 200).find((x: { code: string }) => x.code === 'clerk')
      assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/roles/${clerk.id}`, headers: ADMIN }), 409, 'IDENTITY_ROLE_IN_USE')
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/identity/roles/${r.id}`, headers: sec.headers })).statusCode, 204)
    })

    it('dictionaries: public reading in three languages with tag colours; administrators edit them', async () => {
      const items = expectJson(await t.app.inject({ url: '/api/v1/dicts/account_kind' }), 200)
      assert.deepEqual(items.map((i: { value: string; label: Record<string, string>; color: string }) => [i.value, i.label['zh-TW'], i.color]), [['citizen', '自然人', 'primary'], ['enterprise', '法人', 'success'], ['staff', '工作人員', 'warning']])
      assertProblem(await t.app.inject({ url: '/api/v1/dicts/no_such' }), 404, 'IDENTITY_DICT_NOT_FOUND')
      const sec = await loginAs(t, 'secadmin')
      const grid = await loginAs(t, 'xl.grid')
      const labels = { 'zh-CN': '紧急', 'zh-TW': '緊急', 'en-US': 'Urgent' }
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/dicts', headers: grid.headers, payload: { code: 'priority', name: labels } }), 403, 'CORE_FORBIDDEN')
      expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/identity/dicts', headers: sec.headers, payload: { code: 'priority', name: { 'zh-CN': '优先级', 'zh-TW': '優先級', 'en-US': 'Priority' } } }), 201)
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/identity/dicts/priority/items', headers: sec.headers, payload: { value: 'urgent', label: labels, color: 'red' } }), 400, 'CORE_VALIDATION')
      const item = expectJson(await t.app.inject({ method: 'POST', url: '/api/v1/identity/dicts/priority/items', headers: sec.headers, payload: { value: 'urgent', label: labels, color: 'danger' } }), 201)
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/dicts/priority' }), 200), [{ id: item.id, type: 'priority', value: 'urgent', label: labels, color: 'danger', sort: 0, status: 'active' }])
      expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/dicts/priority/items/${item.id}`, headers: sec.headers, payload: { status: 'disabled' } }), 200)
      assert.deepEqual(expectJson(await t.app.inject({ url: '/api/v1/dicts/priority' }), 200), [])
      // The service other modules use through ctx.deps.identity.
      const api = t.app.kernel.apis.identity as IdentityService
      assert.equal(await api.dicts.label('account_kind', 'staff', 'en-US'), 'Staff')
    })

    it('logs: the auditor searches the login and operation logs; others are refused', async () => {
      const auditor = await loginAs(t, 'auditor')
      const clerk = await loginAs(t, 'clerk.li')
      assertProblem(await t.app.inject({ url: '/api/v1/identity/logs/logins', headers: clerk.headers }), 403, 'CORE_FORBIDDEN')
      const logins = expectJson(await t.app.inject({ url: `/api/v1/identity/logs/logins?accountId=${clerk.accountId}&outcome=success`, headers: auditor.headers }), 200)
      assert.ok(logins.items.length >= 1)
      const l = logins.items[0]
      assert.deepEqual(l, { id: l.id, at: l.at, accountId: clerk.accountId, loginName: 'clerk.li', outcome: 'success', reason: 'totp', ip: '127.0.0.1', userAgent: 'lightMyRequest', sessionId: clerk.sessionId })
      const ops = expectJson(await t.app.inject({ url: '/api/v1/identity/logs/operations?action=identity.role.created&limit=5', headers: auditor.headers }), 200)
      assert.ok(ops.items.every((o: { action: string }) => o.action === 'identity.role.created'))
      assert.ok(ops.items.length >= 1)
      assertProblem(await t.app.inject({ url: '/api/v1/identity/logs/operations?from=yesterday', headers: auditor.headers }), 400, 'CORE_VALIDATION')
    })
  })
}
