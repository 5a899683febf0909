import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { generateLedgerVectors, listVectorFiles, VECTORS_DIR } from '../../scripts/gen-merkle-vectors.ts'
import { MerkleProofError, getHasher, isConsistencyValid, isInclusionValid, verifyConsistency, verifyInclusion, type HashName } from '../../src/lib/merkle/index.ts'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const files = listVectorFiles(REPO)
const fromB64 = (s: string) => Uint8Array.from(Buffer.from(s, 'base64'))

interface Vector {
  desc: string
  hash: HashName
  wantErr: boolean
  proof: string[]
  leafIdx?: number
  treeSize?: number
  root?: string
  leafHash?: string
  size1?: number
  size2?: number
  root1?: string
  root2?: string
}

function check(path: string, v: Vector): void {
  const hasher = getHasher(v.hash)
  const proof = v.proof.map(fromB64)
  let run: () => void
  let valid: boolean
  if (path.startsWith('inclusion/')) {
    const args = [hasher, v.leafIdx!, v.treeSize!, fromB64(v.leafHash!), proof, fromB64(v.root!)] as const
    run = () => verifyInclusion(...args)
    valid = isInclusionValid(...args)
  } else {
    const args = [hasher, v.size1!, v.size2!, proof, fromB64(v.root1!), fromB64(v.root2!)] as const
    run = () => verifyConsistency(...args)
    valid = isConsistencyValid(...args)
  }
  assert.equal(valid, !v.wantErr, `${path}: ${v.desc}`)
  if (v.wantErr) assert.throws(run, MerkleProofError, `${path}: ${v.desc}`)
  else run()
}

describe(`ledger vectors (${VECTORS_DIR})`, () => {
  it('are current: the files on disk are exactly what the generator writes', () => {
    const generated = generateLedgerVectors()
    assert.deepEqual(files, [...generated.keys()].sort())
    for (const [path, content] of generated) {
      assert.equal(readFileSync(join(REPO, VECTORS_DIR, path), 'utf8'), content, `${path} is stale; run scripts/gen-merkle-vectors.ts`)
    }
  })

  it('cover both kinds, several sizes and the corruption probes', () => {
    assert.ok(files.length >= 250 && files.length <= 400, `${files.length} files`)
    for (const kind of ['inclusion', 'consistency']) {
      const sizes = new Set(files.filter((f) => f.startsWith(`${kind}/`)).map((f) => f.split('/')[1]))
      for (const size of ['2', '7', '8', '31']) assert.ok(sizes.has(size), `${kind}/${size}`)
    }
    const names = new Set(files.map((f) => f.replace(/^.*\/(leaf|from)\d+-/, '')))
    for (const n of ['happy-path.json', 'index-plus-1.json', 'size-times-2.json', 'flip-proof-0-bit-3.json', 'swapped-roots.json', 'empty-proof.json', 'truncated-proof.json', 'trailing-garbage.json']) {
      assert.ok(names.has(n), n)
    }
  })

  it('every mutation is an error and every happy path verifies', () => {
    for (const path of files) {
      const v = JSON.parse(readFileSync(join(REPO, VECTORS_DIR, path), 'utf8')) as Vector
      assert.equal(v.wantErr, !path.endsWith('-happy-path.json'), path)
    }
  })

  for (const path of files) {
    it(path, () => check(path, JSON.parse(readFileSync(join(REPO, VECTORS_DIR, path), 'utf8')) as Vector))
  }
})
