import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  refConsistencyProof,
  refInclusionProof,
  refLeafHash,
  refRoot,
  type RefHash,
} from '../../../test/vectors/merkle-reference.ts'
import {
  EMPTY_FRONTIER,
  MemoryTree,
  MerkleError,
  SHA256_HASHER,
  SM3_HASHER,
  appendLeaves,
  consistencyProof,
  frontierNodes,
  frontierRoot,
  inclusionProof,
  isConsistencyValid,
  isInclusionValid,
  rootAt,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
  type Hasher,
  type NodeId,
  type NodeReader,
} from './index.ts'

const MAX = 300
const encoder = new TextEncoder()

/** Leaf data of a random tree: `seed:i`, so runs differ without generating 300 byte arrays. */
function leafData(seed: number, size: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => encoder.encode(`${seed}:${i}`))
}

/** A key-value store of persisted nodes, as the ledger's table would hold them. */
class MapStore implements NodeReader {
  readonly nodes = new Map<string, Uint8Array>()
  reads = 0
  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.reads++
    return ids.map(({ level, index }) => {
      const hash = this.nodes.get(`${level}/${index}`)
      if (hash === undefined) throw new Error(`missing ${level}/${index}`)
      return hash
    })
  }
}

function build(hasher: Hasher, data: readonly Uint8Array[]): MemoryTree {
  const tree = new MemoryTree(hasher)
  for (const d of data) tree.appendData(d)
  return tree
}

const treeAndIndex = fc.record({ seed: fc.nat(), size: fc.integer({ min: 1, max: MAX }) }).chain(({ seed, size }) =>
  fc.record({ seed: fc.constant(seed), size: fc.constant(size), index: fc.integer({ min: 0, max: size - 1 }) }),
)
const treeAndSizes = fc.record({ seed: fc.nat(), size2: fc.integer({ min: 1, max: MAX }) }).chain(({ seed, size2 }) =>
  fc.record({ seed: fc.constant(seed), size2: fc.constant(size2), size1: fc.integer({ min: 0, max: size2 }) }),
)

for (const [alg, hasher] of [['sha256', SHA256_HASHER], ['sm3', SM3_HASHER]] as Array<[RefHash, Hasher]>) {
  describe(`fast code matches the RFC 6962 reference (${alg}, sizes 1..${MAX})`, () => {
    it('roots: rootFromLeafHashes, MemoryTree.root and frontierRoot', () => {
      fc.assert(
        fc.property(fc.nat(), fc.integer({ min: 0, max: MAX }), (seed, size) => {
          const data = leafData(seed, size)
          const want = refRoot(alg, data)
          assert.deepEqual(rootFromLeafHashes(hasher, data.map((d) => hasher.hashLeaf(d))), want)
          assert.deepEqual(build(hasher, data).root(), want)
          const { frontier } = appendLeaves(hasher, EMPTY_FRONTIER, data.map((d) => refLeafHash(alg, d)))
          assert.deepEqual(frontierRoot(hasher, frontier), want)
        }),
        { numRuns: 50 },
      )
    })

    it('inclusion proofs equal the reference and verify', () => {
      fc.assert(
        fc.property(treeAndIndex, ({ seed, size, index }) => {
          const data = leafData(seed, size)
          const tree = build(hasher, data)
          const proof = tree.inclusionProof(index)
          assert.deepEqual(proof, refInclusionProof(alg, index, data))
          verifyInclusion(hasher, index, size, hasher.hashLeaf(data[index]), proof, refRoot(alg, data))
        }),
        { numRuns: 100 },
      )
    })

    it('consistency proofs equal the reference and verify', () => {
      fc.assert(
        fc.property(treeAndSizes, ({ seed, size1, size2 }) => {
          const data = leafData(seed, size2)
          const tree = build(hasher, data)
          const proof = tree.consistencyProof(size1, size2)
          assert.deepEqual(proof, refConsistencyProof(alg, size1, data))
          verifyConsistency(hasher, size1, size2, proof, refRoot(alg, data.slice(0, size1)), refRoot(alg, data))
        }),
        { numRuns: 100 },
      )
    })

    it('a flipped bit anywhere in a proof, leaf or root is rejected', () => {
      fc.assert(
        fc.property(treeAndSizes, fc.nat(), fc.integer({ min: 0, max: 255 }), ({ seed, size1, size2 }, pick, bit) => {
          const data = leafData(seed, size2)
          const tree = build(hasher, data)
          const flip = (b: Uint8Array) => {
            const c = b.slice()
            c[bit % c.length] ^= 1 << (bit % 8)
            return c
          }
          const index = Math.max(size1 - 1, 0)
          const iproof = tree.inclusionProof(index)
          const [leaf, root] = [hasher.hashLeaf(data[index]), tree.root()]
          assert.equal(isInclusionValid(hasher, index, size2, flip(leaf), iproof, root), false)
          assert.equal(isInclusionValid(hasher, index, size2, leaf, iproof, flip(root)), false)
          if (iproof.length > 0) {
            const bad = iproof.map((p, i) => (i === pick % iproof.length ? flip(p) : p))
            assert.equal(isInclusionValid(hasher, index, size2, leaf, bad, root), false)
          }
          const cproof = tree.consistencyProof(size1)
          if (cproof.length > 0) {
            const bad = cproof.map((p, i) => (i === pick % cproof.length ? flip(p) : p))
            assert.equal(isConsistencyValid(hasher, size1, size2, bad, tree.root(size1), root), false)
            assert.equal(isConsistencyValid(hasher, size1, size2, cproof, flip(tree.root(size1)), root), false)
          }
        }),
        { numRuns: 100 },
      )
    })
  })
}

