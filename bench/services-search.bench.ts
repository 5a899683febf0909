/**
 * Catalog search over the 3,407-item demo catalog through HTTP (every kernel hook, the public
 * route, JSON serialisation), 40 different queries in rotation (Chinese words, synonyms, pinyin
 * initials, filters, browsing without q), against GET /api/v1/version on the same server in the
 * same run. Also the engine alone, in process. Targets: p99 <= 20 ms and >= 2,000 queries/s.
 * Prints `name: value unit (ratio x baseline)`; BENCH_JSON=path also writes the figures as JSON.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { DEMO_DIVISIONS } from '../src/modules/city/data/zhongshan.ts'
import { buildDemoCatalog } from '../src/modules/services/data/catalog.ts'
import { createSearchEngine } from '../src/modules/services/service/search.ts'

const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const WORDS = [
  '居住证', '我想开公司', '营业执照', '个体工商户登记', '生育登记', '建设工程规划许可', '社保卡', '公积金提取', '驾照', '低保', '结婚登记', '身份证',
  '食品经营许可', '施工许可', '刻章', '发票', '入学', '失业登记', '高龄津贴', '退役军人', '残疾人', '户口迁入', '医保', '养老保险', '注销',
  'jzz', 'gtgsh', 'sbk', 'gjj', 'hyd',
]
const PATHS = [
  ...WORDS.map((w) => `/api/v1/services/items?q=${encodeURIComponent(w)}`),
  `/api/v1/services/items?q=${encodeURIComponent('登记')}&audience=legal`,
  `/api/v1/services/items?q=${encodeURIComponent('证明')}&town=442000118000`,
  `/api/v1/services/items?q=${encodeURIComponent('许可')}&type=licensing&page=2`,
  '/api/v1/services/items?theme=person.birth',
  '/api/v1/services/items?theme=legal.start',
  '/api/v1/services/items?department=zs-scjgj',
  '/api/v1/services/items',
  `/api/v1/services/items/suggest?q=${encodeURIComponent('居住')}`,
  `/api/v1/services/items/suggest?q=${encodeURIComponent('开公司')}`,
  '/api/v1/services/items/suggest?q=gt',
]

async function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/services-server.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  const info = await new Promise<{ port: number; seedMs: number }>((resolve, reject) => {
    let buf = ''
    child.stdout!.on('data', (d) => {
      buf += d
      const line = buf.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve(JSON.parse(line))
    })
    child.once('exit', (code) => reject(new Error(`services server exited ${code}`)))
  })
  const cpu = () => new Promise<number>((resolve) => {
    child.once('message', (u: { user: number; system: number }) => resolve((u.user + u.system) / 1e6))
    child.send('cpu')
  })
  return { ...info, cpu, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM') }) }
}

async function measure(port: number, requests: string[], cpu: () => Promise<number>) {
  const opts = { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, requests: requests.map((path) => ({ method: 'GET' as const, path })) }
  await autocannon({ ...opts, duration: 1 })
  const before = await cpu()
  const r = await autocannon({ ...opts, duration: DURATION })
  const cpuSeconds = (await cpu()) - before
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`benchmark saw ${r.non2xx} non-2xx and ${r.errors} errors`)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, perCpuSecond: r.requests.total / cpuSeconds }
}

// The engine alone: the same queries straight into the index, no HTTP.
const towns = DEMO_DIVISIONS.map((d) => ({ code: d.code, name: d.zhHans, kind: d.kind }))
const engine = createSearchEngine()
const tBuild = performance.now()
engine.load(buildDemoCatalog(towns).map((c, i) => ({ id: `itm_${i}`, data: c.data, popularity: c.popularity })))
const buildMs = performance.now() - tBuild
const queries = WORDS.map((q) => ({ q }))
for (let i = 0; i < 2000; i++) engine.search(queries[i % queries.length]!)
const t0 = performance.now()
let n = 0
while (performance.now() - t0 < 1000) engine.search(queries[n++ % queries.length]!)
const engineQps = n / ((performance.now() - t0) / 1000)

const server = await startServer()
let version
let search
try {
  version = await measure(server.port, ['/api/v1/version'], server.cpu)
  search = await measure(server.port, PATHS, server.cpu)
} finally {
  await server.stop()
}
const fmt = (x: number) => Math.round(x).toLocaleString('en-US')
console.log(`GET /api/v1/version (same server): ${fmt(version.rps)} req/s (1.00x baseline), p99 ${version.p99} ms`)
console.log(`GET /api/v1/services/items (3,407 items, ${PATHS.length} queries in rotation): ${fmt(search.rps)} req/s (${(search.rps / version.rps).toFixed(2)}x baseline)`)
console.log(`search latency p50: ${search.p50} ms (version route p50: ${version.p50} ms)`)
console.log(`search latency p99: ${search.p99} ms (${(search.p99 / Math.max(version.p99, 1)).toFixed(2)}x baseline)`)
console.log(`search per server CPU-second: ${fmt(search.perCpuSecond)} req/cpu-s (${(search.perCpuSecond / version.perCpuSecond).toFixed(2)}x baseline)`)
console.log(`search engine in process (no HTTP): ${fmt(engineQps)} queries/s (${(engineQps / version.rps).toFixed(1)}x baseline)`)
console.log(`index build, 3,407 items: ${buildMs.toFixed(0)} ms; demo seed on SQLite: ${fmt(server.seedMs)} ms`)
const ok = search.p99 <= 20 && search.rps >= 2000
console.log(`target p99 <= 20 ms and >= 2,000 queries/s: ${ok ? 'met' : 'MISSED'}`)
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ version, search, engineQps, buildMs, seedMs: server.seedMs }, null, 2))
if (!ok) process.exitCode = 1
