import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { PNG, as, buildGridApp, closeGridApp, counts, pointIn } from './fixtures.ts'

for (const dialect of DIALECTS) {
  describe(`grid: citizen reports [${dialect}]`, () => {
    let t: TestApp
    let at: { lon: number; lat: number }
    let id: string
    let token: string
    before(async () => {
      t = await buildGridApp(dialect)
      at = await pointIn(t, '44200000200203')
    })
    after(async () => { await closeGridApp(t) })

    const follow = (tok: string, eventId = id) => t.app.inject({ url: `/api/v1/grid/reports/${eventId}?token=${encodeURIComponent(tok)}` })
    const feedback = (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/grid/reports/${id}/feedback`, payload })

    it('400 with field details, nothing written', async () => {
      const before = await counts(t, ['grid_event', 'core_event'])
      const p = assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/grid/reports', payload: { categoryCode: '0102', lon: at.lon, lat: at.lat, source: 'worker' } }), 400, 'CORE_VALIDATION')
      assert.deepEqual(p.errors.map((e: { path: string }) => e.path).sort(), ['body/description', 'body/source'])
      assert.deepEqual(await counts(t, ['grid_event', 'core_event']), before)
    })

    it('anyone reports a problem and gets a follow-up token once; the contact is kept masked', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/grid/reports', payload: { categoryCode: '0503', description: '车辆堵住消防通道', ...at, contact: '13800138000', reporterName: '王先生', photos: [PNG] } })
      assert.equal(res.statusCode, 201, res.body)
      const r = res.json()
      id = r.event.id
      token = r.token
      assert.match(token, /^[A-Za-z0-9_-]{24}$/)
      assert.deepEqual(r.event.reporter, { id: null, kind: 'citizen', name: '王先生', contact: '138****8000' })
      assert.equal(r.event.source, 'citizen')
      const row = await t.app.kernel.db.selectFrom('grid_event').select(['reporter_contact_masked', 'citizen_token_hash']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.reporter_contact_masked, '138****8000')
      assert.notEqual(row.citizen_token_hash, token)
    })

    it('the token shows progress; a wrong token is 403 and an unknown case 404', async () => {
      const v = (await follow(token)).json()
      assert.deepEqual({ status: v.status, canReopen: v.canReopen, timeline: v.timeline.map((x: any) => x.action) }, { status: 'reported', canReopen: false, timeline: ['reported'] })
      assert.equal(v.reporter, undefined)
      assertProblem(await follow('wrong-token-0000000000'), 403, 'GRID_BAD_CITIZEN_TOKEN')
      assertProblem(await follow(token, 'gevt_missing'), 404, 'GRID_EVENT_NOT_FOUND')
      assertProblem(await feedback({ token, fixed: true }), 409, 'GRID_ILLEGAL_TRANSITION')
    })

    it('after closing, "not fixed" reopens the case as 返工 and the citizen sees it', async () => {
      const act = (a: string, who: 'acceptor' | 'commander' | 'dispatcher' | 'worker', payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/${a}`, headers: as(who), payload })
      await act('accept', 'acceptor')
      await act('open', 'commander')
      await act('dispatch', 'dispatcher', { departmentId: 'dep_traffic' })
      // The traffic police handle it (the admin token holds every permission, `*` passes the department check).
      const h = await t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/handle`, headers: { authorization: 'Bearer test-admin-token-0123456789abcdef0123456789' }, payload: { note: '已拖离', photos: [PNG] } })
      assert.equal(h.statusCode, 200, h.body)
      await act('verify', 'worker', { passed: true })
      await act('close', 'commander')
      const closed = (await follow(token)).json()
      assert.deepEqual([closed.status, closed.canReopen], ['closed', true])
      assert.deepEqual(closed.departmentName, { 'zh-CN': '公安局交通警察支队', 'zh-TW': '公安局交通警察支隊', 'en-US': 'Traffic Police' })
      const reopened = (await feedback({ token, fixed: false, note: '车又停回来了' })).json()
      assert.equal(reopened.status, 'dispatched')
      assert.equal(reopened.timeline.at(-1).action, 'reopened')
      const log = await t.app.kernel.db.selectFrom('grid_event_log').select(['actor_id', 'actor_kind', 'note']).where('event_id', '=', id).where('action', '=', 'reopened').executeTakeFirstOrThrow()
      assert.deepEqual(log, { actor_id: 'citizen:reporter', actor_kind: 'citizen', note: '车又停回来了' })
      assertProblem(await feedback({ token: 'wrong-token-0000000000', fixed: false }), 403, 'GRID_BAD_CITIZEN_TOKEN')
    })
  })
}
