// Queues and application access follow identity's departments and data scopes: an application
// belongs to the implementing department's code; a principal's scope (identity department ids) is
// turned into codes, a section counting for its bureau. Officers signed in through identity see
// their bureau's applications and nothing of another bureau's.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { Principal } from '../../../src/core/http/auth.ts'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { ADMIN, as, buildServicesApp, countRows, EXTRA_PRINCIPALS, fillDraft, itemData, json, publishItem, type ServicesTestApp } from './helpers.ts'

const BUSINESS = { operatorName: '王小丽', idNumber: '11010519491231002X', mobile: '13800138000', tradeName: '小丽', organization: 'individual', businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2 }
const ACCEPT = ['services:application:read', 'services:application:accept']
const PASSWORD = 'Svc#Departments2026'

for (const dialect of DIALECTS) {
  describe(`services queues follow identity departments [${dialect}]`, () => {
    let t: ServicesTestApp
    let appId: string
    const dep: Record<string, string> = {}
    const scoped = (name: string, departmentId: string, departmentIds: string[] | undefined): Principal => ({
      id: `stf_${name}`, kind: 'staff', name, departmentId, permissions: new Set(ACCEPT),
      ...(departmentIds ? { dataScope: { all: false, departmentIds, self: false } } : {}),
    })
    const queue = async (who: string) => json(await t.app.inject({ url: '/api/v1/services/workbench/acceptance', headers: as(who) }))
    const ids = (q: Record<string, any>) => (q.items as Array<{ id: string }>).map((a) => a.id)

    before(async () => {
      t = await buildServicesApp(dialect)
      const create = async (code: string, kind: string, parent: string | null) => {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/identity/departments', headers: ADMIN, payload: { code, name: code, kind, parentId: parent ? dep[parent] : null } })
        assert.equal(r.statusCode, 201, r.body)
        dep[code] = r.json().id
      }
      await create('zs', 'city', null)
      await create('zs-scjgj', 'bureau', 'zs')
      await create('zs-scjgj-djk', 'section', 'zs-scjgj')
      await create('zs-gaj', 'bureau', 'zs')
      const town = await t.app.inject({ method: 'POST', url: '/api/v1/identity/departments', headers: ADMIN, payload: { code: 'zs-118', name: '小榄镇人民政府', kind: 'town', parentId: dep.zs, divisionCode: '442000118000' } })
      assert.equal(town.statusCode, 201, town.body)
      EXTRA_PRINCIPALS.section = scoped('section', dep['zs-scjgj-djk']!, [dep['zs-scjgj-djk']!])
      EXTRA_PRINCIPALS.police = scoped('police', dep['zs-gaj']!, [dep['zs-gaj']!])
      EXTRA_PRINCIPALS.city = scoped('city', dep.zs!, [dep.zs!, dep['zs-scjgj']!, dep['zs-scjgj-djk']!, dep['zs-gaj']!])
      EXTRA_PRINCIPALS.unscoped = scoped('unscoped', dep['zs-scjgj']!, undefined)

      const itemId = await publishItem(t.app, itemData('individual-business'))
      const d = json(await t.app.inject({ method: 'POST', url: '/api/v1/services/applications', headers: as('alice'), payload: { itemId } }))
      const v = await fillDraft(t.app, 'alice', d.id, BUSINESS)
      const r = await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${d.id}/submit`, headers: as('alice'), payload: { version: v } })
      assert.equal(r.statusCode, 200, r.body)
      assert.equal(r.json().departmentId, 'zs-scjgj')
      appId = d.id
    })
    after(async () => { await t?.close() })

    it('a section of the implementing bureau and the city above it see the application; another bureau and a principal without scope do not', async () => {
      assert.deepEqual(ids(await queue('section')), [appId])
      assert.deepEqual(ids(await queue('city')), [appId])
      assert.deepEqual(ids(await queue('police')), [])
      assert.deepEqual(ids(await queue('unscoped')), [])
      assert.equal(json(await t.app.inject({ url: '/api/v1/services/workbench/counts', headers: as('police') })).acceptance, 0)
      const v = json(await t.app.inject({ url: `/api/v1/services/applications/${appId}`, headers: as('section') })).version
      assertProblem(await t.app.inject({ url: `/api/v1/services/applications/${appId}`, headers: as('police') }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${appId}/claim`, headers: as('police'), payload: { version: v } }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${appId}/claim`, headers: as('unscoped'), payload: { version: v } }), 404, 'SVC_APPLICATION_NOT_FOUND')
      // The refused claims changed nothing.
      const now = json(await t.app.inject({ url: `/api/v1/services/applications/${appId}`, headers: as('section') }))
      assert.deepEqual([now.version, now.assigneeId, now.status], [v, null, 'submitted'])
    })

    it('officers signed in through identity get their queue from their role\'s data scope', async () => {
      const role = async (code: string, dataScope: string) => {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/identity/roles', headers: ADMIN, payload: { code, name: code, permissions: ACCEPT, dataScope, requireMfa: false } })
        assert.equal(r.statusCode, 201, r.body)
        return r.json().id as string
      }
      const officer = async (username: string, department: string, roleId: string) => {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/identity/accounts', headers: ADMIN, payload: { username, password: PASSWORD, displayName: username, departmentId: dep[department], roleIds: [roleId] } })
        assert.equal(r.statusCode, 201, r.body)
        const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: username, password: PASSWORD, mode: 'token' } })
        assert.equal(login.statusCode, 200, login.body)
        return { authorization: `Bearer ${login.json().accessToken as string}` }
      }
      const own = await role('svc-own', 'department')
      const market = await officer('djk.clerk', 'zs-scjgj-djk', own)
      const police = await officer('gaj.clerk', 'zs-gaj', own)
      const q = async (headers: Record<string, string>) => ids(json(await t.app.inject({ url: '/api/v1/services/workbench/acceptance', headers })))
      assert.deepEqual(await q(market), [appId])
      assert.deepEqual(await q(police), [])
      const v = json(await t.app.inject({ url: `/api/v1/services/applications/${appId}`, headers: market })).version
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${appId}/claim`, headers: police, payload: { version: v } }), 404, 'SVC_APPLICATION_NOT_FOUND')
      const claimed = await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${appId}/claim`, headers: market, payload: { version: v } })
      assert.equal(claimed.statusCode, 200, claimed.body)
      assert.equal(claimed.json().status, 'submitted')
      assert.ok(claimed.json().assigneeId.startsWith('acc_'))
    })

    it('the catalog accepts only identity\'s departments, and a town government only for its own division; refusals save nothing', async () => {
      const before = await countRows(t.app, 'services_item')
      const unknown = itemData('individual-business', { departmentId: 'zs-nowhere' })
      let r = await t.app.inject({ method: 'POST', url: '/api/v1/services/catalog', headers: as('editor'), payload: unknown })
      assertProblem(r, 400, 'SVC_ITEM_INVALID')
      assert.deepEqual(r.json().errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['/departmentId', 'SVC_RULE_UNKNOWN_DEPARTMENT']])
      assert.match(r.json().errors[0].message, /不在统一身份认证的组织机构中/)
      r = await t.app.inject({ method: 'POST', url: '/api/v1/services/catalog/validate', headers: as('editor'), payload: unknown })
      assert.deepEqual([r.statusCode, r.json().ok, r.json().errors[0].code], [200, false, 'SVC_RULE_UNKNOWN_DEPARTMENT'])
      // 小榄镇 (zs-118) implements items of 442000118000, not of the city as a whole.
      const town = itemData('individual-business', { departmentId: 'zs-118' })
      r = await t.app.inject({ method: 'POST', url: '/api/v1/services/catalog', headers: as('editor'), payload: town })
      assertProblem(r, 400, 'SVC_ITEM_INVALID')
      assert.deepEqual(r.json().errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['/divisionCode', 'SVC_RULE_DEPARTMENT_DIVISION']])
      assert.equal(await countRows(t.app, 'services_item'), before)
      r = await t.app.inject({ method: 'POST', url: '/api/v1/services/catalog/validate', headers: as('editor'), payload: itemData('individual-business') })
      assert.deepEqual(r.json(), { ok: true, errors: [] })
    })
  })
}
