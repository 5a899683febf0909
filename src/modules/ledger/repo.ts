import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely'
import type { NodeId, StoredNode } from '../../lib/merkle/index.ts'
import type { LedgerCheckpointTable, LedgerEntryTable, LedgerPendingTable, LedgerTables } from './tables.ts'

/** Node keys: level · 2^47 + index, so each level is one contiguous key range (tiles read a range). */
const LEVEL_STRIDE = 2 ** 47

/** The `node_key` of node (level, index). Requires index < 2^47 and level < 64 (stays a safe integer). */
export function nodeKey(level: number, index: number): number {
  return level * LEVEL_STRIDE + index
}

/** The lookup prefix of a hex payload hash: its first 13 hex digits (52 bits) as a number. */
export function hashPrefix(hex: string): number {
  return Number.parseInt(hex.slice(0, 13), 16)
}

export type EntryRow = Omit<Selectable<LedgerEntryTable>, 'hash_prefix'>
export type PendingRow = Selectable<LedgerPendingTable>
export type CheckpointRow = Selectable<LedgerCheckpointTable>

const ENTRY_COLUMNS = ['seq', 'id', 'kind', 'hash_alg', 'payload_hash', 'meta', 'created_at', 'org_id', 'submitted_by'] as const

// Rows per multi-row INSERT, under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ENTRY_CHUNK = 1024
const NODE_CHUNK = 4096
const KEY_CHUNK = 10000

/**
 * Bulk inserts of a fixed shape, compiled once per (table, row count) by Kysely for the open
 * dialect and then run with fresh parameters: the sequencer's batches skip building and
 * compiling a query tree of thousands of values (most of its non-SQLite time and garbage).
 * Rows go in chunks of `chunk` rows, the remainder in power-of-two chunks, so only
 * log2(chunk) + 1 shapes are ever compiled.
 */
function createBulkInsert(db: Kysely<any>, table: string, columns: readonly string[], chunk: number) {
  const compiled = new Map<number, string | null>()
  function sqlFor(rows: number): string | null {
    let text = compiled.get(rows)
    if (text === undefined) {
      // Placeholder values 0, 1, 2 …: the compiled parameters must come back in exactly this
      // (row-major, column) order, or the shape is not reusable and the builder is used instead.
      const values = Array.from({ length: rows }, (_, r) => Object.fromEntries(columns.map((c, i) => [c, r * columns.length + i])))
      const q = db.insertInto(table).values(values).compile()
      text = q.parameters.length === rows * columns.length && q.parameters.every((p, i) => p === i) ? q.sql : null
      compiled.set(rows, text)
    }
    return text
  }
  async function insertChunk(trx: Kysely<any>, rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
    const text = sqlFor(rows.length)
    if (text === null) {
      await trx.insertInto(table).values(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])))).execute()
      return
    }
    const params: unknown[] = new Array(rows.length * columns.length)
    let k = 0
    for (const r of rows) for (let i = 0; i < columns.length; i++) params[k++] = r[i]
    await trx.executeQuery(CompiledQuery.raw(text, params))
  }
  /** Inserts `rows` (each an array of values in `columns` order) through `trx`, in order. */
  return async (trx: Kysely<any>, rows: ReadonlyArray<readonly unknown[]>): Promise<void> => {
    let at = 0
    while (at < rows.length) {
      const left = rows.length - at
      const n = left >= chunk ? chunk : 2 ** Math.floor(Math.log2(left))
      await insertChunk(trx, rows.slice(at, at + n))
      at += n
    }
  }
}

function hexBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

function num<T extends Record<string, unknown>>(row: T, ...cols: Array<keyof T>): T {
  // pg returns bigint as number through the connection's parser; SQLite as number already.
  for (const c of cols) if (row[c] !== null && row[c] !== undefined) (row as Record<string, unknown>)[c as string] = Number(row[c])
  return row
}

