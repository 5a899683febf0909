import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childArgs } from '../../helpers/child.ts'

const FIXTURE = join(import.meta.dirname, 'fixtures/slow-server.ts')

describe('graceful shutdown [sqlite]', () => {
  it('finishes in-flight requests on SIGTERM, refuses new ones, and closes the database cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zc-shutdown-'))
    const child = spawn(process.execPath, childArgs(FIXTURE), { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.once('data', (d) => resolve(String(d).trim()))
        child.once('exit', (code) => reject(new Error(`exited ${code}`)))
      })
      const inFlight = fetch(`${url}/api/v1/slow`).then(async (r) => ({ status: r.status, body: await r.json() }))
      await new Promise((r) => setTimeout(r, 300))
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      child.kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 100))
      const refused = await fetch(`${url}/api/v1/version`).then((r) => r.status, () => 'connection refused')
      assert.ok(refused === 503 || refused === 'connection refused', `new request during shutdown: ${refused}`)
      assert.deepEqual(await inFlight, { status: 200, body: { finished: true } })
      assert.equal(await exited, 0)
      // SQLite removes the write-ahead log once the last connection closes cleanly.
      assert.ok(existsSync(join(dataDir, 'zhicheng.db')))
      assert.equal(existsSync(join(dataDir, 'zhicheng.db-wal')), false)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
