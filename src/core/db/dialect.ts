/**
 * The only file that branches on the SQL dialect. Repositories write portable Kysely and call
 * these helpers where SQLite and PostgreSQL differ (driver setup, numbers, JSON, constraint errors).
 */
import { Kysely, SqliteDialect, PostgresDialect, sql } from 'kysely'
import Database from 'better-sqlite3'
import pg from 'pg'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export type DialectName = 'sqlite' | 'postgres'

export interface Connection {
  db: Kysely<any>
  dialect: DialectName
  /** Closes the pool or file handle; safe to call twice. */
  close(): Promise<void>
}

/** Opens a database from a `sqlite:<path>` or `postgres://` URL. SQLite gets WAL, foreign keys and a busy timeout. */
export function openConnection(url: string, opts: { poolSize?: number } = {}): Connection {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length)
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    const handle = new Database(file)
    handle.pragma('journal_mode = WAL')
    handle.pragma('foreign_keys = ON')
    handle.pragma('busy_timeout = 5000')
    handle.pragma('synchronous = NORMAL')
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) })
    let closed = false
    return {
      db,
      dialect: 'sqlite',
      async close() {
        if (closed) return
        closed = true
        await db.destroy()
      },
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // int8 (counts, epoch milliseconds) as JS numbers: every value we store fits in 2^53.
    types: { getTypeParser: (oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) } as any,
  })
  // An idle client's socket can fail after the pool ended (a dropped database, a restarted
  // server); without a listener that error would crash the process.
  pool.on('error', () => {})
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  let closed = false
  return {
    db,
    dialect: 'postgres',
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
    },
  }
}

/** How many prepared statements a SQLite connection keeps (the distinct SQL texts of a busy process). */
export const STATEMENT_CACHE_SIZE = 500

/**
 * The handle Kysely's SQLite driver uses, with a cache of prepared statements by SQL text: Kysely
 * compiles each query to the same text every time, and better-sqlite3 would otherwise parse and
 * plan it again on every call. Least recently used statements are dropped beyond `max`. A statement
 * still iterating (a streamed query) is busy; then a fresh, uncached one is prepared.
 */
export function cachingStatements(handle: Database.Database, max = STATEMENT_CACHE_SIZE): { prepare(sql: string): Database.Statement; close(): void } {
  const cache = new Map<string, Database.Statement>()
  return {
    prepare(text) {
      const hit = cache.get(text)
      if (hit && !hit.busy) {
        cache.delete(text)
        cache.set(text, hit)
        return hit
      }
      const stmt = handle.prepare(text)
      if (hit) return stmt
      cache.set(text, stmt)
      if (cache.size > max) cache.delete(cache.keys().next().value!)
      return stmt
    },
    close() {
      cache.clear()
      handle.close()
    },
  }
}

/** Detects the dialect of an open Kysely instance. */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite'
}

/** Normalises a `count(*)`: a string from pg's bigint, a number from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'string' ? Number.parseInt(value, 10) : Number(value ?? 0)
}

/** Serialises a JSON column value (stored as text on both dialects). */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null)
}

/** Parses a JSON column value. */
export function fromJson<T>(value: unknown): T {
  if (value === null || value === undefined) return null as T
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/** Booleans: SQLite stores 0/1, PostgreSQL a boolean column. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't'
}

/** True when `err` is a unique or primary-key violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** Checks the database answers; resolves true or false, never throws. */
export async function ping(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}

/** Creates (for PostgreSQL) a database by name on the server of `adminUrl`. Test and CLI helper. */
export async function createPostgresDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new TypeError(`database name: got ${name}, want [a-z_][a-z0-9_]*`)
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`create database ${name}${template ? ` template ${template}` : ''}`)
  } finally {
    await client.end()
  }
}

/** Drops a PostgreSQL database by name, disconnecting its sessions. */
export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`drop database if exists ${name} with (force)`)
  } finally {
    await client.end()
  }
}
