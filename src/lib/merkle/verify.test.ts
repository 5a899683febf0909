import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { consistencyProbes, inclusionProbes, SOME_HASH } from '../../../test/vectors/merkle-reference.ts'
import {
  MERKLE_ERROR_CODES,
  MemoryTree,
  MerkleProofError,
  SHA256_HASHER,
  isConsistencyValid,
  isInclusionValid,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type MerkleProofErrorCode,
} from './index.ts'

const h = SHA256_HASHER
const fromHex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'))
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex)
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(fromHex)
const root = (size: number) => ROOTS[size - 1]

// README §7.5 / transparency-dev/merkle verify_test.go; leaf numbers are 1-based there.
const INCLUSION = [
  { leaf: 1, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { leaf: 6, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { leaf: 3, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { leaf: 2, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { leaf: 1, size: 1, proof: [] },
].map((v) => ({ ...v, proof: v.proof.map(fromHex) }))

const CONSISTENCY = [
  { size1: 1, size2: 1, proof: [] as string[] },
  { size1: 1, size2: 8, proof: INCLUSION[0].proof.map((p) => Buffer.from(p).toString('hex')) },
  { size1: 6, size2: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { size1: 2, size2: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { size1: 6, size2: 7, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
].map((v) => ({ ...v, proof: v.proof.map(fromHex) }))

const PROOF_CODES = Object.keys(MERKLE_ERROR_CODES) as MerkleProofErrorCode[]
function isProofError(code?: MerkleProofErrorCode) {
  return (e: unknown) => e instanceof MerkleProofError && PROOF_CODES.includes(e.code) && (code === undefined || e.code === code)
}

describe('verifyInclusion (published SHA-256 vectors)', () => {
  const tree = new MemoryTree(h)
  for (const d of LEAVES) tree.appendData(d)

  for (const v of INCLUSION) {
    const index = v.leaf - 1
    const leafHash = h.hashLeaf(LEAVES[index])
    it(`leaf ${v.leaf} of ${v.size}: accepts the proof and the tree generates it`, () => {
      verifyInclusion(h, index, v.size, leafHash, v.proof, root(v.size))
      assert.deepEqual(rootFromInclusionProof(h, index, v.size, leafHash, v.proof), root(v.size))
      assert.deepEqual(tree.inclusionProof(index, v.size), v.proof)
    })
    it(`leaf ${v.leaf} of ${v.size}: rejects every corruption probe`, () => {
      const probes = inclusionProbes({ name: 'ok', desc: 'ok', index, size: v.size, leafHash, proof: v.proof, root: root(v.size) }, h.emptyRoot())
      assert.ok(probes.length >= 12)
      for (const p of probes) {
        assert.throws(() => verifyInclusion(h, p.index, p.size, p.leafHash, p.proof, p.root), isProofError(), p.desc)
        assert.equal(isInclusionValid(h, p.index, p.size, p.leafHash, p.proof, p.root), false, p.desc)
      }
    })
  }

  it('single entry: root and leaf hash are the same, and a wrong-size hash fails', () => {
    const hash = h.hashLeaf(new TextEncoder().encode('data'))
    const empty = new Uint8Array(0)
    verifyInclusion(h, 0, 1, hash, [], hash)
    assert.throws(() => verifyInclusion(h, 0, 1, empty, [], hash), isProofError('MERKLE_HASH_SIZE'))
    assert.throws(() => verifyInclusion(h, 0, 1, hash, [], empty), isProofError('MERKLE_HASH_SIZE'))
    assert.throws(() => verifyInclusion(h, 0, 1, empty, [], empty), isProofError('MERKLE_HASH_SIZE'))
  })

  it('rejects index/size combinations with no leaf: (0,0) (1,0) (2,1) (-1,5) (0.5,5)', () => {
    for (const [index, size] of [[0, 0], [1, 0], [2, 1], [-1, 5], [0.5, 5]]) {
      assert.throws(() => verifyInclusion(h, index, size, SOME_HASH, [], h.emptyRoot()), isProofError('MERKLE_INDEX_OUT_OF_RANGE'))
    }
    assert.throws(() => verifyInclusion(h, 0, -1, SOME_HASH, [], h.emptyRoot()), isProofError('MERKLE_BAD_SIZE'))
    assert.throws(() => verifyInclusion(h, 0, 2 ** 53, SOME_HASH, [], h.emptyRoot()), isProofError('MERKLE_BAD_SIZE'))
  })

  it('reports expected and actual values', () => {
    const v = INCLUSION[0]
    try {
      verifyInclusion(h, 0, 8, h.hashLeaf(LEAVES[0]), v.proof, SOME_HASH)
      assert.fail('must throw')
    } catch (err) {
      assert.ok(err instanceof MerkleProofError)
      assert.equal(err.code, 'MERKLE_ROOT_MISMATCH')
      assert.equal(err.expected, Buffer.from(SOME_HASH).toString('hex'))
      assert.equal(err.actual, Buffer.from(root(8)).toString('hex'))
      assert.equal(err.size, 8)
    }
    assert.throws(() => verifyInclusion(h, 0, 8, h.hashLeaf(LEAVES[0]), v.proof.slice(1), root(8)), (e: unknown) => e instanceof MerkleProofError && e.code === 'MERKLE_PROOF_SIZE' && e.expected === 3 && e.actual === 2)
  })
})

describe('verifyConsistency (published SHA-256 vectors)', () => {
  const tree = new MemoryTree(h)
  for (const d of LEAVES) tree.appendData(d)

  for (const v of CONSISTENCY) {
    it(`${v.size1} → ${v.size2}: accepts the proof and the tree generates it`, () => {
      verifyConsistency(h, v.size1, v.size2, v.proof, root(v.size1), root(v.size2))
      assert.deepEqual(tree.consistencyProof(v.size1, v.size2), v.proof)
    })
    if (v.proof.length === 0) continue
    it(`${v.size1} → ${v.size2}: rejects every corruption probe`, () => {
      const probes = consistencyProbes({ name: 'ok', desc: 'ok', size1: v.size1, size2: v.size2, proof: v.proof, root1: root(v.size1), root2: root(v.size2) })
      assert.ok(probes.length >= 17)
      for (const p of probes) {
        assert.throws(() => verifyConsistency(h, p.size1, p.size2, p.proof, p.root1, p.root2), isProofError(), p.desc)
        assert.equal(isConsistencyValid(h, p.size1, p.size2, p.proof, p.root1, p.root2), false, p.desc)
      }
    })
  }

  // transparency-dev/merkle TestVerifyConsistency, with real hashes where the Go test uses
  // "don't care" strings (this verifier checks hash lengths).
  const [r1, r2, empty] = [root(1), root(2), h.emptyRoot()]
  const table: Array<{ size1: number; size2: number; root1: Uint8Array; root2: Uint8Array; proof: Uint8Array[]; code?: MerkleProofErrorCode }> = [
    { size1: 0, size2: 0, root1: r1, root2: r2, proof: [], code: 'MERKLE_ROOT_MISMATCH' },
    { size1: 1, size2: 1, root1: r1, root2: r2, proof: [], code: 'MERKLE_ROOT_MISMATCH' },
    { size1: 0, size2: 0, root1: empty, root2: empty, proof: [] },
    { size1: 0, size2: 1, root1: empty, root2: r1, proof: [] },
    { size1: 1, size2: 1, root1: r1, root2: r1, proof: [] },
    { size1: 0, size2: 1, root1: r1, root2: r1, proof: [], code: 'MERKLE_ROOT_MISMATCH' },
    { size1: 1, size2: 0, root1: r1, root2: r2, proof: [], code: 'MERKLE_SIZE_ORDER' },
    { size1: 2, size2: 1, root1: r1, root2: r2, proof: [], code: 'MERKLE_SIZE_ORDER' },
    { size1: 1, size2: 2, root1: r1, root2: r2, proof: [], code: 'MERKLE_PROOF_SIZE' },
    { size1: 0, size2: 0, root1: empty, root2: empty, proof: [empty], code: 'MERKLE_PROOF_SIZE' },
    { size1: 0, size2: 1, root1: empty, root2: r1, proof: [empty], code: 'MERKLE_PROOF_SIZE' },
    { size1: 1, size2: 1, root1: r1, root2: r1, proof: [empty], code: 'MERKLE_PROOF_SIZE' },
    { size1: -1, size2: 1, root1: r1, root2: r1, proof: [], code: 'MERKLE_BAD_SIZE' },
    { size1: 1, size2: 1.5, root1: r1, root2: r1, proof: [], code: 'MERKLE_BAD_SIZE' },
  ]
  for (const t of table) {
    it(`${t.size1} → ${t.size2} with ${t.proof.length} hashes: ${t.code ?? 'accepted'}`, () => {
      const run = () => verifyConsistency(h, t.size1, t.size2, t.proof, t.root1, t.root2)
      if (t.code === undefined) run()
      else assert.throws(run, isProofError(t.code))
    })
  }
})
