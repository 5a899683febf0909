/**
 * Test plumbing for the feedback suites: the real platform with the modules feedback needs (and
 * theirs), a test-only authenticator mapping `Bearer fb-<name>` to principals (citizens, services
 * officers, rectification handlers of two departments, an appeal reviewer, a coordinator, a hall
 * system, a clerk), a manual clock, the event dispatcher stopped (tests drain it), and a helper
 * that plays an application through services to completion over HTTP.
 */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import type { DialectName } from '../../../src/core/db/dialect.ts'
import { bearerToken, type Principal } from '../../../src/core/http/auth.ts'
import { defineModule, type ModuleDefinition } from '../../../src/core/module.ts'
import { createManualClock } from '../../../src/lib/time.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createFeedbackModule, type FeedbackOptions } from '../../../src/modules/feedback/index.ts'
import { CITY_DEPARTMENTS } from '../../../src/modules/services/data/departments.ts'
import { FEATURED, featuredItem } from '../../../src/modules/services/data/featured.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'

export { ADMIN } from '../../helpers/build-test-app.ts'

const ALL = { all: true, departmentIds: [] as string[], self: false }
const dept = (id: string) => ({ all: false, departmentIds: [id], self: false })
const staff = (id: string, name: string, perms: string[], dataScope = ALL, departmentId?: string): Principal => ({
  id, kind: 'staff', name, permissions: new Set(perms), dataScope, ...(departmentId ? { departmentId } : {}),
})

export const PRINCIPALS: Record<string, Principal> = {
  alice: { id: 'cit_alice', kind: 'citizen', name: '王小丽', permissions: new Set() },
  bob: { id: 'cit_bob', kind: 'citizen', name: '赵大海', permissions: new Set() },
  editor: staff('stf_editor', '目录管理员', ['services:item:read', 'services:item:manage']),
  officer: staff('stf_officer', '李明', ['services:application:read', 'services:application:accept', 'services:application:approve']),
  handler: staff('stf_handler', '周敏', ['feedback:case:handle'], dept('zs-scjgj'), 'zs-scjgj'),
  outsider: staff('stf_outsider', '黄丽', ['feedback:case:handle', 'feedback:matter:handle', 'feedback:stats:read'], dept('zs-gaj'), 'zs-gaj'),
  reviewer: staff('stf_reviewer', '郑洁', ['feedback:appeal:review']),
  both: staff('stf_both', '既整改又复核', ['feedback:case:handle', 'feedback:appeal:review']),
  coordinator: staff('stf_coord', '何静', ['feedback:matter:handle']),
  window: staff('stf_window', '窗口 刘洋', ['feedback:window:record'], dept('zs-scjgj'), 'zs-scjgj'),
  hall: { id: 'svc_hall', kind: 'service', name: '排队叫号系统', permissions: new Set(['feedback:hall:post']) },
  hall2: { id: 'svc_hall2', kind: 'service', name: '另一套叫号系统', permissions: new Set(['feedback:hall:post']) },
  stats: staff('stf_stats', '统计员', ['feedback:stats:read']),
  nobody: staff('stf_nobody', '无权限', []),
}
export type Who = keyof typeof PRINCIPALS

/** Authorization header of a test principal. */
export const as = (who: Who) => ({ authorization: `Bearer fb-${who}` })

const testPrincipals = defineModule<undefined>({
  name: 'fbtest',
  description: 'test-only principals for the feedback suites',
  setup: (ctx) => {
    ctx.addAuthenticator((req) => {
      const token = bearerToken(req)
      return token?.startsWith('fb-') ? PRINCIPALS[token.slice(3)] : undefined
    })
    return undefined
  },
})

/** Feedback and every module it depends on, transitively (nothing else: other modules' seeds stay out). */
function modulesFor(options: Partial<FeedbackOptions>): ModuleDefinition<any>[] {
  const byName = new Map(allModules.map((m) => [m.name, m]))
  const want = new Set<string>(['ops'])
  const add = (name: string) => {
    if (want.has(name) && name !== 'ops') return
    want.add(name)
    for (const d of byName.get(name)?.dependsOn ?? []) add(d)
  }
  add('feedback')
  return allModules.filter((m) => want.has(m.name)).map((m) => (m.name === 'feedback' ? createFeedbackModule({ sweepMs: 0, ...options }) : m))
}

export interface FeedbackTestApp {
  app: FastifyInstance
  clock: ReturnType<typeof createManualClock>
  database: TestDatabase
  /** Delivers every pending event (services completions become occurrences). */
  drain(): Promise<number>
  close(): Promise<void>
}

export const bj = (s: string) => Date.parse(`${s}+08:00`)

/** The platform on a fresh database, the city seeded (for the catalog's towns), or with `seed` the whole demo of these modules. */
export async function buildFeedbackApp(dialect: DialectName, opts: { now?: number; options?: Partial<FeedbackOptions>; seed?: boolean } = {}): Promise<FeedbackTestApp> {
  const database = await createTestDatabase(dialect)
  const clock = createManualClock(opts.now ?? bj('2026-11-16T10:00:00'))
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' })
  const app = await buildApp({ config, modules: [...modulesFor(opts.options ?? {}), testPrincipals], clock, startEvents: false })
  await app.kernel.migrate()
  if (opts.seed) await app.kernel.seedDemo()
  else await (app.kernel.apis.city as { seedDemo(): Promise<number> }).seedDemo()
  await app.ready()
  return {
    app, clock, database,
    drain: () => app.kernel.events.drain(),
    async close() {
      await app.close()
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 200))
      await database.drop()
    },
  }
}

