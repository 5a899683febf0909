import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DIALECTS, createTestDatabase } from '../../helpers/dialects.ts'
import { startPlatform } from '../../helpers/server.ts'

const BIN = resolve(import.meta.dirname, '../../../bin/zhicheng.js')
const dirs: string[] = []
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

function zhicheng(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zc-cli-'))
  dirs.push(dataDir)
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 300_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('zhicheng CLI', () => {
  it('prints its version', () => {
    const r = zhicheng(['version'])
    assert.equal(r.status, 0)
    assert.equal(r.stdout.trim(), '0.1.0')
  })

  it('refuses an invalid configuration value with one line naming the key, exit 1', () => {
    for (const [env, key] of [[{ PORT: 'eighty' }, 'PORT'], [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'], [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL']] as const) {
      const r = zhicheng(['start'], env as Record<string, string>)
      assert.equal(r.status, 1)
      const lines = r.stderr.trim().split('\n')
      assert.equal(lines.length, 1, r.stderr)
      assert.match(lines[0]!, new RegExp(`^zhicheng: invalid configuration ${key}: expected `))
    }
    const flag = zhicheng(['start', '--port', 'x'])
    assert.equal(flag.status, 1)
    assert.match(flag.stderr, /invalid configuration PORT/)
  })

  it('refuses unknown commands and flags with usage, exit 2', () => {
    assert.equal(zhicheng(['fly']).status, 2)
    const r = zhicheng(['start', '--colour', 'red'])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /Unknown option '--colour'/)
    assert.equal(zhicheng(['seed']).status, 2)
  })

  it('refuses a module subset that leaves out a dependency, or names an unknown module', () => {
    const r = zhicheng(['migrate', '--modules', 'ops,nope'])
    assert.equal(r.status, 1)
    assert.match(r.stderr, /unknown module "nope"/)
  })

  for (const dialect of DIALECTS) {
    it(`migrates idempotently and seeds the demo city idempotently [${dialect}]`, async () => {
      const db = await createTestDatabase(dialect)
      try {
        const first = zhicheng(['migrate'], { DATABASE_URL: db.url })
        assert.equal(first.status, 0, first.stderr)
        assert.match(first.stdout, /applied \d+ migration/)
        const second = zhicheng(['migrate'], { DATABASE_URL: db.url })
        assert.equal(second.stdout.trim(), 'database is up to date')
        for (let i = 0; i < 2; i++) {
          const s = zhicheng(['seed', '--demo'], { DATABASE_URL: db.url })
          assert.equal(s.status, 0, s.stderr)
        }
      } finally {
        await db.drop()
      }
    })
  }

  it('starts a subset of modules with --modules', async () => {
    const p = await startPlatform({ env: { MODULES: 'ops', BUILD_WEB: 'false' } })
    try {
      const v = await (await fetch(`${p.url}/api/v1/version`)).json()
      assert.deepEqual(v.modules, ['ops'])
      assert.equal((await fetch(`${p.url}/api/v1/city`)).status, 404)
    } finally {
      await p.stop()
    }
  })
})
