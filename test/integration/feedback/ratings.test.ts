import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { application, bj, buildFeedbackApp, call, countRows, eventsOf, ok, publishBusinessItem, type FeedbackTestApp } from './helpers.ts'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const DAY = 86_400_000

for (const dialect of DIALECTS) {
  describe(`feedback ratings [${dialect}]`, () => {
    let t: FeedbackTestApp
    let item: string
    /** A completed application of alice's with its occurrence (made by the services event). */
    async function completed(who: 'alice' | 'bob' = 'alice', outcome: 'approved' | 'rejected' = 'approved') {
      const appId = await application(t.app, item, who, outcome)
      await t.drain()
      const v = await ok(t.app, who, 'GET', `/applications/${appId}`)
      return { appId, occ: v.occurrence as Record<string, any> }
    }

    before(async () => {
      t = await buildFeedbackApp(dialect)
      item = await publishBusinessItem(t.app)
    })
    after(async () => { await t?.close() })

    it('a completed application becomes one occurrence (event or first look); only its applicant sees it', async () => {
      const appId = await application(t.app, item, 'alice', 'approved')
      // Before the services event is delivered, the applicant's first look makes the occurrence.
      const first = await ok(t.app, 'alice', 'GET', `/applications/${appId}`)
      assert.equal(await t.drain() > 0, true)
      const again = await ok(t.app, 'alice', 'GET', `/applications/${appId}`)
      assert.equal(again.occurrence.id, first.occurrence.id)
      const rows = await t.app.kernel.db.selectFrom('feedback_occurrence').select('id').where('application_id', '=', appId).execute()
      assert.equal(rows.length, 1)
      assert.deepEqual({ ...first.occurrence, id: '', code: '', servedAt: '', dueAt: '' }, {
        id: '', kind: 'online', source: 'application', applicationId: appId, applicationNumber: first.application.number, itemName: '个体工商户设立登记',
        departmentId: 'zs-scjgj', departmentName: first.occurrence.departmentName, hallId: null, hallName: null, windowNo: null, clerkName: null, personName: '王小丽',
        outcome: 'approved', status: 'open', servedAt: '', dueAt: '', code: '', rating: null, case: null,
      })
      assert.match(first.occurrence.code, /^[0-9A-HJKMNP-TV-Z]{10}$/)
      assert.equal(Date.parse(first.occurrence.dueAt) - Date.parse(first.occurrence.servedAt), 7 * DAY)

      assertProblem(await call(t.app, null, 'GET', `/applications/${appId}`), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await call(t.app, 'bob', 'GET', `/applications/${appId}`), 404, 'FEEDBACK_APPLICATION_NOT_FOUND')
      // Staff who may see the application in services still do not rate it.
      assertProblem(await call(t.app, 'officer', 'GET', `/applications/${appId}`), 404, 'FEEDBACK_APPLICATION_NOT_FOUND')
      assertProblem(await call(t.app, 'bob', 'GET', `/occurrences/${first.occurrence.id}`), 404, 'FEEDBACK_OCCURRENCE_NOT_FOUND')

      const waiting = await application(t.app, item, 'alice', 'submitted')
      const w = await ok(t.app, 'alice', 'GET', `/applications/${waiting}`)
      assert.deepEqual([w.application.status, w.occurrence], ['submitted', null])
    })

    it('rating: 401, 404 for someone else, 400 for bad input, 201 once, then 409 — refusals change nothing', async () => {
      const { occ } = await completed()
      const url = `/occurrences/${occ.id}/rating`
      const body = { level: 'satisfied', indicators: { overall: 4, efficiency: 5, guide: 4, convenience: 4, usability: 3 }, tags: ['fast', 'easy-online'], comment: '网上办很方便' }
      const before = await countRows(t.app, 'feedback_rating')
      assertProblem(await call(t.app, null, 'POST', url, body), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await call(t.app, 'bob', 'POST', url, body), 404, 'FEEDBACK_OCCURRENCE_NOT_FOUND')
      assertProblem(await call(t.app, 'alice', 'POST', url, { ...body, level: 'great' }), 400, 'CORE_VALIDATION')
      assertProblem(await call(t.app, 'alice', 'POST', url, { ...body, indicators: { attitude: 5 } }), 400, 'FEEDBACK_INDICATOR_UNKNOWN')
      assertProblem(await call(t.app, 'alice', 'POST', url, { ...body, tags: ['nice-one'] }), 400, 'FEEDBACK_TAG_UNKNOWN')
      assert.equal(await countRows(t.app, 'feedback_rating'), before)

      const rated = await ok(t.app, 'alice', 'POST', url, body, 201)
      assert.equal(rated.status, 'rated')
      assert.equal(rated.code, null, 'the code is spent once rated')
      const r = rated.rating
      assert.match(r.id, /^rat_/)
      assert.match(r.ratedAt, ISO)
      assert.deepEqual({ ...r, id: '', ratedAt: '' }, {
        id: '', occurrenceId: occ.id, kind: 'online', level: 'satisfied', score: 4, indicators: body.indicators, tags: body.tags, comment: '网上办很方便', channel: 'web',
        isDefault: false, raterName: '王小丽', ratedAt: '', amendable: true, amendedAt: null, previousLevel: null, excluded: false,
      })
      assert.deepEqual(await eventsOf(t.app, r.id), ['feedback.rating.submitted'])
      const audit = (await t.app.kernel.audit.query({ targetId: r.id })).items
      assert.deepEqual(audit.map((a) => [a.action, a.actorId]), [['feedback.rating.submitted', 'cit_alice']])

      // A second rating of the same service, by its person or anyone else: 4xx and nothing changes.
      assertProblem(await call(t.app, 'alice', 'POST', url, { level: 'very-dissatisfied' }), 409, 'FEEDBACK_ALREADY_RATED')
      assertProblem(await call(t.app, 'bob', 'POST', url, { level: 'very-dissatisfied' }), 404, 'FEEDBACK_OCCURRENCE_NOT_FOUND')
      assertProblem(await call(t.app, null, 'GET', `/codes/${occ.code}`), 404, 'FEEDBACK_CODE_NOT_FOUND')
      assertProblem(await call(t.app, null, 'POST', `/codes/${occ.code}/rating`, { level: 'dissatisfied', channel: 'sms' }), 404, 'FEEDBACK_CODE_NOT_FOUND')
      assert.equal(await countRows(t.app, 'feedback_rating'), before + 1)
      assert.equal(await countRows(t.app, 'feedback_case'), 0)
      const mine = await ok(t.app, 'alice', 'GET', '/my/occurrences')
      assert.deepEqual(mine.items.find((o: any) => o.id === occ.id).rating, r)
      assert.deepEqual(await eventsOf(t.app, r.id), ['feedback.rating.submitted'])
    })

    it('a rating is amended once within the window; a bad one opens a case, amending it to good withdraws the case', async () => {
      const { occ } = await completed()
      const rated = await ok(t.app, 'alice', 'POST', `/occurrences/${occ.id}/rating`, { level: 'very-dissatisfied', tags: ['slow'], comment: '审批太慢' }, 201)
      const ratingId = rated.rating.id
      assert.equal(rated.case.status, 'open')
      const caseId = rated.case.id
      assertProblem(await call(t.app, 'bob', 'PATCH', `/ratings/${ratingId}`, { level: 'satisfied' }), 404, 'FEEDBACK_RATING_NOT_FOUND')
      const amended = await ok(t.app, 'alice', 'PATCH', `/ratings/${ratingId}`, { level: 'satisfied', comment: '后来很快就办好了' })
      assert.deepEqual([amended.level, amended.previousLevel, amended.amendable], ['satisfied', 'very-dissatisfied', false])
      assertProblem(await call(t.app, 'alice', 'PATCH', `/ratings/${ratingId}`, { level: 'very-satisfied' }), 409, 'FEEDBACK_ALREADY_AMENDED')
      const mine = (await ok(t.app, 'alice', 'GET', '/my/occurrences')).items.find((o: any) => o.id === occ.id)
      assert.deepEqual([mine.rating.level, mine.case.status, mine.case.resolution], ['satisfied', 'closed', 'withdrawn'])
      assert.deepEqual(await eventsOf(t.app, caseId), ['feedback.case.opened', 'feedback.case.closed'])
      assert.deepEqual(await eventsOf(t.app, ratingId), ['feedback.rating.submitted', 'feedback.rating.amended'])

      // Good turned bad opens a case; an amendment after the window is refused.
      const second = await completed()
      const good = await ok(t.app, 'alice', 'POST', `/occurrences/${second.occ.id}/rating`, { level: 'basic' }, 201)
      const bad = await ok(t.app, 'alice', 'PATCH', `/ratings/${good.rating.id}`, { level: 'dissatisfied' })
      assert.equal(bad.level, 'dissatisfied')
      assert.equal((await t.app.kernel.db.selectFrom('feedback_case').select('status').where('rating_id', '=', good.rating.id).executeTakeFirstOrThrow()).status, 'open')
      const third = await completed()
      const late = await ok(t.app, 'alice', 'POST', `/occurrences/${third.occ.id}/rating`, { level: 'satisfied' }, 201)
      t.clock.advance(7 * DAY + 60_000)
      assertProblem(await call(t.app, 'alice', 'PATCH', `/ratings/${late.rating.id}`, { level: 'very-satisfied' }), 409, 'FEEDBACK_WINDOW_CLOSED')
    })

    it('no rating within 7 natural days is recorded as 基本满意 by default, at the close of the window; then nothing more can be rated', async () => {
      t.clock.set(bj('2026-11-20T15:30:00'))
      const { occ } = await completed()
      assert.equal(occ.dueAt, '2026-11-27T07:30:00.000Z')
      t.clock.set(bj('2026-11-27T15:29:00'))
      let mine = (await ok(t.app, 'alice', 'GET', '/my/occurrences')).items.find((o: any) => o.id === occ.id)
      assert.deepEqual([mine.status, mine.rating], ['open', null])
      t.clock.set(bj('2026-11-27T15:31:00'))
      mine = (await ok(t.app, 'alice', 'GET', '/my/occurrences')).items.find((o: any) => o.id === occ.id)
      assert.equal(mine.status, 'defaulted')
      assert.deepEqual({ ...mine.rating, id: '' }, {
        id: '', occurrenceId: occ.id, kind: 'online', level: 'basic', score: 3, indicators: {}, tags: [], comment: null, channel: 'default', isDefault: true,
        raterName: '王小丽', ratedAt: '2026-11-27T07:30:00.000Z', amendable: false, amendedAt: null, previousLevel: null, excluded: false,
      })
      const n = await countRows(t.app, 'feedback_rating')
      assertProblem(await call(t.app, 'alice', 'POST', `/occurrences/${occ.id}/rating`, { level: 'very-satisfied' }), 409, 'FEEDBACK_ALREADY_RATED')
      assertProblem(await call(t.app, 'alice', 'PATCH', `/ratings/${mine.rating.id}`, { level: 'very-satisfied' }), 409, 'FEEDBACK_DEFAULT_NOT_AMENDABLE')
      assertProblem(await call(t.app, null, 'POST', `/codes/${occ.code}/rating`, { level: 'very-satisfied', channel: 'kiosk' }), 404, 'FEEDBACK_CODE_NOT_FOUND')
      assert.equal(await countRows(t.app, 'feedback_rating'), n)
      const ev = await t.app.kernel.db.selectFrom('core_event').select(['name', 'payload']).where('aggregate_id', '=', mine.rating.id).execute()
      assert.deepEqual(ev.map((e) => [e.name, JSON.parse(e.payload as string).isDefault, JSON.parse(e.payload as string).channel]), [['feedback.rating.submitted', true, 'default']])
      // Sweeping again (the timer, another process) defaults nothing twice.
      assert.deepEqual(await (t.app.kernel.apis.feedback as { sweep(): Promise<{ defaults: number }> }).sweep(), { defaults: 0, closed: 0 })
    })

    it('window services: a clerk records one, the visitor rates it with the receipt code on a kiosk (once)', async () => {
      assertProblem(await call(t.app, 'alice', 'POST', '/window-services', { hallId: 'hall-city', windowNo: '3', itemName: '居住证签注', personName: '陈小明' }), 403, 'CORE_FORBIDDEN')
      const occ = await ok(t.app, 'window', 'POST', '/window-services', { hallId: 'hall-city', windowNo: '3', itemName: '居住证签注', personName: '陈小明' }, 201)
      assert.deepEqual([occ.kind, occ.source, occ.departmentId, occ.clerkName, occ.windowNo, occ.status], ['offline', 'window', 'zs-scjgj', '窗口 刘洋', '3', 'open'])
      const info = await ok(t.app, null, 'GET', `/codes/${occ.code}`)
      assert.deepEqual([info.personName, info.itemName, info.clerkName], ['陈**', '居住证签注', '窗口 刘洋'])
      assertProblem(await call(t.app, null, 'GET', '/codes/0000000000'), 404, 'FEEDBACK_CODE_NOT_FOUND')
      assertProblem(await call(t.app, null, 'POST', `/codes/${occ.code}/rating`, { level: 'satisfied', channel: 'kiosk', indicators: { usability: 5 } }), 400, 'FEEDBACK_INDICATOR_UNKNOWN')
      const r = await ok(t.app, null, 'POST', `/codes/${occ.code}/rating`, { level: 'very-satisfied', channel: 'kiosk', indicators: { overall: 5, attitude: 5 }, tags: ['friendly'] }, 201)
      assert.deepEqual([r.channel, r.kind, r.raterName, r.level], ['kiosk', 'offline', '陈小明', 'very-satisfied'])
      assertProblem(await call(t.app, null, 'POST', `/codes/${occ.code}/rating`, { level: 'dissatisfied', channel: 'kiosk' }), 404, 'FEEDBACK_CODE_NOT_FOUND')
      const mineAsClerk = await ok(t.app, 'window', 'GET', '/window-services')
      assert.equal(mineAsClerk.items[0].rating.level, 'very-satisfied')
    })

    it('an external hall system posts window-service ratings: one per external id and caller, within the window', async () => {
      const body = {
        externalId: 'Q20261127-0001', hallId: 'hall-city', windowNo: '5', clerkId: 'stf_fengkai', clerkName: '冯凯', departmentId: 'zs-sw', itemName: '发票申领',
        personName: '梁晓婷', servedAt: new Date(t.clock.now() - 3_600_000).toISOString(), level: 'satisfied', indicators: { overall: 4, service: 4, attitude: 5 },
      }
      assertProblem(await call(t.app, null, 'POST', '/hall-ratings', body), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await call(t.app, 'nobody', 'POST', '/hall-ratings', body), 403, 'CORE_FORBIDDEN')
      const n = await countRows(t.app, 'feedback_rating')
      const r = await ok(t.app, 'hall', 'POST', '/hall-ratings', body, 201)
      assert.deepEqual([r.channel, r.kind, r.raterName, r.score], ['device', 'offline', '梁晓婷', 4])
      assertProblem(await call(t.app, 'hall', 'POST', '/hall-ratings', { ...body, level: 'very-dissatisfied' }), 409, 'FEEDBACK_ALREADY_RATED')
      assert.equal(await countRows(t.app, 'feedback_rating'), n + 1)
      assert.equal(await countRows(t.app, 'feedback_case'), 2, 'the refused repeat opened no case')
      // Another system's numbering is its own.
      await ok(t.app, 'hall2', 'POST', '/hall-ratings', body, 201)
      const stale = { ...body, externalId: 'Q-OLD', servedAt: new Date(t.clock.now() - 8 * DAY).toISOString() }
      assertProblem(await call(t.app, 'hall', 'POST', '/hall-ratings', stale), 400, 'FEEDBACK_SERVED_AT_INVALID')
      assertProblem(await call(t.app, 'hall', 'POST', '/hall-ratings', { ...body, externalId: 'Q-FUTURE', servedAt: new Date(t.clock.now() + 60_000).toISOString() }), 400, 'FEEDBACK_SERVED_AT_INVALID')
      assert.equal(await countRows(t.app, 'feedback_rating'), n + 2)
    })
  })
}
