/**
 * Test plumbing for the licences suites: the real app with the modules licences needs (crypto,
 * ledger, identity, services and theirs), test principals (issuing officers of two departments, a
 * clerk, citizens), the demo licence types and issuers, and small builders.
 */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import { defineModule } from '../../../src/core/module.ts'
import type { DialectName } from '../../../src/core/db/dialect.ts'
import { bearerToken, type Principal } from '../../../src/core/http/auth.ts'
import { createManualClock } from '../../../src/lib/time.ts'
import { makeUsccFromParts } from '../../../src/lib/uscc.ts'
import { makeCnId } from '../../../src/lib/cn-id.ts'
import type { LicensesApi } from '../../../src/modules/licenses/index.ts'
import type { LedgerService } from '../../../src/modules/ledger/index.ts'
import { ISSUERS } from '../../../src/modules/licenses/data/issuers.ts'
import { LICENSE_TYPES, licenseTypeByKey } from '../../../src/modules/licenses/data/types.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { withDependencies } from '../services/helpers.ts'

export { ADMIN } from '../../helpers/build-test-app.ts'

const OFFICER = ['licenses:license:issue', 'licenses:license:read', 'licenses:license:status', 'licenses:license:import', 'licenses:stats:read']
const staff = (id: string, name: string, departmentId: string, perms: string[]): Principal => ({
  id, kind: 'staff', name, departmentId, permissions: new Set(perms), dataScope: { all: false, departmentIds: [departmentId], self: false },
})

export const PRINCIPALS: Record<string, Principal> = {
  officer: staff('stf_scj_officer', '市场监管 证照管理员', 'zs-scjgj', OFFICER),
  gaj: staff('stf_gaj_officer', '公安 证照管理员', 'zs-gaj', OFFICER),
  clerk: staff('stf_scj_clerk', '市场监管窗口 刘洋', 'zs-scjgj', ['services:application:read', 'services:application:accept', 'licenses:consent:read']),
  approver: staff('stf_scj_approver', '市场监管审批 王芳', 'zs-scjgj', ['services:application:read', 'services:application:approve']),
  gajClerk: staff('stf_gaj_clerk', '公安窗口', 'zs-gaj', ['services:application:read', 'licenses:consent:read']),
  editor: { id: 'stf_editor', kind: 'staff', name: '目录管理员', permissions: new Set(['services:item:read', 'services:item:manage']) },
  nobody: staff('stf_nobody', '无权限', 'zs-scjgj', []),
  typist: staff('stf_types', '证照目录管理员 周敏', 'zs-zsj', ['licenses:type:manage']),
  alice: { id: 'cit_alice', kind: 'citizen', name: '王小丽', permissions: new Set() },
  bob: { id: 'cit_bob', kind: 'citizen', name: '赵大海', permissions: new Set() },
}

export const as = (who: keyof typeof PRINCIPALS) => ({ authorization: `Bearer lictest-${who}` })

const testPrincipals = defineModule<undefined>({
  name: 'lictest',
  description: 'test-only principals for the licences suites',
  setup: (ctx) => {
    ctx.addAuthenticator((req) => {
      const token = bearerToken(req)
      return token?.startsWith('lictest-') ? PRINCIPALS[token.slice(8)] : undefined
    })
    return undefined
  },
})

export interface LicensesTestApp {
  app: FastifyInstance
  api: LicensesApi
  ledger: LedgerService
  clock: ReturnType<typeof createManualClock>
  database: TestDatabase
  close(): Promise<void>
}

/** The real app on a fresh database with the demo licence types and issuers (no demo licences). */
export async function buildLicensesApp(dialect: DialectName, opts: { now?: number } = {}): Promise<LicensesTestApp> {
  const database = await createTestDatabase(dialect)
  const clock = createManualClock(opts.now ?? Date.parse('2026-11-25T02:00:00Z'))
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' })
  const app = await buildApp({ config, modules: [...withDependencies(['ops', 'licenses']), testPrincipals], clock, startEvents: false })
  await app.kernel.migrate()
  await (app.kernel.apis.city as { seedDemo(): Promise<number> }).seedDemo()
  const api = app.kernel.apis.licenses as LicensesApi
  await api.seedTypes(LICENSE_TYPES)
  for (const i of ISSUERS.filter((x) => ['zs-scjgj', 'zs-gaj'].includes(x.departmentId))) await api.issuers.ensure(i.departmentId, { name: i.name['zh-CN'], creditCode: i.creditCode })
  await app.ready()
  return {
    app, api, clock, database, ledger: app.kernel.apis.ledger as LedgerService,
    async close() {
      await app.close()
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 200))
      await database.drop()
    },
  }
}

export const BUSINESS = licenseTypeByKey('business-licence')

/** A valid 营业执照 issue body for a company numbered `n`. */
export function businessLicenceBody(n: number, patch: Record<string, unknown> = {}) {
  const creditCode = makeUsccFromParts('91', '442000', `MA4T${String(n).padStart(4, '0')}`)
  return {
    typeCode: BUSINESS.code,
    fields: {
      creditCode, companyName: `中山市测试${n}号科技有限公司`, entityType: 'llc-natural', legalRep: '王小丽', registeredCapital: 100,
      establishedOn: '2026-11-20', businessTerm: '长期', businessAddress: '广东省中山市东区兴中道1号', businessScope: '软件开发；信息技术咨询服务。', ...patch,
    },
  }
}

export const ALICE_ID = makeCnId('442000', '19900101', 123)

/** Counts rows of a table. */
export async function countRows(app: FastifyInstance, table: string, where?: [string, string]): Promise<number> {
  let q = app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))
  if (where) q = q.where(where[0], '=', where[1])
  return Number((await q.executeTakeFirstOrThrow()).n)
}

/** The names of outbox events for `aggregateId`, oldest first. */
export async function eventsOf(app: FastifyInstance, aggregateId: string): Promise<string[]> {
  const rows = await app.kernel.db.selectFrom('core_event').select(['name', 'id']).where('aggregate_id', '=', aggregateId).orderBy('id').execute()
  return rows.map((r) => r.name as string)
}

export function ok(r: LightMyRequestResponse, status = 200): Record<string, any> {
  assert.equal(r.statusCode, status, r.body)
  return r.json()
}
