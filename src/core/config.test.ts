import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, ConfigError } from './config.ts'

test('config: defaults for an empty environment', () => {
  const c = loadConfig({}, '/srv/zc')
  assert.equal(c.port, 8080)
  assert.equal(c.host, '0.0.0.0')
  assert.equal(c.dataDir, '/srv/zc/data')
  assert.equal(c.databaseUrl, 'sqlite:/srv/zc/data/zhicheng.db')
  assert.equal(c.natsUrl, undefined)
  assert.equal(c.logLevel, 'info')
  assert.equal(c.modules, undefined)
  assert.equal(c.demo, true)
  assert.deepEqual(c.corsOrigins, [])
})

test('config: every invalid value fails with one line naming the key and the expectation', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ PORT: 'abc' }, 'PORT'], [{ PORT: '70000' }, 'PORT'], [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'], [{ NATS_URL: 'http://x' }, 'NATS_URL'], [{ DEMO: 'perhaps' }, 'DEMO'],
    [{ MODULES: 'ops,Bad Name' }, 'MODULES'], [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'], [{ CORS_ORIGINS: 'not-an-origin' }, 'CORS_ORIGINS'],
    [{ BODY_LIMIT: '10' }, 'BODY_LIMIT'], [{ HOST: 'bad host' }, 'HOST'],
  ]
  for (const [env, key] of cases) {
    assert.throws(() => loadConfig(env, '/x'), (err: unknown) => {
      assert.ok(err instanceof ConfigError)
      assert.equal(err.key, key)
      assert.match(err.message, new RegExp(`^invalid configuration ${key}: expected .+, got .+$`))
      assert.ok(!err.message.includes('\n'))
      return true
    })
  }
})

test('config: the admin token never appears in the error message', () => {
  assert.throws(() => loadConfig({ ADMIN_TOKEN: 'hunter2' }, '/x'), (err: Error) => !err.message.includes('hunter2'))
})

test('config: a JSON config file is read, and the environment wins over it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zc-config-'))
  writeFileSync(join(dir, 'zhicheng.config.json'), JSON.stringify({ PORT: 9000, LOG_LEVEL: 'warn', MODULES: ['ops', 'city'] }))
  const c = loadConfig({ LOG_LEVEL: 'error' }, dir)
  assert.equal(c.port, 9000)
  assert.equal(c.logLevel, 'error')
  assert.deepEqual(c.modules, ['ops', 'city'])
  writeFileSync(join(dir, 'bad.json'), '{ nope')
  assert.throws(() => loadConfig({ ZHICHENG_CONFIG: 'bad.json' }, dir), (err: unknown) => err instanceof ConfigError && err.key === 'ZHICHENG_CONFIG')
})

test('config: postgres URLs and flags', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', NATS_URL: 'nats://127.0.0.1:4222', DEMO: 'off', PORT: '0' }, '/x')
  assert.equal(c.databaseUrl, 'postgres://postgres@127.0.0.1:5432/test')
  assert.equal(c.natsUrl, 'nats://127.0.0.1:4222')
  assert.equal(c.demo, false)
  assert.equal(c.port, 0)
})

test('config: module settings come from the file under the environment, and never serialise', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zc-config-'))
  writeFileSync(join(dir, 'zhicheng.config.json'), JSON.stringify({ ROOT_KEY: 'from-file-secret', PUBLIC_URL: 'https://file.example' }))
  const c = loadConfig({ PUBLIC_URL: 'https://env.example' }, dir)
  assert.equal(c.settings.ROOT_KEY, 'from-file-secret')
  assert.equal(c.settings.PUBLIC_URL, 'https://env.example')
  assert.ok(!JSON.stringify(c).includes('from-file-secret'))
  assert.equal({ ...c }.settings.ROOT_KEY, 'from-file-secret', 'a spread copy keeps the settings')
})
