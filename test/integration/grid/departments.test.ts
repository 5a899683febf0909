import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN, type TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { PNG, PRINCIPALS, as, buildGridApp, closeGridApp, counts, pointIn } from './fixtures.ts'

const TOWN_GRID = '44200000100000'
const UNIT = '44200000100101'

for (const dialect of DIALECTS) {
  describe(`grid: grids and duties bound to identity's departments [${dialect}]`, () => {
    let t: TestApp
    let departments: Array<{ id: string; code: string; name: string; kind: string; divisionCode: string | null }>
    before(async () => {
      t = await buildGridApp(dialect)
      const res = await t.app.inject({ url: '/api/v1/identity/departments', headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      departments = res.json().items ?? res.json()
    })
    after(async () => { await closeGridApp(t) })

    it('the demo binds each town grid to its town government in identity', async () => {
      const g = (await t.app.inject({ url: `/api/v1/grid/grids/${TOWN_GRID}`, headers: as('reader') })).json()
      const town = departments.find((d) => d.kind === 'town' && d.divisionCode === TOWN_GRID.slice(0, 12))
      assert.ok(town, 'identity seeds the town government')
      assert.deepEqual(g.departmentIds, [town.id])
    })

    it('a grid names only known departments: 400 per unknown id, nothing changed', async () => {
      const before = await counts(t, ['grid_assignment', 'core_audit'])
      const p = assertProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/grid/grids/${UNIT}`, headers: as('mapper'), payload: { departmentIds: ['dep_urban', 'dep_nowhere'] } }), 400, 'GRID_UNKNOWN_DEPARTMENT')
      assert.deepEqual(p.errors, [{ path: 'body/departmentIds/1', code: 'unknown-department', message: 'no department dep_nowhere' }])
      assert.deepEqual(await counts(t, ['grid_assignment', 'core_audit']), before)
      const market = departments.find((d) => d.code === 'zs-scjgj')!
      const ok = await t.app.inject({ method: 'PATCH', url: `/api/v1/grid/grids/${UNIT}`, headers: as('mapper'), payload: { departmentIds: ['dep_urban', market.id] } })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.deepEqual(ok.json().departmentIds, ['dep_urban', market.id].sort())
    })

    it('binds a duty to an identity department; a dispatch to the duty lands with that department', async () => {
      const bureau = departments.find((d) => d.code === 'zs-scjgj')!
      const duties = (await t.app.inject({ url: '/api/v1/grid/duties', headers: as('reader') })).json().items
      assert.equal(duties.length, 7)
      assert.ok(duties.every((d: { departmentId: string | null }) => d.departmentId === null))
      const before = await counts(t, ['grid_duty_binding', 'core_audit'])
      assertProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/grid/duties/dep_market', headers: as('reader'), payload: { departmentId: bureau.id } }), 403, 'CORE_FORBIDDEN')
      const bad = assertProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/grid/duties/dep_market', headers: as('mapper'), payload: { departmentId: 'dep_nowhere' } }), 400, 'GRID_UNKNOWN_DEPARTMENT')
      assert.equal(bad.errors[0].path, 'body/departmentId')
      assertProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/grid/duties/dep_unknown', headers: as('mapper'), payload: { departmentId: bureau.id } }), 400, 'GRID_UNKNOWN_DEPARTMENT')
      assert.deepEqual(await counts(t, ['grid_duty_binding', 'core_audit']), before)

      const bound = await t.app.inject({ method: 'PUT', url: '/api/v1/grid/duties/dep_market', headers: as('mapper'), payload: { departmentId: bureau.id } })
      assert.equal(bound.statusCode, 200, bound.body)
      assert.deepEqual(bound.json().departmentId, bureau.id)
      assert.equal(bound.json().departmentName['zh-CN'], bureau.name)

      // 0501 unlicensed street vendor: the market regulation duty.
      const at = await pointIn(t, UNIT)
      const rep = await t.app.inject({ method: 'POST', url: '/api/v1/grid/events', headers: as('worker'), payload: { categoryCode: '0501', description: '路口流动摊贩', ...at } })
      assert.equal(rep.statusCode, 201, rep.body)
      const id = rep.json().event.id
      assert.equal(rep.json().event.suggestedDepartmentId, bureau.id)
      for (const [action, who] of [['accept', 'acceptor'], ['open', 'commander']] as const) {
        assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/${action}`, headers: as(who), payload: {} })).statusCode, 200)
      }
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/dispatch`, headers: as('dispatcher'), payload: { departmentId: 'dep_nowhere' } }), 400, 'GRID_UNKNOWN_DEPARTMENT')
      const d = await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/dispatch`, headers: as('dispatcher'), payload: { departmentId: 'dep_market' } })
      assert.equal(d.statusCode, 200, d.body)
      assert.equal(d.json().departmentId, bureau.id)
      assert.equal(d.json().departmentName['zh-CN'], bureau.name)

      // Staff of the real department handle it; a principal of the bare duty id no longer can.
      PRINCIPALS.bureau = { id: 'usr_bureau', kind: 'staff', name: 'usr_bureau', permissions: new Set(['grid:event:read', 'grid:event:handle']), departmentId: bureau.id }
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/handle`, headers: as('urban'), payload: { note: '已处理' } }), 403, 'GRID_NOT_YOUR_DEPARTMENT')
      const h = await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/handle`, headers: as('bureau'), payload: { note: '已劝离', photos: [PNG] } })
      assert.equal(h.statusCode, 200, h.body)
      assert.equal(h.json().status, 'handled')
    })
  })
}
