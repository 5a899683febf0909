/**
 * Ledger throughput on SQLite, one process, one run:
 *  - sustained append: entries submitted in batches of 1,000 (16 in flight), each batch
 *    sequenced, persisted with its nodes and covered by a signed checkpoint (SM2 + Ed25519
 *    through the crypto module), against the raw rate of hashing the same entries' leaves;
 *  - inclusion proof generation at 1,000,000 entries (32 concurrent requests, coalesced node
 *    reads) with the default 64 MiB node cache (which holds the whole tree at this size) and
 *    with the cache off, against the same proofs from an in-memory tree, with peak RSS;
 *  - HTTP evidence submission, batches of 100 items, 8 concurrent clients, each answered with
 *    receipts once the checkpoint is signed, against the sustained append rate;
 *  - last, 200,000 more appends of kind `evidence`, which also enter the payload-hash index.
 * Sizes: LEDGER_BENCH_ENTRIES (default 1,000,000), BENCH_SECONDS (default 3).
 * Targets (issue 5): >= 20,000 appends/s, >= 20,000 proofs/s at 1M entries.
 * Each figure is given per wall-clock second and per CPU-second of this process (SQLite runs
 * in-process, so its work is counted): on a shared machine the second one is the steadier.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/core/app.ts'
import { loadConfig } from '../src/core/config.ts'
import { allModules } from '../src/modules/index.ts'
import type { LedgerService } from '../src/modules/ledger/index.ts'
import { MemoryTree, SM3_HASHER, hashLeafText } from '../src/lib/merkle/index.ts'
import { leafText } from '../src/modules/ledger/leaf.ts'

const ENTRIES = Number(process.env.LEDGER_BENCH_ENTRIES ?? 1_000_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const BATCH = 1000
const IN_FLIGHT = 16
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

/** Runs `fn`; returns its wall-clock and CPU seconds (user + system of this process). */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = await fn()
  const c = process.cpuUsage(c0)
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }
}

// Payload hashes come from one random draw per 1,000 entries: the load generator's own cost
// (a random draw per entry was 7% of the process's CPU) is not the ledger's.
let pool = ''
let poolAt = 0
function randomHex(): string {
  if (poolAt >= pool.length) {
    pool = randomBytes(32 * 1000).toString('hex')
    poolAt = 0
  }
  poolAt += 64
  return pool.slice(poolAt - 64, poolAt)
}

function entry(i: number) {
  return { kind: 'bench.entry', hash: `sm3:${randomHex()}`, meta: { n: i, dept: 'bench' } }
}

// Raw hashing: canonical JSON leaf + SM3 leaf hash of the same kind of entry, by the same
// (fastest) path the sequencer takes, nothing else.
async function rawHashRate(n: number): Promise<{ wall: number; cpu: number }> {
  const items = Array.from({ length: n }, (_, i) => ({ id: `ent_${String(i).padStart(26, '0')}`, time: 1_767_225_600_000, ...entry(i) }))
  const r = await timed(() => { for (const it of items) hashLeafText(SM3_HASHER, leafText(it)) })
  return { wall: n / r.wall, cpu: n / r.cpu }
}

const dir = mkdtempSync(join(tmpdir(), 'zc-bench-ledger-'))
const app = await buildApp({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', BUILD_WEB: 'false', ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef01234567' }), modules: allModules })
await app.kernel.migrate()
await app.ready()
const ledger = app.kernel.apis.ledger as LedgerService

