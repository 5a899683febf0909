import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { PNG, PRINCIPALS, as, assertIso, buildGridApp, closeGridApp, counts, outbox, pointIn } from './fixtures.ts'

const UNIT = '44200000100101'

for (const dialect of DIALECTS) {
  describe(`grid: events and the dispatch workflow [${dialect}]`, () => {
    let t: TestApp
    let at: { lon: number; lat: number }
    let eventId: string
    before(async () => {
      t = await buildGridApp(dialect)
      at = await pointIn(t, UNIT)
    })
    after(async () => { await closeGridApp(t) })

    const report = (payload: object, who: keyof typeof PRINCIPALS | null = 'worker') =>
      t.app.inject({ method: 'POST', url: '/api/v1/grid/events', headers: who ? as(who) : {}, payload })
    const act = (id: string, action: string, who: keyof typeof PRINCIPALS, payload: object = {}) =>
      t.app.inject({ method: 'POST', url: `/api/v1/grid/events/${id}/${action}`, headers: as(who), payload })
    const detail = async (id: string) => (await t.app.inject({ url: `/api/v1/grid/events/${id}`, headers: as('reader') })).json()

    it('401 without credentials, 403 without grid:event:report', async () => {
      const body = { categoryCode: '0102', description: '路边有垃圾', ...at }
      assertProblem(await report(body, null), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await report(body, 'nobody'), 403, 'CORE_FORBIDDEN')
      assertProblem(await report(body, 'acceptor'), 403, 'CORE_FORBIDDEN')
    })

    it('400 with field details; unknown category, missing evidence and a point outside the city change nothing', async () => {
      const before = await counts(t, ['grid_event', 'grid_event_log', 'grid_attachment', 'core_audit', 'core_event'])
      const p = assertProblem(await report({ categoryCode: '12', lon: 300, lat: 22.5 }), 400, 'CORE_VALIDATION')
      assert.deepEqual(p.errors.map((e: { path: string }) => e.path).sort(), ['body/categoryCode', 'body/description', 'body/lon'])
      assert.equal(assertProblem(await report({ categoryCode: '9999', description: 'x', ...at }), 400, 'GRID_CATEGORY_NOT_FOUND').errors[0].path, 'body/categoryCode')
      assert.equal(assertProblem(await report({ categoryCode: '0101', description: '违建', ...at }), 400, 'GRID_EVIDENCE_REQUIRED').errors[0].path, 'body/photos')
      assertProblem(await report({ categoryCode: '0102', description: 'x', lon: 116.4, lat: 39.9 }), 422, 'GRID_OUTSIDE_CITY')
      assert.equal(assertProblem(await report({ categoryCode: '0102', description: 'x', ...at, photos: [{ ...PNG, mime: 'image/jpeg' }] }), 400, 'GRID_BAD_ATTACHMENT').errors[0].path, 'body/photos/0')
      assert.deepEqual(await counts(t, ['grid_event', 'grid_event_log', 'grid_attachment', 'core_audit', 'core_event']), before)
    })

    it('a grid worker reports: placed in its grid by point-in-polygon, logged, audited, announced', async () => {
      const res = await report({ categoryCode: '0102', description: '路边有一堆暴露垃圾', address: '孙文中路 1 号', ...at, photos: [PNG] })
      assert.equal(res.statusCode, 201, res.body)
      const r = res.json()
      eventId = r.event.id
      assert.match(eventId, /^gevt_[0-9A-Z]{26}$/)
      for (const k of ['reportedAt', 'updatedAt']) assertIso(r.event[k])
      assertIso(r.event.stage.startedAt)
      assert.equal(Date.parse(r.event.stage.dueAt) - Date.parse(r.event.stage.startedAt), 30 * 60_000)
      assert.deepEqual({ ...r.event, id: 'ID', reportedAt: 'T', updatedAt: 'T', stage: { ...r.event.stage, startedAt: 'T', dueAt: 'T' } }, {
        id: 'ID', categoryCode: '0102', categoryName: { 'zh-CN': '暴露垃圾', 'zh-TW': '暴露垃圾', 'en-US': 'Exposed rubbish' }, source: 'worker', status: 'reported',
        title: '暴露垃圾', description: '路边有一堆暴露垃圾', address: '孙文中路 1 号', lon: at.lon, lat: at.lat, gridCode: UNIT, communityCode: '44200000100100',
        townCode: '44200000100000', nearBoundary: false, departmentId: null, departmentName: null, suggestedDepartmentId: 'dep_urban',
        reporter: { id: 'usr_worker', kind: 'staff', name: 'usr_worker', contact: null }, mergedInto: null,
        stage: { name: 'accept', startedAt: 'T', dueAt: 'T', light: 'green' }, reworkCount: 0, overdueCount: 0, escalation: null, pending: null, closureType: null, closedAt: null,
        reportedAt: 'T', updatedAt: 'T', version: 1,
      })
      assert.equal(r.token, null) // staff reports need no citizen follow-up token
      const [ev] = await outbox(t, 'grid.event.reported', eventId)
      assert.deepEqual(ev!.payload, { eventId, categoryCode: '0102', source: 'worker', gridCode: UNIT, townCode: '44200000100000', lon: at.lon, lat: at.lat })
      assert.equal((await t.app.kernel.audit.query({ action: 'grid.event.reported', targetId: eventId })).items.length, 1)
      const d = await detail(eventId)
      assert.deepEqual(d.timeline.map((l: any) => [l.seq, l.action, l.toStatus]), [[0, 'reported', 'reported']])
      assert.equal(d.attachments.length, 1)
      assert.deepEqual(d.actions, ['accept', 'reject', 'merge'])
      const img = await t.app.inject({ url: `/api/v1/grid/events/${eventId}/attachments/${d.attachments[0].id}`, headers: as('reader') })
      assert.equal(img.statusCode, 200)
      assert.equal(img.headers['content-type'], 'image/png')
      assert.equal(img.rawPayload.toString('base64'), PNG.data)
    })

    it('offers the first report as a duplicate of a second one nearby', async () => {
      const q = await t.app.inject({ url: `/api/v1/grid/duplicates?categoryCode=0102&lon=${at.lon + 0.0002}&lat=${at.lat}` })
      assert.deepEqual(q.json().items.map((d: any) => d.id), [eventId])
      assert.ok(q.json().items[0].meters > 15 && q.json().items[0].meters < 25)
      const r = (await report({ categoryCode: '0102', description: '同一堆垃圾', lon: at.lon + 0.0002, lat: at.lat }, 'sensor')).json()
      assert.equal(r.event.source, 'api')
      assert.deepEqual(r.duplicates.map((d: any) => d.id), [eventId])
      // The acceptor merges it into the first case.
      const merged = await act(r.event.id, 'merge', 'acceptor', { intoEventId: eventId })
      assert.equal(merged.json().status, 'merged')
      assert.equal(merged.json().mergedInto, eventId)
      assertProblem(await act(r.event.id, 'merge', 'acceptor', { intoEventId: 'gevt_nope' }), 404, 'GRID_EVENT_NOT_FOUND')
    })

    it('walks the seven stages with the right role at each, and refuses the wrong one', async () => {
      assertProblem(await act(eventId, 'accept', 'worker'), 403, 'CORE_FORBIDDEN')
      assert.equal((await act(eventId, 'accept', 'acceptor')).json().status, 'accepted')
      assert.equal((await act(eventId, 'open', 'commander', { note: '立案' })).json().status, 'opened')
      assertProblem(await act(eventId, 'dispatch', 'dispatcher', { departmentId: 'urban' }), 400, 'CORE_VALIDATION')
      const dispatched = (await act(eventId, 'dispatch', 'dispatcher', { departmentId: 'dep_urban' })).json()
      assert.equal(dispatched.status, 'dispatched')
      assert.equal(dispatched.departmentId, 'dep_urban')
      assert.equal(Date.parse(dispatched.stage.dueAt) - Date.parse(dispatched.stage.startedAt), 120 * 60_000)
      const [ev] = await outbox(t, 'grid.event.dispatched', eventId)
      assert.deepEqual({ ...ev!.payload, dueAt: 0 }, { eventId, departmentId: 'dep_urban', gridCode: UNIT, dueAt: 0, rework: false })

      assertProblem(await act(eventId, 'handle', 'works', { note: '已清理', photos: [PNG] }), 403, 'GRID_NOT_YOUR_DEPARTMENT')
      assert.equal(assertProblem(await act(eventId, 'handle', 'urban', { note: '已清理' }), 400, 'GRID_EVIDENCE_REQUIRED').errors[0].path, 'body/photos')
      assert.equal((await act(eventId, 'handle', 'urban', { note: '已清理', photos: [PNG] })).json().status, 'handled')

      // Verification fails: back to the department as 返工.
      const rework = (await act(eventId, 'verify', 'worker', { passed: false, note: '仍有垃圾' })).json()
      assert.deepEqual([rework.status, rework.reworkCount], ['dispatched', 1])
      assert.equal((await outbox(t, 'grid.event.dispatched', eventId)).at(-1)!.payload.rework, true)
      await act(eventId, 'handle', 'urban', { note: '已彻底清理', photos: [PNG] })
      assert.equal((await act(eventId, 'verify', 'worker', { passed: true })).json().status, 'verified')
      const closed = (await act(eventId, 'close', 'commander')).json()
      assert.deepEqual([closed.status, closed.closureType], ['closed', 'normal'])
      assertIso(closed.closedAt)
      const [c] = await outbox(t, 'grid.event.closed', eventId)
      assert.deepEqual(c!.payload, { eventId, closureType: 'normal', gridCode: UNIT, departmentId: 'dep_urban', onTime: true })
      const d = await detail(eventId)
      assert.deepEqual(d.timeline.map((l: any) => l.action), ['reported', 'accepted', 'opened', 'dispatched', 'handled', 'reworked', 'handled', 'verified', 'closed'])
      assert.equal(d.attachments.length, 3)
      assert.deepEqual(d.actions, ['reopen'])
      assert.equal((await t.app.kernel.audit.query({ targetId: eventId })).items.length, 9)
    })

    it('an illegal transition is 409 and changes nothing', async () => {
      const before = await counts(t, ['grid_event_log', 'core_audit', 'core_event'])
      const version = (await detail(eventId)).version
      assert.equal(assertProblem(await act(eventId, 'accept', 'acceptor'), 409, 'GRID_ILLEGAL_TRANSITION').code, 'GRID_ILLEGAL_TRANSITION')
      assertProblem(await act(eventId, 'handle', 'urban', { note: 'x', photos: [PNG] }), 409, 'GRID_ILLEGAL_TRANSITION')
      assertProblem(await act('gevt_missing', 'accept', 'acceptor'), 404, 'GRID_EVENT_NOT_FOUND')
      assert.deepEqual(await counts(t, ['grid_event_log', 'core_audit', 'core_event']), before)
      assert.equal((await detail(eventId)).version, version)
    })

    it('reopens within 7 days (返工), refuses after; a stale version is a conflict', async () => {
      const reopened = (await act(eventId, 'reopen', 'commander', { note: '市民反映未解决' })).json()
      assert.deepEqual([reopened.status, reopened.reworkCount, reopened.departmentId], ['dispatched', 2, 'dep_urban'])
      assert.equal((await outbox(t, 'grid.event.reopened', eventId)).length, 1)
      assertProblem(await act(eventId, 'handle', 'urban', { note: 'x', photos: [PNG], version: 1 }), 409, 'GRID_CONFLICT')
      await act(eventId, 'handle', 'urban', { note: 'x', photos: [PNG], version: reopened.version })
      await act(eventId, 'verify', 'worker', { passed: true })
      await act(eventId, 'close', 'commander')
      await t.app.kernel.db.updateTable('grid_event').set({ closed_at: Date.now() - 8 * 86_400_000 }).where('id', '=', eventId).execute()
      assertProblem(await act(eventId, 'reopen', 'commander'), 409, 'GRID_REOPEN_EXPIRED')
    })

    it('extensions (延期) and suspensions (挂账) need the commander\'s approval', async () => {
      const id = (await report({ categoryCode: '0303', description: '路面坑洼', ...at, attributes: { size: 'small' } })).json().event.id
      await act(id, 'accept', 'acceptor')
      await act(id, 'open', 'commander')
      const d1 = (await act(id, 'dispatch', 'dispatcher', { departmentId: 'dep_works' })).json()
      assertProblem(await act(id, 'extension', 'urban', { minutes: 60, reason: 'x' }), 403, 'GRID_NOT_YOUR_DEPARTMENT')
      const asked = (await act(id, 'extension', 'works', { minutes: 60, reason: '等待沥青' })).json()
      assert.equal(asked.pending.kind, 'extension')
      assert.deepEqual(asked.actions, ['handle', 'return', 'decision'])
      assertProblem(await act(id, 'decision', 'works', { approved: true }), 403, 'CORE_FORBIDDEN')
      const approved = (await act(id, 'decision', 'commander', { approved: true })).json()
      assert.equal(Date.parse(approved.stage.dueAt) - Date.parse(d1.stage.dueAt), 60 * 60_000)
      assert.equal(approved.pending, null)
      await act(id, 'suspension', 'works', { reason: '需协调产权单位' })
      const suspended = (await act(id, 'decision', 'commander', { approved: true })).json()
      assert.deepEqual([suspended.status, suspended.stage.light], ['suspended', 'none'])
      assert.equal((await act(id, 'resume', 'commander')).json().status, 'dispatched')
      const wrong = (await act(id, 'return', 'works', { reason: '非本部门' })).json()
      assert.deepEqual([wrong.status, wrong.departmentId], ['opened', null])
    })

    it('queues show open cases with lights; my tasks show what waits for me', async () => {
      const q = (await t.app.inject({ url: '/api/v1/grid/queue?limit=1000', headers: as('reader') })).json()
      assert.ok(q.items.length > 0)
      assert.ok(q.items.every((e: any) => !['closed', 'rejected', 'merged'].includes(e.status)))
      assert.equal(q.lights.green + q.lights.yellow + q.lights.red + q.lights.none >= q.items.length, true)
      const mine = (await t.app.inject({ url: '/api/v1/grid/my/tasks', headers: as('worker') })).json()
      assert.ok(mine.reported.some((e: any) => e.id === eventId))
      const list = (await t.app.inject({ url: `/api/v1/grid/events?gridCode=${UNIT}&status=closed&limit=5`, headers: as('reader') })).json()
      assert.ok(list.items.every((e: any) => e.gridCode === UNIT && e.status === 'closed'))
      const page1 = (await t.app.inject({ url: '/api/v1/grid/events?limit=2', headers: as('reader') })).json()
      const page2 = (await t.app.inject({ url: `/api/v1/grid/events?limit=2&cursor=${page1.nextCursor}`, headers: as('reader') })).json()
      assert.equal(page2.items.length, 2)
      assert.ok(!page2.items.some((e: any) => page1.items.some((f: any) => f.id === e.id)))
    })
  })
}
