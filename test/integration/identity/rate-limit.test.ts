/**
 * The per-address limit on the public auth routes is counted in the database: two processes on
 * one database (here two app instances sharing a clock) agree on the count, a refused attempt
 * changes nothing, and the next window lets the address in again.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createIdentityModule } from '../../../src/modules/identity/index.ts'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { buildIdentityTestApp, TEST_IDENTITY, type IdentityTestApp } from '../../helpers/principals.ts'

const RATE = 3

async function countRows(app: FastifyInstance, table: string): Promise<number> {
  const r = await app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

const attempt = (app: FastifyInstance, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody.here', password: 'Whatever-123' }, remoteAddress })

for (const dialect of DIALECTS) {
  describe(`identity: login rate limit shared through the database [${dialect}]`, () => {
    let t: IdentityTestApp
    let second: FastifyInstance
    before(async () => {
      t = await buildIdentityTestApp(dialect, { identity: { loginRatePerMinute: RATE } })
      // A second "process" on the same database, with the same clock so both count the same window.
      const config = loadConfig({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' })
      const modules = allModules.filter((m) => ['ops', 'city', 'identity'].includes(m.name))
        .map((m) => (m.name === 'identity' ? createIdentityModule({ ...TEST_IDENTITY, loginRatePerMinute: RATE }) : m))
      second = await buildApp({ config, modules, clock: t.clock, startEvents: false })
      await second.ready()
    })
    after(async () => {
      await second?.close()
      await t?.close()
    })

    it('counts attempts made at either instance against one limit; a refused attempt writes nothing', async () => {
      assertProblem(await attempt(t.app), 401, 'IDENTITY_INVALID_CREDENTIALS')
      assertProblem(await attempt(second), 401, 'IDENTITY_INVALID_CREDENTIALS')
      assertProblem(await attempt(t.app), 401, 'IDENTITY_INVALID_CREDENTIALS')
      const logins = await countRows(t.app, 'identity_login_log')
      const accounts = await countRows(t.app, 'identity_account')
      for (const app of [second, t.app]) {
        const res = await attempt(app)
        assertProblem(res, 429, 'CORE_RATE_LIMITED')
        assert.match(String(res.headers['retry-after']), /^\d+$/)
        assert.ok(Number(res.headers['retry-after']) >= 1 && Number(res.headers['retry-after']) <= 60)
      }
      // Registration and the second-factor step share the address's count.
      assertProblem(await second.inject({
        method: 'POST', url: '/api/v1/auth/register',
        payload: { username: 'rate.limited', password: 'Rate-Limited-2026', realName: '限流', idNumber: '11010519491231002X', mobile: '13900009999' },
      }), 429, 'CORE_RATE_LIMITED')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', payload: { challenge: 'zcc_x', code: '123456' } }), 429, 'CORE_RATE_LIMITED')
      assert.equal(await countRows(t.app, 'identity_login_log'), logins)
      assert.equal(await countRows(t.app, 'identity_account'), accounts)
    })

    it('limits per address: another address is still let through', async () => {
      assertProblem(await attempt(second, '10.1.2.3'), 401, 'IDENTITY_INVALID_CREDENTIALS')
    })

    it('lets the address in again in the next window', async () => {
      t.clock.advance(60_000)
      assertProblem(await attempt(second), 401, 'IDENTITY_INVALID_CREDENTIALS')
      assertProblem(await attempt(t.app), 401, 'IDENTITY_INVALID_CREDENTIALS')
    })
  })
}
