/**
 * Slow reference Merkle tree: a literal transcription of the recursive definitions in
 * RFC 6962 §2.1 (MTH, PATH, SUBPROOF), with its own hashing straight from node:crypto.
 * It shares no code with src/lib/merkle on purpose: the fast code is checked against it.
 * Test-only; quadratic-ish time, fine for trees of a few hundred leaves.
 */
import { createHash } from 'node:crypto'

/** Hash functions the reference knows. */
export type RefHash = 'sha256' | 'sm3'

function h(alg: RefHash, ...parts: Uint8Array[]): Uint8Array {
  const hash = createHash(alg)
  for (const p of parts) hash.update(p)
  return new Uint8Array(hash.digest())
}

/** RFC 6962: leaf hash = HASH(0x00 || d). */
export function refLeafHash(alg: RefHash, data: Uint8Array): Uint8Array {
  return h(alg, Uint8Array.of(0), data)
}

/** RFC 6962: interior node = HASH(0x01 || left || right). */
export function refNodeHash(alg: RefHash, left: Uint8Array, right: Uint8Array): Uint8Array {
  return h(alg, Uint8Array.of(1), left, right)
}

/** The largest power of two strictly smaller than n; requires n >= 2. */
export function refSplit(n: number): number {
  if (n < 2) throw new Error(`refSplit requires n >= 2, got ${n}`)
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** MTH(D[n]): the Merkle tree hash of the leaf data list `d`. */
export function refRoot(alg: RefHash, d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return h(alg)
  if (d.length === 1) return refLeafHash(alg, d[0])
  const k = refSplit(d.length)
  return refNodeHash(alg, refRoot(alg, d.slice(0, k)), refRoot(alg, d.slice(k)))
}

/** PATH(m, D[n]): the inclusion proof of leaf m; [] for a single leaf or m out of range. */
export function refInclusionProof(alg: RefHash, m: number, d: readonly Uint8Array[]): Uint8Array[] {
  const n = d.length
  if (n <= 1 || m < 0 || m >= n) return []
  const k = refSplit(n)
  if (m < k) return [...refInclusionProof(alg, m, d.slice(0, k)), refRoot(alg, d.slice(k))]
  return [...refInclusionProof(alg, m - k, d.slice(k)), refRoot(alg, d.slice(0, k))]
}

/** SUBPROOF(m, D[n], b) from RFC 6962 §2.1.2. */
function refSubproof(alg: RefHash, m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length
  if (m === n) return b ? [] : [refRoot(alg, d)]
  const k = refSplit(n)
  if (m <= k) return [...refSubproof(alg, m, d.slice(0, k), b), refRoot(alg, d.slice(k))]
  return [...refSubproof(alg, m - k, d.slice(k), false), refRoot(alg, d.slice(0, k))]
}

/** PROOF(m, D[n]): the consistency proof from size m to size n = d.length; [] for m = 0 or m = n. */
export function refConsistencyProof(alg: RefHash, m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (m <= 0 || m >= d.length) return []
  return refSubproof(alg, m, d, true)
}

/** Deterministic leaf data for generated trees: the ASCII decimal of the index, as in transparency-dev/merkle. */
export function refLeafData(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => new TextEncoder().encode(String(i)))
}

/** The eight leaves of the RFC 6962 test vectors (transparency-dev/merkle `testonly`). */
export const RFC6962_LEAVES_HEX = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']

/** Encodes a number as 8 big-endian bytes (for digest framing). */
function u64(n: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n))
  return out
}

/** A proof source the rolling digest walks: the reference or the fast implementation. */
export interface ProofSource {
  inclusion(index: number, size: number): readonly Uint8Array[]
  consistency(size1: number, size2: number): readonly Uint8Array[]
  root(size: number): Uint8Array
}

/**
 * Rolling digest (SHA-256) over every root, inclusion proof and consistency proof of the
 * trees of sizes 1..maxSize built from `refLeafData(maxSize)`. Each record is framed by a tag
 * and its sizes, so two sources agree only if every proof agrees hash for hash.
 */
export function rollingProofDigest(source: ProofSource, maxSize: number): string {
  const digest = createHash('sha256')
  const tag = (s: string) => digest.update(new TextEncoder().encode(s))
  for (let size = 1; size <= maxSize; size++) {
    tag('root')
    digest.update(u64(size))
    digest.update(source.root(size))
    for (let index = 0; index < size; index++) {
      const proof = source.inclusion(index, size)
      tag('incl')
      for (const n of [index, size, proof.length]) digest.update(u64(n))
      for (const node of proof) digest.update(node)
    }
    for (let size1 = 1; size1 <= size; size1++) {
      const proof = source.consistency(size1, size)
      tag('cons')
      for (const n of [size1, size, proof.length]) digest.update(u64(n))
      for (const node of proof) digest.update(node)
    }
  }
  return digest.digest('hex')
}

/** The reference implementation as a ProofSource over `refLeafData(maxSize)`. */
export function referenceSource(alg: RefHash, maxSize: number): ProofSource {
  const data = refLeafData(maxSize)
  return {
    inclusion: (index, size) => refInclusionProof(alg, index, data.slice(0, size)),
    consistency: (size1, size2) => refConsistencyProof(alg, size1, data.slice(0, size2)),
    root: (size) => refRoot(alg, data.slice(0, size)),
  }
}

/** Inputs of one inclusion verification, as in transparency-dev/merkle's probes. */
export interface InclusionCase {
  readonly name: string
  readonly desc: string
  readonly index: number
  readonly size: number
  readonly leafHash: Uint8Array
  readonly proof: readonly Uint8Array[]
  readonly root: Uint8Array
}

