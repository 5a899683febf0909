/**
 * Event report through HTTP on SQLite: POST /api/v1/grid/events (validation, point-in-polygon
 * routing, duplicate check, event + log + audit + outbox in one transaction), against GET
 * /api/v1/version on the same server in the same run. Target: >= 1,000 reports/s.
 * Points follow a low-discrepancy sequence over the central sub-districts, so duplicates occur at
 * the density of a busy day rather than at one spot. The server runs in a child process (this file with GRID_BENCH_SERVER=1) so that the load
 * generator does not share its CPU (`BENCH_SERVER_NODE_ARGS='--cpu-prof'` profiles it). Prints `name: value unit (ratio x baseline)`.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const TOKEN = 'bench-admin-token-0123456789abcdef0123456789'
const DURATION = Number(process.env.BENCH_SECONDS ?? 5)

if (process.env.GRID_BENCH_SERVER) {
  const { buildApp } = await import('../src/core/app.ts')
  const { loadConfig } = await import('../src/core/config.ts')
  const { allModules } = await import('../src/modules/index.ts')
  const dir = process.env.GRID_BENCH_DIR!
  const app = await buildApp({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn', BUILD_WEB: 'false', ADMIN_TOKEN: TOKEN }), modules: allModules })
  await app.kernel.migrate()
  await app.kernel.seedDemo()
  await app.listen({ port: 0, host: '127.0.0.1' })
  const addr = app.server.address()
  process.send!(typeof addr === 'object' && addr ? addr.port : 0)
  // The parent asks for the server's CPU time around each run (figures per server CPU-second).
  process.on('message', (m) => { if (m === 'cpu') { const u = process.cpuUsage(); process.send!({ cpuMicros: u.user + u.system }) } })
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
} else {
  const dir = mkdtempSync(join(tmpdir(), 'zc-grid-bench-'))
  const child = fork(new URL(import.meta.url).pathname, [], { env: { ...process.env, GRID_BENCH_SERVER: '1', GRID_BENCH_DIR: dir }, execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)))
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  const base = `http://127.0.0.1:${port}`
  // Points spread over the central sub-districts (about 113.27–113.43 E, 22.43–22.58 N).
  let n = 0
  const body = () => {
    n++
    // A Kronecker (golden-ratio) sequence: every report at a new point, spread evenly.
    const lon = 113.27 + ((n * 0.6180339887) % 1) * 0.16
    const lat = 22.43 + ((n * 0.7548776662) % 1) * 0.15
    return JSON.stringify({ categoryCode: n % 2 ? '0102' : '0503', description: `bench report ${n}`, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 })
  }
  const cpu = () => new Promise<number>((resolve) => {
    child.once('message', (m) => resolve((m as { cpuMicros: number }).cpuMicros))
    child.send('cpu')
  })
  const run = async (opts: autocannon.Options) => {
    await autocannon({ ...opts, duration: 1 })
    const before = await cpu()
    const r = await autocannon({ ...opts, duration: DURATION })
    const cpuSeconds = ((await cpu()) - before) / 1e6
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${opts.url}: ${r.non2xx} non-2xx, ${r.errors} errors`)
    return { ...r, perCpuSecond: (r.requests.total ?? r.requests.average * DURATION) / cpuSeconds }
  }
  try {
    const version = await run({ url: `${base}/api/v1/version`, connections: 10 })
    const report = await run({
      url: `${base}/api/v1/grid/events`, connections: 10,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, setupRequest: (req) => ({ ...req, body: body() }) }],
    })
    const v = version.requests.average
    const r = report.requests.average
    console.log(`GET /api/v1/version (same server): ${Math.round(v)} req/s, ${Math.round(version.perCpuSecond)} per server CPU-second (1.00x baseline)`)
    console.log(`POST /api/v1/grid/events (SQLite, route + duplicates + outbox): ${Math.round(r)} reports/s (${(r / v).toFixed(2)}x baseline), ${Math.round(report.perCpuSecond)} per server CPU-second (${(report.perCpuSecond / version.perCpuSecond).toFixed(2)}x baseline), p99 ${report.latency.p99} ms`)
    console.log(`target >= 1,000 reports/s: ${r >= 1000 ? 'met' : 'MISSED'}`)
    if (r < 1000) process.exitCode = 1
  } finally {
    child.kill('SIGTERM')
    await new Promise((res) => child.once('exit', res))
    rmSync(dir, { recursive: true, force: true })
  }
}