try {
  console.log(`# load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${ENTRIES.toLocaleString('en-US')} entries)`)
  console.log(`# RSS after boot: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`)
  const raw = await rawHashRate(50_000)
  console.log(`raw leaf hashing (canonical JSON + SM3): ${fmt(raw.wall)} entries/s (1.00x baseline)`)
  console.log(`raw leaf hashing per CPU-second: ${fmt(raw.cpu)} entries/s (1.00x baseline)`)

  // Sustained append up to ENTRIES.
  let next = 0
  let checkpoints = 0
  async function worker(): Promise<void> {
    while (next < ENTRIES) {
      const start = next
      next = Math.min(ENTRIES, next + BATCH)
      await ledger.appendEntries(Array.from({ length: next - start }, (_, i) => entry(start + i)))
    }
  }
  const appended = await timed(async () => {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    await ledger.idle()
    return ledger.latestCheckpoint()
  })
  const cp = appended.value
  if (cp?.size !== ENTRIES) throw new Error(`checkpoint covers ${cp?.size}, want ${ENTRIES}`)
  const appendRate = ENTRIES / appended.wall
  const appendCpuRate = ENTRIES / appended.cpu
  checkpoints = Number((await app.kernel.db.selectFrom('ledger_checkpoint').select((eb) => eb.fn.countAll().as('n')).where('published_at', 'is not', null).executeTakeFirstOrThrow()).n)
  console.log(`ledger sustained append (sequenced, persisted, checkpointed; SQLite, batches of ${BATCH}): ${fmt(appendRate)} entries/s (${(appendRate / raw.wall).toFixed(2)}x raw hashing)`)
  console.log(`ledger sustained append per CPU-second: ${fmt(appendCpuRate)} entries/s (${(appendCpuRate / raw.cpu).toFixed(2)}x raw hashing per CPU-second)`)
  console.log(`ledger checkpoints signed during the append: ${checkpoints} checkpoints (${(ENTRIES / Math.max(1, checkpoints)).toFixed(0)} entries per checkpoint)`)

  // Inclusion proofs at the full size.
  const proving = await timed(async () => {
    let proofs = 0
    const p0 = performance.now()
    while (performance.now() - p0 < SECONDS * 1000) {
      await Promise.all(Array.from({ length: 32 }, () => ledger.inclusionProofs([Math.floor(Math.random() * cp.size)], cp.size)))
      proofs += 32
    }
    return proofs
  })
  const proofRate = proving.value / proving.wall
  const proofCpuRate = proving.value / proving.cpu
  const rss = process.resourceUsage().maxRSS / 1024

  // The same proofs with the node cache off: every node read from SQLite (coalesced per tick).
  // The ledger reads LEDGER_* from the environment when its module is set up.
  process.env.LEDGER_PROOF_CACHE_MB = '0'
  const cold = await buildApp({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', BUILD_WEB: 'false' }), modules: allModules })
  delete process.env.LEDGER_PROOF_CACHE_MB
  const coldLedger = cold.kernel.apis.ledger as LedgerService
  await coldLedger.inclusionProofs([0], cp.size).catch(() => undefined)
  const coldProving = await timed(async () => {
    let proofs = 0
    const p0 = performance.now()
    while (performance.now() - p0 < SECONDS * 1000) {
      await Promise.all(Array.from({ length: 32 }, () => coldLedger.inclusionProofs([Math.floor(Math.random() * cp.size)], cp.size)))
      proofs += 32
    }
    return proofs
  })
  await cold.close()

  // HTTP evidence submission, batches of 100.
  await app.listen({ port: 0, host: '127.0.0.1' })
  const addr = app.server.address()
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1/ledger/evidence/batch`
  const headers = { 'content-type': 'application/json', authorization: 'Bearer bench-admin-token-0123456789abcdef01234567' }
  const body = () => JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => ({ hash: `sm3:${randomBytes(32).toString('hex')}`, type: 'bench', title: `item ${i}`, department: '市数据局' })) })
  let sent = 0
  const h0 = performance.now()
  const c0 = process.cpuUsage()
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (performance.now() - h0 < SECONDS * 1000) {
      const res = await fetch(url, { method: 'POST', headers, body: body() })
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
      await res.arrayBuffer()
      sent += 100
    }
  }))
  const httpRate = sent / ((performance.now() - h0) / 1000)
  const hc = process.cpuUsage(c0)
  const httpCpuRate = sent / ((hc.user + hc.system) / 1e6)

  // Evidence entries also enter the payload-hash index (the only kind looked up by hash); the
  // same path for EVIDENCE_ENTRIES more entries of kind `evidence` shows what that index costs.
  const EVIDENCE_ENTRIES = Math.min(ENTRIES, 200_000)
  const evidence = await timed(async () => {
    let at = 0
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (at < EVIDENCE_ENTRIES) {
        const start = at
        at = Math.min(EVIDENCE_ENTRIES, at + BATCH)
        await ledger.appendEntries(Array.from({ length: at - start }, (_, i) => ({ ...entry(start + i), kind: 'evidence' })))
      }
    }))
    await ledger.idle()
  })
  const evidenceLine = `ledger sustained append of evidence entries (hash-indexed), ${fmt(EVIDENCE_ENTRIES)} more: ${fmt(EVIDENCE_ENTRIES / evidence.wall)} entries/s wall, ${fmt(EVIDENCE_ENTRIES / evidence.cpu)} per CPU-second (${(EVIDENCE_ENTRIES / evidence.cpu / raw.cpu).toFixed(2)}x raw hashing per CPU-second)`

  // Baseline for proofs: the same proofs from a tree held in memory (built after RSS was read).
  const tree = new MemoryTree(SM3_HASHER)
  for (let i = 0; i < ENTRIES; i++) tree.append(SM3_HASHER.hashLeaf(Buffer.from(String(i))))
  const mem = await timed(() => {
    let n = 0
    const m0 = performance.now()
    while (performance.now() - m0 < 1000) { tree.inclusionProof(Math.floor(Math.random() * ENTRIES)); n++ }
    return n
  })

  console.log(`ledger inclusion proofs at ${fmt(cp.size)} entries (32 concurrent): ${fmt(proofRate)} proofs/s (${(proofRate / (mem.value / mem.wall)).toFixed(2)}x in-memory tree)`)
  console.log(`ledger inclusion proofs per CPU-second: ${fmt(proofCpuRate)} proofs/s (${(proofCpuRate / (mem.value / mem.cpu)).toFixed(2)}x in-memory tree per CPU-second)`)
  console.log(`ledger inclusion proofs, node cache off (every node from SQLite): ${fmt(coldProving.value / coldProving.wall)} proofs/s (${((coldProving.value / coldProving.wall) / (mem.value / mem.wall)).toFixed(2)}x in-memory tree)`)
  console.log(`ledger inclusion proofs, node cache off, per CPU-second: ${fmt(coldProving.value / coldProving.cpu)} proofs/s (${((coldProving.value / coldProving.cpu) / (mem.value / mem.cpu)).toFixed(2)}x in-memory tree per CPU-second)`)
  console.log(`ledger peak RSS at ${fmt(cp.size)} entries: ${rss.toFixed(0)} MB (before the in-memory baseline tree)`)
  console.log(`ledger HTTP evidence submission (batches of 100, 8 clients, receipts returned): ${fmt(httpRate)} entries/s (${(httpRate / appendRate).toFixed(2)}x sustained append)`)
  console.log(`ledger HTTP evidence submission per CPU-second (server and load client in one process): ${fmt(httpCpuRate)} entries/s (${(httpCpuRate / appendCpuRate).toFixed(2)}x sustained append per CPU-second)`)
  console.log(evidenceLine)
  console.log(`# load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
} finally {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
}
