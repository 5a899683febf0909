import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import { allModules } from '../../../src/modules/index.ts'
import type { CryptoService } from '../../../src/modules/crypto/index.ts'
import { ADMIN, OFFICER_A, OFFICER_B, b64, createTestPrincipals, findLeaks, readSecrets } from './helpers.ts'

for (const dialect of DIALECTS) {
  describe(`no private key material in any answer, log line, audit row or event [${dialect}]`, () => {
    let app: FastifyInstance
    let database: TestDatabase
    let dataDir: string
    let logs = ''
    const answers: string[] = []
    before(async () => {
      database = await createTestDatabase(dialect)
      dataDir = mkdtempSync(join(tmpdir(), 'zc-secrecy-'))
      // Trace level: request logging on, every debug line captured. No redaction configured, so
      // the test holds even for values a redact path would have hidden.
      const sink = new Writable({ write(chunk, _enc, done) { logs += chunk.toString(); done() } })
      const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'trace', ADMIN_TOKEN, DATA_DIR: dataDir, BUILD_WEB: 'false' })
      app = await buildApp({ config, modules: [...allModules, createTestPrincipals()], logger: pino({ level: 'trace' }, sink) })
      await app.kernel.migrate()
      await app.kernel.seedDemo()
      await app.ready()
    })
    after(async () => {
      await app?.close()
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 150))
      await database?.drop()
      rmSync(dataDir, { recursive: true, force: true })
    })

    async function call(opts: InjectOptions): Promise<any> {
      const res = await app.inject(opts)
      answers.push(JSON.stringify(res.headers), res.body)
      return res.body ? JSON.parse(res.body) : undefined
    }
    const post = (url: string, payload: unknown, headers = OFFICER_A) => call({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object })

    it('exercises every route, including failures, then finds no secret anywhere', async () => {
      const m = b64('公文 2026-11 第 7 号')
      const ids: Record<string, string> = {}
      for (const [name, algorithm, purpose] of [['sm2', 'SM2', 'sign'], ['sm2e', 'SM2', 'encrypt'], ['ed', 'Ed25519', 'sign'], ['p', 'ECDSA-P256', 'sign'], ['sm4', 'SM4', 'encrypt'], ['aes', 'AES-256', 'wrap'], ['sm4w', 'SM4', 'wrap']] as const) {
        ids[name] = (await post('/crypto/keys', { label: `s-${name}`, algorithm, purpose })).id
      }
      for (const k of ['sm2', 'ed', 'p']) {
        const { signature } = await post(`/crypto/keys/${ids[k]}/sign`, { message: m })
        await post(`/crypto/keys/${ids[k]}/sign`, { message: m, format: 'raw' })
        await post(`/crypto/keys/${ids[k]}/verify`, { message: m, signature })
        await post(`/crypto/keys/${ids[k]}/verify`, { message: b64('x'), signature })
        await post(`/crypto/keys/${ids[k]}/verify`, { message: m, signature: b64('garbage signature') })
        await call({ url: `/api/v1/crypto/keys/${ids[k]}/public-key`, headers: OFFICER_A })
      }
      await post(`/crypto/keys/${ids.sm2}/sign`, { message: m, userId: 'u'.repeat(300) })
      await post(`/crypto/keys/${ids.sm2}/sign`, { message: 'not base64' })
      for (const k of ['sm4', 'sm2e']) {
        const { ciphertext } = await post(`/crypto/keys/${ids[k]}/encrypt`, { plaintext: m })
        await post(`/crypto/keys/${ids[k]}/decrypt`, { ciphertext })
        const bad = Buffer.from(ciphertext, 'base64')
        bad[bad.length - 1] ^= 1
        await post(`/crypto/keys/${ids[k]}/decrypt`, { ciphertext: b64(bad) })
        await post(`/crypto/keys/${ids[k]}/decrypt`, { ciphertext: b64('tiny') })
      }
      for (const k of ['aes', 'sm4w']) {
        const dk = await post(`/crypto/keys/${ids[k]}/data-keys`, { algorithm: 'AES-256' })
        await post(`/crypto/keys/${ids[k]}/decrypt`, { ciphertext: dk.wrapped })
        await post(`/crypto/keys/${ids[k]}/sign`, { message: m })
      }
      await post(`/crypto/keys/${ids.sm2}/sign`, { message: m }, OFFICER_B)
      await post(`/crypto/keys/${ids.sm2}/rotate`, undefined)
      const cert = await post('/crypto/certificates', { keyId: ids.sm2, subject: { commonName: 'secrecy' } })
      await post(`/crypto/certificates/${cert.id}/revoke`, { reason: 'superseded' })
      await call({ url: '/api/v1/crypto/ca' })
      await call({ url: '/api/v1/crypto/ca/crl' })
      await call({ url: '/api/v1/crypto/keys?limit=200', headers: ADMIN })
      await call({ url: '/api/v1/ops/audit?limit=200', headers: ADMIN })
      await (app.kernel.apis.crypto as CryptoService).sign(ids.sm2, Buffer.from('internal'))
      await (app.kernel.apis.crypto as CryptoService).flushUsage()

      // Read every secret while it still exists, then destroy one key and look once more.
      const secrets = await readSecrets(app.kernel.db, readFileSync(join(dataDir, 'root.key'), 'utf8'))
      assert.ok(secrets.length >= 2 + 7 + 1 + 6 + 2, `secrets: ${secrets.length}`) // root, KEK, keys here (+1 rotation), demo keys, CA keys
      await post(`/crypto/keys/${ids.ed}/disable`, undefined)
      await post(`/crypto/keys/${ids.ed}/destroy`, undefined)
      await post(`/crypto/keys/${ids.ed}/sign`, { message: m })

      const audit = JSON.stringify(await app.kernel.db.selectFrom('core_audit').selectAll().execute())
      const events = JSON.stringify(await app.kernel.db.selectFrom('core_event').selectAll().execute())
      assert.ok(logs.length > 10_000, 'the logger captured the run')
      assert.match(logs, /crypto root key loaded/)
      assert.deepEqual(findLeaks(logs, secrets), [], 'log lines')
      assert.deepEqual(findLeaks(answers.join('\n'), secrets), [], 'answers')
      assert.deepEqual(findLeaks(audit, secrets), [], 'audit rows')
      assert.deepEqual(findLeaks(events, secrets), [], 'events')
      // The check itself finds a planted secret in every encoding.
      for (const enc of ['hex', 'base64', 'base64url'] as const) assert.equal(findLeaks(`x${secrets[5].bytes.toString(enc)}y`, secrets).length > 0, true, enc)
      assert.equal(findLeaks(`k=${b64(Buffer.concat([Buffer.from('ab'), secrets[4].bytes]))}`, secrets).length > 0, true)
    })
  })
}
