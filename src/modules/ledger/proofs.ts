/**
 * Inclusion proofs and receipts from the stored nodes: the nodes of many proofs are read in one
 * query, every proof is O(log n) node reads, never a scan. Building a receipt rebuilds the leaf
 * from the stored row and checks it against the tree, so a row edited in the database is
 * reported (LEDGER_ENTRY_TAMPERED, naming the entry) instead of being vouched for.
 */
import { assembleProof, inclusionProofNodes, verifyInclusion, type Hasher, type NodeId, type NodeReader } from '../../lib/merkle/index.ts'
import { LedgerError } from './errors.ts'
import { leafBytes, toHex, type EntryFields } from './leaf.ts'
import type { PublishedCheckpoint } from './publisher.ts'
import { RECEIPT_FORMAT, type Receipt } from './receipt.ts'
import { createNodeLoader } from './node-loader.ts'
import { nodeKey, type EntryRow, type LedgerRepo } from './repo.ts'

/** The leaf fields of a stored entry row. Throws when the stored metadata is not JSON. */
export function fieldsOf(row: EntryRow): EntryFields {
  return { id: row.id, kind: row.kind, hash: `${row.hash_alg}:${row.payload_hash}`, meta: JSON.parse(row.meta), time: Number(row.created_at) }
}

export function createProofs(deps: { repo: LedgerRepo; hasher: Hasher; origin: string; cacheBytes?: number }) {
  const { repo, hasher } = deps
  const keyOf = (id: NodeId) => nodeKey(id.level, id.index)

  const loader = createNodeLoader(repo, { hashSize: hasher.size, maxBytes: deps.cacheBytes })
  async function read(ids: readonly NodeId[]): Promise<Map<number, Uint8Array>> {
    return loader.get(ids)
  }

  function assemble(plan: ReturnType<typeof inclusionProofNodes>, nodes: Map<number, Uint8Array>): Uint8Array[] {
    // A node missing from the store reaches assembleProof as a non-hash: it throws MERKLE_NODE_MISSING.
    return assembleProof(hasher, plan, plan.nodes.map((id) => nodes.get(keyOf(id)) as Uint8Array))
  }

  const nodeReader: NodeReader = {
    async getNodes(ids) {
      const nodes = await read(ids)
      const out: Uint8Array[] = []
      for (const id of ids) {
        const h = nodes.get(keyOf(id))
        if (h === undefined) break
        out.push(h)
      }
      return out
    },
  }

  return {
    nodeReader,
    /** Tells the node cache about nodes the sequencer committed. */
    committed: loader.committed,
    /** Inclusion proofs of `indexes` in the tree of `size`, reading all their nodes at once. Requires every index < size. */
    async inclusionProofs(indexes: readonly number[], size: number): Promise<Uint8Array[][]> {
      const plans = indexes.map((i) => inclusionProofNodes(i, size))
      const nodes = await read(plans.flatMap((p) => p.nodes))
      return plans.map((p) => assemble(p, nodes))
    },
    /**
     * Receipts of stored entries against a published checkpoint. Requires every row's seq below
     * the checkpoint size. Throws LEDGER_ENTRY_TAMPERED naming the first entry whose row no
     * longer hashes to its leaf or whose proof no longer reaches the checkpoint root.
     */
    async receipts(rows: readonly EntryRow[], cp: PublishedCheckpoint): Promise<Receipt[]> {
      const plans = rows.map((r) => inclusionProofNodes(Number(r.seq), cp.size))
      const nodes = await read([...plans.flatMap((p) => p.nodes), ...rows.map((r) => ({ level: 0, index: Number(r.seq) }))])
      return rows.map((row, i) => {
        const seq = Number(row.seq)
        let fields: EntryFields
        let leaf: Uint8Array
        try {
          fields = fieldsOf(row)
          leaf = hasher.hashLeaf(leafBytes(fields))
        } catch {
          throw new LedgerError.ENTRY_TAMPERED(seq, row.id, 'its stored metadata is no longer canonical JSON')
        }
        const stored = nodes.get(nodeKey(0, seq))
        if (!stored || toHex(stored) !== toHex(leaf)) throw new LedgerError.ENTRY_TAMPERED(seq, row.id, `the stored row hashes to leaf ${toHex(leaf)}, the tree holds ${stored ? toHex(stored) : 'nothing'}`)
        const proof = assemble(plans[i], nodes)
        try {
          verifyInclusion(hasher, seq, cp.size, leaf, proof, cp.rootHash)
        } catch (err) {
          throw new LedgerError.ENTRY_TAMPERED(seq, row.id, `its inclusion proof no longer reaches the root of checkpoint ${cp.size}`, { cause: err })
        }
        return {
          format: RECEIPT_FORMAT, origin: deps.origin, treeHash: hasher.name, index: seq, entry: fields,
          leafHash: toHex(leaf), inclusionProof: proof.map(toHex), checkpoint: cp.note, recordedAt: new Date(fields.time).toISOString(),
        }
      })
    },
  }
}

export type Proofs = ReturnType<typeof createProofs>