/** Every query of the ledger module's tables. Writes take the caller's transaction. */
export function createLedgerRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<LedgerTables>
  const t = (trx: Kysely<any>) => trx as Kysely<LedgerTables>
  const insertEntryRows = createBulkInsert(anyDb, 'ledger_entry', ['seq', 'id', 'kind', 'hash_alg', 'payload_hash', 'hash_prefix', 'meta', 'created_at', 'org_id', 'submitted_by'], ENTRY_CHUNK)
  const insertNodeRows = createBulkInsert(anyDb, 'ledger_node', ['node_key', 'hash'], NODE_CHUNK)

  async function nodesByKey(keys: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>()
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      const chunk = keys.slice(i, i + KEY_CHUNK)
      const rows = await db.selectFrom('ledger_node').select(['node_key', 'hash']).where('node_key', 'in', chunk).execute()
      for (const r of rows) out.set(Number(r.node_key), r.hash)
    }
    return out
  }

  return {
    async getTree(): Promise<{ size: number; rootHash: string } | undefined> {
      const r = await db.selectFrom('ledger_tree').select(['size', 'root_hash']).where('id', '=', 1).executeTakeFirst()
      return r ? { size: Number(r.size), rootHash: r.root_hash } : undefined
    },
    async initTree(trx: Kysely<any>, rootHash: string, now: number): Promise<void> {
      await t(trx).insertInto('ledger_tree').values({ id: 1, size: 0, root_hash: rootHash, updated_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute()
    },
    /** Moves the tree head from `oldSize` to `newSize`; false when another writer moved it first. */
    async advanceTree(trx: Kysely<any>, oldSize: number, newSize: number, rootHash: string, now: number): Promise<boolean> {
      const r = await t(trx).updateTable('ledger_tree').set({ size: newSize, root_hash: rootHash, updated_at: now }).where('id', '=', 1).where('size', '=', oldSize).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },

    /** Hashes of `ids` in order; a node not stored is left out (the Merkle code then reports it missing). */
    async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
      if (ids.length === 0) return []
      const found = await nodesByKey(ids.map((id) => nodeKey(id.level, id.index)))
      const out: Uint8Array[] = []
      for (const id of ids) {
        const hex = found.get(nodeKey(id.level, id.index))
        if (hex === undefined) break
        out.push(hexBytes(hex))
      }
      return out
    },
    /** Hashes of many node keys at once (batched proofs); a map from key to hex. */
    nodesByKey,
    async insertNodes(trx: Kysely<any>, nodes: readonly StoredNode[]): Promise<void> {
      await insertNodeRows(trx, nodes.map((n) => [nodeKey(n.level, n.index), Buffer.from(n.hash.buffer, n.hash.byteOffset, n.hash.byteLength).toString('hex')]))
    },
    /** Hashes of nodes (level, start … start+count-1), in order; fewer when the level ends sooner. */
    async getLevelRange(level: number, start: number, count: number): Promise<Uint8Array[]> {
      const rows = await db.selectFrom('ledger_node').select(['node_key', 'hash'])
        .where('node_key', '>=', nodeKey(level, start)).where('node_key', '<', nodeKey(level, start + count))
        .orderBy('node_key').execute()
      const out: Uint8Array[] = []
      for (const r of rows) {
        if (Number(r.node_key) !== nodeKey(level, start + out.length)) break
        out.push(hexBytes(r.hash))
      }
      return out
    },
    /** Every stored node of `level` with index in [start, end), as a key → hex map (audit). */
    async levelMap(level: number, start: number, end: number): Promise<Map<number, string>> {
      const rows = await db.selectFrom('ledger_node').select(['node_key', 'hash'])
        .where('node_key', '>=', nodeKey(level, start)).where('node_key', '<', nodeKey(level, end)).execute()
      return new Map(rows.map((r) => [Number(r.node_key), r.hash]))
    },

    async insertEntries(trx: Kysely<any>, rows: readonly EntryRow[]): Promise<void> {
      await insertEntryRows(trx, rows.map((r) => [
        r.seq, r.id, r.kind, r.hash_alg, r.payload_hash, hashPrefix(r.payload_hash), r.meta, r.created_at, r.org_id, r.submitted_by,
      ]))
    },
    async getEntry(id: string): Promise<EntryRow | undefined> {
      const r = await db.selectFrom('ledger_entry').select(ENTRY_COLUMNS).where('id', '=', id).executeTakeFirst()
      return r ? num(r, 'seq', 'created_at') : undefined
    },
    async getEntryAt(seq: number): Promise<EntryRow | undefined> {
      const r = await db.selectFrom('ledger_entry').select(ENTRY_COLUMNS).where('seq', '=', seq).executeTakeFirst()
      return r ? num(r, 'seq', 'created_at') : undefined
    },
    /** Evidence entries of one payload hash, oldest first; only `orgId`'s when given. */
    async listEvidenceByHash(algorithm: string, hex: string, orgId: string | undefined, limit: number): Promise<EntryRow[]> {
      // The kind is a literal so both planners match the partial index (kind = 'evidence').
      let q = db.selectFrom('ledger_entry').select(ENTRY_COLUMNS).where('hash_prefix', '=', hashPrefix(hex)).where('kind', '=', sql.lit('evidence'))
        .where('payload_hash', '=', hex).where('hash_alg', '=', algorithm)
      if (orgId !== undefined) q = q.where('org_id', '=', orgId)
      const rows = await q.orderBy('seq').limit(limit).execute()
      return rows.map((r) => num(r, 'seq', 'created_at'))
    },
    /** Entries with seq in [start, end), in order. */
    async listEntriesRange(start: number, end: number): Promise<EntryRow[]> {
      const rows = await db.selectFrom('ledger_entry').select(ENTRY_COLUMNS).where('seq', '>=', start).where('seq', '<', end).orderBy('seq').execute()
      return rows.map((r) => num(r, 'seq', 'created_at'))
    },
    async countEntries(): Promise<number> {
      const r = await db.selectFrom('ledger_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return Number(r.n)
    },

    async insertPending(trx: Kysely<any>, row: LedgerPendingTable): Promise<void> {
      await t(trx).insertInto('ledger_pending').values(row).execute()
    },
    async listPending(limit: number): Promise<PendingRow[]> {
      const rows = await db.selectFrom('ledger_pending').selectAll().orderBy('created_at').orderBy('id').limit(limit).execute()
      return rows.map((r) => num(r, 'created_at'))
    },
    async getPending(id: string): Promise<PendingRow | undefined> {
      const r = await db.selectFrom('ledger_pending').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? num(r, 'created_at') : undefined
    },
    /** Deletes pending rows; returns how many were still there (another writer may have taken some). */
    async deletePending(trx: Kysely<any>, ids: readonly string[]): Promise<number> {
      let n = 0
      for (let i = 0; i < ids.length; i += KEY_CHUNK) {
        const r = await t(trx).deleteFrom('ledger_pending').where('id', 'in', ids.slice(i, i + KEY_CHUNK)).executeTakeFirst()
        n += Number(r.numDeletedRows)
      }
      return n
    },

    async insertCheckpoint(trx: Kysely<any>, row: LedgerCheckpointTable): Promise<void> {
      await t(trx).insertInto('ledger_checkpoint').values(row).onConflict((oc) => oc.column('size').doNothing()).execute()
    },
    async setCheckpointNote(size: number, note: string): Promise<void> {
      await db.updateTable('ledger_checkpoint').set({ note }).where('size', '=', size).execute()
    },
    async publishCheckpoint(trx: Kysely<any>, size: number, note: string, cosignatures: number, now: number): Promise<void> {
      await t(trx).updateTable('ledger_checkpoint').set({ note, cosignatures, published_at: now }).where('size', '=', size).execute()
    },
    async latestCheckpoint(): Promise<CheckpointRow | undefined> {
      const r = await db.selectFrom('ledger_checkpoint').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst()
      return r ? num(r, 'size', 'created_at', 'published_at') : undefined
    },
    async latestPublished(): Promise<CheckpointRow | undefined> {
      const r = await db.selectFrom('ledger_checkpoint').selectAll().where('published_at', 'is not', null).orderBy('size', 'desc').limit(1).executeTakeFirst()
      return r ? num(r, 'size', 'created_at', 'published_at') : undefined
    },
    /** Every checkpoint, smallest first (audit). */
    async listCheckpoints(): Promise<CheckpointRow[]> {
      const rows = await db.selectFrom('ledger_checkpoint').selectAll().orderBy('size').execute()
      return rows.map((r) => num(r, 'size', 'created_at', 'published_at'))
    },
  }
}

export type LedgerRepo = ReturnType<typeof createLedgerRepo>
