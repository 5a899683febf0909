/**
 * Electronic licences on SQLite, one process, one run (issue 9):
 *  - issuance: check + number + status slot + SM2 signature (crypto module) + ledger anchor +
 *    insert, in batches of 500 per transaction, against the raw SM2 sign rate of the same bytes;
 *  - verification with the issuer key cached: offline checks (identifier and check character,
 *    signature, anchor hash, validity) and the server's full verification (plus the ledger entry
 *    and the register status), against the raw SM2 verify rate;
 *  - bulk import of a generated CSV register, streamed (never held in memory), with its time
 *    and the process's peak RSS, sampled while it runs.
 * Sizes: LIC_BENCH_ISSUE (default 3,000), LIC_BENCH_VERIFY (default 3,000), LIC_BENCH_IMPORT
 * (default 20,000; the issue's figure is 1,000,000). Targets: issuance >= 2,000/s, verification
 * >= 1,500/s; import memory bounded. Figures per wall-clock second and per CPU-second.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buildApp } from '../src/core/app.ts'
import { loadConfig } from '../src/core/config.ts'
import type { ModuleDefinition } from '../src/core/module.ts'
import { createSm2Signer, createSm2Verifier, sm2GenerateKeyPair } from '../src/lib/crypto/index.ts'
import { makeUsccFromParts } from '../src/lib/uscc.ts'
import { allModules } from '../src/modules/index.ts'
import type { LicensesApi, NativeLicence } from '../src/modules/licenses/index.ts'
import { LICENSE_TYPES, licenseTypeByKey } from '../src/modules/licenses/data/types.ts'
import { contentBytes } from '../src/modules/licenses/document.ts'
import { verifyLicence } from '../src/modules/licenses/verify.ts'

const ISSUE = Number(process.env.LIC_BENCH_ISSUE ?? 3000)
const VERIFY = Number(process.env.LIC_BENCH_VERIFY ?? 3000)
const IMPORT = Number(process.env.LIC_BENCH_IMPORT ?? 20_000)
const BATCH = 500
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = await fn()
  const c = process.cpuUsage(c0)
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }
}

function withDependencies(names: string[]): ModuleDefinition<any>[] {
  const byName = new Map(allModules.map((m) => [m.name, m]))
  const out = new Map<string, ModuleDefinition<any>>()
  const visit = (n: string): void => {
    const m = byName.get(n)
    if (!m || out.has(n)) return
    for (const d of m.dependsOn ?? []) visit(d)
    out.set(n, m)
  }
  for (const n of names) visit(n)
  return [...out.values()]
}

const BUSINESS = licenseTypeByKey('business-licence')
const fields = (i: number, prefix: string) => ({
  creditCode: makeUsccFromParts('91', '442000', `${prefix}${String(i).padStart(8 - prefix.length, '0')}`),
  companyName: `中山市${prefix}第${i}号贸易有限公司`, entityType: 'llc-natural', legalRep: '李四', registeredCapital: 50 + (i % 7),
  establishedOn: '2019-05-20', businessTerm: '长期', businessAddress: '广东省中山市石岐街道孙文中路1号', businessScope: '日用百货销售；互联网销售（除销售需要许可的商品）',
})

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zc-bench-lic-'))
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, DATA_DIR: dir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', BUILD_WEB: 'false', LEDGER_POLL_MS: '200', CRYPTO_SIGN_WORKERS: process.env.CRYPTO_SIGN_WORKERS })
  const app = await buildApp({ config, modules: withDependencies(['ops', 'licenses']), startEvents: false })
  try {
    await app.kernel.migrate()
    const api = app.kernel.apis.licenses as LicensesApi
    await api.seedTypes(LICENSE_TYPES)
    await api.issuers.ensure('zs-scjgj')
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; issue ${fmt(ISSUE)}, verify ${fmt(VERIFY)}, import ${fmt(IMPORT)} licences`)

    // Raw SM2 over bytes of a real licence's size.
    const sample = (await api.issuance.prepare([{ typeCode: BUSINESS.code, fields: fields(0, 'T'), source: 'direct' }], { id: 'bench', kind: 'system', name: 'bench' }))[0]
    if ('error' in sample) throw sample.error
    const message = contentBytes(sample.row.document.licence)
    const keys = sm2GenerateKeyPair()
    const signer = createSm2Signer(keys.privateKey)
    const verifier = createSm2Verifier(keys.publicKey)
    const sig = signer.sign(message)
    const rawN = Math.max(500, Math.min(ISSUE, 3000))
    for (let i = 0; i < 200; i++) signer.sign(message) // warm-up
    const rawSign = await timed(() => { for (let i = 0; i < rawN; i++) signer.sign(message) })
    const rawVerify = await timed(() => { for (let i = 0; i < rawN; i++) verifier.verify(message, sig) })
    const signRate = rawN / rawSign.wall
    const verifyRate = rawN / rawVerify.wall
    console.log(`raw SM2 sign (${message.length}-byte licence): ${fmt(signRate)} ops/s (${fmt(rawN / rawSign.cpu)}/CPU-s)`)
    console.log(`raw SM2 verify, cached key: ${fmt(verifyRate)} ops/s (${fmt(rawN / rawVerify.cpu)}/CPU-s)`)

    // Issuance: batches of 500 in one transaction each. A batch is staged (checked, numbered, status
    // slots, signatures started on the crypto module's signing threads) before the previous one is
    // written, so signing overlaps the writes, as the bulk import does.
    const actor = { id: 'system:bench', kind: 'system', name: 'bench' }
    const issued: NativeLicence[] = []
    const { withTransaction } = await import('../src/core/db/transaction.ts')
    const batchInputs = (i: number) => Array.from({ length: Math.min(BATCH, ISSUE - i) }, (_, j) => ({ typeCode: BUSINESS.code, fields: fields(i + j + 1, 'A'), source: 'direct' as const }))
    const iss = await timed(async () => {
      let staged = await api.issuance.stage(batchInputs(0), actor)
      for (let i = 0; i < ISSUE; i += BATCH) {
        const prepared = await staged.signed
        const good = prepared.filter((p): p is Exclude<typeof p, { error: unknown }> => !('error' in p))
        if (good.length !== prepared.length) throw new Error('bench rows failed to issue')
        if (i + BATCH < ISSUE) staged = await api.issuance.stage(batchInputs(i + BATCH), actor)
        await withTransaction(app.kernel.db, (trx) => api.issuance.commit(trx, good, actor, { perLicence: true }))
        for (const g of good) issued.push(g.row.document)
      }
    })
    const issueRate = ISSUE / iss.wall
    console.log(`licenses issue (sign + anchor + persist, SQLite): ${fmt(issueRate)} licences/s (${fmt(ISSUE / iss.cpu)}/CPU-s) (${(issueRate / signRate).toFixed(2)}x raw SM2 sign) target >= 2,000/s`)

    // Verification with the issuer key cached.
    const issuer = (await api.issuers.get('zs-scjgj'))!
    const pk = (await api.issuers.publicKey(issuer.keyId, 1))!
    const docs = Array.from({ length: VERIFY }, (_, i) => issued[i % issued.length])
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const ports = { today: () => today, issuerKey: async () => ({ publicKey: pk, name: issuer.name }), receipt: async () => ({ skipped: true as const, message: '' }), status: async () => undefined }
    let bad = 0
    const off = await timed(async () => { for (const d of docs) if (!(await verifyLicence(d, ports)).valid) bad++ })
    const offRate = VERIFY / off.wall
    console.log(`licenses verify offline (identifier, signature, anchor hash, validity; cached key): ${fmt(offRate)} licences/s (${fmt(VERIFY / off.cpu)}/CPU-s) (${(offRate / verifyRate).toFixed(2)}x raw SM2 verify) target >= 1,500/s`)
    await (app.kernel.apis.ledger as { idle(): Promise<void> }).idle()
    const srvN = Math.min(VERIFY, 1000)
    const srv = await timed(async () => { for (let i = 0; i < srvN; i++) { const v = await api.verify(docs[i]); if (!v.valid) { bad++; if (bad === 1) console.log(JSON.stringify(v.checks)) } } })
    const srvRate = srvN / srv.wall
    console.log(`licenses verify on the server (+ ledger entry and register status): ${fmt(srvRate)} licences/s (${fmt(srvN / srv.cpu)}/CPU-s) (${(srvRate / verifyRate).toFixed(2)}x raw SM2 verify)`)
    if (bad) throw new Error(`${bad} licences did not verify`)
    await api.verifier.flush()

    // Bulk import of a generated CSV register, streamed.
    const header = 'number,creditCode,companyName,entityType,legalRep,registeredCapital,establishedOn,businessAddress,businessScope\n'
    function* register() {
      yield header
      let chunk = ''
      for (let i = 1; i <= IMPORT; i++) {
        const f = fields(i, 'M')
        chunk += `M${i},${f.creditCode},${f.companyName},${f.entityType},${f.legalRep},${f.registeredCapital},${f.establishedOn},${f.businessAddress},${f.businessScope}\n`
        if (i % 1000 === 0) { yield chunk; chunk = '' }
      }
      if (chunk) yield chunk
    }
    const rss0 = process.memoryUsage().rss
    let peak = rss0
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 100)
    // Memory by quarter of the import: bounded means it levels off instead of growing with the rows.
    const quarters: string[] = []
    const onBatch = (j: { committed: number }) => {
      if (j.committed * 4 >= (quarters.length + 1) * IMPORT) {
        const m = process.memoryUsage()
        quarters.push(`${fmt(j.committed)}: RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}`)
      }
    }
    const imp = await timed(() => api.imports.run({ principal: { id: 'system:bench', kind: 'system', name: 'bench', permissions: new Set(['*']) } }, { typeCode: BUSINESS.code, key: 'bench-register', format: 'csv' }, Readable.from(register()), onBatch))
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    const impRate = imp.value.committed / imp.wall
    console.log(`licenses bulk import ${fmt(imp.value.committed)} (CSV, streamed, batches of ${BATCH}): ${imp.wall.toFixed(1)} s, ${fmt(impRate)} licences/s (${fmt(imp.value.committed / imp.cpu)}/CPU-s) (${(impRate / signRate).toFixed(2)}x raw SM2 sign); RSS ${mb(rss0)} before, peak ${mb(peak)} (+${mb(peak - rss0)}), process max RSS ${mb(process.resourceUsage().maxRSS * 1024)}`)
    console.log(`  memory by quarter — ${quarters.join('; ')}`)
    if (IMPORT < 1_000_000) console.log(`  1,000,000 at this rate: ~${fmt(1_000_000 / impRate / 60)} min (run LIC_BENCH_IMPORT=1000000 for the measured figure; memory does not grow with the row count)`)
    if (imp.value.failed) throw new Error(`${imp.value.failed} import rows failed`)
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
