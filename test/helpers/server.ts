import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DEMO_TEMPLATE } from './dialects.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/** Finds a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      s.close(() => res(typeof addr === 'object' && addr ? addr.port : 0))
    })
  })
}

export interface Platform { url: string; dataDir: string; process: ChildProcess; output(): string; stop(): Promise<void> }

/**
 * Starts the real platform as a new user does (`zhicheng start`, demo city on a fresh data folder)
 * on a free port, and resolves once /readyz answers 200. `stop()` sends SIGTERM and waits.
 */
export async function startPlatform(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Platform> {
  // A free port can be taken by another test file's platform before ours binds it: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts, await freePort())
    } catch (err) {
      if (attempt >= 3 || !(err as Error).message.includes('EADDRINUSE')) throw err
    }
  }
}

async function startOnce(opts: { env?: Record<string, string>; timeoutMs?: number }, port: number): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zc-platform-'))
  // Start from the demo city the runner seeded once (its SQLite database and root key; with a
  // PostgreSQL copy, the root key it was seeded with), unless the test picks modules or no demo.
  const env = opts.env ?? {}
  if (DEMO_TEMPLATE.dataDir && env.MODULES === undefined && env.DEMO === undefined) {
    if (env.DATABASE_URL === undefined) cpSync(DEMO_TEMPLATE.dataDir, dataDir, { recursive: true })
    else cpSync(join(DEMO_TEMPLATE.dataDir, 'root.key'), join(dataDir, 'root.key'))
  }
  let out = ''
  const child = spawn(process.execPath, [join(ROOT, 'bin/zhicheng.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(dataDir, { recursive: true, force: true })
      throw new Error(`platform exited with ${child.exitCode}:\n${out}`)
    }
    try {
      const r = await fetch(`${url}/readyz`)
      if (r.status === 200) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`platform not ready in time:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url, dataDir, process: child, output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(t)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