/** Inputs of one consistency verification. */
export interface ConsistencyCase {
  readonly name: string
  readonly desc: string
  readonly size1: number
  readonly size2: number
  readonly proof: readonly Uint8Array[]
  readonly root1: Uint8Array
  readonly root2: Uint8Array
}

/** A hash-sized value that is no node of any test tree (transparency-dev/merkle's `sha256SomeHash`). */
export const SOME_HASH = Uint8Array.from(Buffer.from('abacaba000000000000000000000000000000000000000000060061e00123456', 'hex'))

const ascii = (s: string) => new TextEncoder().encode(s)

function flipBit(proof: readonly Uint8Array[], i: number, mask: number): Uint8Array[] {
  return proof.map((node, j) => {
    if (j !== i) return node
    const copy = node.slice()
    copy[0] ^= mask
    return copy
  })
}

/**
 * The corruption probes of transparency-dev/merkle `proof/verify_test.go` for a valid
 * inclusion case: wrong index, wrong height, wrong leaf or root, garbage before or after the
 * proof, a flipped bit in each proof node, a removed and an inserted node. All must fail.
 */
export function inclusionProbes(ok: InclusionCase, emptyRoot: Uint8Array): InclusionCase[] {
  const { index, size, proof, root } = ok
  const probe = (name: string, desc: string, change: Partial<InclusionCase>): InclusionCase => ({ ...ok, name, desc, ...change })
  const out = [
    probe('index-minus-1', 'leafIndex - 1', { index: index - 1 }),
    probe('index-plus-1', 'leafIndex + 1', { index: index + 1 }),
    probe('index-xor-2', 'leafIndex ^ 2', { index: index ^ 2 }),
    probe('size-times-2', 'treeSize * 2', { size: size * 2 }),
    probe('size-div-2', 'treeSize / 2', { size: Math.floor(size / 2) }),
    probe('wrong-leaf', 'wrong leaf', { leafHash: ascii('WrongLeaf') }),
    probe('empty-root', 'empty root', { root: emptyRoot }),
    probe('random-root', 'random root', { root: SOME_HASH }),
    probe('trailing-garbage', 'trailing garbage', { proof: [...proof, new Uint8Array(0)] }),
    probe('trailing-root', 'trailing root', { proof: [...proof, root] }),
    probe('preceding-garbage', 'preceding garbage', { proof: [new Uint8Array(0), ...proof] }),
    probe('preceding-root', 'preceding root', { proof: [root, ...proof] }),
  ]
  proof.forEach((_, i) => out.push(probe(`flip-proof-${i}-bit-3`, `modified proof[${i}] bit 3`, { proof: flipBit(proof, i, 8) })))
  if (proof.length > 0) out.push(probe('removed-component', 'removed component', { proof: proof.slice(0, -1) }))
  if (proof.length > 1) {
    out.push(probe('inserted-component', 'inserted component', { proof: [proof[0], SOME_HASH, ...proof.slice(1)] }))
  }
  return out
}

/**
 * The corruption probes of transparency-dev/merkle `proof/verify_test.go` for a valid,
 * non-empty consistency case: wrong sizes, wrong or swapped roots, an empty proof, garbage
 * before or after, a truncated proof and a flipped bit in each node. All must fail.
 */
export function consistencyProbes(ok: ConsistencyCase): ConsistencyCase[] {
  const { size1, size2, proof, root1, root2 } = ok
  const probe = (name: string, desc: string, change: Partial<ConsistencyCase>): ConsistencyCase => ({ ...ok, name, desc, ...change })
  const out = [
    probe('size1-minus-1', 'size1 - 1', { size1: size1 - 1 }),
    probe('size1-plus-1', 'size1 + 1', { size1: size1 + 1 }),
    probe('size1-xor-2', 'size1 ^ 2', { size1: size1 ^ 2 }),
    probe('size2-times-2', 'size2 * 2', { size2: size2 * 2 }),
    probe('size2-div-2', 'size2 / 2', { size2: Math.floor(size2 / 2) }),
    probe('wrong-root1', 'wrong root1', { root1: ascii('WrongRoot') }),
    probe('wrong-root2', 'wrong root2', { root2: ascii('WrongRoot') }),
    probe('swapped-roots', 'swapped roots', { root1: root2, root2: root1 }),
    probe('empty-proof', 'empty proof', { proof: [] }),
    probe('trailing-garbage', 'trailing garbage', { proof: [...proof, new Uint8Array(0)] }),
    probe('trailing-root1', 'trailing root1', { proof: [...proof, root1] }),
    probe('trailing-root2', 'trailing root2', { proof: [...proof, root2] }),
    probe('preceding-garbage', 'preceding garbage', { proof: [new Uint8Array(0), ...proof] }),
    probe('preceding-root1', 'preceding root1', { proof: [root1, ...proof] }),
    probe('preceding-root2', 'preceding root2', { proof: [root2, ...proof] }),
    probe('preceding-proof-0', 'preceding proof[0]', { proof: [proof[0], ...proof] }),
  ]
  if (proof.length > 0) out.push(probe('truncated-proof', 'truncated proof', { proof: proof.slice(0, -1) }))
  proof.forEach((_, i) => out.push(probe(`flip-proof-${i}-bit-4`, `modified proof[${i}] bit 4`, { proof: flipBit(proof, i, 16) })))
  return out
}
