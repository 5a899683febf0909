import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import Database from 'better-sqlite3'
import { openConnection, dialectOf, toCount, isUniqueViolation, cachingStatements } from './dialect.ts'

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

test('SQLite reuses prepared statements by SQL text, least recently used dropped first', () => {
  const handle = new Database(':memory:')
  const cached = cachingStatements(handle, 2)
  try {
    cached.prepare('create table t (id integer primary key, v text)').run()
    const insert = cached.prepare('insert into t (id, v) values (?, ?)')
    insert.run(1, 'a')
    assert.equal(cached.prepare('insert into t (id, v) values (?, ?)'), insert)
    cached.prepare('insert into t (id, v) values (?, ?)').run(2, 'b')
    const select = cached.prepare('select v from t order by id')
    assert.deepEqual(select.all(), [{ v: 'a' }, { v: 'b' }])
    cached.prepare('select 1') // the cache holds 2: the create statement is gone, the insert too now
    assert.notEqual(cached.prepare('insert into t (id, v) values (?, ?)'), insert)
    // A statement still iterating is busy: the same text then gets a fresh statement.
    const it = cached.prepare('select v from t order by id').iterate()
    assert.deepEqual(it.next().value, { v: 'a' })
    assert.deepEqual(cached.prepare('select v from t order by id').all(), [{ v: 'a' }, { v: 'b' }])
    it.return?.()
  } finally {
    cached.close()
  }
  assert.equal(handle.open, false)
})

test('cached statements see schema changes and stay correct across transactions', async () => {
  const c = openConnection('sqlite::memory:')
  try {
    await sql`create table k (id integer primary key, v text)`.execute(c.db)
    const read = () => c.db.selectFrom('k').selectAll().orderBy('id').execute()
    await c.db.insertInto('k').values({ id: 1, v: 'x' }).execute()
    assert.deepEqual(await read(), [{ id: 1, v: 'x' }])
    await sql`alter table k add column w text`.execute(c.db)
    assert.deepEqual(await read(), [{ id: 1, v: 'x', w: null }])
    await assert.rejects(c.db.transaction().execute(async (trx) => {
      await trx.insertInto('k').values({ id: 2, v: 'y' }).execute()
      throw new Error('roll back')
    }), /roll back/)
    await c.db.transaction().execute(async (trx) => { await trx.insertInto('k').values({ id: 3, v: 'z' }).execute() })
    assert.deepEqual((await read()).map((r) => r.id), [1, 3])
  } finally {
    await c.close()
  }
})