describe('persisted nodes: appendLeaves + NodeReader', () => {
  it('builds proofs from a store fed in random batches, with one read per proof', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }), async (seed, batches) => {
        const h = SM3_HASHER
        const store = new MapStore()
        const data = leafData(seed, batches.reduce((a, b) => a + b, 0))
        let frontier: Frontier = EMPTY_FRONTIER
        let created = 0
        for (const count of batches) {
          const leaves = data.slice(frontier.size, frontier.size + count).map((d) => h.hashLeaf(d))
          const result = appendLeaves(h, frontier, leaves)
          for (const n of result.nodes) store.nodes.set(`${n.level}/${n.index}`, n.hash)
          created += result.nodes.length
          frontier = result.frontier
          // The frontier can be reloaded from the store alone.
          assert.deepEqual(await store.getNodes(frontierNodes(frontier.size)), frontier.hashes)
        }
        const size = frontier.size
        assert.equal(created, 2 * size - frontier.hashes.length, 'each complete node is emitted exactly once')
        const tree = build(h, data)
        assert.deepEqual(await rootAt(h, store, size), tree.root())
        for (let s = 1; s <= size; s += Math.max(1, Math.floor(size / 7))) {
          store.reads = 0
          assert.deepEqual(await inclusionProof(h, store, s - 1, size), tree.inclusionProof(s - 1, size))
          assert.deepEqual(await consistencyProof(h, store, s, size), tree.consistencyProof(s, size))
          assert.deepEqual(await rootAt(h, store, s), tree.root(s))
          assert.ok(store.reads <= 3)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('MemoryTree.append returns the nodes it created', () => {
    const tree = new MemoryTree(SHA256_HASHER)
    const leaf = SHA256_HASHER.hashLeaf(new Uint8Array(0))
    assert.deepEqual(tree.append(leaf).map(({ level, index }) => [level, index]), [[0, 0]])
    assert.deepEqual(tree.append(leaf).map(({ level, index }) => [level, index]), [[0, 1], [1, 0]])
    assert.deepEqual(tree.append(leaf).map(({ level, index }) => [level, index]), [[0, 2]])
    assert.deepEqual(tree.append(leaf).map(({ level, index }) => [level, index]), [[0, 3], [1, 1], [2, 0]])
    assert.equal(tree.getNode(2, 0)?.length, 32)
    assert.equal(tree.getNode(2, 1), undefined)
  })

  it('rejects bad inputs with typed errors', () => {
    const tree = build(SM3_HASHER, leafData(1, 5))
    const invalid = (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_INVALID_ARGUMENT'
    assert.throws(() => tree.append(new Uint8Array(31)), invalid)
    assert.throws(() => tree.root(6), invalid)
    assert.throws(() => tree.inclusionProof(5, 5), invalid)
    assert.throws(() => tree.consistencyProof(3, 6), invalid)
    assert.throws(() => tree.getNodes([{ level: 3, index: 0 }]), (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_NODE_MISSING')
    assert.throws(() => appendLeaves(SM3_HASHER, { size: 3, hashes: [] }, []), invalid)
    assert.deepEqual(tree.consistencyProof(0, 5), [])
    assert.deepEqual(tree.root(0), SM3_HASHER.emptyRoot())
  })

  it('a reader that returns too few hashes fails with MERKLE_NODE_MISSING', async () => {
    const short: NodeReader = { getNodes: () => [] }
    await assert.rejects(inclusionProof(SM3_HASHER, short, 3, 8), (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_NODE_MISSING')
  })
})
