/**
 * GET /api/v1/version through the full stack (every kernel hook, module registration, security
 * headers, metrics) against a bare Fastify route returning the same body, in the same run.
 * Target: ratio >= 0.8.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import autocannon from 'autocannon'

const FIXTURE = join(import.meta.dirname, 'fixtures/http-server.ts')
const DURATION = Number(process.env.BENCH_SECONDS ?? 4)

async function startServer(mode: 'full' | 'bare') {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env: { ...process.env, MODE: mode }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve(Number(String(d).trim())))
    child.once('exit', (code) => reject(new Error(`${mode} server exited ${code}`)))
  })
  const cpu = () => new Promise<number>((resolve) => {
    child.once('message', (u: { user: number; system: number }) => resolve((u.user + u.system) / 1e6))
    child.send('cpu')
  })
  return { port, cpu, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM') }) }
}

async function measure(server: { port: number; cpu(): Promise<number> }): Promise<{ rps: number; perCpuSecond: number }> {
  const port = server.port
  // Warm up, then measure.
  await autocannon({ url: `http://127.0.0.1:${port}/api/v1/version`, connections: 10, duration: 1 })
  const cpuBefore = await server.cpu()
  const r = await autocannon({ url: `http://127.0.0.1:${port}/api/v1/version`, connections: 10, pipelining: 1, duration: DURATION })
  const cpuSeconds = (await server.cpu()) - cpuBefore
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`benchmark saw ${r.non2xx} non-2xx and ${r.errors} errors`)
  return { rps: r.requests.average, perCpuSecond: r.requests.total / cpuSeconds }
}

// Both servers run side by side and are measured in alternation, several rounds, median taken:
// a neighbour's load then weighs on both figures alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const servers = { bare: await startServer('bare'), full: await startServer('full') }
const samples: Record<'bare' | 'full', Array<{ rps: number; perCpuSecond: number }>> = { bare: [], full: [] }
try {
  for (let i = 0; i < ROUNDS; i++) {
    for (const mode of ['bare', 'full'] as const) samples[mode].push(await measure(servers[mode]))
  }
} finally {
  await Promise.all([servers.bare.stop(), servers.full.stop()])
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const bare = median(samples.bare.map((x) => x.rps))
const full = median(samples.full.map((x) => x.rps))
// Requests per CPU-second of the server process: what throughput one saturated core sustains,
// insensitive to other load on the machine (the wall-clock figure above is not).
const bareCpu = median(samples.bare.map((x) => x.perCpuSecond))
const fullCpu = median(samples.full.map((x) => x.perCpuSecond))
console.log(`bare fastify GET /api/v1/version: ${Math.round(bare)} req/s (1.00x baseline)`)
console.log(`GET /api/v1/version (full stack): ${Math.round(full)} req/s (${(full / bare).toFixed(2)}x bare fastify)`)
console.log(`bare fastify GET /api/v1/version per server CPU-second: ${Math.round(bareCpu)} req/cpu-s (1.00x baseline)`)
console.log(`GET /api/v1/version (full stack) per server CPU-second: ${Math.round(fullCpu)} req/cpu-s (${(fullCpu / bareCpu).toFixed(2)}x bare fastify)`)
