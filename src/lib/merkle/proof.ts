/**
 * Proof and root generation over a node store. A log keeps the hash of every complete subtree
 * (level, index) it has ever had; these functions read the O(log n) nodes a proof needs in a
 * single batch, so a database-backed store answers with one query.
 */
import type { Hasher } from './hasher.ts'
import {
  assembleProof,
  assembleRoot,
  consistencyProofNodes,
  inclusionProofNodes,
  rootNodes,
  type NodeId,
} from './plan.ts'

/** Reads complete-subtree node hashes; the store behind it may be in memory or a database. */
export interface NodeReader {
  /**
   * Returns the hash of each node in `ids`, in the same order. Requires every node to be a
   * complete subtree of the log; a store that lacks one should throw or return fewer hashes.
   */
  getNodes(ids: readonly NodeId[]): readonly Uint8Array[] | Promise<readonly Uint8Array[]>
}

/**
 * Builds the inclusion proof of leaf `index` in the tree of `size` from stored nodes.
 * Requires 0 <= index < size <= the store's size; rejects with a MerkleError otherwise.
 */
export async function inclusionProof(
  hasher: Hasher,
  reader: NodeReader,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  const plan = inclusionProofNodes(index, size)
  return assembleProof(hasher, plan, await reader.getNodes(plan.nodes))
}

/**
 * Builds the consistency proof from the tree of `size1` to the tree of `size2` from stored
 * nodes. Requires 0 <= size1 <= size2 <= the store's size; empty when size1 is 0 or size2.
 */
export async function consistencyProof(
  hasher: Hasher,
  reader: NodeReader,
  size1: number,
  size2: number,
): Promise<Uint8Array[]> {
  const plan = consistencyProofNodes(size1, size2)
  return assembleProof(hasher, plan, await reader.getNodes(plan.nodes))
}

/**
 * Computes the root of the tree of `size` (any past size) from stored nodes.
 * Requires size <= the store's size; returns the empty-tree root for size 0.
 */
export async function rootAt(hasher: Hasher, reader: NodeReader, size: number): Promise<Uint8Array> {
  const ids = rootNodes(size)
  return assembleRoot(hasher, size, ids.length === 0 ? [] : await reader.getNodes(ids))
}
