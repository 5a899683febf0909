/**
 * Application submission with its outbox event, on SQLite, in process: each submit checks the whole
 * form and the materials, runs the state machine, computes the working-day deadline and commits
 * the application row, the transition, the audit row, the `services.application.submitted` event
 * and the popularity count in one transaction. Baseline, same run and database: a bare transaction
 * writing one audit row and one outbox event. Target (issue 6): >= 1,000 submissions/s.
 * Prints `name: value unit (ratio x baseline)`; BENCH_JSON=path also writes the figures as JSON.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/core/app.ts'
import { loadConfig } from '../src/core/config.ts'
import { withTransaction } from '../src/core/db/transaction.ts'
import type { Principal } from '../src/core/http/auth.ts'
import { allModules } from '../src/modules/index.ts'
import type { ServicesApi } from '../src/modules/services/index.ts'
import { CITY_DEPARTMENTS } from '../src/modules/services/data/departments.ts'
import { FEATURED, featuredItem } from '../src/modules/services/data/featured.ts'

// services and what it depends on (city, identity …), from the real module list.
const wanted = new Set(['ops', 'services'])
for (let grew = true; grew;) {
  grew = false
  for (const m of allModules) if (wanted.has(m.name)) for (const d of m.dependsOn ?? []) if (!wanted.has(d)) { wanted.add(d); grew = true }
}
const modules = allModules.filter((m) => wanted.has(m.name))
const N = Number(process.env.BENCH_N ?? 1000)
const dir = mkdtempSync(join(tmpdir(), 'zc-bench-submit-'))
const app = await buildApp({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', BUILD_WEB: 'false' }), modules, startEvents: false })
await app.kernel.migrate()
const api = app.kernel.apis.services as ServicesApi
const editor: Principal = { id: 'bench:editor', kind: 'system', name: 'bench', permissions: new Set(['*']) }
const citizen: Principal = { id: 'bench:citizen', kind: 'citizen', name: '王小丽', permissions: new Set() }
const spec = FEATURED.find((f) => f.key === 'individual-business')!
const item = await api.catalog.createItem({ principal: editor }, featuredItem(spec, { code: '442000', name: '中山市', department: CITY_DEPARTMENTS.scjgj }))
await api.catalog.publish({ principal: editor }, item.id, 1)

const answers = {
  operatorName: '王小丽', idNumber: '11010519491231002X', mobile: '13800138000', tradeName: '小丽', organization: 'individual',
  businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2,
}
const pdf = Buffer.from('%PDF-1.4\n% bench\n%%EOF\n')
const c = { principal: citizen }
const drafts: Array<{ id: string; version: number }> = []
const tPrep = performance.now()
for (let i = 0; i < N; i++) {
  const d = await api.applications.createDraft(c, { itemId: item.id })
  await api.applications.saveForm(c, d.id, d.version, answers)
  await api.applications.provideByLicence(c, d.id, 'id-card')
  await api.applications.uploadMaterial(c, d.id, 'premises', { bytes: pdf, fileName: 'p.pdf' })
  const v = await api.applications.uploadMaterial(c, d.id, 'application', { bytes: pdf, fileName: 'a.pdf' })
  drafts.push({ id: d.id, version: v.version })
}
const prepMs = performance.now() - tPrep

// Baseline: the raw primitive every write uses — one transaction, one audit row, one outbox event.
const { audit, events, db } = app.kernel
const tBase = performance.now()
for (let i = 0; i < N; i++) {
  await withTransaction(db, async (trx) => {
    await audit.append(trx, { actorId: citizen.id, actorKind: 'citizen', action: 'services.application.submit', targetType: 'services_application', targetId: `bench-${i}` })
    await events.publish(trx, 'services.application.submitted', `bench-${i}`, { i })
  })
}
const baseRate = N / ((performance.now() - tBase) / 1000)

const tSubmit = performance.now()
for (const d of drafts) await api.applications.submit(c, d.id, d.version)
const submitRate = N / ((performance.now() - tSubmit) / 1000)
await app.close()

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(`bare transaction (audit row + outbox event), SQLite: ${fmt(baseRate)} tx/s (1.00x baseline)`)
console.log(`submit application (checks, state machine, deadline, row, transition, audit, event), SQLite: ${fmt(submitRate)} submissions/s (${(submitRate / baseRate).toFixed(2)}x baseline)`)
console.log(`preparing ${N} drafts (create, answers, e-licence, two uploads): ${fmt(prepMs)} ms`)
const ok = submitRate >= 1000
console.log(`target >= 1,000 submissions/s: ${ok ? 'met' : 'MISSED'}`)
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ baseRate, submitRate, prepMs, n: N }, null, 2))
if (!ok) process.exitCode = 1
