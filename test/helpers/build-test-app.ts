import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/core/app.ts'
import { loadConfig, type Config } from '../../src/core/config.ts'
import type { ModuleDefinition } from '../../src/core/module.ts'
import type { DialectName } from '../../src/core/db/dialect.ts'
import { allModules } from '../../src/modules/index.ts'
import { createTestDatabase, type TestDatabase } from './dialects.ts'

/** The bootstrap administrator's token in tests (holds every permission). */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'
export const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` }

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  close(): Promise<void>
}

export interface TestAppOptions {
  modules?: ModuleDefinition<any>[]
  config?: Partial<Config>
  /** Seed the demo city (default false). */
  seed?: boolean
  startEvents?: boolean
}

/** Builds the real app on a fresh database of `dialect`, migrated; close() drops the database. */
export async function buildTestApp(dialect: DialectName, opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect)
  const config: Config = {
    ...loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' }),
    ...opts.config,
  }
  const app = await buildApp({ config, modules: opts.modules ?? allModules, startEvents: opts.startEvents })
  await app.kernel.migrate()
  if (opts.seed) await app.kernel.seedDemo()
  await app.ready()
  return {
    app,
    database,
    async close() {
      await app.close()
      // pg reports the pool ended before its sockets have closed: let them finish before the drop.
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 150))
      await database.drop()
    },
  }
}
