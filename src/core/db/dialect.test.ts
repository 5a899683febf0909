import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openConnection, dialectOf, toCount, isUniqueViolation } from './dialect.ts'

test('SQLite opens with WAL, foreign keys and a busy timeout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zc-dialect-'))
  const c = openConnection(`sqlite:${join(dir, 'nested/zc.db')}`)
  try {
    assert.equal(c.dialect, 'sqlite')
    assert.equal(dialectOf(c.db), 'sqlite')
    const one = async (q: string) => Object.values((await sql.raw(q).execute(c.db)).rows[0] as object)[0]
    assert.equal(await one('pragma journal_mode'), 'wal')
    assert.equal(await one('pragma foreign_keys'), 1)
    assert.equal(await one('pragma busy_timeout'), 5000)
    await sql`create table p (id integer primary key)`.execute(c.db)
    await sql`create table ch (id integer primary key, p_id integer references p(id))`.execute(c.db)
    await assert.rejects(sql`insert into ch (id, p_id) values (1, 42)`.execute(c.db), /FOREIGN KEY/)
    await sql`insert into p (id) values (1)`.execute(c.db)
    await assert.rejects(sql`insert into p (id) values (1)`.execute(c.db), (err) => isUniqueViolation(err))
  } finally {
    await c.close()
    await c.close() // closing twice is harmless
    rmSync(dir, { recursive: true, force: true })
  }
})

test('counts normalise across drivers', () => {
  assert.equal(toCount('42'), 42)
  assert.equal(toCount(7), 7)
  assert.equal(toCount(undefined), 0)
})
