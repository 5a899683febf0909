import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPostgresDatabase, dropPostgresDatabase, type DialectName } from '../../src/core/db/dialect.ts'

/** Dialects the integration suites run on: `TEST_DIALECTS=sqlite,postgres` (both by default). */
export const DIALECTS: DialectName[] = (process.env.TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',').map((s) => s.trim()).filter(Boolean) as DialectName[]

/** The PostgreSQL server tests create their databases on. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase { url: string; dialect: DialectName; drop(): Promise<void> }

/**
 * A seeded demo city the test runner prepared once (scripts/test.mjs, browser group): a data
 * folder (SQLite database and root key) and, when set, a PostgreSQL template database seeded with
 * the same root key. Platforms started from copies skip the minute-long demo seed.
 */
export const DEMO_TEMPLATE = { dataDir: process.env.ZC_TEST_DEMO_DATA, postgres: process.env.ZC_TEST_DEMO_PG }

/**
 * Creates a fresh database of `dialect` for one test file; `drop()` removes it. Empty, or with
 * `demo: true` a copy of the prepared demo city when the runner made one (else empty, and the
 * platform seeds it).
 */
export async function createTestDatabase(dialect: DialectName, opts: { demo?: boolean } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'zc-test-'))
    return { url: `sqlite:${join(dir, 'test.db')}`, dialect, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `zc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await createPostgresDatabase(PG_ADMIN_URL, name, opts.demo ? DEMO_TEMPLATE.postgres : undefined)
  const base = new URL(PG_ADMIN_URL)
  base.pathname = `/${name}`
  return { url: base.toString(), dialect, drop: () => dropPostgresDatabase(PG_ADMIN_URL, name) }
}
