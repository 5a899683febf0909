import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import type { ModuleDefinition } from '../../../src/core/module.ts'
import { CryptoError } from '../../../src/lib/crypto/index.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createCryptoModule, type CryptoModuleOptions } from '../../../src/modules/crypto/index.ts'
import { ADMIN, b64, ok } from './helpers.ts'

const withCrypto = (opts: CryptoModuleOptions): ModuleDefinition<any>[] => allModules.map((m) => (m.name === 'crypto' ? createCryptoModule(opts) : m))

for (const dialect of DIALECTS) {
  describe(`crypto boot: self-test and root key [${dialect}]`, () => {
    let database: TestDatabase
    let dataDir: string
    const apps: FastifyInstance[] = []
    before(async () => {
      database = await createTestDatabase(dialect)
      dataDir = mkdtempSync(join(tmpdir(), 'zc-rootkey-'))
    })
    after(async () => {
      for (const app of apps) await app.close()
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 150))
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    })

    const config = () => loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', ADMIN_TOKEN, DATA_DIR: dataDir, BUILD_WEB: 'false' })
    async function start(modules: ModuleDefinition<any>[] = allModules): Promise<FastifyInstance> {
      const app = await buildApp({ config: config(), modules, startEvents: false })
      apps.push(app)
      await app.kernel.migrate()
      await app.ready()
      return app
    }

    it('refuses to start when the known-answer self-test fails', async () => {
      const failing = withCrypto({ selfTest: () => { throw new CryptoError('CRYPTO_SELF_TEST_FAILED', 'crypto self-test failed: SM2 signature') } })
      await assert.rejects(buildApp({ config: config(), modules: failing, startEvents: false }), (err: unknown) => err instanceof CryptoError && err.code === 'CRYPTO_SELF_TEST_FAILED')
    })

    let keyId = ''
    let signature = ''
    const message = b64('archived record 2026/11')

    it('generates DATA_DIR/root.key (mode 0600) on first start and reuses it on the next', async () => {
      const first = await start()
      const path = join(dataDir, 'root.key')
      assert.equal(statSync(path).mode & 0o777, 0o600)
      const rootKey = readFileSync(path, 'utf8')
      assert.match(rootKey, /^[0-9a-f]{64}\n$/)
      const key = ok(await first.inject({ method: 'POST', url: '/api/v1/crypto/keys', headers: ADMIN, payload: { label: 'boot', algorithm: 'SM2', purpose: 'sign', owner: { type: 'system', id: 'boot' } } }), 201)
      keyId = key.id
      signature = ok(await first.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keyId}/sign`, headers: ADMIN, payload: { message } })).signature
      await first.close()
      apps.splice(apps.indexOf(first), 1)
      const second = await start()
      assert.equal(readFileSync(path, 'utf8'), rootKey)
      assert.deepEqual((await second.inject({ url: '/readyz' })).json().checks['crypto.rootKey'], true)
      ok(await second.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keyId}/sign`, headers: ADMIN, payload: { message } }))
      // ROOT_KEY given explicitly is the same key: works too.
      const explicit = await start(withCrypto({ env: { ROOT_KEY: rootKey.trim() } }))
      ok(await explicit.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keyId}/sign`, headers: ADMIN, payload: { message } }))
    })

    it('with another root key: not ready, private-key use is a 500 without details, verification still works', async () => {
      const app = await start(withCrypto({ env: { ROOT_KEY: 'ab'.repeat(32) } }))
      const ready = await app.inject({ url: '/readyz' })
      assert.equal(ready.statusCode, 503)
      const res = assertProblem(await app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keyId}/sign`, headers: ADMIN, payload: { message } }), 500, 'CRYPTO_BACKEND_UNAVAILABLE')
      assert.deepEqual(Object.keys(res).sort(), ['code', 'detail', 'requestId', 'status', 'title', 'type'])
      assert.equal(ok(await app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keyId}/verify`, headers: ADMIN, payload: { message, signature } })).valid, true)
    })

    it('refuses a malformed ROOT_KEY, a missing ROOT_KEY_FILE and a root key file readable by others', async () => {
      await assert.rejects(buildApp({ config: config(), modules: withCrypto({ env: { ROOT_KEY: 'short' } }), startEvents: false }), /invalid ROOT_KEY: expected 32 bytes/)
      await assert.rejects(buildApp({ config: config(), modules: withCrypto({ env: { ROOT_KEY_FILE: join(dataDir, 'missing.key') } }), startEvents: false }), /ENOENT/)
      const loose = join(dataDir, 'loose.key')
      writeFileSync(loose, `${'cd'.repeat(32)}\n`, { mode: 0o644 })
      chmodSync(loose, 0o644)
      await assert.rejects(buildApp({ config: config(), modules: withCrypto({ env: { ROOT_KEY_FILE: loose } }), startEvents: false }), /readable by group or others/)
      chmodSync(loose, 0o600)
      const app = await start(withCrypto({ env: { ROOT_KEY_FILE: loose } }))
      assert.equal((await app.inject({ url: '/readyz' })).statusCode, 503) // a different key from the one the keys were made under
    })
  })
}
