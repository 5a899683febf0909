/**
 * Tamper audit: recomputes the whole tree from the stored entry rows, page by page, and compares
 * every leaf and interior node with the stored ones and every checkpoint root with the recomputed
 * root at its size. Names the entries whose rows no longer hash to their leaves. Read-only;
 * memory bounded by the page size. Used by `zhicheng ledger audit` and the audit route.
 */
import { EMPTY_FRONTIER, appendLeaves, frontierRoot, type Frontier, type Hasher, type StoredNode } from '../../lib/merkle/index.ts'
import { openCheckpoint, parseCheckpoint, parseSignedNote, type Verifier } from '../../lib/note/index.ts'
import { leafBytes, toHex } from './leaf.ts'
import { fieldsOf } from './proofs.ts'
import { nodeKey, type CheckpointRow, type LedgerRepo } from './repo.ts'

export interface AuditProblem {
  readonly kind: 'entry' | 'node' | 'checkpoint' | 'tree'
  /** The entry index (kind entry), the node's first leaf (kind node) or the checkpoint size. */
  readonly index: number
  readonly id?: string
  readonly detail: string
}

export interface AuditReport {
  readonly ok: boolean
  readonly size: number
  readonly rootHash: string
  readonly entriesChecked: number
  readonly checkpointsChecked: number
  readonly problems: readonly AuditProblem[]
}

export interface AuditOptions {
  readonly pageSize?: number
  /** When given, every checkpoint's log signature is verified too. */
  readonly logVerifiers?: readonly Verifier[]
  /** Stop collecting after this many problems (default 100). */
  readonly maxProblems?: number
}

async function checkNote(cp: CheckpointRow, verifiers: readonly Verifier[] | undefined, hashSize: number): Promise<string | undefined> {
  if (cp.note === null) return cp.published_at ? 'published without a note' : undefined // signing intent never completed
  try {
    const text = parseSignedNote(cp.note).text
    const parsed = parseCheckpoint(text, { hashSize })
    if (parsed.size !== cp.size || toHex(parsed.rootHash) !== cp.root_hash) return `note states size ${parsed.size} root ${toHex(parsed.rootHash)}, the row ${cp.size} ${cp.root_hash}`
    if (verifiers?.length) await openCheckpoint(cp.note, verifiers, { hashSize })
  } catch (err) {
    return `note does not verify: ${(err as Error).message}`
  }
  return undefined
}

/** Runs the audit. Never throws for tampering (it is reported); throws only on database errors. */
export async function auditLedger(repo: LedgerRepo, hasher: Hasher, opts: AuditOptions = {}): Promise<AuditReport> {
  const pageSize = opts.pageSize ?? 8192
  const max = opts.maxProblems ?? 100
  const problems: AuditProblem[] = []
  const report = (p: AuditProblem) => { if (problems.length < max) problems.push(p) }
  const tree = (await repo.getTree()) ?? { size: 0, rootHash: toHex(hasher.emptyRoot()) }
  const checkpoints = await repo.listCheckpoints()
  for (const cp of checkpoints) {
    const bad = await checkNote(cp, opts.logVerifiers, hasher.size)
    if (bad) report({ kind: 'checkpoint', index: cp.size, detail: bad })
    if (cp.size > tree.size) report({ kind: 'checkpoint', index: cp.size, detail: `checkpoint is beyond the tree size ${tree.size}` })
  }
  const roots = new Map(checkpoints.filter((c) => c.size <= tree.size).map((c) => [c.size, c.root_hash]))
  const cuts = [...roots.keys()].sort((a, b) => a - b)
  let frontier: Frontier = EMPTY_FRONTIER
  const tampered = new Set<number>()

  for (let start = 0; start < tree.size; start += pageSize) {
    const end = Math.min(tree.size, start + pageSize)
    const rows = new Map((await repo.listEntriesRange(start, end)).map((r) => [Number(r.seq), r]))
    const storedLeaves = await repo.levelMap(0, start, end)
    const leaves: Uint8Array[] = []
    for (let seq = start; seq < end; seq++) {
      const row = rows.get(seq)
      const stored = storedLeaves.get(nodeKey(0, seq))
      let leaf: Uint8Array | undefined
      try {
        if (row) leaf = hasher.hashLeaf(leafBytes(fieldsOf(row)))
      } catch { /* reported below */ }
      if (!row) report({ kind: 'entry', index: seq, detail: 'entry row is missing' })
      else if (!leaf) report({ kind: 'entry', index: seq, id: row.id, detail: 'stored metadata is not canonical JSON' })
      else if (toHex(leaf) !== stored) report({ kind: 'entry', index: seq, id: row.id, detail: `stored row hashes to leaf ${toHex(leaf)}, the tree holds ${stored ?? 'nothing'}` })
      if (!leaf || toHex(leaf) !== stored) tampered.add(seq)
      leaves.push(leaf ?? (stored ? new Uint8Array(Buffer.from(stored, 'hex')) : new Uint8Array(hasher.size)))
    }
    // Append in segments that end at checkpoint sizes, comparing each checkpoint's root.
    const created: StoredNode[] = []
    let at = start
    while (at < end) {
      const cut = cuts.find((c) => c > at && c <= end) ?? end
      const step = appendLeaves(hasher, frontier, leaves.slice(at - start, cut - start))
      frontier = step.frontier
      created.push(...step.nodes)
      const want = roots.get(cut)
      if (want !== undefined && toHex(frontierRoot(hasher, frontier)) !== want) {
        report({ kind: 'checkpoint', index: cut, detail: `root recomputed from the entries is ${toHex(frontierRoot(hasher, frontier))}, checkpoint ${cut} states ${want}` })
      }
      at = cut
    }
    await compareInteriorNodes(repo, created, tampered, report)
  }
  const root = toHex(frontierRoot(hasher, frontier))
  if (root !== tree.rootHash) report({ kind: 'tree', index: tree.size, detail: `recomputed root ${root}, the tree head states ${tree.rootHash}` })
  return { ok: problems.length === 0, size: tree.size, rootHash: tree.rootHash, entriesChecked: tree.size, checkpointsChecked: checkpoints.length, problems }
}

/** Compares recomputed interior nodes with the stored ones; reports only nodes above untampered leaves. */
async function compareInteriorNodes(repo: LedgerRepo, created: readonly StoredNode[], tampered: ReadonlySet<number>, report: (p: AuditProblem) => void): Promise<void> {
  const byLevel = new Map<number, StoredNode[]>()
  for (const n of created) {
    if (n.level === 0) continue
    const list = byLevel.get(n.level)
    if (list) list.push(n)
    else byLevel.set(n.level, [n])
  }
  for (const [level, nodes] of byLevel) {
    const stored = await repo.levelMap(level, nodes[0].index, nodes[nodes.length - 1].index + 1)
    for (const n of nodes) {
      const first = n.index * 2 ** level
      if (stored.get(nodeKey(level, n.index)) === toHex(n.hash)) continue
      let coversTampered = false
      for (const seq of tampered) if (seq >= first && seq < first + 2 ** level) coversTampered = true
      if (!coversTampered) report({ kind: 'node', index: first, detail: `node (${level}, ${n.index}) over entries ${first}…${first + 2 ** level - 1} differs from the recomputed hash` })
    }
  }
}
