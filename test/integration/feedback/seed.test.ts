import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN, buildFeedbackApp, countRows, type FeedbackTestApp } from './helpers.ts'

const TABLES = ['feedback_occurrence', 'feedback_rating', 'feedback_case', 'feedback_matter', 'feedback_log', 'feedback_negative_reply']

for (const dialect of DIALECTS) {
  describe(`feedback demo city [${dialect}]`, () => {
    let t: FeedbackTestApp
    before(async () => { t = await buildFeedbackApp(dialect, { now: Date.now(), seed: true }) })
    after(async () => { await t?.close() })

    it('ratings with a realistic distribution, bad reviews in every state, matters across the loop, 否定答复 reviewed in part', async () => {
      const stats = (await t.app.inject({ url: '/api/v1/feedback/stats' })).json()
      assert.ok(stats.totals.count > 300, `ratings: ${stats.totals.count}`)
      assert.ok(stats.totals.satisfactionRate > 0.93 && stats.totals.satisfactionRate < 0.995, `satisfaction ${stats.totals.satisfactionRate}`)
      assert.ok(stats.byDepartment.some((g: any) => g.suppressed) && stats.byDepartment.filter((g: any) => g.rank !== null).length >= 5)
      const db = t.app.kernel.db
      const statuses = new Set((await db.selectFrom('feedback_case').select(['status', 'resolution']).execute()).map((r) => `${r.status}/${r.resolution ?? ''}`))
      for (const s of ['open/', 'called-back/', 'appealing/', 'rectifying/', 'rectified/', 'closed/rectified', 'closed/excluded']) assert.ok(statuses.has(s), `a case ${s}`)
      const cases = (await t.app.inject({ url: '/api/v1/feedback/cases?queue=overdue', headers: ADMIN })).json()
      assert.ok(cases.total >= 1, 'an overdue case lights red')
      const matters = new Set((await db.selectFrom('feedback_matter').select('status').execute()).map((r) => r.status))
      for (const s of ['registered', 'classified', 'transferred', 'resolved', 'fed-back', 'checked', 'filed', 'declined']) assert.ok(matters.has(s), `a matter ${s}`)
      const replies = new Set((await db.selectFrom('feedback_negative_reply').select('status').execute()).map((r) => r.status))
      assert.deepEqual([...replies].sort(), ['pending', 'reopened', 'upheld'])
      const defaults = await db.selectFrom('feedback_rating').select('id').where('is_default', '=', 1).execute()
      assert.ok(defaults.length > 0, 'unrated services defaulted')
    })

    it('the demo rectification officer signs in with a password and sees the cases of market regulation only', async () => {
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'fb.handler', password: 'Staff@Zhongshan2026', mode: 'token' } })
      assert.equal(login.statusCode, 200, login.body)
      const token = login.json().accessToken as string
      const r = await t.app.inject({ url: '/api/v1/feedback/cases?queue=all&pageSize=100', headers: { authorization: `Bearer ${token}` } })
      assert.equal(r.statusCode, 200, r.body)
      assert.ok(r.json().total >= 1, 'market regulation has cases')
      const departments = new Set(r.json().items.map((c: any) => c.departmentId))
      assert.deepEqual([...departments].filter((d) => d !== 'zs-scjgj'), [])
      const all = (await t.app.inject({ url: '/api/v1/feedback/cases?queue=all&pageSize=100', headers: ADMIN })).json()
      assert.ok(all.total > r.json().total)
    })

    it('seeding again changes nothing', async () => {
      const before = await Promise.all(TABLES.map((x) => countRows(t.app, x)))
      await t.app.kernel.seedDemo()
      assert.deepEqual(await Promise.all(TABLES.map((x) => countRows(t.app, x))), before)
    })
  })
}