/** Publishes 个体工商户设立登记 (market regulation, zs-scjgj) through the API; returns its id. */
export async function publishBusinessItem(app: FastifyInstance): Promise<string> {
  const spec = FEATURED.find((f) => f.key === 'individual-business')!
  const data = featuredItem(spec, { code: '442000', name: '中山市', department: { ...CITY_DEPARTMENTS.scjgj, id: 'zs-scjgj', name: CITY_DEPARTMENTS.scjgj.name } })
  const created = await app.inject({ method: 'POST', url: '/api/v1/services/catalog', headers: as('editor'), payload: data })
  assert.equal(created.statusCode, 201, created.body)
  const id = created.json().id as string
  const pub = await app.inject({ method: 'POST', url: `/api/v1/services/catalog/${id}/publish`, headers: as('editor'), payload: { version: 1 } })
  assert.equal(pub.statusCode, 200, pub.body)
  return id
}

const ANSWERS = { operatorName: '王小丽', idNumber: '11010519491231002X', mobile: '13800138000', tradeName: '小丽', organization: 'individual', businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2 }
const PDF = Buffer.from('%PDF-1.4\n% test\n%%EOF\n')

function multipart(bytes: Buffer, fileName: string) {
  const boundary = '----zhichengfeedback'
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/pdf\r\n\r\n`)
  return { payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/**
 * Applies for `itemId` as `who` and plays it through services: `approved` (accepted and approved),
 * `rejected` (不予受理 at acceptance), `refused` (不予许可 at approval) or `submitted` (left waiting).
 * Returns the application id.
 */
export async function application(app: FastifyInstance, itemId: string, who: 'alice' | 'bob', outcome: 'approved' | 'rejected' | 'refused' | 'submitted'): Promise<string> {
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, as_: Who, payload?: unknown) => {
    const r = await app.inject({ method, url: `/api/v1/services${url}`, headers: as(as_), ...(payload ? { payload: payload as object } : {}) })
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  let a = await call('POST', '/applications', who, { itemId })
  a = await call('PATCH', `/applications/${a.id}/form`, who, { version: a.version, data: { ...ANSWERS, operatorName: PRINCIPALS[who]!.name } })
  for (const m of a.materials as Array<{ code: string; source: string }>) {
    if (m.source === 'department') continue
    if (m.source === 'licence') { a = await call('POST', `/applications/${a.id}/materials/${m.code}/licence`, who); continue }
    const body = multipart(PDF, `${m.code}.pdf`)
    const r = await app.inject({ method: 'PUT', url: `/api/v1/services/applications/${a.id}/materials/${m.code}`, headers: { ...as(who), ...body.headers }, payload: body.payload })
    assert.equal(r.statusCode, 200, r.body)
    a = r.json()
  }
  a = await call('POST', `/applications/${a.id}/submit`, who, { version: a.version })
  if (outcome === 'submitted') return a.id
  a = await call('POST', `/applications/${a.id}/claim`, 'officer', { version: a.version })
  if (outcome === 'rejected') {
    await call('POST', `/applications/${a.id}/reject`, 'officer', { version: a.version, reason: '经营范围属于禁止类项目', legalBasis: '《市场准入负面清单》' })
    return a.id
  }
  a = await call('POST', `/applications/${a.id}/accept`, 'officer', { version: a.version })
  while (a.status === 'reviewing') {
    if (!(a.actions as string[]).includes('approve')) a = await call('POST', `/applications/${a.id}/claim`, 'officer', { version: a.version })
    if (outcome === 'refused') {
      await call('POST', `/applications/${a.id}/refuse`, 'officer', { version: a.version, reason: '经营场所位于禁止经营区域', remedy: '可自收到本决定之日起六十日内申请行政复议，或六个月内提起行政诉讼。' })
      return a.id
    }
    a = await call('POST', `/applications/${a.id}/approve`, 'officer', { version: a.version })
  }
  assert.equal(a.status, 'approved')
  return a.id
}

/** Counts rows of a table (side-effect checks). */
export async function countRows(app: FastifyInstance, table: string): Promise<number> {
  const r = await app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Outbox events of `aggregateId`, oldest first. */
export async function eventsOf(app: FastifyInstance, aggregateId: string): Promise<string[]> {
  const rows = await app.kernel.db.selectFrom('core_event').select(['name', 'id']).where('aggregate_id', '=', aggregateId).orderBy('id').execute()
  return rows.map((r) => r.name as string)
}

export const json = (r: LightMyRequestResponse) => r.json() as Record<string, any>

/** Calls the feedback API as `who`; returns the raw answer. */
export function call(app: FastifyInstance, who: Who | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return app.inject({ method, url: `/api/v1/feedback${url}`, headers: who ? as(who) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

/** Like `call`, asserting the status; returns the parsed body. */
export async function ok(app: FastifyInstance, who: Who | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, status = method === 'GET' ? 200 : 200): Promise<any> {
  const r = await call(app, who, method, url, payload)
  assert.equal(r.statusCode, status, `${method} ${url}: ${r.body}`)
  return r.body ? r.json() : undefined
}
