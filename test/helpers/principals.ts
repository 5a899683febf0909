/**
 * Identity helpers for integration tests: an app with a hand-moved clock (TOTP codes and lockouts
 * without waiting), optional log capture, and logins of the demo users (passwords and TOTP secrets
 * from the demo seed).
 */
import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/core/app.ts'
import { loadConfig, type Config } from '../../src/core/config.ts'
import type { DialectName } from '../../src/core/db/dialect.ts'
import type { ModuleDefinition } from '../../src/core/module.ts'
import { createManualClock } from '../../src/lib/time.ts'
import { totpCode } from '../../src/lib/totp.ts'
import { allModules } from '../../src/modules/index.ts'
import { createIdentityModule, type IdentityOptions } from '../../src/modules/identity/index.ts'
import { CITIZENS, DEMO_PASSWORDS, ENTERPRISES, STAFF, demoTotpSecret } from '../../src/modules/identity/data/demo.ts'
import { ADMIN_TOKEN } from './build-test-app.ts'
import { createTestDatabase, type TestDatabase } from './dialects.ts'

export { DEMO_PASSWORDS, CITIZENS, ENTERPRISES, STAFF, demoTotpSecret }

export type ManualClock = ReturnType<typeof createManualClock>

export interface IdentityTestApp {
  app: FastifyInstance
  database: TestDatabase
  clock: ManualClock
  /** Everything the server logged so far (JSON lines), when built with `captureLogs`. */
  logs(): string
  close(): Promise<void>
}

export interface IdentityTestAppOptions {
  seed?: boolean
  identity?: Partial<IdentityOptions>
  /** Log at trace level into memory (request logging on). */
  captureLogs?: boolean
  config?: Partial<Config>
  /** Extra modules (e.g. a probe) added to the platform's. */
  extraModules?: ModuleDefinition<any>[]
  /**
   * Platform modules to run besides identity's own dependencies (default none: ops, city and
   * identity only, so that identity's tests do not depend on unrelated modules' seeds).
   */
  modules?: string[] | 'all'
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.privateKey']

/** The identity settings tests use unless they say otherwise: plain-http cookies, no login rate limit. */
export const TEST_IDENTITY: Partial<IdentityOptions> = { cookieSecure: false, loginRatePerMinute: 100_000 }

/** Builds the real platform (identity configured by `opts.identity`) on a fresh migrated database. */
export async function buildIdentityTestApp(dialect: DialectName, opts: IdentityTestAppOptions = {}): Promise<IdentityTestApp> {
  const database = await createTestDatabase(dialect)
  const clock = createManualClock(Date.now())
  let captured = ''
  const logger = opts.captureLogs
    ? pino({ level: 'trace', redact: { paths: REDACT, censor: '[redacted]' } }, new Writable({ write(chunk, _enc, cb) { captured += String(chunk); cb() } }))
    : undefined
  const config: Config = {
    ...loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: opts.captureLogs ? 'trace' : (process.env.TEST_LOG_LEVEL ?? 'silent'), ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' }),
    ...opts.config,
  }
  const wanted = opts.modules === 'all' ? allModules.map((m) => m.name) : ['ops', 'city', 'identity', ...(opts.modules ?? [])]
  const modules = allModules.filter((m) => wanted.includes(m.name)).map((m) => (m.name === 'identity' ? createIdentityModule({ ...TEST_IDENTITY, ...opts.identity }) : m))
  const app = await buildApp({ config, modules: [...modules, ...(opts.extraModules ?? [])], clock, logger })
  await app.kernel.migrate()
  if (opts.seed) await app.kernel.seedDemo()
  await app.ready()
  return {
    app, database, clock, logs: () => captured,
    async close() {
      await app.close()
      await database.drop()
    },
  }
}

export interface LoggedIn { headers: Record<string, string>; token: string; sessionId: string; accountId: string }

/** Waits one TOTP step on the manual clock so that a fresh code is never a replay. */
export function nextTotp(t: { clock: ManualClock }, username: string): string {
  t.clock.advance(30_000)
  return totpCode(demoTotpSecret(username), t.clock.now())
}

/**
 * Logs a demo user in for an API token (TOTP included for staff who have one). Throws with the
 * server's answer when the login fails.
 */
export async function loginAs(t: { app: FastifyInstance; clock: ManualClock }, username: string, opts: { password?: string; actAs?: string } = {}): Promise<LoggedIn> {
  const staff = STAFF.find((s) => s.username === username)
  const password = opts.password ?? (staff ? DEMO_PASSWORDS.staff : ENTERPRISES.some((e) => e.creditCode === username) ? DEMO_PASSWORDS.enterprise : DEMO_PASSWORDS.citizen)
  const payload: Record<string, unknown> = { login: username, password, mode: 'token', ...(opts.actAs ? { actAs: opts.actAs } : {}) }
  if (staff?.totp) payload.totp = nextTotp(t, username)
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload })
  if (res.statusCode !== 200 || res.json().status !== 'ok') throw new Error(`login ${username}: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { headers: { authorization: `Bearer ${body.accessToken}` }, token: body.accessToken, sessionId: body.sessionId, accountId: body.accountId }
}

export interface WebSession { cookie: string; csrf: string; sessionId: string; accountId: string; setCookies: string[] }

/** Logs a demo user in with cookies, as the web app does. */
export async function loginWeb(t: { app: FastifyInstance; clock: ManualClock }, username: string): Promise<WebSession> {
  const staff = STAFF.find((s) => s.username === username)
  const payload: Record<string, unknown> = { login: username, password: staff ? DEMO_PASSWORDS.staff : DEMO_PASSWORDS.citizen, mode: 'cookie' }
  if (staff?.totp) payload.totp = nextTotp(t, username)
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload })
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`)
  const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? [])
  const pairs = setCookies.map((c) => c.split(';')[0])
  const body = res.json()
  return { cookie: pairs.join('; '), csrf: body.csrfToken, sessionId: body.sessionId, accountId: body.accountId, setCookies }
}

/** The id of a demo account by user name (via the bootstrap administrator). */
export async function accountIdOf(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ url: `/api/v1/identity/accounts?q=${encodeURIComponent(username)}&limit=200`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  const hit = (res.json().items as Array<{ id: string; username: string }>).find((a) => a.username === username)
  if (!hit) throw new Error(`no account ${username}`)
  return hit.id
}

/** Parses a JSON answer, failing with its body when the status is not `status`. */
export function expectJson(res: LightMyRequestResponse, status: number): any {
  if (res.statusCode !== status) throw new Error(`want ${status}, got ${res.statusCode}: ${res.body}`)
  return res.json()
}
