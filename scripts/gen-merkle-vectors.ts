/**
 * Generates the ledger proof vectors under test/vectors/ledger/ from the slow RFC 6962
 * reference implementation (test/vectors/merkle-reference.ts), never from src/lib/merkle.
 *
 *   node --import tsx scripts/gen-merkle-vectors.ts            # rewrite the JSON files
 *   node --import tsx scripts/gen-merkle-vectors.ts --digest   # print the rolling digests
 *
 * Layout: <kind>/<size>/<case>-<mutation>.json, one verification per file, shaped like
 * transparency-dev/merkle testdata: { desc, hash, …inputs (base64 hashes), wantErr }.
 * `wantErr` comes from a reference oracle: a case is valid only if every input equals what
 * the reference computes for the same sizes over the same leaves.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  consistencyProbes,
  inclusionProbes,
  refConsistencyProof,
  refInclusionProof,
  refLeafData,
  refLeafHash,
  refRoot,
  referenceSource,
  rollingProofDigest,
  SOME_HASH,
  type ConsistencyCase,
  type InclusionCase,
  type RefHash,
} from '../test/vectors/merkle-reference.ts'

const ALG: RefHash = 'sha256'
/** Leaves "0".."63": enough for every size below and its doubling. */
const DATA = refLeafData(64)
/** Tree size → leaf indexes whose inclusion proofs are written. */
const INCLUSION_CASES: Record<number, number[]> = { 1: [0], 2: [1], 7: [2, 6], 8: [0, 5], 31: [13, 30] }
/** Tree size2 → size1 values whose consistency proofs are written. */
const CONSISTENCY_CASES: Record<number, number[]> = { 2: [1], 7: [3, 6], 8: [1, 6], 31: [8, 21] }

/** Where the vectors live, relative to the repository root. */
export const VECTORS_DIR = 'test/vectors/ledger'

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
const sameList = (a: readonly Uint8Array[], b: readonly Uint8Array[]) => a.length === b.length && a.every((x, i) => same(x, b[i]))
const inRange = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= DATA.length
const root = (size: number) => refRoot(ALG, DATA.slice(0, size))

/** Reference oracle: whether an inclusion case states a true fact about the reference tree. */
function inclusionHolds(c: InclusionCase): boolean {
  if (!inRange(c.size) || !Number.isSafeInteger(c.index) || c.index < 0 || c.index >= c.size) return false
  const data = DATA.slice(0, c.size)
  return same(c.leafHash, refLeafHash(ALG, data[c.index])) && same(c.root, refRoot(ALG, data)) && sameList(c.proof, refInclusionProof(ALG, c.index, data))
}

/** Reference oracle: whether a consistency case states a true fact about the reference tree. */
function consistencyHolds(c: ConsistencyCase): boolean {
  if (!inRange(c.size1) || !inRange(c.size2) || c.size1 > c.size2) return false
  const data = DATA.slice(0, c.size2)
  return same(c.root1, root(c.size1)) && same(c.root2, refRoot(ALG, data)) && sameList(c.proof, refConsistencyProof(ALG, c.size1, data))
}

function json(value: object): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

function inclusionFile(c: InclusionCase): string {
  return json({
    desc: c.desc,
    hash: ALG,
    leafIdx: c.index,
    treeSize: c.size,
    root: b64(c.root),
    leafHash: b64(c.leafHash),
    proof: c.proof.map(b64),
    wantErr: !inclusionHolds(c),
  })
}

function consistencyFile(c: ConsistencyCase): string {
  return json({
    desc: c.desc,
    hash: ALG,
    size1: c.size1,
    size2: c.size2,
    root1: b64(c.root1),
    root2: b64(c.root2),
    proof: c.proof.map(b64),
    wantErr: !consistencyHolds(c),
  })
}

