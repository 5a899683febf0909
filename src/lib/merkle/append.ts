/**
 * Incremental appends. A tree of size n is summarised by its "frontier": the hashes of the
 * complete subtrees covering [0, n), one per set bit of n, largest first. Appending leaves
 * to a frontier yields every complete node that comes into existence, so a log can persist
 * each interior hash exactly once, at append time, addressed by (level, index).
 */
import { assertCount, popCount } from './bits.ts'
import { MerkleError } from './errors.ts'
import type { Hasher } from './hasher.ts'
import { rootNodes, type NodeId } from './plan.ts'

/** A complete-subtree node with its hash, as a store persists it. */
export interface StoredNode extends NodeId {
  readonly hash: Uint8Array
}

/** The compact summary of a tree: its size and the hashes of `rootNodes(size)`, in order. */
export interface Frontier {
  readonly size: number
  readonly hashes: readonly Uint8Array[]
}

/** The frontier of the empty tree. */
export const EMPTY_FRONTIER: Frontier = Object.freeze({ size: 0, hashes: Object.freeze([]) })

function checkFrontier(hasher: Hasher, frontier: Frontier): void {
  assertCount('frontier.size', frontier.size)
  const want = popCount(frontier.size)
  const bad = frontier.hashes.findIndex((h) => !(h instanceof Uint8Array) || h.length !== hasher.size)
  if (frontier.hashes.length !== want || bad >= 0) {
    throw new MerkleError('MERKLE_INVALID_ARGUMENT', `frontier of size ${frontier.size} needs ${want} hashes of ${hasher.size} bytes`, {
      expected: want,
      actual: frontier.hashes.length,
    })
  }
}

/** The node ids whose hashes make up the frontier of a tree of `size` (to load it from a store). */
export function frontierNodes(size: number): NodeId[] {
  return rootNodes(size)
}

/**
 * Appends leaf hashes to a frontier. Requires a valid frontier and leaf hashes of
 * `hasher.size` bytes. Returns the new frontier and every new complete node (leaves included),
 * in creation order; never mutates its inputs.
 */
export function appendLeaves(
  hasher: Hasher,
  frontier: Frontier,
  leafHashes: readonly Uint8Array[],
): { frontier: Frontier; nodes: StoredNode[] } {
  checkFrontier(hasher, frontier)
  const ids = rootNodes(frontier.size)
  const stack: StoredNode[] = ids.map((id, i) => ({ ...id, hash: frontier.hashes[i] }))
  const nodes: StoredNode[] = []
  let size = frontier.size
  for (const leaf of leafHashes) {
    if (!(leaf instanceof Uint8Array) || leaf.length !== hasher.size) {
      throw new MerkleError('MERKLE_INVALID_ARGUMENT', `leaf hash ${size} is not ${hasher.size} bytes`, {
        expected: hasher.size,
        actual: leaf instanceof Uint8Array ? leaf.length : -1,
      })
    }
    let node: StoredNode = { level: 0, index: size, hash: leaf }
    nodes.push(node)
    // A right child completes its parent; keep merging while the new node is a right child.
    while (node.index % 2 === 1) {
      const left = stack.pop() as StoredNode
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: hasher.hashChildren(left.hash, node.hash) }
      nodes.push(node)
    }
    stack.push(node)
    size++
  }
  return { frontier: { size, hashes: stack.map((n) => n.hash) }, nodes }
}

/** Computes the root of the tree a frontier summarises; the empty-tree root for size 0. */
export function frontierRoot(hasher: Hasher, frontier: Frontier): Uint8Array {
  checkFrontier(hasher, frontier)
  const { hashes } = frontier
  if (hashes.length === 0) return hasher.emptyRoot()
  let root = hashes[hashes.length - 1]
  for (let i = hashes.length - 2; i >= 0; i--) root = hasher.hashChildren(hashes[i], root)
  return root
}

/**
 * Computes the Merkle tree hash (RFC 9162 §2.1.1) of a list of leaf hashes in O(n) time and
 * O(log n) memory. Requires leaf hashes of `hasher.size` bytes; the empty-tree root for [].
 */
export function rootFromLeafHashes(hasher: Hasher, leafHashes: readonly Uint8Array[]): Uint8Array {
  // Keep only the running frontier; the interior nodes are not needed here.
  let frontier: Frontier = EMPTY_FRONTIER
  const batch = 1024
  for (let i = 0; i < leafHashes.length; i += batch) {
    frontier = appendLeaves(hasher, frontier, leafHashes.slice(i, i + batch)).frontier
  }
  return frontierRoot(hasher, frontier)
}
