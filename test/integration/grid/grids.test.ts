import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, assertIso, buildGridApp, closeGridApp, counts, square } from './fixtures.ts'

const NEW_UNIT = '44200000100105' // a fifth unit grid in 石岐东社区 (the demo has four)
const body = { code: NEW_UNIT, name: '石岐东社区第05网格', geometry: square(113.30, 22.30), workerIds: ['usr_gw_new'], departmentIds: ['dep_urban'] }

for (const dialect of DIALECTS) {
  describe(`grid: grids [${dialect}]`, () => {
    let t: TestApp
    before(async () => { t = await buildGridApp(dialect) })
    after(async () => { await closeGridApp(t) })

    const post = (payload: unknown, headers: Record<string, string> = as('mapper')) => t.app.inject({ method: 'POST', url: '/api/v1/grid/grids', headers, payload: payload as object })

    it('401 without credentials, 403 without grid:grid:manage', async () => {
      assertProblem(await post(body, {}), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await post(body, as('nobody')), 403, 'CORE_FORBIDDEN')
      assertProblem(await post(body, as('reader')), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ url: `/api/v1/grid/grids/${NEW_UNIT}`, headers: as('nobody') }), 403, 'CORE_FORBIDDEN')
    })

    it('400 with field details for a malformed body', async () => {
      const p = assertProblem(await post({ ...body, code: '4420', extra: 1 }), 400, 'CORE_VALIDATION')
      const paths = p.errors.map((e: { path: string }) => e.path).sort()
      assert.deepEqual(paths, ['body/code', 'body/extra'])
    })

    it('refuses an outline that is not closed, a self-crossing ring and a code that does not fit, changing nothing', async () => {
      const before = await counts(t, ['grid_grid', 'grid_assignment', 'core_audit'])
      const open = { type: 'Polygon', coordinates: [[[113.3, 22.3], [113.31, 22.3], [113.31, 22.31], [113.3, 22.31]]] }
      const p1 = assertProblem(await post({ ...body, geometry: open }), 400, 'GRID_BAD_GEOMETRY')
      assert.deepEqual(p1.errors, [{ path: 'body/geometry/coordinates/0', code: 'ring-not-closed', message: 'a ring must end at the position it starts from' }])
      const bow = { type: 'Polygon', coordinates: [[[113.3, 22.3], [113.31, 22.31], [113.31, 22.3], [113.3, 22.31], [113.3, 22.3]]] }
      assert.equal(assertProblem(await post({ ...body, geometry: bow }), 400, 'GRID_BAD_GEOMETRY').errors[0].code, 'self-intersection')
      const p3 = assertProblem(await post({ ...body, level: 'community' }), 400, 'GRID_BAD_CODE')
      assert.equal(p3.errors[0].path, 'body/code')
      assertProblem(await post({ ...body, code: '44200099900101' }), 400, 'GRID_BAD_CODE') // parent community does not exist
      assert.deepEqual(await counts(t, ['grid_grid', 'grid_assignment', 'core_audit']), before)
    })

    it('creates a unit grid: full body, audit record, then 409 on the same code', async () => {
      const res = await post(body)
      assert.equal(res.statusCode, 201, res.body)
      const g = res.json()
      assertIso(g.createdAt)
      assertIso(g.updatedAt)
      assert.ok(g.areaM2 > 40_000 && g.areaM2 < 50_000, String(g.areaM2)) // 0.002° square at 22.3°N ≈ 45,600 m²
      assert.deepEqual({ ...g, createdAt: 'T', updatedAt: 'T', areaM2: 0 }, {
        code: NEW_UNIT, parentCode: '44200000100100', level: 'unit', name: '石岐东社区第05网格', divisionCode: null,
        geometry: square(113.30, 22.30), bbox: [113.3, 22.3, 113.302, 22.302], label: [113.301, 22.301], areaM2: 0,
        workerIds: ['usr_gw_new'], departmentIds: ['dep_urban'], createdAt: 'T', updatedAt: 'T',
      })
      const audit = await t.app.kernel.audit.query({ action: 'grid.grid.created', targetId: NEW_UNIT })
      assert.equal(audit.items.length, 1)
      assert.equal(audit.items[0]!.actorId, 'usr_mapper')
      assertProblem(await post(body), 409, 'GRID_EXISTS')
      // The index picks the new grid up at once: its centre now locates to it.
      const loc = (await t.app.inject({ url: '/api/v1/grid/locate?lon=113.301&lat=22.301' })).json()
      assert.equal(loc.unitCode, NEW_UNIT)
    })

    it('changes workers and the outline; 404 for an unknown grid', async () => {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/grid/grids/${NEW_UNIT}`, headers: as('mapper'), payload: { workerIds: ['usr_gw_a', 'usr_gw_b'], geometry: square(113.31, 22.31) } })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json().workerIds, ['usr_gw_a', 'usr_gw_b'])
      assert.deepEqual(res.json().bbox, [113.31, 22.31, 113.312, 22.312])
      assertProblem(await t.app.inject({ method: 'PATCH', url: '/api/v1/grid/grids/44200000100199', headers: as('mapper'), payload: { name: 'x' } }), 404, 'GRID_NOT_FOUND')
    })

    it('locates a point in the demo city and answers 422 outside it', async () => {
      const res = await t.app.inject({ url: '/api/v1/grid/locate?lon=113.38&lat=22.52' })
      assert.equal(res.statusCode, 200)
      const loc = res.json()
      assert.match(loc.unitCode, /^442000\d{6}0[1-4]$/)
      assert.equal(loc.communityCode, `${loc.unitCode.slice(0, 12)}00`)
      assert.equal(loc.townCode, `${loc.unitCode.slice(0, 9)}00000`)
      assert.equal(typeof loc.nearBoundary, 'boolean')
      assertProblem(await t.app.inject({ url: '/api/v1/grid/locate?lon=116.4&lat=39.9' }), 422, 'GRID_OUTSIDE_CITY')
      assertProblem(await t.app.inject({ url: '/api/v1/grid/locate?lon=200&lat=22.5' }), 400, 'CORE_VALIDATION')
      const near = (await t.app.inject({ url: '/api/v1/grid/nearby?lon=113.38&lat=22.52&meters=3000', headers: as('reader') })).json()
      assert.equal(near.items[0].code, loc.unitCode)
      assert.equal(near.items[0].meters, 0)
      assert.ok(near.items.length > 1)
    })

    it('lists a town subtree and exports and re-imports it as GeoJSON', async () => {
      const list = (await t.app.inject({ url: '/api/v1/grid/grids?within=44200000200000&level=unit', headers: as('reader') })).json()
      assert.equal(list.items.length, 16)
      const pub = (await t.app.inject({ url: '/api/v1/grid/grids.geojson?within=44200000200000' })).json()
      assert.equal(pub.type, 'FeatureCollection')
      assert.equal(pub.features.length, 1 + 4 + 16)
      assert.equal(pub.features[0].properties.workerIds, undefined)
      const fc = (await t.app.inject({ url: '/api/v1/grid/export?within=44200000200000', headers: as('reader') })).json()
      assert.deepEqual(fc.features.find((f: any) => f.id === '44200000200101').properties.workerIds, ['usr_gw_44200000200101'])
      const before = await counts(t, ['grid_grid'])
      const broken = { type: 'Feature', properties: { code: '44200000200105', name: 'broken' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] } }
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/grid/import', headers: as('mapper'), payload: { type: 'FeatureCollection', features: [...fc.features, broken] } })
      assert.equal(res.statusCode, 200, res.body)
      const r = res.json()
      assert.deepEqual({ created: r.created, updated: r.updated, failed: r.failed }, { created: 0, updated: 21, failed: 1 })
      assert.deepEqual(r.results.at(-1), { code: '44200000200105', ok: false, error: 'GRID_BAD_GEOMETRY', errors: [{ path: 'features/21/geometry/coordinates/0', code: 'ring-too-short', message: 'a ring needs at least 4 positions (got 3)' }] })
      assert.deepEqual(await counts(t, ['grid_grid']), before)
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/grid/import', headers: as('mapper'), payload: { type: 'Feature' } }), 400, 'CORE_VALIDATION')
    })
  })
}
