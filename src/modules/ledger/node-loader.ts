/**
 * Reads node hashes for proofs. Complete-subtree nodes never change once written, so the upper
 * levels are held in memory as one contiguous buffer per level (32 bytes a node, no object per
 * node), within a byte budget: the lowest cached level is chosen so the cache stays under it
 * whatever the log size. Each level's cache is a prefix [0, count): the sequencer extends it as
 * it commits nodes, and a miss beyond it refills it from the database in the background. Reads
 * the cache cannot answer arriving in the same tick are coalesced into one query. A tampered
 * interior row is therefore not seen until restart; the audit and the receipts' leaf check read
 * the database itself.
 */
import type { NodeId, StoredNode } from '../../lib/merkle/index.ts'
import { nodeKey, type LedgerRepo } from './repo.ts'

export interface NodeLoaderOptions {
  /** Most bytes the level buffers may hold (default 64 MiB: every node of a 1M-entry log, the upper levels of larger ones). */
  readonly maxBytes?: number
  /** Hash length (32 for SM3 and SHA-256). */
  readonly hashSize?: number
}

const REFILL_CHUNK = 8192

interface Level { buf: Buffer; count: number; refilling: boolean }

/** Creates the loader: `get(ids)` answers node key → hash for every stored node asked for. */
export function createNodeLoader(repo: LedgerRepo, opts: NodeLoaderOptions = {}) {
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024
  const size = opts.hashSize ?? 32
  const levels: Level[] = []
  // Nothing is cached until the tree size is known (fit), so the budget holds from the start.
  let minLevel = Number.POSITIVE_INFINITY
  let queued: Array<{ keys: number[]; resolve(m: Map<number, Uint8Array>): void; reject(err: unknown): void }> = []

  /** Keeps levels ≥ minLevel only, with minLevel the lowest level whose cache fits the budget for `treeSize`. */
  function fit(treeSize: number): void {
    // Levels l, l+1, … of a tree of n leaves hold about 2n / 2^l hashes in all.
    let l = 0
    while (l < 64 && (2 * treeSize * size) / 2 ** l > maxBytes) l++
    if (maxBytes === 0) l = Number.POSITIVE_INFINITY
    if (l > minLevel) for (let k = minLevel; k < Math.min(l, 64); k++) delete levels[k]
    minLevel = l
  }

  function level(l: number): Level | undefined {
    if (l < minLevel) return undefined
    return (levels[l] ??= { buf: Buffer.alloc(0), count: 0, refilling: false })
  }

  function put(lv: Level, hash: Uint8Array): void {
    const at = lv.count * size
    if (at + size > lv.buf.length) {
      // Grow by a quarter: allocation stays within ~25% of what the budget allows.
      const grown = Buffer.alloc(Math.max(size * 4096, Math.ceil((lv.buf.length * 1.25) / size) * size))
      lv.buf.copy(grown, 0, 0, at)
      lv.buf = grown
    }
    lv.buf.set(hash, at)
    lv.count++
  }

  async function refill(l: number, lv: Level): Promise<void> {
    lv.refilling = true
    try {
      for (;;) {
        const got = await repo.getLevelRange(l, lv.count, REFILL_CHUNK)
        if (levels[l] !== lv) return // the level was dropped meanwhile
        for (const h of got) put(lv, h)
        if (got.length < REFILL_CHUNK) return
      }
    } catch { /* a failed refill is retried on the next miss */ } finally {
      lv.refilling = false
    }
  }

  async function flush(): Promise<void> {
    const batch = queued
    queued = []
    try {
      const found = await repo.nodesByKey([...new Set(batch.flatMap((b) => b.keys))])
      const bytes = new Map([...found].map(([k, h]) => [k, new Uint8Array(Buffer.from(h, 'hex'))]))
      for (const b of batch) b.resolve(bytes)
    } catch (err) {
      for (const b of batch) b.reject(err)
    }
  }

  return {
    /** Hashes of the stored nodes among `ids`, by node key (a node not stored is absent). */
    async get(ids: readonly NodeId[]): Promise<Map<number, Uint8Array>> {
      const out = new Map<number, Uint8Array>()
      const missing: number[] = []
      for (const id of ids) {
        const lv = level(id.level)
        if (lv && id.index < lv.count) {
          out.set(nodeKey(id.level, id.index), lv.buf.subarray(id.index * size, (id.index + 1) * size))
          continue
        }
        if (lv && !lv.refilling) void refill(id.level, lv)
        missing.push(nodeKey(id.level, id.index))
      }
      if (missing.length === 0) return out
      const found = await new Promise<Map<number, Uint8Array>>((resolve, reject) => {
        if (queued.length === 0) setImmediate(() => void flush())
        queued.push({ keys: missing, resolve, reject })
      })
      for (const k of missing) {
        const h = found.get(k)
        if (h !== undefined) out.set(k, h)
      }
      return out
    },
    /** Adds nodes the sequencer just committed (in creation order) to the level prefixes they extend. */
    committed(nodes: readonly StoredNode[], treeSize: number): void {
      fit(treeSize)
      for (const n of nodes) {
        const lv = level(n.level)
        if (lv && !lv.refilling && n.index === lv.count) put(lv, n.hash)
      }
    },
    /** Bytes held by the level buffers (allocated, not only used). */
    bytes: () => levels.reduce((n, lv) => n + (lv?.buf.length ?? 0), 0),
  }
}

export type NodeLoader = ReturnType<typeof createNodeLoader>
