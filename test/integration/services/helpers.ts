/**
 * Test plumbing for the services suites: the real app with only the modules services needs, a
 * test-only authenticator mapping bearer tokens to principals (citizens, clerks, approvers, a
 * principal of another department, one without permissions), a manual clock, and builders for
 * items and multipart uploads.
 */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import { defineModule } from '../../../src/core/module.ts'
import type { DialectName } from '../../../src/core/db/dialect.ts'
import { bearerToken, type Principal } from '../../../src/core/http/auth.ts'
import { createManualClock } from '../../../src/lib/time.ts'
import type { ModuleDefinition } from '../../../src/core/module.ts'
import { allModules } from '../../../src/modules/index.ts'
import { CITY_DEPARTMENTS } from '../../../src/modules/services/data/departments.ts'
import { FEATURED, featuredItem } from '../../../src/modules/services/data/featured.ts'
import type { ItemData } from '../../../src/modules/services/schema/catalog.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'

export { ADMIN } from '../../helpers/build-test-app.ts'

const READ = 'services:application:read'
const staff = (id: string, name: string, departmentId: string, perms: string[]): Principal => ({
  id, kind: 'staff', name, departmentId, permissions: new Set(perms), dataScope: { all: false, departmentIds: [departmentId], self: false },
})

export const PRINCIPALS: Record<string, Principal> = {
  alice: { id: 'cit_alice', kind: 'citizen', name: '王小丽', permissions: new Set() },
  bob: { id: 'cit_bob', kind: 'citizen', name: '赵大海', permissions: new Set() },
  clerk: staff('stf_clerk', '李明', 'zs-scjgj', [READ, 'services:application:accept']),
  clerk2: staff('stf_clerk2', '陈芳', 'zs-scjgj', [READ, 'services:application:accept']),
  approver: staff('stf_approver', '王科长', 'zs-scjgj', [READ, 'services:application:approve']),
  approver2: staff('stf_approver2', '赵副局长', 'zs-scjgj', [READ, 'services:application:approve']),
  outsider: staff('stf_outsider', '黄丽', 'zs-gaj', [READ, 'services:application:accept', 'services:application:approve']),
  editor: { id: 'stf_editor', kind: 'staff', name: '目录管理员', permissions: new Set(['services:item:read', 'services:item:manage']) },
  reader: { id: 'stf_reader', kind: 'staff', name: '只读', permissions: new Set(['services:item:read']) },
  hall: { id: 'stf_hall', kind: 'staff', name: '大厅引导员', permissions: new Set(['services:appointment:manage']) },
  nobody: { id: 'stf_nobody', kind: 'staff', name: '无权限', permissions: new Set() },
}

/** Principals a suite adds at run time (e.g. with identity department ids); `as()` finds them too. */
export const EXTRA_PRINCIPALS: Record<string, Principal> = {}

/** Authorization header of a test principal. */
export const as = (who: keyof typeof PRINCIPALS | string) => ({ authorization: `Bearer test-${who}` })

const testPrincipals = defineModule<undefined>({
  name: 'svctest',
  description: 'test-only principals for the services suites',
  setup: (ctx) => {
    ctx.addAuthenticator((req) => {
      const token = bearerToken(req)
      return token?.startsWith('test-') ? PRINCIPALS[token.slice(5)] ?? EXTRA_PRINCIPALS[token.slice(5)] : undefined
    })
    return undefined
  },
})

/** `names` and every module they depend on (identity brings its own dependencies), from the real list. */
export function withDependencies(names: string[]): ModuleDefinition<any>[] {
  const byName = new Map(allModules.map((m) => [m.name, m]))
  const out = new Map<string, ModuleDefinition<any>>()
  const visit = (name: string): void => {
    const m = byName.get(name)
    if (!m || out.has(name)) return
    for (const d of m.dependsOn ?? []) visit(d)
    out.set(name, m)
  }
  for (const n of names) visit(n)
  return [...out.values()]
}

export interface ServicesTestApp {
  app: FastifyInstance
  clock: ReturnType<typeof createManualClock>
  database: TestDatabase
  close(): Promise<void>
}

/**
 * The real app (ops, services and what it depends on: city, identity … + test principals) on a fresh database; `seed` adds
 * the demo city, identity's demo organisation and the catalog. Without the seed identity knows no
 * department, so the test principals' department codes stand for themselves.
 */
