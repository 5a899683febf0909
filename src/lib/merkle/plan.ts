/**
 * Which stored nodes a proof or root needs, and how to turn their hashes into the proof.
 *
 * Nodes are addressed as in C2SP tlog-tiles: (level, index) is the root of the complete
 * subtree over leaves [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes.
 * Only complete subtrees are ever stored, so a log can persist each node once when it
 * appears (see `appendLeaves`) and answer any proof with O(log n) reads. A proof may need one
 * "ephemeral" node (the root of an incomplete subtree); the plan rebuilds it from the
 * complete nodes that cover it. Follows transparency-dev/merkle `proof/proof.go`.
 */
import { assertCount, bitLength, isPowerOfTwo, shiftLeft, shiftRight, trailingZeros, xor } from './bits.ts'
import { MerkleError } from './errors.ts'
import type { Hasher } from './hasher.ts'

/** Address of a complete-subtree node: level 0 = leaves, index counted from the left. */
export interface NodeId {
  readonly level: number
  readonly index: number
}

/** The nodes to read for a proof and which of them fold into one ephemeral hash. */
export interface ProofPlan {
  /** Complete nodes to read, in proof order. */
  readonly nodes: readonly NodeId[]
  /** nodes[ephemeralStart, ephemeralEnd) fold right-to-left into one proof hash; empty if equal. */
  readonly ephemeralStart: number
  readonly ephemeralEnd: number
}

const EMPTY_PLAN: ProofPlan = Object.freeze({ nodes: Object.freeze([]), ephemeralStart: 0, ephemeralEnd: 0 })

/**
 * Returns the fewest complete nodes covering leaves [begin, end), left to right (a "compact
 * range"). Requires 0 <= begin <= end. For begin = 0 this is one node per set bit of `end`.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  assertCount('begin', begin)
  assertCount('end', end)
  const out: NodeId[] = []
  let at = begin
  while (at < end) {
    // The largest aligned subtree that starts at `at` and does not pass `end`.
    const level = Math.min(trailingZeros(at), bitLength(end - at) - 1)
    out.push({ level, index: shiftRight(at, level) })
    at += 2 ** level
  }
  return out
}

/** The nodes covering the whole tree of `size`, whose hashes fold into its root. */
export function rootNodes(size: number): NodeId[] {
  return rangeNodes(0, size)
}

/**
 * The proof that node (level, index) is in the tree of `size`, with the node itself first.
 * Requires the node to be complete within `size`.
 */
function pathPlan(index: number, level: number, size: number): { nodes: NodeId[]; start: number; end: number } {
  // `fork` is where the path to the node leaves the path to the right border of the tree;
  // its right sibling is the ephemeral node, covered by complete nodes [end, size).
  const inner = bitLength(xor(index, shiftRight(size, level))) - 1
  const forkLevel = level + inner
  const begin = shiftLeft(shiftRight(index, inner), forkLevel)
  const end = begin + 2 ** forkLevel
  const nodes: NodeId[] = [{ level, index }]
  let at = index
  for (let l = level; l < forkLevel; l++) {
    nodes.push({ level: l, index: at % 2 === 0 ? at + 1 : at - 1 })
    at = shiftRight(at, 1)
  }
  const start = nodes.length
  nodes.push(...rangeNodes(end, size).reverse())
  const stop = nodes.length
  nodes.push(...rangeNodes(0, begin).reverse())
  return stop > start ? { nodes, start, end: stop } : { nodes, start: 0, end: 0 }
}

function skipFirst(plan: { nodes: NodeId[]; start: number; end: number }): ProofPlan {
  const shifted = plan.start < plan.end
  return {
    nodes: plan.nodes.slice(1),
    ephemeralStart: shifted ? plan.start - 1 : 0,
    ephemeralEnd: shifted ? plan.end - 1 : 0,
  }
}

/**
 * Plans the inclusion proof of leaf `index` in the tree of `size`. Requires 0 <= index < size;
 * throws MERKLE_INVALID_ARGUMENT otherwise.
 */
export function inclusionProofNodes(index: number, size: number): ProofPlan {
  assertCount('index', index)
  assertCount('size', size)
  if (index >= size) {
    throw new MerkleError('MERKLE_INVALID_ARGUMENT', `index ${index} is not below size ${size}`, {
      expected: `< ${size}`,
      actual: index,
    })
  }
  return skipFirst(pathPlan(index, 0, size))
}

/**
 * Plans the consistency proof from the tree of `size1` to the tree of `size2`. Requires
 * 0 <= size1 <= size2; the plan is empty when size1 is 0 or equal to size2.
 */
export function consistencyProofNodes(size1: number, size2: number): ProofPlan {
  assertCount('size1', size1)
  assertCount('size2', size2)
  if (size1 > size2) {
    throw new MerkleError('MERKLE_INVALID_ARGUMENT', `size1 ${size1} > size2 ${size2}`, {
      expected: `<= ${size2}`,
      actual: size1,
    })
  }
  if (size1 === 0 || size1 === size2) return EMPTY_PLAN
  // The last complete subtree of size1, proven into size2. When size1 is a power of two that
  // subtree is root1 itself, which the verifier already has, so it is left out.
  const level = trailingZeros(size1)
  const plan = pathPlan(shiftRight(size1 - 1, level), level, size2)
  if (isPowerOfTwo(size1)) return skipFirst(plan)
  return { nodes: plan.nodes, ephemeralStart: plan.start, ephemeralEnd: plan.end }
}

function checkHashes(hasher: Hasher, ids: readonly NodeId[], hashes: readonly Uint8Array[]): void {
  if (hashes.length !== ids.length) {
    throw new MerkleError('MERKLE_NODE_MISSING', `got ${hashes.length} node hashes, want ${ids.length}`, {
      expected: ids.length,
      actual: hashes.length,
    })
  }
  hashes.forEach((hash, i) => {
    if (!(hash instanceof Uint8Array) || hash.length !== hasher.size) {
      const { level, index } = ids[i]
      throw new MerkleError('MERKLE_NODE_MISSING', `node (${level}, ${index}) has no valid hash`, {
        expected: hasher.size,
        actual: hash instanceof Uint8Array ? hash.length : -1,
      })
    }
  })
}

/**
 * Builds the proof from the hashes of `plan.nodes` (same order). Requires one hash of
 * `hasher.size` bytes per node; throws MERKLE_NODE_MISSING otherwise.
 */
export function assembleProof(hasher: Hasher, plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  checkHashes(hasher, plan.nodes, hashes)
  const proof: Uint8Array[] = []
  for (let i = 0; i < hashes.length; i++) {
    let hash = hashes[i]
    if (i === plan.ephemeralStart && plan.ephemeralEnd > plan.ephemeralStart) {
      // The block is ordered from the rightmost (smallest) node leftwards.
      for (let j = i + 1; j < plan.ephemeralEnd; j++) hash = hasher.hashChildren(hashes[j], hash)
      i = plan.ephemeralEnd - 1
    }
    proof.push(hash)
  }
  return proof
}

/**
 * Folds the hashes of `rootNodes(size)` (same order) into the root of the tree of `size`.
 * Returns the empty-tree root for size 0; throws MERKLE_NODE_MISSING on a missing hash.
 */
export function assembleRoot(hasher: Hasher, size: number, hashes: readonly Uint8Array[]): Uint8Array {
  const ids = rootNodes(size)
  checkHashes(hasher, ids, hashes)
  if (hashes.length === 0) return hasher.emptyRoot()
  let root = hashes[hashes.length - 1]
  for (let i = hashes.length - 2; i >= 0; i--) root = hasher.hashChildren(hashes[i], root)
  return root
}
