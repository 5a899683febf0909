/**
 * GET /api/v1/me with a bearer token (the identity authenticator resolving an opaque token to a
 * principal) against the unauthenticated GET /api/v1/version, on the same server in the same run.
 * Target: ratio >= 0.7 (token verification must be cheap). Also quotes the login cost: the argon2id
 * parameters, raw verifications per second, and full HTTP logins per second.
 *
 * The file is its own server: with IDENTITY_BENCH_SERVER=1 it starts the platform (identity and
 * the modules it depends on, SQLite, demo seed), logs a citizen in and prints `port token` on stdout.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const DURATION = Number(process.env.BENCH_SECONDS ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const LOGIN = { login: 'zhang.san', password: 'Citizen@Zhongshan2026', mode: 'token' }

if (process.env.IDENTITY_BENCH_SERVER === '1') {
  const { buildApp } = await import('../src/core/app.ts')
  const { loadConfig } = await import('../src/core/config.ts')
  const { allModules } = await import('../src/modules/index.ts')
  const dir = mkdtempSync(join(tmpdir(), 'zc-bench-identity-'))
  // Identity and its dependencies only: the figures do not depend on other modules' seeds. The
  // environment is passed on so that the parent's LOGIN_RATE_PER_MINUTE and cookie settings apply.
  const modules = allModules.filter((m) => ['ops', 'city', 'crypto', 'identity'].includes(m.name))
  const app = await buildApp({ config: loadConfig({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', BUILD_WEB: 'false' }), modules })
  await app.kernel.migrate()
  await app.kernel.seedDemo()
  await app.listen({ port: 0, host: '127.0.0.1' })
  const addr = app.server.address()
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: LOGIN })
  console.log(`${typeof addr === 'object' && addr ? addr.port : 0} ${res.json().accessToken}`)
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
} else {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], {
    env: { ...process.env, IDENTITY_BENCH_SERVER: '1', LOGIN_RATE_PER_MINUTE: '100000', COOKIE_SECURE: 'false' }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [port, token] = await new Promise<[number, string]>((resolve, reject) => {
    let buf = ''
    child.stdout!.on('data', (d) => {
      buf += d
      const line = buf.split('\n').find((l) => /^\d+ zca_/.test(l))
      if (line) resolve([Number(line.split(' ')[0]), line.split(' ')[1]])
    })
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
  const stop = () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM') })

  async function measure(path: string, headers: Record<string, string> = {}): Promise<number> {
    const opts = { url: `http://127.0.0.1:${port}${path}`, headers, connections: 10, pipelining: 1 }
    await autocannon({ ...opts, duration: 1 })
    const r = await autocannon({ ...opts, duration: DURATION })
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${path}: ${r.non2xx} non-2xx and ${r.errors} errors`)
    return r.requests.average
  }

  const samples: Record<'version' | 'me', number[]> = { version: [], me: [] }
  let loginsPerSecond = 0
  try {
    for (let i = 0; i < ROUNDS; i++) {
      samples.version.push(await measure('/api/v1/version'))
      samples.me.push(await measure('/api/v1/me', { authorization: `Bearer ${token}` }))
    }
    const r = await autocannon({
      url: `http://127.0.0.1:${port}/api/v1/auth/login`, method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(LOGIN), connections: 8, duration: DURATION,
    })
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`login: ${r.non2xx} non-2xx and ${r.errors} errors`)
    loginsPerSecond = r.requests.average
  } finally {
    await stop()
  }

  // The raw primitive: argon2id verifications with the default parameters, serial and on the pool.
  const { hash, verify } = await import('@node-rs/argon2')
  const params = { algorithm: 2 as const, memoryCost: Number(process.env.ARGON2_MEMORY_KIB ?? 19_456), timeCost: Number(process.env.ARGON2_ITERATIONS ?? 2), parallelism: Number(process.env.ARGON2_PARALLELISM ?? 1) }
  const stored = await hash('Citizen@Zhongshan2026', params)
  let n = 0
  let start = performance.now()
  while (performance.now() - start < 2000) { await verify(stored, 'Citizen@Zhongshan2026'); n++ }
  const serial = n / ((performance.now() - start) / 1000)
  n = 0
  start = performance.now()
  while (performance.now() - start < 2000) { await Promise.all(Array.from({ length: 8 }, () => verify(stored, 'Citizen@Zhongshan2026'))); n += 8 }
  const parallel = n / ((performance.now() - start) / 1000)

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const version = median(samples.version)
  const me = median(samples.me)
  console.log(`GET /api/v1/version (public): ${Math.round(version)} req/s (1.00x baseline)`)
  console.log(`GET /api/v1/me (bearer token): ${Math.round(me)} req/s (${(me / version).toFixed(2)}x public version route; target >= 0.70)`)
  console.log(`argon2id m=${params.memoryCost} KiB, t=${params.timeCost}, p=${params.parallelism}: ${serial.toFixed(1)} verifications/s serial, ${parallel.toFixed(1)}/s on the libuv pool (8 in flight)`)
  console.log(`POST /api/v1/auth/login (password, new session each): ${loginsPerSecond.toFixed(1)} logins/s (8 connections)`)
  if (me / version < 0.7) process.exitCode = 1
}
