import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, buildGridApp, closeGridApp, counts } from './fixtures.ts'

for (const dialect of DIALECTS) {
  describe(`grid: base registry [${dialect}]`, () => {
    let t: TestApp
    before(async () => { t = await buildGridApp(dialect) })
    after(async () => { await closeGridApp(t) })

    it('401 and 403 for the registry; searching needs grid:registry:read', async () => {
      assertProblem(await t.app.inject({ url: '/api/v1/grid/addresses?q=路' }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: '/api/v1/grid/addresses?q=路', headers: as('nobody') }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ method: 'PATCH', url: '/api/v1/grid/facilities/4420000101000001', headers: as('reader'), payload: { state: 'damaged' } }), 403, 'CORE_FORBIDDEN')
    })

    it('finds standard addresses by every term and geocodes one to its grid', async () => {
      const first = (await t.app.inject({ url: '/api/v1/grid/buildings?gridCode=44200000100101', headers: as('reader') })).json().items[0]
      const addr = (await t.app.inject({ url: `/api/v1/grid/addresses?q=${encodeURIComponent(first.name)}`, headers: as('reader') })).json().items
      assert.ok(addr.every((a: any) => a.fullText.includes(first.name)))
      const own = addr.filter((a: any) => a.buildingCode === first.code)
      assert.equal(own.length, 3) // the building's address and its two units
      const geo = (await t.app.inject({ url: `/api/v1/grid/geocode?q=${encodeURIComponent(own[0].fullText)}` })).json()
      assert.equal(geo.gridCode, '44200000100101')
      assert.deepEqual([geo.lon, geo.lat], [own[0].lon, own[0].lat])
      assertProblem(await t.app.inject({ url: '/api/v1/grid/geocode?q=' + encodeURIComponent('火星路 1 号') }), 404, 'GRID_ADDRESS_NOT_FOUND')
      assertProblem(await t.app.inject({ url: '/api/v1/grid/geocode?q=' }), 400, 'CORE_VALIDATION')
    })

    it('a grid worker updates a facility from the field; the change is kept with its history', async () => {
      const f = (await t.app.inject({ url: '/api/v1/grid/facilities?gridCode=44200000100000&limit=1', headers: as('reader') })).json().items[0]
      assert.match(f.code, /^442000\d{10}$/)
      const before = await counts(t, ['grid_registry_change', 'core_audit'])
      assertProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/grid/facilities/${f.code}`, headers: as('worker'), payload: { state: 'broken' } }), 400, 'CORE_VALIDATION')
      assertProblem(await t.app.inject({ method: 'PATCH', url: '/api/v1/grid/facilities/4420009999999999', headers: as('worker'), payload: { state: 'damaged' } }), 404, 'GRID_FACILITY_NOT_FOUND')
      assert.deepEqual(await counts(t, ['grid_registry_change', 'core_audit']), before)
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/grid/facilities/${f.code}`, headers: as('worker'), payload: { state: 'damaged' } })
      assert.equal(res.statusCode, 200, res.body)
      const d = res.json()
      assert.equal(d.state, 'damaged')
      assert.equal(d.history.length, 1)
      assert.deepEqual({ ...d.history[0], id: 'X', at: 0 }, { id: 'X', actorId: 'usr_worker', at: 0, before: { state: f.state }, after: { state: 'damaged' } })
      assert.equal((await t.app.kernel.audit.query({ action: 'grid.facility.updated', targetId: f.code })).items.length, 1)
    })

    it('manages Open311 keys: issued once, revoked, then refused', async () => {
      const admin = { authorization: 'Bearer test-admin-token-0123456789abcdef0123456789' }
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/grid/open311/keys', headers: as('reader'), payload: { name: 'x' } }), 403, 'CORE_FORBIDDEN')
      const k = (await t.app.inject({ method: 'POST', url: '/api/v1/grid/open311/keys', headers: admin, payload: { name: 'FixMyStreet bridge' } })).json()
      assert.match(k.key, /^o311_/)
      const form = (key: string) => ({ method: 'POST' as const, url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `api_key=${key}&service_code=0102&lat=22.52&long=113.38&description=x` })
      assert.equal((await t.app.inject(form(k.key))).statusCode, 200)
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/grid/open311/keys/${k.id}`, headers: admin })).statusCode, 204)
      assert.equal((await t.app.inject(form(k.key))).statusCode, 403)
      assertProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/grid/open311/keys/${k.id}`, headers: admin }), 404, 'GRID_OPEN311_KEY_NOT_FOUND')
      const keys = (await t.app.inject({ url: '/api/v1/grid/open311/keys', headers: admin })).json().items
      assert.ok(keys.every((x: any) => !('key' in x)))
    })
  })
}
