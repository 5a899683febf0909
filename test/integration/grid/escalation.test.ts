import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, buildGridClockApp, counts, outbox, square } from './fixtures.ts'

const MINUTE = 60_000
const CITY = '44200000000000'
const TOWN = '44200000100000'
const COMMUNITY = '44200000100100'
const UNIT = '44200000100101'
const AT = { lon: 113.3805, lat: 22.5205 }

for (const dialect of DIALECTS) {
  describe(`grid: escalation of overdue cases up the grid hierarchy [${dialect}]`, () => {
    let t: Awaited<ReturnType<typeof buildGridClockApp>>
    let id: string
    before(async () => {
      t = await buildGridClockApp(dialect)
      const grids = [
        { code: CITY, name: '中山市', d: 0.08, workerIds: ['usr_city_duty'] },
        { code: TOWN, name: '石岐街道', d: 0.04, departmentIds: ['dep_urban'] },
        { code: COMMUNITY, name: '第一社区', d: 0.02, workerIds: ['usr_community_lead'] },
        { code: UNIT, name: '第一网格', d: 0.01, workerIds: ['usr_gw_1'] },
      ]
      for (const g of grids) {
        const res = await t.app.inject({
          method: 'POST', url: '/api/v1/grid/grids', headers: as('mapper'),
          payload: { code: g.code, name: g.name, geometry: square(AT.lon - g.d / 2, AT.lat - g.d / 2, g.d), workerIds: g.workerIds, departmentIds: g.departmentIds },
        })
        assert.equal(res.statusCode, 201, res.body)
      }
      // 0102 exposed rubbish: 30 minutes to accept (受理), 15 to open (立案).
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/grid/events', headers: as('worker'), payload: { categoryCode: '0102', description: '路边堆放垃圾', ...AT } })
      assert.equal(res.statusCode, 201, res.body)
      id = res.json().event.id
      assert.equal(res.json().event.gridCode, UNIT)
      assert.equal(res.json().event.escalation, null)
    })
    after(async () => { await t?.close() })

    const sweep = (who: Parameters<typeof as>[0] = 'commander') => t.app.inject({ method: 'POST', url: '/api/v1/grid/escalations/sweep', headers: as(who) })
    const detail = async () => (await t.app.inject({ url: `/api/v1/grid/events/${id}`, headers: as('reader') })).json()
    const TABLES = ['grid_event_log', 'core_audit', 'core_event']

    it('401 without credentials, 403 without grid:event:approve; nothing escalates', async () => {
      t.clock.advance(40 * MINUTE)
      const before = await counts(t, TABLES)
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/grid/escalations/sweep' }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await sweep('reader'), 403, 'CORE_FORBIDDEN')
      assert.deepEqual(await counts(t, TABLES), before)
      assert.equal((await detail()).escalation, null)
      t.clock.advance(-40 * MINUTE)
    })

    it('nothing happens while the stage is on time', async () => {
      t.clock.advance(29 * MINUTE)
      const before = await counts(t, TABLES)
      assert.deepEqual((await sweep()).json(), { escalated: [] })
      assert.deepEqual(await counts(t, TABLES), before)
    })

    it('past the deadline the case goes to the community; a second sweep changes nothing', async () => {
      t.clock.advance(2 * MINUTE) // 31 minutes: 1 minute over
      const res = await sweep()
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), { escalated: [{ id, level: 1, gridCode: COMMUNITY }] })
      const d = await detail()
      assert.deepEqual(d.escalation, { level: 1, levelName: 'community', gridCode: COMMUNITY, at: new Date(t.clock.now()).toISOString() })
      assert.equal(d.status, 'reported')
      assert.equal(d.stage.light, 'red')
      const entry = d.timeline.at(-1)
      assert.equal(entry.action, 'escalated')
      assert.equal(entry.actorId, 'system:grid-escalation')
      assert.deepEqual(entry.detail, { level: 1, levelName: 'community', gridCode: COMMUNITY, stage: 'accept', overdueMinutes: 1, fromLevel: 0 })
      const events = await outbox(t, 'grid.event.escalated', id)
      assert.equal(events.length, 1)
      assert.deepEqual(events[0]!.payload, {
        eventId: id, level: 1, levelName: 'community', gridCode: COMMUNITY, stage: 'accept', status: 'reported', departmentId: null,
        dueAt: Date.parse(d.stage.dueAt), overdueMinutes: 1, workerIds: ['usr_community_lead'], departmentIds: [],
      })
      assert.equal((await t.app.kernel.audit.query({ action: 'grid.event.escalated', targetId: id })).items.length, 1)

      const before = await counts(t, TABLES)
      assert.deepEqual((await sweep()).json(), { escalated: [] })
      assert.deepEqual(await counts(t, TABLES), before)
    })

    it('one more stage limit overdue goes to the town, two to the city, and no further', async () => {
      t.clock.advance(29 * MINUTE) // 60 minutes: 30 over, one stage limit
      assert.deepEqual((await sweep()).json(), { escalated: [{ id, level: 2, gridCode: TOWN }] })
      assert.deepEqual((await outbox(t, 'grid.event.escalated', id)).at(-1)!.payload.departmentIds, ['dep_urban'])
      t.clock.advance(45 * MINUTE) // 105 minutes: 75 over, two limits and a half
      assert.deepEqual((await sweep()).json(), { escalated: [{ id, level: 3, gridCode: CITY }] })
      assert.deepEqual((await outbox(t, 'grid.event.escalated', id)).at(-1)!.payload.workerIds, ['usr_city_duty'])
      t.clock.advance(24 * 60 * MINUTE)
      const before = await counts(t, TABLES)
      assert.deepEqual((await sweep()).json(), { escalated: [] })
      assert.deepEqual(await counts(t, TABLES), before)
      assert.deepEqual((await detail()).escalation?.level, 3)
    })

    it('a new stage starts unescalated and is escalated again only when it runs over', async () => {
      const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/accept`, headers: as('acceptor'), payload: {} })
      assert.equal(accepted.statusCode, 200, accepted.body)
      assert.equal(accepted.json().escalation, null)
      t.clock.advance(15 * MINUTE)
      assert.deepEqual((await sweep()).json(), { escalated: [] })
      t.clock.advance(1 * MINUTE)
      assert.deepEqual((await sweep()).json(), { escalated: [{ id, level: 1, gridCode: COMMUNITY }] })
      const d = await detail()
      assert.equal(d.status, 'accepted')
      assert.deepEqual(d.timeline.filter((e: { action: string }) => e.action === 'escalated').map((e: { detail: { level: number; stage: string } }) => [e.detail.stage, e.detail.level]),
        [['accept', 1], ['accept', 2], ['accept', 3], ['open', 1]])
    })
  })
}
