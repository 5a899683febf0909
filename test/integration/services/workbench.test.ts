import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, buildServicesApp, countRows, eventsOf, fillDraft, itemData, json, publishItem, type ServicesTestApp } from './helpers.ts'

const COMPANY = { companyName: '中山市智城科技有限公司', uscc: '91442000MA4WC0017F', mobile: '13800138000' }
const PLANNING = { ...COMPANY, projectName: '智城科技研发中心', projectAddress: '中山市翠亨新区兴港大道', landArea: 12000, buildingArea: 36000, investment: 18000 }
const BUSINESS = { operatorName: '王小丽', idNumber: '11010519491231002X', mobile: '13800138000', tradeName: '小丽', organization: 'individual', businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2 }
const bj = (iso: string) => Date.parse(`${iso}+08:00`)

for (const dialect of DIALECTS) {
  describe(`services workbench and workflow [${dialect}]`, () => {
    let t: ServicesTestApp
    let planning: string
    let business: string
    const api = (id: string, action = '') => `/api/v1/services/applications/${id}${action ? `/${action}` : ''}`
    const get = async (id: string, who: Parameters<typeof as>[0] = 'clerk') => json(await t.app.inject({ url: api(id), headers: as(who) }))
    const act = (id: string, action: string, who: Parameters<typeof as>[0], payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: api(id, action), headers: as(who), payload })
    async function submitted(itemId: string, answers: Record<string, unknown>, who: 'alice' | 'bob' = 'alice'): Promise<string> {
      const d = json(await t.app.inject({ method: 'POST', url: '/api/v1/services/applications', headers: as(who), payload: { itemId } }))
      const v = await fillDraft(t.app, who, d.id, answers)
      const r = await t.app.inject({ method: 'POST', url: api(d.id, 'submit'), headers: as(who), payload: { version: v } })
      assert.equal(r.statusCode, 200, r.body)
      return d.id
    }

    before(async () => {
      t = await buildServicesApp(dialect)
      planning = await publishItem(t.app, itemData('planning-permit'))
      business = await publishItem(t.app, itemData('individual-business'))
    })
    after(async () => { await t?.close() })

    it('401, 404 for another department, 403 for the wrong role; nothing changes', async () => {
      const id = await submitted(business, BUSINESS)
      const v = (await get(id)).version
      assertProblem(await t.app.inject({ method: 'POST', url: api(id, 'claim'), payload: { version: v } }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: '/api/v1/services/workbench/acceptance' }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await act(id, 'claim', 'outsider', { version: v }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await act(id, 'claim', 'bob', { version: v }), 403, 'CORE_FORBIDDEN')
      assertProblem(await act(id, 'claim', 'nobody', { version: v }), 403, 'CORE_FORBIDDEN')
      assertProblem(await act(id, 'claim', 'approver', { version: v }), 403, 'SVC_FORBIDDEN_ACTION')
      assertProblem(await act(id, 'accept', 'approver', { version: v }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ url: '/api/v1/services/workbench/acceptance', headers: as('alice') }), 403, 'CORE_FORBIDDEN')
      assertProblem(await act(id, 'reject', 'clerk', { version: v }), 400, 'CORE_VALIDATION')
      assertProblem(await act(id, 'accept', 'clerk', { version: v }), 409, 'SVC_NOT_CLAIMED')
      assert.equal((await get(id)).version, v)
      assert.deepEqual(await eventsOf(t.app, id), ['services.application.submitted'])
    })

    it('two clerks claim at once: one wins, the other gets 409, and only one claim is recorded', async () => {
      const id = await submitted(business, BUSINESS, 'bob')
      const v = (await get(id)).version
      const [a, b] = await Promise.all([act(id, 'claim', 'clerk', { version: v }), act(id, 'claim', 'clerk2', { version: v })])
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409])
      const loser = a.statusCode === 409 ? a : b
      assert.equal(loser.json().code, 'SVC_VERSION_CONFLICT')
      const winner = a.statusCode === 200 ? 'stf_clerk' : 'stf_clerk2'
      const now = await get(id)
      assert.deepEqual([now.assigneeId, now.version], [winner, v + 1])
      const claims = (await t.app.kernel.audit.query({ targetId: id, action: 'services.application.claim' })).items
      assert.equal(claims.length, 1)
      // The other clerk, with the fresh version, still cannot take it.
      const other = winner === 'stf_clerk' ? 'clerk2' : 'clerk'
      assertProblem(await act(id, 'claim', other, { version: now.version }), 409, 'SVC_CLAIMED_BY_OTHER')
      assertProblem(await act(id, 'accept', other, { version: now.version }), 409, 'SVC_CLAIMED_BY_OTHER')
    })

    it('补正 pauses the clock across the holidays; resubmission resumes it and extends the deadline', async () => {
      t.clock.set(bj('2026-09-24T10:00:00')) // Thu; Fri 25 is Mid-Autumn, Oct 1-7 National Day
      const id = await submitted(business, BUSINESS)
      let a = await get(id)
      assert.equal(a.deadline.dueAt, '2026-09-28T15:59:59.999Z')
      t.clock.set(bj('2026-09-28T09:00:00'))
      a = json(await act(id, 'claim', 'clerk', { version: a.version }))
      a = json(await act(id, 'request-correction', 'clerk', { version: a.version, reason: '经营场所证明不清晰', materials: ['premises'] }))
      assert.deepEqual([a.status, a.deadline.paused, a.assigneeId], ['correction', true, null])
      assert.equal(a.timeline.at(-1).comment, '经营场所证明不清晰（需补正材料：premises）')
      t.clock.set(bj('2026-10-09T15:00:00'))
      const mine = await get(id, 'alice')
      assert.ok(mine.actions.includes('resubmit') && mine.actions.includes('edit'))
      const r = json(await t.app.inject({ method: 'POST', url: api(id, 'resubmit'), headers: as('alice'), payload: { version: mine.version } }))
      // Paused Sep 28 → Oct 9: working days 29, 30, Oct 8, 9 = 4; due = 1 + 4 working days after Sep 24.
      assert.deepEqual([r.status, r.deadline.pausedDays, r.deadline.paused, r.deadline.dueAt], ['submitted', 4, false, '2026-10-09T15:59:59.999Z'])
      assert.deepEqual(await eventsOf(t.app, id), ['services.application.submitted', 'services.application.correction-requested', 'services.application.resubmitted'])
    })

    it('不予受理 ends the application with a negative reply record and the rejected and completed events', async () => {
      const id = await submitted(business, BUSINESS)
      let a = json(await act(id, 'claim', 'clerk', { version: (await get(id)).version }))
      a = json(await act(id, 'reject', 'clerk', { version: a.version, reason: '经营范围属于禁止类项目', legalBasis: '《市场准入负面清单》' }))
      assert.equal(a.status, 'rejected')
      assert.deepEqual(a.result, { outcome: 'rejected', reason: '经营范围属于禁止类项目', remedy: a.result.remedy, legalBasis: '《市场准入负面清单》' })
      assert.match(a.result.remedy, /行政复议/)
      const neg = await t.app.kernel.db.selectFrom('services_negative_reply').selectAll().where('application_id', '=', id).execute()
      assert.deepEqual(neg.map((n) => [n.kind, n.reason, n.actor_id]), [['rejected', '经营范围属于禁止类项目', 'stf_clerk']])
      assert.deepEqual((await eventsOf(t.app, id)).slice(1), ['services.application.rejected', 'services.application.completed'])
      assertProblem(await act(id, 'claim', 'clerk', { version: a.version }), 409, 'SVC_ILLEGAL_TRANSITION')
    })

    it('accept → review (single) → countersign of two officers → decide, with return and transfer, then approved with its result', async () => {
      t.clock.set(bj('2026-11-02T10:00:00'))
      const id = await submitted(planning, PLANNING)
      let a = json(await act(id, 'claim', 'clerk', { version: (await get(id)).version }))
      a = json(await act(id, 'accept', 'clerk', { version: a.version, comment: '材料齐全' }))
      assert.deepEqual([a.status, a.stepIndex, a.stepName, a.assigneeId], ['reviewing', 0, '审查', null])
      assertProblem(await act(id, 'approve', 'approver', { version: a.version }), 409, 'SVC_NOT_CLAIMED')
      a = json(await act(id, 'claim', 'approver', { version: a.version }))
      a = json(await act(id, 'approve', 'approver', { version: a.version }))
      assert.deepEqual([a.stepIndex, a.stepName], [1, '联合会审'])
      assert.deepEqual(a.actions, ['approve', 'refuse', 'return'], 'countersign: no claim')
      assertProblem(await act(id, 'claim', 'approver', { version: a.version }), 409, 'SVC_ILLEGAL_TRANSITION')
      a = json(await act(id, 'approve', 'approver', { version: a.version }))
      assert.deepEqual([a.stepIndex, a.signatures], [1, ['stf_approver']])
      assertProblem(await act(id, 'approve', 'approver', { version: a.version }), 409, 'SVC_ALREADY_SIGNED')
      a = json(await act(id, 'approve', 'approver2', { version: a.version }))
      assert.deepEqual([a.stepIndex, a.stepName, a.signatures], [2, '决定', []])
      a = json(await act(id, 'claim', 'approver', { version: a.version }))
      assertProblem(await act(id, 'return', 'approver', { version: a.version, toStep: 2, comment: '退回' }), 400, 'SVC_BAD_STEP')
      a = json(await act(id, 'return', 'approver', { version: a.version, toStep: 0, comment: '审查意见需补充' }))
      assert.deepEqual([a.stepIndex, a.assigneeId], [0, null])
      a = json(await act(id, 'claim', 'approver', { version: a.version }))
      a = json(await act(id, 'transfer', 'approver', { version: a.version, assigneeId: 'stf_approver2', assigneeName: '赵副局长' }))
      assert.deepEqual([a.assigneeId, a.assigneeName], ['stf_approver2', '赵副局长'])
      a = json(await act(id, 'approve', 'approver2', { version: a.version }))
      a = json(await act(id, 'approve', 'approver', { version: a.version }))
      a = json(await act(id, 'approve', 'approver2', { version: a.version }))
      a = json(await act(id, 'claim', 'approver', { version: a.version }))
      t.clock.set(bj('2026-11-05T16:00:00'))
      a = json(await act(id, 'approve', 'approver', { version: a.version, comment: '准予许可' }))
      assert.deepEqual([a.status, a.completedAt, a.deadline.workingDaysLeft], ['approved', '2026-11-05T08:00:00.000Z', null])
      assert.deepEqual(a.result, { outcome: 'approved', documents: [{ name: '建设工程规划许可证', number: `${a.number}-01` }] })
      assert.deepEqual(a.timeline.map((x: { action: string }) => x.action), [
        'submit', 'claim', 'accept', 'claim', 'approve', 'approve', 'approve', 'claim', 'return', 'claim', 'transfer', 'approve', 'approve', 'approve', 'claim', 'approve',
      ])
      assert.deepEqual(await eventsOf(t.app, id), [
        'services.application.submitted', 'services.application.accepted', 'services.application.step-advanced', 'services.application.step-advanced',
        'services.application.returned', 'services.application.transferred', 'services.application.step-advanced', 'services.application.step-advanced',
        'services.application.approved', 'services.application.completed',
      ])
      // The applicant sees the outcome, without internal assignments.
      const mine = await get(id, 'alice')
      assert.deepEqual([mine.status, mine.assigneeId, mine.signatures, mine.actions], ['approved', null, [], []])
      const before = await countRows(t.app, 'services_transition')
      assertProblem(await act(id, 'approve', 'approver', { version: a.version }), 409, 'SVC_ILLEGAL_TRANSITION')
      assertProblem(await act(id, 'approve', 'approver', { version: a.version - 1 }), 409, 'SVC_VERSION_CONFLICT')
      assert.equal(await countRows(t.app, 'services_transition'), before)
    })

    it('refusal needs reason and remedy and records a negative reply', async () => {
      const id = await submitted(business, BUSINESS)
      let a = json(await act(id, 'claim', 'clerk', { version: (await get(id)).version }))
      a = json(await act(id, 'accept', 'clerk', { version: a.version }))
      a = json(await act(id, 'claim', 'approver', { version: a.version }))
      const bad = assertProblem(await act(id, 'refuse', 'approver', { version: a.version, reason: '不符合条件' }), 400, 'CORE_VALIDATION')
      assert.deepEqual(bad.errors.map((e: { path: string }) => e.path), ['body/remedy'])
      a = json(await act(id, 'refuse', 'approver', { version: a.version, reason: '经营场所为住宅', remedy: '更换经营场所后重新申请' }))
      assert.deepEqual([a.status, a.result], ['refused', { outcome: 'refused', reason: '经营场所为住宅', remedy: '更换经营场所后重新申请' }])
      const neg = await t.app.kernel.db.selectFrom('services_negative_reply').select(['kind', 'remedy']).where('application_id', '=', id).execute()
      assert.deepEqual(neg, [{ kind: 'refused', remedy: '更换经营场所后重新申请' }])
    })

    it('queues per department, warnings and overdue lists, and statistics', async () => {
      t.clock.set(bj('2026-11-25T10:00:00'))
      const counts = json(await t.app.inject({ url: '/api/v1/services/workbench/counts', headers: as('clerk') }))
      const acceptance = json(await t.app.inject({ url: '/api/v1/services/workbench/acceptance', headers: as('clerk') }))
      assert.equal(acceptance.total, counts.acceptance)
      assert.ok(acceptance.items.every((x: { status: string; departmentId: string }) => x.status === 'submitted' && x.departmentId === 'zs-scjgj'))
      const outsider = json(await t.app.inject({ url: '/api/v1/services/workbench/acceptance', headers: as('outsider') }))
      assert.equal(outsider.total, 0, 'another department sees none of them')
      const overdue = json(await t.app.inject({ url: '/api/v1/services/workbench/overdue', headers: as('clerk') }))
      assert.ok(overdue.total >= 1)
      assert.ok(overdue.items.every((x: { warning: string }) => x.warning === 'red'))
      assertProblem(await t.app.inject({ url: '/api/v1/services/workbench/nope', headers: as('clerk') }), 400, 'CORE_VALIDATION')
      const stats = json(await t.app.inject({ url: '/api/v1/services/stats', headers: as('clerk') }))
      assert.equal(stats.totals.completed, stats.totals.approved + stats.totals.refused + stats.totals.rejected)
      assert.deepEqual([stats.totals.approved, stats.totals.refused, stats.totals.rejected], [1, 1, 1])
      assert.equal(stats.totals.onTimeRate, 1)
      assert.ok(stats.totals.avgHandlingHours > 0)
      assert.deepEqual(stats.byDepartment.map((d: { key: string }) => d.key), ['zs-scjgj'])
      assert.equal(stats.overdue, overdue.total)
      assert.equal(json(await t.app.inject({ url: '/api/v1/services/stats', headers: as('outsider') })).totals.submitted, 0)
    })
  })
}
