/**
 * The sequencer: integrates submissions into the tree in batches. One transaction per batch
 * writes the entries with their indexes, every new complete node (leaves included), the
 * anchored rows it consumed, the submitters' audit rows, and advances the tree head with an
 * optimistic check, so a crash leaves either the whole batch or none of it. The frontier (one
 * hash per set bit of the size) stays in memory; memory is bounded by the batch size.
 */
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { withTransaction } from '../../core/db/transaction.ts'
import { canonicalize } from '../../lib/canonical-json.ts'
import { appendLeaves, frontierNodes, frontierRoot, hashLeafText, type Frontier, type Hasher, type StoredNode } from '../../lib/merkle/index.ts'
import type { Clock } from '../../lib/time.ts'
import { leafText, toHex, type EntryFields } from './leaf.ts'
import type { EntryRow, LedgerRepo, PendingRow } from './repo.ts'

/** An entry ready to integrate: its leaf fields, who submitted it, and its leaf hash. */
export interface PreparedEntry {
  readonly fields: EntryFields
  readonly orgId: string | null
  readonly submittedBy: string | null
  readonly leafHash: Uint8Array
  /** Canonical JSON of `fields.meta`: hashed into the leaf and stored as the row's metadata. */
  readonly metaText: string
}

/** Runs inside the batch transaction once the group has its indexes (audit rows, outbox events). */
export type GroupHook = (trx: Kysely<any>, indexes: readonly number[]) => Promise<void>

interface Group {
  entries: readonly PreparedEntry[]
  hook?: GroupHook
  resolve(indexes: number[]): void
  reject(err: unknown): void
}

export interface SequencerDeps {
  db: Kysely<any>
  repo: LedgerRepo
  hasher: Hasher
  clock: Clock
  log: Logger
  batchSize: number
  /** Told about every node of a committed batch (the proof cache). */
  onCommitted?(nodes: readonly StoredNode[], size: number): void
}

class TreeMoved extends Error {}

/**
 * Builds the leaf hash of entry fields; `metaText` is `canonicalize(fields.meta)` when the caller
 * has it already. Throws CanonicalJsonError on non-JSON metadata.
 */
export function prepareEntry(hasher: Hasher, fields: EntryFields, orgId: string | null, submittedBy: string | null, metaText = canonicalize(fields.meta)): PreparedEntry {
  return { fields, orgId, submittedBy, leafHash: hashLeafText(hasher, leafText(fields, metaText)), metaText }
}

function fromPending(hasher: Hasher, r: PendingRow): PreparedEntry {
  const fields: EntryFields = { id: r.id, kind: r.kind, hash: `${r.hash_alg}:${r.payload_hash}`, meta: JSON.parse(r.meta), time: Number(r.created_at) }
  return prepareEntry(hasher, fields, r.org_id, r.submitted_by)
}

function toRow(e: PreparedEntry, seq: number): EntryRow {
  const [alg, hex] = e.fields.hash.split(':')
  return {
    seq, id: e.fields.id, kind: e.fields.kind, hash_alg: alg, payload_hash: hex,
    meta: e.metaText, created_at: e.fields.time, org_id: e.orgId, submitted_by: e.submittedBy,
  }
}

/** Creates the sequencer. Nothing runs until integrate() is called (the log drives it). */
export function createSequencer(deps: SequencerDeps) {
  const { db, repo, hasher, clock, log } = deps
  let frontier: Frontier | undefined
  const queue: Group[] = []
  let queued = 0
  let pendingHint = true

  async function load(): Promise<Frontier> {
    let tree = await repo.getTree()
    if (!tree) {
      await withTransaction(db, (trx) => repo.initTree(trx, toHex(hasher.emptyRoot()), clock.now()))
      tree = { size: 0, rootHash: toHex(hasher.emptyRoot()) }
    }
    const hashes = await repo.getNodes(frontierNodes(tree.size))
    const loaded = { size: tree.size, hashes }
    deps.onCommitted?.([], tree.size)
    if (toHex(frontierRoot(hasher, loaded)) !== tree.rootHash) log.error({ size: tree.size }, 'stored tree head does not match its nodes; run `zhicheng ledger audit`')
    return loaded
  }

  function takeGroups(): Group[] {
    const taken: Group[] = []
    let n = 0
    while (queue.length > 0 && (n === 0 || n + queue[0].entries.length <= deps.batchSize)) {
      const g = queue.shift()!
      n += g.entries.length
      queued -= g.entries.length
      taken.push(g)
    }
    return taken
  }

  /** Integrates one batch; returns how many entries it added (0 when there was nothing to do). */
  async function integrateOnce(retries = 3): Promise<number> {
    frontier ??= await load()
    const groups = takeGroups()
    const direct = groups.reduce((n, g) => n + g.entries.length, 0)
    const pendingRows = pendingHint && direct < deps.batchSize ? await repo.listPending(deps.batchSize - direct) : []
    if (pendingRows.length === 0) pendingHint = false
    const anchored = pendingRows.map((r) => fromPending(hasher, r))
    const entries = [...groups.flatMap((g) => g.entries), ...anchored]
    if (entries.length === 0) return 0
    const start = frontier.size
    const appended = appendLeaves(hasher, frontier, entries.map((e) => e.leafHash))
    const root = toHex(frontierRoot(hasher, appended.frontier))
    try {
      await withTransaction(db, async (trx) => {
        if (!(await repo.advanceTree(trx, start, appended.frontier.size, root, clock.now()))) throw new TreeMoved()
        if (anchored.length > 0 && (await repo.deletePending(trx, anchored.map((e) => e.fields.id))) !== anchored.length) throw new TreeMoved()
        await repo.insertEntries(trx, entries.map((e, i) => toRow(e, start + i)))
        await repo.insertNodes(trx, appended.nodes)
        let at = start
        for (const g of groups) {
          const indexes = g.entries.map((_, i) => at + i)
          at += g.entries.length
          if (g.hook) await g.hook(trx, indexes)
        }
      })
    } catch (err) {
      if (err instanceof TreeMoved && retries > 0) {
        // Another process advanced the tree: reload and retry the same groups.
        log.info({ size: start }, 'tree moved under the sequencer; reloading')
        frontier = undefined
        queue.unshift(...groups)
        queued += direct
        pendingHint = true
        return integrateOnce(retries - 1)
      }
      for (const g of groups) g.reject(err)
      throw err
    }
    frontier = appended.frontier
    deps.onCommitted?.(appended.nodes, appended.frontier.size)
    let at = start
    for (const g of groups) {
      g.resolve(g.entries.map((_, i) => at + i))
      at += g.entries.length
    }
    return entries.length
  }

  return {
    /** Queues entries; resolves with their indexes once the batch holding them has committed. */
    submit(entries: readonly PreparedEntry[], hook?: GroupHook): Promise<number[]> {
      return new Promise((resolve, reject) => {
        queue.push({ entries, hook, resolve, reject })
        queued += entries.length
      })
    },
    /** Says anchored rows may be waiting (after a commit, on a poll, at start). */
    hintPending(): void {
      pendingHint = true
    },
    hasWork: () => queue.length > 0 || pendingHint,
    queuedEntries: () => queued,
    integrateOnce,
    /** The in-memory frontier (loads it on first use). */
    async frontier(): Promise<Frontier> {
      frontier ??= await load()
      return frontier
    },
    /** Rejects everything still queued (shutdown). */
    rejectQueued(err: unknown): void {
      for (const g of queue.splice(0)) g.reject(err)
      queued = 0
    },
  }
}

export type Sequencer = ReturnType<typeof createSequencer>
