import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { computeMetrics, type MetricLogEntry } from '../../../src/modules/grid/metrics.ts'
import { as, buildGridApp, closeGridApp } from './fixtures.ts'

const DAY = 86_400_000

for (const dialect of DIALECTS) {
  describe(`grid: metrics [${dialect}]`, () => {
    let t: TestApp
    before(async () => { t = await buildGridApp(dialect) })
    after(async () => { await closeGridApp(t) })

    const from = new Date(Date.now() - 60 * DAY).toISOString()
    const to = new Date(Date.now() - 5 * DAY).toISOString()
    const get = (q: string, headers: Record<string, string> = as('reader')) => t.app.inject({ url: `/api/v1/grid/metrics?${q}`, headers })

    it('401, 403, 400 for a missing or backwards period', async () => {
      assertProblem(await get(`from=${from}&to=${to}`, {}), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await get(`from=${from}&to=${to}`, as('worker')), 403, 'CORE_FORBIDDEN')
      assert.equal(assertProblem(await get(`from=${from}`), 400, 'CORE_VALIDATION').errors[0].path, 'querystring/to')
      assertProblem(await get(`from=${to}&to=${from}`), 400, 'GRID_BAD_PERIOD')
      assertProblem(await get(`from=${from}&to=${to}&groupBy=planet`), 400, 'CORE_VALIDATION')
    })

    it('answers the definitions with the numbers, and groups that add up to the total', async () => {
      const res = await get(`from=${from}&to=${to}&groupBy=town`)
      assert.equal(res.statusCode, 200, res.body)
      const m = res.json()
      assert.deepEqual(m.definitions.map((d: any) => d.key), ['closeRate', 'onTimeCloseRate', 'handleRate', 'onTimeHandleRate', 'accurateDispatchRate', 'reworkRate', 'avgHandleMinutes'])
      assert.equal(m.definitions[0].name['zh-CN'], '结案率')
      assert.equal(m.groups.length, 24)
      assert.ok(m.groups.every((g: any) => /(街道|镇|新区)$/.test(g.name)))
      for (const k of Object.keys(m.total.counts)) assert.equal(m.groups.reduce((s: number, g: any) => s + g.counts[k], 0), m.total.counts[k], k)
      assert.ok(m.total.counts.opened > 300)
      // The demo city closes nearly everything it opens (the platform's headline figure is 结案率).
      assert.ok(m.total.rates.closeRate > 0.9, String(m.total.rates.closeRate))
    })

    it('is reproducible from the raw event log rows', async () => {
      const m = (await get(`from=${from}&to=${to}&groupBy=department`)).json()
      const rows = await t.app.kernel.db.selectFrom('grid_event_log').selectAll().execute()
      const entries: MetricLogEntry[] = rows.map((r: any) => ({
        eventId: r.event_id, seq: r.seq, action: r.action, toStatus: r.to_status, at: Number(r.at), actorId: r.actor_id, actorKind: r.actor_kind,
        departmentId: r.department_id, gridCode: r.grid_code, communityCode: r.community_code, townCode: r.town_code, categoryCode: r.category_code, overdue: r.overdue === 1 || r.overdue === true,
      }))
      const again = computeMetrics(entries, { from: Date.parse(from), to: Date.parse(to), asOf: Date.parse(m.asOf), groupBy: 'department' })
      assert.deepEqual(m.total, again.total)
      assert.deepEqual(m.groups.map(({ name: _n, ...g }: any) => g), again.groups)
      assert.equal(m.groups.find((g: any) => g.key === 'dep_urban').name, '城市管理和综合执法局')
    })
  })
}
