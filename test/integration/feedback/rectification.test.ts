import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { application, bj, buildFeedbackApp, call, countRows, eventsOf, ok, publishBusinessItem, type FeedbackTestApp } from './helpers.ts'

for (const dialect of DIALECTS) {
  describe(`feedback bad-review rectification [${dialect}]`, () => {
    let t: FeedbackTestApp
    let item: string
    /** A bad rating by `who` of a freshly completed application; returns the case id. */
    async function badReview(who: 'alice' | 'bob', level: 'dissatisfied' | 'very-dissatisfied' = 'very-dissatisfied'): Promise<{ caseId: string; ratingId: string; occId: string }> {
      const appId = await application(t.app, item, who, 'approved')
      await t.drain()
      const occ = (await ok(t.app, who, 'GET', `/applications/${appId}`)).occurrence
      const rated = await ok(t.app, who, 'POST', `/occurrences/${occ.id}/rating`, { level, tags: ['many-visits'], comment: '材料要求前后不一致，跑了三趟。' }, 201)
      return { caseId: rated.case.id, ratingId: rated.rating.id, occId: occ.id }
    }
    const act = (id: string, action: string, who: Parameters<typeof call>[1], payload: Record<string, unknown>) => call(t.app, who, 'POST', `/cases/${id}/${action}`, payload)
    const detail = (id: string, who: Parameters<typeof call>[1] = 'handler') => ok(t.app, who, 'GET', `/cases/${id}`)
    const queue = async (q: string, who: Parameters<typeof call>[1] = 'handler') => (await ok(t.app, who, 'GET', `/cases?queue=${q}`)).items.map((c: any) => c.id)

    before(async () => {
      t = await buildFeedbackApp(dialect, { now: bj('2026-09-29T10:00:00') })
      item = await publishBusinessItem(t.app)
    })
    after(async () => { await t?.close() })

    it('a 非常不满意 opens a case in the department\'s queue, due in 5 working days across the National Day holidays', async () => {
      t.clock.set(bj('2026-09-29T10:00:00')) // Tue; Oct 1-7 holidays, Sat Oct 10 a make-up workday
      const { caseId, ratingId } = await badReview('alice')
      assert.deepEqual(await eventsOf(t.app, caseId), ['feedback.case.opened'])
      const c = await detail(caseId)
      assert.deepEqual(
        [c.status, c.departmentId, c.level, c.limitDays, c.dueAt, c.warnAt, c.light, c.workingDaysLeft, c.calledBack, c.actions, c.ratingId, c.comment, c.tags],
        ['open', 'zs-scjgj', 'very-dissatisfied', 5, '2026-10-12T15:59:59.999Z', '2026-10-10T16:00:00.000Z', 'green', 5, false, ['callback'], ratingId, '材料要求前后不一致，跑了三趟。', ['many-visits']],
      )
      assert.ok((await queue('active')).includes(caseId))
      assert.ok((await queue('open')).includes(caseId))
      // Another department's handler neither lists nor opens it; citizens and strangers are refused.
      assert.ok(!(await queue('all', 'outsider')).includes(caseId))
      assertProblem(await call(t.app, 'outsider', 'GET', `/cases/${caseId}`), 404, 'FEEDBACK_CASE_NOT_FOUND')
      assertProblem(await act(caseId, 'callback', 'outsider', { version: c.version, reached: true, note: '已回访' }), 404, 'FEEDBACK_CASE_NOT_FOUND')
      assertProblem(await call(t.app, 'alice', 'GET', '/cases'), 403, 'CORE_FORBIDDEN')
      assertProblem(await call(t.app, 'alice', 'GET', `/cases/${caseId}`), 403, 'CORE_FORBIDDEN')
      assertProblem(await call(t.app, null, 'GET', `/cases/${caseId}`), 401, 'CORE_UNAUTHENTICATED')
      assert.equal((await detail(caseId)).version, c.version)
    })

    it('call back (every attempt logged), verify, rectify with yellow and red lights; the person sees the feedback and rates the result', async () => {
      t.clock.set(bj('2026-09-29T11:00:00'))
      const { caseId, occId } = await badReview('alice', 'dissatisfied')
      let c = await detail(caseId)
      assertProblem(await act(caseId, 'verify', 'handler', { version: c.version, finding: 'valid', note: '属实' }), 409, 'FEEDBACK_CALLBACK_FIRST')
      assertProblem(await act(caseId, 'callback', 'handler', { version: c.version, reached: true }), 400, 'CORE_VALIDATION')
      c = (await act(caseId, 'callback', 'handler', { version: c.version, reached: false, note: '电话无人接听' })).json()
      assert.deepEqual([c.status, c.callbackAttempts, c.calledBack], ['open', 1, false])

      t.clock.set(bj('2026-10-12T09:00:00')) // the due day: yellow
      c = await detail(caseId)
      assert.equal(c.light, 'yellow')
      assert.ok((await queue('warning')).includes(caseId))
      c = (await act(caseId, 'callback', 'handler', { version: c.version, reached: true, note: '已联系申请人，了解到材料清单与窗口要求不一致。' })).json()
      assert.deepEqual([c.status, c.callbackAttempts, c.calledBack], ['called-back', 2, true])
      assertProblem(await act(caseId, 'verify', 'handler', { version: c.version - 1, finding: 'valid', note: '属实' }), 409, 'FEEDBACK_VERSION_CONFLICT')
      c = (await act(caseId, 'verify', 'handler', { version: c.version, finding: 'valid', note: '经核实，窗口多要求了一份材料。' })).json()
      assert.deepEqual([c.status, c.finding, c.actions], ['rectifying', 'valid', ['rectify']])

      t.clock.set(bj('2026-10-13T09:00:00')) // past the due day: red, in the overdue queue
      c = await detail(caseId)
      assert.deepEqual([c.light, c.workingDaysLeft], ['red', -1])
      assert.ok((await queue('overdue')).includes(caseId))
      const feedback = '已更新办事指南材料清单，并对窗口人员开展培训。感谢您的监督！'
      c = (await act(caseId, 'rectify', 'handler', { version: c.version, measures: '修订材料清单；窗口培训', feedback })).json()
      assert.deepEqual([c.status, c.onTime, c.light, c.feedback], ['rectified', false, 'none', feedback])
      assert.deepEqual(c.timeline.map((e: any) => e.action), ['open', 'callback-failed', 'callback', 'verify-valid', 'rectify'])

      // The person sees the department's feedback (never its internal notes) and rates the result.
      const mine = (await ok(t.app, 'alice', 'GET', '/my/occurrences')).items.find((o: any) => o.id === occId)
      assert.deepEqual(mine.case, {
        id: caseId, status: 'rectified', resolution: null, calledBackAt: c.calledBackAt, measures: '修订材料清单；窗口培训', feedback, rectifiedAt: c.rectifiedAt,
        resultLevel: null, resultAt: null, canRateResult: true,
      })
      assertProblem(await call(t.app, 'bob', 'POST', `/my/cases/${caseId}/result`, { level: 'satisfied' }), 404, 'FEEDBACK_CASE_NOT_FOUND')
      const res = await call(t.app, 'alice', 'POST', `/my/cases/${caseId}/result`, { level: 'satisfied', comment: '问题解决了' })
      assert.equal(res.statusCode, 204, res.body)
      assertProblem(await call(t.app, 'alice', 'POST', `/my/cases/${caseId}/result`, { level: 'satisfied' }), 409, 'FEEDBACK_RESULT_ALREADY_RATED')
      c = await detail(caseId)
      assert.deepEqual([c.status, c.resolution, c.resultLevel, c.resultComment], ['closed', 'rectified', 'satisfied', '问题解决了'])
      assert.deepEqual(await eventsOf(t.app, caseId), ['feedback.case.opened', 'feedback.case.closed'])
      const audit = (await t.app.kernel.audit.query({ targetId: caseId, limit: 50 })).items.map((a) => a.action).reverse()
      assert.deepEqual(audit, ['feedback.case.opened', 'feedback.case.callback-failed', 'feedback.case.callback', 'feedback.case.verify-valid', 'feedback.case.rectify', 'feedback.case.rate-result'])
    })

    it('an appeal (误评 / 不属实) needs its reason and a second person; approval excludes the rating from the statistics', async () => {
      t.clock.set(bj('2026-10-14T10:00:00'))
      const publicCount = async () => (await ok(t.app, null, 'GET', '/stats?from=2026-09-01&to=2026-10-31')).totals.count
      const counted = await publicCount()
      const { caseId, ratingId } = await badReview('bob')
      assert.equal(await publicCount(), counted + 1)
      let c = (await act(caseId, 'callback', 'both', { version: (await detail(caseId)).version, reached: true, note: '申请人称误点了非常不满意' })).json()
      assertProblem(await act(caseId, 'verify', 'both', { version: c.version, finding: 'mistaken', note: '误评' }), 400, 'FEEDBACK_APPEAL_REASON_REQUIRED')
      c = (await act(caseId, 'verify', 'both', { version: c.version, finding: 'mistaken', note: '调取回访录音', appealReason: '评价人确认误点，本意为满意。' })).json()
      assert.deepEqual([c.status, c.appealedBy], ['appealing', 'stf_both'])
      // Whoever appealed cannot decide it; a handler without the reviewer role is refused at the door.
      assertProblem(await act(caseId, 'review', 'both', { version: c.version, decision: 'approve', note: '同意' }), 403, 'FEEDBACK_SAME_REVIEWER')
      assertProblem(await act(caseId, 'review', 'handler', { version: c.version, decision: 'approve', note: '同意' }), 403, 'CORE_FORBIDDEN')
      assert.equal((await detail(caseId, 'both')).actions.length, 0, 'no review button for the appellant')
      assert.ok((await ok(t.app, 'reviewer', 'GET', '/appeals')).items.some((x: any) => x.id === caseId))
      assert.deepEqual((await detail(caseId, 'reviewer')).actions, ['review'])
      c = (await act(caseId, 'review', 'reviewer', { version: c.version, decision: 'approve', note: '录音证实为误评，同意剔除。' })).json()
      assert.deepEqual([c.status, c.resolution, c.reviewDecision], ['closed', 'excluded', 'approve'])
      const rating = await t.app.kernel.db.selectFrom('feedback_rating').select('excluded').where('id', '=', ratingId).executeTakeFirstOrThrow()
      assert.equal(Number(rating.excluded), 1)
      assert.equal(await publicCount(), counted, 'the excluded rating left the statistics')

      // A rejected appeal sends the case back to rectification.
      const other = await badReview('alice')
      let o = (await act(other.caseId, 'callback', 'handler', { version: (await detail(other.caseId)).version, reached: true, note: '已回访' })).json()
      o = (await act(other.caseId, 'verify', 'handler', { version: o.version, finding: 'invalid', note: '窗口录像显示按规定办理', appealReason: '反映情况与事实不符' })).json()
      o = (await act(other.caseId, 'review', 'reviewer', { version: o.version, decision: 'reject', note: '证据不足，请整改' })).json()
      assert.deepEqual([o.status, o.resolution], ['rectifying', null])
      assertProblem(await act(other.caseId, 'review', 'reviewer', { version: o.version, decision: 'approve', note: '再议' }), 409, 'FEEDBACK_ILLEGAL_TRANSITION')
      const counts = await ok(t.app, 'handler', 'GET', '/cases/counts')
      assert.equal(typeof counts.active, 'number')
      assert.equal(await countRows(t.app, 'feedback_case'), 4)
    })
  })
}
