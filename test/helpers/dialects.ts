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

/** Creates a fresh, empty database of `dialect` for one test file; `drop()` removes it. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'zc-test-'))
    return { url: `sqlite:${join(dir, 'test.db')}`, dialect, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `zc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await createPostgresDatabase(PG_ADMIN_URL, name)
  const base = new URL(PG_ADMIN_URL)
  base.pathname = `/${name}`
  return { url: base.toString(), dialect, drop: () => dropPostgresDatabase(PG_ADMIN_URL, name) }
}