/** Builds every vector file: relative path (under VECTORS_DIR) → file content. */
export function generateLedgerVectors(): Map<string, string> {
  const files = new Map<string, string>()
  const emptyRoot = refRoot(ALG, [])

  const addInclusion = (c: InclusionCase, size: number, index: number) => files.set(`inclusion/${size}/leaf${index}-${c.name}.json`, inclusionFile(c))
  for (const [size, indexes] of Object.entries(INCLUSION_CASES).map(([s, i]) => [Number(s), i] as const)) {
    for (const index of indexes) {
      const data = DATA.slice(0, size)
      const ok: InclusionCase = {
        name: 'happy-path',
        desc: 'happy path',
        index,
        size,
        leafHash: refLeafHash(ALG, data[index]),
        proof: refInclusionProof(ALG, index, data),
        root: refRoot(ALG, data),
      }
      for (const c of [ok, ...inclusionProbes(ok, emptyRoot)]) addInclusion(c, size, index)
    }
  }
  // No leaf exists in the empty tree.
  addInclusion({ name: 'empty-tree', desc: 'index 0 in the empty tree', index: 0, size: 0, leafHash: SOME_HASH, proof: [], root: emptyRoot }, 0, 0)

  // Files are filed under the sizes of the valid case a probe was derived from.
  const add = (c: ConsistencyCase, size1: number, size2: number) => files.set(`consistency/${size2}/from${size1}-${c.name}.json`, consistencyFile(c))
  for (const [size2, sizes1] of Object.entries(CONSISTENCY_CASES).map(([s, l]) => [Number(s), l] as const)) {
    for (const size1 of sizes1) {
      const ok: ConsistencyCase = {
        name: 'happy-path',
        desc: 'happy path',
        size1,
        size2,
        proof: refConsistencyProof(ALG, size1, DATA.slice(0, size2)),
        root1: root(size1),
        root2: root(size2),
      }
      for (const c of [ok, ...consistencyProbes(ok)]) add(c, size1, size2)
    }
  }
  // Trivial sizes: the proof must be empty and the roots must match.
  const edge = (size1: number, size2: number, name: string, desc: string, change: Partial<ConsistencyCase> = {}) =>
    add({ name, desc, size1, size2, proof: [], root1: root(size1), root2: root(size2), ...change }, size1, size2)
  edge(0, 7, 'happy-path', 'from the empty tree')
  edge(0, 7, 'wrong-root1', 'from the empty tree with a non-empty root1', { root1: SOME_HASH })
  edge(0, 7, 'non-empty-proof', 'from the empty tree with a proof', { proof: [root(7)] })
  edge(8, 8, 'happy-path', 'equal sizes')
  edge(8, 8, 'different-roots', 'equal sizes with different roots', { root2: root(7) })
  edge(8, 8, 'non-empty-proof', 'equal sizes with a proof', { proof: [root(8)] })
  edge(8, 7, 'size1-greater', 'size1 > size2', { root1: root(8), root2: root(7) })
  return files
}

function writeVectors(repoRoot: string): number {
  const base = join(repoRoot, VECTORS_DIR)
  for (const kind of ['inclusion', 'consistency']) rmSync(join(base, kind), { recursive: true, force: true })
  const files = generateLedgerVectors()
  for (const [path, content] of files) {
    mkdirSync(dirname(join(base, path)), { recursive: true })
    writeFileSync(join(base, path), content)
  }
  return files.size
}

/** Lists the vector JSON files present on disk, relative to VECTORS_DIR. */
export function listVectorFiles(repoRoot: string): string[] {
  const base = join(repoRoot, VECTORS_DIR)
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.json'))
    .map((p) => p.split('\\').join('/'))
    .sort()
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
  if (process.argv.includes('--digest')) {
    for (const alg of ['sha256', 'sm3'] as const) console.log(alg, rollingProofDigest(referenceSource(alg, 64), 64))
  } else {
    console.log(`wrote ${writeVectors(repoRoot)} files under ${VECTORS_DIR}`)
  }
}