export async function buildServicesApp(dialect: DialectName, opts: { seed?: boolean; now?: number } = {}): Promise<ServicesTestApp> {
  const database = await createTestDatabase(dialect)
  const clock = createManualClock(opts.now ?? Date.parse('2026-11-25T02:00:00Z'))
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' })
  const app = await buildApp({ config, modules: [...withDependencies(['ops', 'services']), testPrincipals], clock, startEvents: false })
  await app.kernel.migrate()
  if (opts.seed) await app.kernel.seedDemo()
  else await (app.kernel.apis.city as { seedDemo(): Promise<number> }).seedDemo()
  await app.ready()
  return {
    app, clock, database,
    async close() {
      await app.close()
      // pg's pool resolves end() once its clients are told to end, not once their sockets closed; a
      // forced DROP DATABASE in that window kills them and surfaces as an uncaught client error.
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 200))
      await database.drop()
    },
  }
}

/** A featured item's data at the city level (market regulation unless said otherwise). */
export function itemData(key: string, patch: Partial<ItemData> = {}): ItemData {
  const spec = FEATURED.find((f) => f.key === key)
  if (!spec) throw new Error(`no featured item ${key}`)
  const dept = spec.dept === 'town' ? CITY_DEPARTMENTS.scjgj : CITY_DEPARTMENTS[spec.dept]
  return { ...featuredItem(spec, { code: '442000', name: '中山市', department: { ...dept, id: 'zs-scjgj', name: CITY_DEPARTMENTS.scjgj.name } }), ...patch }
}

/** Creates and publishes an item through the API; returns its id. */
export async function publishItem(app: FastifyInstance, data: ItemData): Promise<string> {
  const created = await app.inject({ method: 'POST', url: '/api/v1/services/catalog', headers: as('editor'), payload: data })
  assert.equal(created.statusCode, 201, created.body)
  const id = created.json().id as string
  const pub = await app.inject({ method: 'POST', url: `/api/v1/services/catalog/${id}/publish`, headers: as('editor'), payload: { version: 1 } })
  assert.equal(pub.statusCode, 200, pub.body)
  return id
}

/** A multipart/form-data body with one file field. */
export function multipart(bytes: Buffer, fileName: string, type = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhichengtest7b3e'
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: ${type}\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export const PDF = Buffer.from('%PDF-1.4\n% test\n%%EOF\n')
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** Fills a draft completely (answers and materials) as `who`; returns the latest version. */
export async function fillDraft(app: FastifyInstance, who: keyof typeof PRINCIPALS, id: string, answers: Record<string, unknown>): Promise<number> {
  let r = await app.inject({ method: 'GET', url: `/api/v1/services/applications/${id}`, headers: as(who) })
  let view = r.json()
  r = await app.inject({ method: 'PATCH', url: `/api/v1/services/applications/${id}/form`, headers: as(who), payload: { version: view.version, data: answers } })
  assert.equal(r.statusCode, 200, r.body)
  view = r.json()
  for (const m of view.materials as Array<{ code: string; source: string; accept: string[] }>) {
    if (m.source === 'department') continue
    if (m.source === 'licence') r = await app.inject({ method: 'POST', url: `/api/v1/services/applications/${id}/materials/${m.code}/licence`, headers: as(who) })
    else {
      const body = m.accept.includes('pdf') ? multipart(PDF, `${m.code}.pdf`) : multipart(PNG, `${m.code}.png`)
      r = await app.inject({ method: 'PUT', url: `/api/v1/services/applications/${id}/materials/${m.code}`, headers: { ...as(who), ...body.headers }, payload: body.payload })
    }
    assert.equal(r.statusCode, 200, r.body)
  }
  return r.json().version
}

/** Counts rows of a table (side-effect checks). */
export async function countRows(app: FastifyInstance, table: string): Promise<number> {
  const r = await app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The names of outbox events written for `aggregateId`, oldest first. */
export async function eventsOf(app: FastifyInstance, aggregateId: string): Promise<string[]> {
  const rows = await app.kernel.db.selectFrom('core_event').select(['name', 'id']).where('aggregate_id', '=', aggregateId).orderBy('id').execute()
  return rows.map((r) => r.name as string)
}

export const json = (r: LightMyRequestResponse) => r.json() as Record<string, any>
