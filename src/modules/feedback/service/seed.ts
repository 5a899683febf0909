/**
 * The demo city's evaluations, played through the module's own services on a past clock so that
 * every row is one a real user could have produced: ratings of the demo applications and of about
 * 700 window services over four months (mostly satisfied, a few bad reviews), the bad reviews
 * walked to every state of rectification (some overdue), defaults for unrated services, 办不成事
 * matters in every state of the closed loop, and the 否定答复 of the demo applications reviewed in
 * part. Officers and roles are created through identity's API. Deterministic (a seeded PRNG over
 * sorted inputs); a second run changes nothing.
 */
import { sql, type Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import type { Principal } from '../../../core/http/auth.ts'
import type { ModuleContext } from '../../../core/module.ts'
import { createManualClock } from '../../../lib/time.ts'
import type { IdentityService } from '../../identity/index.ts'
import {
  BAD_COMMENTS, BAD_TAGS, CITY_WINDOWS, DEMO_MATTERS, DEMO_OFFICERS, DEMO_PASSWORD, DEMO_ROLES, GOOD_COMMENTS, GOOD_TAGS, LEVEL_OF_SCORE, pickScore, prng,
  TOWN_WINDOWS, visitorName,
} from '../data/demo.ts'
import type { CaseRow } from '../repo/index.ts'
import type { RateBody } from '../schema/ratings.ts'
import { DAY_MS } from './context.ts'
import { factsOf } from './ratings.ts'
import { negativeReplyRow } from './subscribers.ts'
import type { ServicesApi } from '../../services/index.ts'
import { createDirectory, createFeedbackApi, type FeedbackApi } from './index.ts'

const SEEDER: Principal = { id: 'system:feedback-seed', kind: 'system', name: 'feedback demo seed', permissions: new Set(['*']) }
const HOUR = 3_600_000
const staff = (id: string, name: string, perms: string[]): Principal => ({ id, kind: 'staff', name, permissions: new Set(perms), dataScope: { all: true, departmentIds: [], self: false } })
const HANDLER = staff('demo:fb.handler', '周敏', ['feedback:case:handle'])
const REVIEWER = staff('demo:fb.reviewer', '郑洁', ['feedback:appeal:review'])
const COORDINATOR = staff('demo:fb.coordinator', '何静', ['feedback:matter:handle'])
const HALL_SYSTEM: Principal = { id: 'system:hall-queue', kind: 'service', name: '政务大厅排队叫号系统', permissions: new Set(['feedback:hall:post']) }

/** Roles and officers in identity; returns how many were added. Skipped without identity's demo city root. */
async function seedIdentity(identity: IdentityService | undefined): Promise<number> {
  if (!identity) return 0
  const meta = { requestId: 'feedback-seed' }
  const departments = new Map((await identity.org.listDepartments()).map((d) => [d.code, d.id]))
  if (!departments.has('zs')) return 0
  let n = 0
  const roles = new Map((await identity.org.listRoles()).map((r) => [r.code, r.id]))
  for (const r of DEMO_ROLES) {
    if (roles.has(r.code)) continue
    // No second factor, so that the demo can be tried with a password alone.
    const created = await identity.org.createRole(SEEDER, { code: r.code, name: r.name, description: r.description, permissions: [...r.permissions], dataScope: r.dataScope, requireMfa: false }, meta)
    roles.set(r.code, created.id)
    n++
  }
  for (const o of DEMO_OFFICERS) {
    const departmentId = departments.get(o.department)
    if (!departmentId) continue
    const found = await identity.accounts.findAccounts(SEEDER, { kind: 'staff', q: o.username, limit: 10 })
    if (found.items.some((a) => a.username === o.username)) continue
    await identity.accounts.createStaff(SEEDER, { username: o.username, password: DEMO_PASSWORD, displayName: o.displayName, departmentId, roleIds: o.roles.map((c) => roles.get(c)!) }, meta)
    n++
  }
  return n
}

/** Account ids of the demo citizens (so that they see their matters after signing in); `demo:<user>` without identity. */
async function citizenIds(identity: IdentityService | undefined): Promise<Map<string, { id: string; name: string }>> {
  const out = new Map<string, { id: string; name: string }>()
  const names: Record<string, string> = { 'zhang.san': '张三', 'li.si': '李四', 'wang.wu': '王五', 'chen.mei': '陈美', 'huang.min': '黄敏' }
  for (const [user, name] of Object.entries(names)) {
    const found = identity ? await identity.accounts.findAccounts(SEEDER, { kind: 'citizen', q: user, limit: 10 }).catch(() => ({ items: [] })) : { items: [] }
    const hit = found.items.find((a) => a.username === user)
    out.set(user, { id: hit?.id ?? `demo:${user}`, name: hit?.displayName ?? name })
  }
  return out
}

function rateBody(score: number, kind: 'online' | 'offline', rand: () => number): RateBody {
  const good = score >= 3
  const pool = good ? GOOD_TAGS.filter((t) => kind === 'online' || t !== 'easy-online') : BAD_TAGS.filter((t) => kind === 'online' ? t !== 'long-wait' && t !== 'bad-attitude' : t !== 'system-issue')
  const tags = [...new Set([pool[Math.floor(rand() * pool.length)]!, ...(rand() < 0.4 ? [pool[Math.floor(rand() * pool.length)]!] : [])])]
  const keys = kind === 'online' ? ['overall', 'efficiency', 'guide', 'convenience', 'usability'] : ['overall', 'efficiency', 'service', 'attitude']
  const indicators = Object.fromEntries(keys.map((k) => [k, k === 'overall' ? score : Math.max(1, Math.min(5, score + (rand() < 0.2 ? -1 : 0)))]))
  const comments = good ? GOOD_COMMENTS : BAD_COMMENTS
  const comment = comments[Math.floor(rand() * comments.length)]!
  return { level: LEVEL_OF_SCORE[score] as RateBody['level'], indicators, tags, ...(comment ? { comment } : {}) }
}

/** Occurrences and 否定答复 of the applications services has completed (read through its API). */
async function importCompleted(services: ServicesApi | undefined, api: FeedbackApi, db: Kysely<any>): Promise<void> {
  if (!services) return
  const c = { principal: SEEDER }
  for (let page = 1; ; page++) {
    const r = await services.actions.queue(c, 'done', page, 100)
    for (const s of r.items) {
      const v = await services.applications.view(c, s.id)
      await withTransaction(db, async (trx) => {
        await api.ratings.ensureApplicationOccurrence(trx, factsOf(v))
        if (v.status === 'refused' || v.status === 'rejected') {
          await api.matters.recordNegativeReply(trx, negativeReplyRow(api.deps, v, v.status, v.completedAt ? Date.parse(v.completedAt) : api.deps.clock.now()))
        }
      })
    }
    if (r.items.length === 0 || page * 100 >= r.total) break
  }
}

/** Seeds the demo; returns counts. */
export async function seedFeedbackDemo(api: FeedbackApi, ctx: ModuleContext): Promise<Record<string, number>> {
  const identity = ctx.deps.identity as IdentityService | undefined
  const identityRows = await seedIdentity(identity)
  const db = ctx.db
  const already = await db.selectFrom('feedback_occurrence').select(sql<number>`count(*)`.as('n')).where('source', 'in', ['window', 'hall']).executeTakeFirstOrThrow()
  if (Number(already.n) > 0) return { identityRows }

  // Completed demo applications become occurrences now (their services events, still in the outbox,
  // find them there later: both paths are idempotent). Other modules' deliveries are left alone.
  await importCompleted(ctx.deps.services as ServicesApi | undefined, api, db)
  const clock = createManualClock(ctx.clock.now())
  const now = ctx.clock.now()
  // One transaction for the whole walk: the services below reuse it (withTransaction nests), so the
  // seed pays one commit instead of thousands; the sweep afterwards runs on the real clock.
  // Names come from a snapshot taken now: inside the transaction nothing may read through another
  // module's connection (SQLite has one, and the transaction holds it).
  const departments = identity ? await identity.org.listDepartments() : []
  const halls = await (ctx.deps.services as ServicesApi | undefined)?.appointments.listHalls() ?? { halls: [] }
  const directory = createDirectory({ listDepartments: async () => departments }, { listHalls: async () => halls }, clock, Number.POSITIVE_INFINITY)
  const people = await citizenIds(identity)
  const counts = await withTransaction(db, (trx) => walkAll(createFeedbackApi({ ...api.deps, db: trx, clock, directory }), trx, clock, now, people))
  const swept = await api.sweep()
  return { identityRows, ...counts, defaults: swept.defaults }
}

async function walkAll(past: FeedbackApi, db: Kysely<any>, clock: ReturnType<typeof createManualClock>, now: number, people: Map<string, { id: string; name: string }>): Promise<Record<string, number>> {
  const rand = prng('zhicheng-feedback-demo')
  let ratings = 0

  // 1. Ratings of the demo applications (three in four rated; the rest will default).
  const apps = await db.selectFrom('feedback_occurrence').selectAll().where('source', 'in', ['application', 'bundle']).where('status', '=', 'open').orderBy('application_number').execute()
  for (const occ of apps) {
    if (rand() < 0.25) continue
    const at = Math.min(occ.served_at + Math.floor(rand() * 3 * DAY_MS) + HOUR, now - HOUR)
    if (at > occ.due_at) continue
    clock.set(at)
    const score = pickScore(rand)
    await past.ratings.rateByCode(occ.code, rateBody(score, 'online', rand), rand() < 0.7 ? 'sms' : 'kiosk').catch(() => undefined)
    ratings++
  }

  // 2. Window services over 120 days (~800) at the city centre and three town halls; ~8% never rated.
  const windows = [
    ...CITY_WINDOWS.map((w) => ({ hall: 'hall-city', dept: w.dept, no: w.no, clerk: w.clerk, items: w.items, weight: 1 })),
    ...TOWN_WINDOWS.flatMap((h) => h.windows.map((w) => ({ hall: h.hall, dept: h.dept, no: w.no, clerk: w.clerk, items: w.items, weight: h.hall === 'hall-118' ? 0.6 : 0.12 }))),
  ]
  let seq = 0
  for (let day = 120; day >= 1; day--) {
    const date = now - day * DAY_MS
    const weekday = new Date(date + 8 * HOUR).getUTCDay()
    if (weekday === 0 || weekday === 6) continue
    for (const w of windows) {
      const served = Math.floor(rand() * 1.6 * w.weight + rand() * 0.4)
      for (let i = 0; i < served; i++) {
        const servedAt = date - (date % DAY_MS) + Math.floor((1 + rand() * 8) * HOUR) // 09:00–17:00 China time
        const item = w.items[Math.floor(rand() * w.items.length)]!
        const person = visitorName(rand)
        seq++
        if (rand() < 0.08) {
          clock.set(servedAt)
          const clerk: Principal = { id: `demo:clerk:${w.hall}:${w.no}`, kind: 'staff', name: w.clerk, permissions: new Set(['feedback:window:record']) }
          await past.ratings.recordWindowService({ principal: clerk }, { hallId: w.hall, windowNo: w.no, itemName: item, departmentId: w.dept, personName: person })
          continue
        }
        const score = pickScore(rand)
        clock.set(servedAt + Math.floor(rand() * 2 * HOUR) + 60_000)
        await past.ratings.postHallRating({ principal: HALL_SYSTEM }, {
          externalId: `Q${String(seq).padStart(6, '0')}`, hallId: w.hall, windowNo: w.no, clerkId: `demo:clerk:${w.hall}:${w.no}`, clerkName: w.clerk, departmentId: w.dept,
          itemName: item, personName: person, servedAt: new Date(servedAt).toISOString(), ...rateBody(score, 'offline', rand),
        })
        ratings++
      }
    }
  }

  // 3. Bad reviews through rectification. Older ones are closed (a few late); recent ones, plus one
  //    fresh bad review per state, show every state of the workbench, one of them overdue.
  const recent: Array<[number, Target]> = [[1, 'open'], [2, 'called-back'], [3, 'appealing'], [4, 'rectifying'], [6, 'rectified'], [10, 'open'], [12, 'excluded']]
  const planned = new Map<string, Target>()
  for (const [daysAgo, target] of recent) {
    seq++
    const servedAt = now - daysAgo * DAY_MS - 2 * HOUR
    clock.set(servedAt + 30 * 60_000)
    const w = CITY_WINDOWS[(daysAgo * 3) % CITY_WINDOWS.length]!
    const r = await past.ratings.postHallRating({ principal: HALL_SYSTEM }, {
      externalId: `Q${String(seq).padStart(6, '0')}`, hallId: 'hall-city', windowNo: w.no, clerkId: `demo:clerk:hall-city:${w.no}`, clerkName: w.clerk, departmentId: w.dept,
      itemName: w.items[0]!, personName: visitorName(rand), servedAt: new Date(servedAt).toISOString(), ...rateBody(daysAgo % 2 ? 1 : 2, 'offline', rand),
    })
    const k = await db.selectFrom('feedback_case').select('id').where('rating_id', '=', r.id).executeTakeFirstOrThrow()
    planned.set(k.id as string, target)
    ratings++
  }
  const cases = await db.selectFrom('feedback_case').selectAll().orderBy('opened_at').execute() as CaseRow[]
  for (const k of cases) await walkCase(past, clock, k, planned.get(k.id) ?? (rand() < 0.1 ? 'closed-late' : 'closed'), rand)

  // 4. 办不成事 matters and the review of 否定答复.
  for (const m of DEMO_MATTERS) await walkMatter(past, clock, now, m, people.get(m.user)!)
  const negatives = await db.selectFrom('feedback_negative_reply').select(['id', 'decided_at']).orderBy('decided_at').execute()
  for (const [i, n] of negatives.entries()) {
    if (i % 3 === 2) continue // a third waits for review
    clock.set(Math.min(Number(n.decided_at) + DAY_MS, now - HOUR))
    await past.matters.reviewNegativeReply({ principal: COORDINATOR }, n.id, i % 3 === 0
      ? { decision: 'upheld', note: '答复理由、法律依据和救济途径完整，符合规定。' }
      : { decision: 'reopen', note: '申请人补充材料后可办，转“办不成事”窗口跟进。' })
  }

  return { ratings, cases: cases.length, matters: DEMO_MATTERS.length, negativeReplies: negatives.length }
}

type Target = 'open' | 'called-back' | 'appealing' | 'excluded' | 'rectifying' | 'rectified' | 'closed' | 'closed-late'

async function walkCase(api: FeedbackApi, clock: ReturnType<typeof createManualClock>, k: CaseRow, target: Target, rand: () => number): Promise<void> {
  if (target === 'open') return
  const c = { principal: HANDLER }
  let v = k.version
  let t = k.opened_at + 2 * HOUR + Math.floor(rand() * 4 * HOUR)
  // A late case takes three to four days per step: past its five working days.
  const gap = target === 'closed-late' ? 3 * DAY_MS : DAY_MS / 2
  const step = async (fn: () => Promise<{ version: number }>) => {
    clock.set(t)
    v = (await fn()).version
    t += gap + Math.floor(rand() * DAY_MS)
  }
  await step(() => api.cases.act(c, k.id, { type: 'callback', body: { version: v, reached: true, note: '已电话回访评价人，了解具体情况并致歉。' } }))
  if (target === 'called-back') return
  const appeal = target === 'appealing' || target === 'excluded'
  await step(() => api.cases.act(c, k.id, appeal
    ? { type: 'verify', body: { version: v, finding: 'mistaken', note: '经调取窗口录像及叫号记录核实。', appealReason: '评价人确认误点了“非常不满意”，本意为满意。' } }
    : { type: 'verify', body: { version: v, finding: 'valid', note: '经核实，反映情况属实。' } }))
  if (target === 'appealing') return
  if (target === 'excluded') {
    await step(() => api.cases.act({ principal: REVIEWER }, k.id, { type: 'review', body: { version: v, decision: 'approve', note: '回访录音证实为误评，同意剔除。' } }))
    return
  }
  if (target === 'rectifying') return
  await step(() => api.cases.act(c, k.id, { type: 'rectify', body: { version: v, measures: '已对窗口人员开展服务规范培训，并在办事指南中补充材料说明。', feedback: '您反映的问题已核实整改：我们已更新办事指南并加强窗口培训，感谢您的监督。' } }))
  if (target === 'rectified' || !k.person_id) return
  clock.set(t)
  await api.cases.rateResult({ principal: { id: k.person_id, kind: 'citizen', name: k.person_name, permissions: new Set() } }, k.id, { level: rand() < 0.8 ? 'satisfied' : 'basic' })
}

type DemoMatter = (typeof DEMO_MATTERS)[number]

async function walkMatter(api: FeedbackApi, clock: ReturnType<typeof createManualClock>, now: number, m: DemoMatter, person: { id: string; name: string }): Promise<void> {
  let t = now - m.daysAgo * DAY_MS
  clock.set(t)
  const who = { principal: { id: person.id, kind: 'citizen' as const, name: person.name, permissions: new Set<string>() } }
  const reg = await api.matters.register(who, { title: m.title, place: m.place, reason: m.reason, category: m.category })
  const c = { principal: COORDINATOR }
  let v = reg.version
  const order = ['registered', 'classified', 'transferred', 'resolved', 'fed-back', 'checked', 'filed'] as const
  const reach = (s: (typeof order)[number]) => order.indexOf(m.to as (typeof order)[number]) >= order.indexOf(s)
  const step = async (hours: number, fn: () => Promise<{ version: number }>) => {
    t = Math.min(t + hours * HOUR, now - HOUR)
    clock.set(t)
    v = (await fn()).version
  }
  if (m.to === 'declined' && 'decline' in m) {
    await step(3, () => api.matters.act(c, reg.id, { type: 'decline', body: { version: v, kind: m.decline, explanation: m.decline === 'private' ? '该诉求属于私人之间的民事纠纷，不属于“办不成事”窗口受理范围。' : '该诉求已进入仲裁程序，属于涉法涉诉事项，不属于“办不成事”窗口受理范围。' } }))
    return
  }
  if (!reach('classified') || !m.tier) return
  await step(2, () => api.matters.act(c, reg.id, { type: 'classify', body: { version: v, tier: m.tier, note: '已与申请人电话确认诉求。' } }))
  if (m.depts.length && reach('transferred')) await step(4, () => api.matters.act(c, reg.id, { type: 'transfer', body: { version: v, departmentIds: [...m.depts], note: '请牵头研究解决，按时限反馈办理结果。' } }))
  if (!reach('resolved')) return
  const days = m.tier === 'simple' ? 0.2 : m.tier === 'transfer' ? 3 : m.tier === 'joint' ? 8 : 12
  await step(days * 24, () => api.matters.act(c, reg.id, { type: 'resolve', body: { version: v, result: '经协调相关部门，已为申请人办结，并明确后续同类事项的办理口径。' } }))
  if (!reach('fed-back')) return
  await step(2, () => api.matters.act(c, reg.id, { type: 'feedback', body: { version: v, feedback: '您的诉求已办结：相关部门已协调处理完毕，如仍有问题请致电 12345。' } }))
  if (!reach('checked')) return
  clock.set(t + HOUR)
  await api.matters.confirm(who, reg.id, { satisfied: true, comment: '问题已解决，谢谢。' })
  v = (await api.matters.get(c, reg.id)).version // confirming bumped it
  await step(24, () => api.matters.act(c, reg.id, { type: 'check', body: { version: v, passed: true, note: '电话回访申请人，确认已解决。' } }))
  if (!reach('filed')) return
  await step(24, () => api.matters.act(c, reg.id, { type: 'file', body: { version: v, note: '资料齐全，归档备案。' } }))
}
