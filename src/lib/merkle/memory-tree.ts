/**
 * An in-memory Merkle log keeping every complete node: the reference NodeReader, and a
 * convenient synchronous tree for tests, tools and offline verification.
 */
import { assertCount } from './bits.ts'
import { MerkleError } from './errors.ts'
import { SM3_HASHER, type Hasher } from './hasher.ts'
import {
  assembleProof,
  assembleRoot,
  consistencyProofNodes,
  inclusionProofNodes,
  rootNodes,
  type NodeId,
} from './plan.ts'
import type { NodeReader } from './proof.ts'
import type { StoredNode } from './append.ts'

/**
 * A Merkle log held in memory; requires a hasher (SM3 by default). Appending stores each
 * new complete node by (level, index); proofs and roots for any past size are synchronous.
 */
export class MemoryTree implements NodeReader {
  readonly hasher: Hasher
  /** levels[l][i] is the hash of node (l, i). */
  private readonly levels: Uint8Array[][] = [[]]

  constructor(hasher: Hasher = SM3_HASHER) {
    this.hasher = hasher
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.levels[0].length
  }

  /**
   * Appends a leaf hash. Requires `hasher.size` bytes; throws MERKLE_INVALID_ARGUMENT otherwise.
   * Returns the complete nodes this append created (the leaf first), as a store would persist them.
   */
  append(leafHash: Uint8Array): StoredNode[] {
    if (!(leafHash instanceof Uint8Array) || leafHash.length !== this.hasher.size) {
      throw new MerkleError('MERKLE_INVALID_ARGUMENT', `leaf hash must be ${this.hasher.size} bytes`, {
        expected: this.hasher.size,
        actual: leafHash instanceof Uint8Array ? leafHash.length : -1,
      })
    }
    const created: StoredNode[] = []
    let level = 0
    let index = this.size
    let hash: Uint8Array = leafHash.slice()
    for (;;) {
      this.levels[level].push(hash)
      created.push({ level, index, hash })
      if (index % 2 === 0) return created
      hash = this.hasher.hashChildren(this.levels[level][index - 1], hash)
      level++
      index = (index - 1) / 2
      if (this.levels.length === level) this.levels.push([])
    }
  }

  /** Hashes `data` as a leaf (H(0x00 ‖ data)) and appends it; returns the created nodes. */
  appendData(data: Uint8Array): StoredNode[] {
    return this.append(this.hasher.hashLeaf(data))
  }

  /** Returns the hash of node (level, index), or undefined if that subtree is not complete. */
  getNode(level: number, index: number): Uint8Array | undefined {
    return this.levels[level]?.[index]
  }

  /** NodeReader: returns the hash of each node; throws MERKLE_NODE_MISSING for an unknown node. */
  getNodes(ids: readonly NodeId[]): Uint8Array[] {
    return ids.map(({ level, index }) => {
      const hash = this.getNode(level, index)
      if (hash === undefined) {
        throw new MerkleError('MERKLE_NODE_MISSING', `node (${level}, ${index}) is not in a tree of size ${this.size}`, {
          expected: `complete node within size ${this.size}`,
          actual: `(${level}, ${index})`,
        })
      }
      return hash
    })
  }

  private checkSize(size: number): void {
    assertCount('size', size)
    if (size > this.size) {
      throw new MerkleError('MERKLE_INVALID_ARGUMENT', `size ${size} exceeds tree size ${this.size}`, {
        expected: `<= ${this.size}`,
        actual: size,
      })
    }
  }

  /** Root of the tree at `size` (default: now). Requires size <= this.size. */
  root(size: number = this.size): Uint8Array {
    this.checkSize(size)
    return assembleRoot(this.hasher, size, this.getNodes(rootNodes(size)))
  }

  /** Inclusion proof of leaf `index` at tree `size` (default: now). Requires index < size <= this.size. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.checkSize(size)
    const plan = inclusionProofNodes(index, size)
    return assembleProof(this.hasher, plan, this.getNodes(plan.nodes))
  }

  /** Consistency proof from `size1` to `size2` (default: now). Requires size1 <= size2 <= this.size. */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    this.checkSize(size2)
    const plan = consistencyProofNodes(size1, size2)
    return assembleProof(this.hasher, plan, this.getNodes(plan.nodes))
  }
}
