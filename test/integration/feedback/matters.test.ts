import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { application, bj, buildFeedbackApp, call, countRows, eventsOf, ok, publishBusinessItem, type FeedbackTestApp } from './helpers.ts'

const MATTER = { title: '公司跨区迁移需要两地来回跑', place: '市政务服务中心 市场监管窗口', reason: '迁出地和迁入地互相让对方先办，跑了四趟也没办成。', category: 'offline', contact: '13800138000' }

for (const dialect of DIALECTS) {
  describe(`feedback 办不成事 window [${dialect}]`, () => {
    let t: FeedbackTestApp
    let item: string
    const act = (id: string, step: string, who: Parameters<typeof call>[1], payload: Record<string, unknown>) => call(t.app, who, 'POST', `/matters/${id}/${step}`, payload)
    const step = async (id: string, name: string, payload: Record<string, unknown>, who: Parameters<typeof call>[1] = 'coordinator') => {
      const r = await act(id, name, who, payload)
      assert.equal(r.statusCode, 200, `${name}: ${r.body}`)
      return r.json()
    }

    before(async () => {
      t = await buildFeedbackApp(dialect, { now: bj('2026-09-29T10:00:00') })
      item = await publishBusinessItem(t.app)
    })
    after(async () => { await t?.close() })

    it('the closed loop: registered → classified (5 working days across the holidays) → transferred → resolved → fed back → checked → filed', async () => {
      t.clock.set(bj('2026-09-29T10:00:00'))
      assertProblem(await call(t.app, null, 'POST', '/matters', MATTER), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await call(t.app, 'alice', 'POST', '/matters', { ...MATTER, category: '其他' }), 400, 'CORE_VALIDATION')
      const n = await countRows(t.app, 'feedback_matter')
      assert.equal(n, 0)
      let m = await ok(t.app, 'alice', 'POST', '/matters', MATTER, 201)
      assert.match(m.number, /^BBC20260929\d{4}$/)
      assert.deepEqual([m.status, m.source, m.category, m.personName, m.contact, m.actions, m.light], ['registered', 'portal', 'offline', '王小丽', null, [], 'none'])
      assert.deepEqual(await eventsOf(t.app, m.id), ['feedback.case.opened'])
      assertProblem(await call(t.app, 'bob', 'GET', `/my/matters/${m.id}`), 404, 'FEEDBACK_MATTER_NOT_FOUND')
      assertProblem(await call(t.app, 'alice', 'GET', `/matters/${m.id}`), 403, 'CORE_FORBIDDEN')
      // A coordinator of another department does not see a matter that is not theirs.
      assertProblem(await call(t.app, 'outsider', 'GET', `/matters/${m.id}`), 404, 'FEEDBACK_MATTER_NOT_FOUND')
      assert.ok((await ok(t.app, 'coordinator', 'GET', '/matters?queue=registered')).items.some((x: any) => x.id === m.id))

      m = await ok(t.app, 'coordinator', 'GET', `/matters/${m.id}`)
      assert.deepEqual([m.contact, m.actions], ['13800138000', ['decline', 'classify']])
      assertProblem(await act(m.id, 'file', 'coordinator', { version: m.version }), 409, 'FEEDBACK_ILLEGAL_TRANSITION')
      t.clock.set(bj('2026-09-29T14:00:00'))
      m = await step(m.id, 'classify', { version: m.version, tier: 'transfer', note: '涉及两个部门' })
      // 5 working days from Tue 29 Sep: Sep 30, Oct 8, 9, 10 (make-up Saturday), 12.
      assert.deepEqual([m.status, m.tier, m.dueAt, m.coordinatorName, m.light], ['classified', 'transfer', '2026-10-12T15:59:59.999Z', '何静', 'green'])
      assertProblem(await act(m.id, 'transfer', 'coordinator', { version: m.version, departmentIds: [], note: '请办理' }), 400, 'CORE_VALIDATION')
      assertProblem(await act(m.id, 'transfer', 'coordinator', { version: m.version - 1, departmentIds: ['zs-gaj'], note: '请办理' }), 409, 'FEEDBACK_VERSION_CONFLICT')
      m = await step(m.id, 'transfer', { version: m.version, departmentIds: ['zs-gaj', 'zs-scjgj'], note: '请协同办理迁移' })
      assert.deepEqual(m.departments.map((d: any) => d.id), ['zs-gaj', 'zs-scjgj'])
      // Now the transferred-to department sees it and may act on it.
      assert.equal((await ok(t.app, 'outsider', 'GET', `/matters/${m.id}`)).id, m.id)
      t.clock.set(bj('2026-10-09T11:00:00'))
      m = await step(m.id, 'resolve', { version: m.version, result: '两局建立迁移“一窗通办”，已为申请人办结迁移登记。' }, 'outsider')
      let mine = await ok(t.app, 'alice', 'GET', `/my/matters/${m.id}`)
      assert.deepEqual([mine.status, mine.result, mine.feedback], ['resolved', null, null], 'the result reaches the person with the feedback')
      m = await step(m.id, 'feedback', { version: m.version, feedback: '您的迁移登记已办结，今后同类事项可在任一窗口一次办理。' })
      mine = await ok(t.app, 'alice', 'GET', `/my/matters/${m.id}`)
      assert.deepEqual([mine.status, mine.feedback, mine.checkNote, mine.contact], ['fed-back', '您的迁移登记已办结，今后同类事项可在任一窗口一次办理。', null, null])
      mine = await ok(t.app, 'alice', 'POST', `/my/matters/${m.id}/confirm`, { satisfied: true, comment: '解决了' })
      assert.equal(mine.personSatisfied, true)
      assertProblem(await call(t.app, 'alice', 'POST', `/my/matters/${m.id}/confirm`, { satisfied: false }), 409, 'FEEDBACK_ILLEGAL_TRANSITION')
      m = await ok(t.app, 'coordinator', 'GET', `/matters/${m.id}`)
      m = await step(m.id, 'check', { version: m.version, passed: true, note: '电话回访确认' })
      m = await step(m.id, 'file', { version: m.version, note: '归档' })
      assert.deepEqual([m.status, m.actions, m.light], ['filed', [], 'none'])
      assert.deepEqual(m.timeline.map((e: any) => e.action), ['register', 'classify', 'transfer', 'resolve', 'feedback', 'confirm-satisfied', 'check-passed', 'file'])
      assert.deepEqual(await eventsOf(t.app, m.id), ['feedback.case.opened', 'feedback.case.closed'])
      assert.equal((await ok(t.app, 'alice', 'GET', '/my/matters')).items[0].id, m.id)
    })

    it('a failed check sends the matter back; a simple matter is due the same working day', async () => {
      t.clock.set(bj('2026-10-01T09:00:00')) // a holiday: the same working day is Oct 8
      let m = await ok(t.app, 'bob', 'POST', '/matters', { ...MATTER, title: '预约号源已满', category: 'online' }, 201)
      m = await step(m.id, 'classify', { version: m.version, tier: 'simple' })
      assert.equal(m.dueAt, '2026-10-08T15:59:59.999Z')
      m = await step(m.id, 'resolve', { version: m.version, result: '已加号' })
      m = await step(m.id, 'feedback', { version: m.version, feedback: '已为您加号' })
      m = await step(m.id, 'check', { version: m.version, passed: false, note: '申请人反映仍未约上' })
      assert.deepEqual([m.status, m.resolvedAt, m.fedBackAt], ['transferred', null, null])
    })

    it('out-of-scope matters are declined with the explanation and the right remedy, reported to the person', async () => {
      let m = await ok(t.app, 'alice', 'POST', '/matters', { title: '与邻居宅基地纠纷', place: '三乡镇', reason: '邻居建房占用我家宅基地。', category: 'other' }, 201)
      m = await step(m.id, 'decline', { version: m.version, kind: 'private', explanation: '该诉求属于私人之间的民事纠纷，不属于受理范围。' })
      assert.equal(m.status, 'declined')
      const mine = await ok(t.app, 'alice', 'GET', `/my/matters/${m.id}`)
      assert.deepEqual([mine.declineKind, mine.explanation], ['private', '该诉求属于私人之间的民事纠纷，不属于受理范围。'])
      assert.match(mine.remedy, /人民调解委员会调解/)
      assert.match(mine.feedback, /人民调解委员会调解/)
      assert.deepEqual(await eventsOf(t.app, m.id), ['feedback.case.opened', 'feedback.case.closed'])
      const other = await ok(t.app, 'alice', 'POST', '/matters', { title: '其他诉求', place: '某处', reason: '某原因说明', category: 'other' }, 201)
      assertProblem(await act(other.id, 'decline', 'coordinator', { version: other.version, kind: 'other', explanation: '不属于受理范围' }), 400, 'CORE_VALIDATION')
    })

    it('every 否定答复 is listed for review; the applicant registers a matter from the refused application in one step', async () => {
      t.clock.set(bj('2026-10-15T10:00:00'))
      const refused = await application(t.app, item, 'bob', 'refused')
      const rejected = await application(t.app, item, 'alice', 'rejected')
      await t.drain()
      const list = await ok(t.app, 'coordinator', 'GET', '/negative-replies?status=pending')
      const byApp = new Map(list.items.map((x: any) => [x.applicationId, x]))
      assert.deepEqual([(byApp.get(refused) as any).kind, (byApp.get(refused) as any).applicantName, (byApp.get(rejected) as any).kind], ['refused', '赵**', 'rejected'])
      assert.match((byApp.get(refused) as any).remedy, /行政复议/)
      assertProblem(await call(t.app, 'alice', 'GET', '/negative-replies'), 403, 'CORE_FORBIDDEN')

      // The refused application prefills the form; registering links it.
      const pre = await ok(t.app, 'bob', 'GET', `/applications/${refused}`)
      assert.deepEqual([pre.application.status, pre.application.reason], ['refused', '经营场所位于禁止经营区域'])
      assertProblem(await call(t.app, 'alice', 'POST', '/matters', { ...MATTER, applicationId: refused }), 404, 'FEEDBACK_APPLICATION_NOT_FOUND')
      const m = await ok(t.app, 'bob', 'POST', '/matters', { ...MATTER, title: `${pre.application.itemName}未获许可`, applicationId: refused }, 201)
      assert.deepEqual([m.source, m.applicationId, m.applicationNumber, m.departmentId], ['application', refused, pre.application.number, 'zs-scjgj'])

      // Review: upheld, or reopened as a matter for the applicant.
      const rejectedId = (byApp.get(rejected) as any).id
      const reopened = await ok(t.app, 'coordinator', 'POST', `/negative-replies/${rejectedId}/review`, { decision: 'reopen', note: '申请人补充材料后可办' })
      assert.equal(reopened.status, 'reopened')
      const created = await ok(t.app, 'alice', 'GET', `/my/matters/${reopened.matterId}`)
      assert.deepEqual([created.source, created.applicationId], ['negative-reply', rejected])
      assertProblem(await call(t.app, 'coordinator', 'POST', `/negative-replies/${rejectedId}/review`, { decision: 'upheld', note: '再审' }), 409, 'FEEDBACK_ALREADY_REVIEWED')
      const upheld = await ok(t.app, 'coordinator', 'POST', `/negative-replies/${(byApp.get(refused) as any).id}/review`, { decision: 'upheld', note: '答复合规' })
      assert.equal(upheld.status, 'upheld')
    })

    it('a clerk registers a matter for a visitor at the window', async () => {
      assertProblem(await call(t.app, 'alice', 'POST', '/matters/window', { ...MATTER, personName: '陈小明' }), 403, 'CORE_FORBIDDEN')
      const m = await ok(t.app, 'window', 'POST', '/matters/window', { ...MATTER, personName: '陈小明' }, 201)
      assert.deepEqual([m.source, m.personName, m.departmentId], ['window', '陈小明', 'zs-scjgj'])
    })
  })
}
