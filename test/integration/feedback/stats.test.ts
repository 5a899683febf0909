import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { bj, buildFeedbackApp, call, ok, type FeedbackTestApp } from './helpers.ts'

const LEVELS = (vs: number, s = 0, b = 0, d = 0, vd = 0) => ({ 'very-satisfied': vs, satisfied: s, basic: b, dissatisfied: d, 'very-dissatisfied': vd })

for (const dialect of DIALECTS) {
  describe(`feedback statistics [${dialect}]`, () => {
    let t: FeedbackTestApp
    let seq = 0
    async function hallRating(departmentId: string, windowNo: string, clerkName: string, level: string) {
      seq++
      await ok(t.app, 'hall', 'POST', '/hall-ratings', {
        externalId: `S${seq}`, hallId: 'hall-city', windowNo, clerkId: `clerk-${windowNo}`, clerkName, departmentId, itemName: '事项', personName: `群众${seq}`,
        servedAt: new Date(t.clock.now() - 60_000).toISOString(), level,
      }, 201)
    }

    before(async () => {
      t = await buildFeedbackApp(dialect, { now: bj('2026-11-10T10:00:00'), options: { minCount: 10 } })
      // Market regulation: 10 ratings at window 1 (8 非常满意, 1 满意, 1 不满意). Public security: 3, all 非常满意.
      for (let i = 0; i < 8; i++) await hallRating('zs-scjgj', '1', '刘洋', 'very-satisfied')
      await hallRating('zs-scjgj', '1', '刘洋', 'satisfied')
      await hallRating('zs-scjgj', '1', '刘洋', 'dissatisfied')
      for (let i = 0; i < 3; i++) await hallRating('zs-gaj', '3', '黎志强', 'very-satisfied')
    })
    after(async () => { await t?.close() })

    it('the public statistics need no sign-in; a group under the minimum count shows its count only and is not ranked', async () => {
      const s = await ok(t.app, null, 'GET', '/stats?from=2026-11-01&to=2026-11-30')
      assert.deepEqual([s.from, s.to, s.minCount], ['2026-11-01', '2026-11-30', 10])
      assert.deepEqual(s.totals, { count: 13, levels: LEVELS(11, 1, 0, 1, 0), satisfactionRate: 0.9231, badRate: 0.0769, meanScore: 4.69, badReviews: 1, rectificationRate: null })
      assert.deepEqual(s.byDepartment, [
        { key: 'zs-scjgj', label: 'zs-scjgj', count: 10, suppressed: false, levels: LEVELS(8, 1, 0, 1, 0), satisfactionRate: 0.9, badRate: 0.1, meanScore: 4.6, rank: 1, badReviews: 1, rectificationRate: null },
        // Perfect, but only 3 ratings: no levels, no rate, no rank.
        { key: 'zs-gaj', label: 'zs-gaj', count: 3, suppressed: true, levels: null, satisfactionRate: null, badRate: null, meanScore: null, rank: null, badReviews: 0, rectificationRate: null },
      ])
      assert.deepEqual(s.byPeriod.map((p: any) => [p.key, p.count, p.suppressed, p.rank]), [['2026-11', 13, false, null]])
      assert.ok(s.definitions.satisfactionRate.includes('基本满意'))
      const empty = await ok(t.app, null, 'GET', '/stats?from=2026-01-01&to=2026-01-31')
      assert.deepEqual([empty.totals.count, empty.totals.satisfactionRate, empty.byDepartment], [0, null, []])
      assertProblem(await call(t.app, null, 'GET', '/stats?from=2026-11-30&to=2026-11-01'), 400, 'CORE_VALIDATION')
      assertProblem(await call(t.app, null, 'GET', '/stats?from=yesterday'), 400, 'CORE_VALIDATION')
    })

    it('staff statistics by clerk, window and period apply the same rule, within the caller\'s departments', async () => {
      assertProblem(await call(t.app, null, 'GET', '/stats/groups?by=clerk'), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await call(t.app, 'alice', 'GET', '/stats/groups?by=clerk'), 403, 'CORE_FORBIDDEN')
      const clerks = await ok(t.app, 'stats', 'GET', '/stats/groups?by=clerk&from=2026-11-01&to=2026-11-30')
      assert.deepEqual(clerks.groups.map((g: any) => [g.label, g.count, g.rank, g.suppressed]), [['刘洋', 10, 1, false], ['黎志强', 3, null, true]])
      const windows = await ok(t.app, 'stats', 'GET', '/stats/groups?by=window&from=2026-11-01&to=2026-11-30')
      assert.deepEqual(windows.groups.map((g: any) => [g.key, g.label, g.count]), [['hall-city#1', 'hall-city 1号窗口', 10], ['hall-city#3', 'hall-city 3号窗口', 3]])
      const departments = await ok(t.app, 'stats', 'GET', '/stats/groups?by=department&from=2026-11-01&to=2026-11-30')
      assert.deepEqual(departments.groups[0].cases, { badReviews: 1, rectificationRate: null, onTimeRate: null, callbackRate: 0 })
      // A statistician of public security sees public security only.
      const own = await ok(t.app, 'outsider', 'GET', '/stats/groups?by=department&from=2026-11-01&to=2026-11-30')
      assert.deepEqual(own.groups.map((g: any) => g.key), ['zs-gaj'])
      const overview = await ok(t.app, 'stats', 'GET', '/stats/overview?from=2026-11-01&to=2026-11-30')
      assert.deepEqual([overview.ratings.count, overview.ratings.byChannel, overview.cases.badReviews, overview.cases.active, overview.matters.total], [13, [{ key: 'device', count: 13 }], 1, 1, 0])
    })

    it('rectification counts once a case is due: rectified ÷ (rectified + overdue)', async () => {
      t.clock.set(bj('2026-11-20T10:00:00')) // past the 5 working days of the 10 Nov case
      const s = await ok(t.app, null, 'GET', '/stats?from=2026-11-01&to=2026-11-30')
      assert.deepEqual([s.totals.badReviews, s.totals.rectificationRate], [1, 0])
      const c = (await ok(t.app, 'stats', 'GET', '/stats/overview?from=2026-11-01&to=2026-11-30')).cases
      assert.deepEqual([c.overdue, c.rectificationRate, c.onTimeRate], [1, 0, 0])
      t.clock.set(bj('2026-11-10T12:00:00'))
    })

    it('CSV export: ratings with masked names (UTF-8 with a BOM), at most 366 days', async () => {
      assertProblem(await call(t.app, 'alice', 'GET', '/export'), 403, 'CORE_FORBIDDEN')
      const r = await call(t.app, 'stats', 'GET', '/export?type=ratings&from=2026-11-01&to=2026-11-30')
      assert.equal(r.statusCode, 200, r.body)
      assert.match(String(r.headers['content-type']), /^text\/csv/)
      assert.match(String(r.headers['content-disposition']), /feedback-ratings-2026-11-01-2026-11-30\.csv/)
      const lines = r.body.replace(/^\ufeff/, '').trim().split('\r\n')
      assert.equal(lines.length, 14)
      assert.match(lines[0]!, /^评价编号,服务编号,办件编号,事项,部门/)
      assert.ok(lines.slice(1).every((l) => /,群\*+,/.test(l)), 'names are masked')
      const cases = await call(t.app, 'stats', 'GET', '/export?type=cases&from=2026-11-01&to=2026-11-30')
      assert.equal(cases.body.trim().split('\r\n').length, 2)
      assertProblem(await call(t.app, 'stats', 'GET', '/export?from=2025-01-01&to=2026-11-30'), 400, 'FEEDBACK_EXPORT_RANGE')
    })
  })
}
