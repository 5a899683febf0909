/**
 * Verifiers for RFC 9162 inclusion and consistency proofs (§2.1.3.2 and §2.1.4.2), following
 * the algorithms of transparency-dev/merkle `proof/verify.go`. Stricter than that code on
 * inputs: every hash must have the hasher's length, and a consistency check from size 0
 * requires root1 to be the empty-tree root.
 */
import { bitLength, isBitSet, isPowerOfTwo, popCount, shiftRight, trailingZeros, xor } from './bits.ts'
import { bytesEqual, toHex } from './bytes.ts'
import { MerkleError, MerkleProofError } from './errors.ts'
import type { Hasher } from './hasher.ts'

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleProofError('MERKLE_BAD_SIZE', `${name} must be a safe integer >= 0, got ${String(value)}`, {
      expected: 'safe integer >= 0',
      actual: String(value),
    })
  }
}

function checkHash(hasher: Hasher, name: string, hash: Uint8Array): void {
  if (!(hash instanceof Uint8Array) || hash.length !== hasher.size) {
    const actual = hash instanceof Uint8Array ? hash.length : -1
    throw new MerkleProofError('MERKLE_HASH_SIZE', `${name} has ${actual} bytes, want ${hasher.size}`, {
      expected: hasher.size,
      actual,
    })
  }
}

function checkProof(hasher: Hasher, proof: readonly Uint8Array[], want: number): void {
  if (!Array.isArray(proof) || proof.length !== want) {
    const actual = Array.isArray(proof) ? proof.length : -1
    throw new MerkleProofError('MERKLE_PROOF_SIZE', `proof has ${actual} hashes, want ${want}`, {
      expected: want,
      actual,
    })
  }
  proof.forEach((hash, i) => checkHash(hasher, `proof[${i}]`, hash))
}

function checkRoot(computed: Uint8Array, expected: Uint8Array, size: number): void {
  if (!bytesEqual(computed, expected)) {
    throw new MerkleProofError('MERKLE_ROOT_MISMATCH', `root at size ${size} mismatched`, {
      expected: toHex(expected),
      actual: toHex(computed),
      size,
    })
  }
}

/**
 * Splits the inclusion proof of leaf `index` in a tree of `size` into its inner part (below
 * the point where the paths to `index` and `size - 1` diverge) and its border part (left
 * siblings on the right border above it). Their sum is the proof length.
 */
function decompose(index: number, size: number): { inner: number; border: number } {
  const inner = bitLength(xor(index, size - 1))
  return { inner, border: popCount(shiftRight(index, inner)) }
}

/** Hashes `seed` up through proof[from, from+count), taking sides from the bits of `index`. */
function chainInner(h: Hasher, seed: Uint8Array, proof: readonly Uint8Array[], from: number, count: number, index: number): Uint8Array {
  let hash = seed
  for (let i = 0; i < count; i++) {
    const sibling = proof[from + i]
    hash = isBitSet(index, i) ? h.hashChildren(sibling, hash) : h.hashChildren(hash, sibling)
  }
  return hash
}

/** Like chainInner but uses only left siblings: the result is the older, smaller subtree. */
function chainInnerRight(h: Hasher, seed: Uint8Array, proof: readonly Uint8Array[], from: number, count: number, index: number): Uint8Array {
  let hash = seed
  for (let i = 0; i < count; i++) {
    if (isBitSet(index, i)) hash = h.hashChildren(proof[from + i], hash)
  }
  return hash
}

/** Hashes `seed` with the left-side border siblings proof[from, end). */
function chainBorderRight(h: Hasher, seed: Uint8Array, proof: readonly Uint8Array[], from: number): Uint8Array {
  let hash = seed
  for (let i = from; i < proof.length; i++) hash = h.hashChildren(proof[i], hash)
  return hash
}

/**
 * Computes the root implied by an inclusion proof for leaf `index` in a tree of `size`.
 * Requires 0 <= index < size, a leaf hash and proof hashes of `hasher.size` bytes and the exact
 * proof length; throws MerkleProofError otherwise. Never compares against any root.
 */
export function rootFromInclusionProof(
  hasher: Hasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  checkSize('size', size)
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new MerkleProofError('MERKLE_INDEX_OUT_OF_RANGE', `index ${String(index)} is not in [0, ${size})`, {
      expected: `[0, ${size})`,
      actual: String(index),
    })
  }
  checkHash(hasher, 'leafHash', leafHash)
  const { inner, border } = decompose(index, size)
  checkProof(hasher, proof, inner + border)
  return chainBorderRight(hasher, chainInner(hasher, leafHash, proof, 0, inner, index), proof, inner)
}

/**
 * Verifies an inclusion proof for leaf `index` in a tree of `size` with root `root`.
 * Requires 0 <= index < size. Throws MerkleProofError (with expected/actual) on any failure;
 * returns nothing on success.
 */
export function verifyInclusion(
  hasher: Hasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(hasher, 'root', root)
  checkRoot(rootFromInclusionProof(hasher, index, size, leafHash, proof), root, size)
}

/**
 * Verifies a consistency proof between a tree of `size1` with `root1` and a tree of `size2`
 * with `root2`. Requires 0 <= size1 <= size2; for size1 == size2 or size1 == 0 the proof must
 * be empty. Throws MerkleProofError on any failure; returns nothing on success.
 */
export function verifyConsistency(
  hasher: Hasher,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkSize('size1', size1)
  checkSize('size2', size2)
  if (size1 > size2) {
    throw new MerkleProofError('MERKLE_SIZE_ORDER', `size1 ${size1} > size2 ${size2}`, {
      expected: `<= ${size2}`,
      actual: size1,
    })
  }
  checkHash(hasher, 'root1', root1)
  checkHash(hasher, 'root2', root2)
  if (size1 === size2) {
    checkProof(hasher, proof, 0)
    checkRoot(root1, root2, size2)
    return
  }
  if (size1 === 0) {
    // Every tree extends the empty tree; only root1 itself can be wrong.
    checkProof(hasher, proof, 0)
    checkRoot(root1, hasher.emptyRoot(), 0)
    return
  }
  // 0 < size1 < size2. The proof is the inclusion proof of the last complete subtree of
  // size1 (at level `shift`) in size2, prefixed by that subtree's hash unless it is root1.
  const decomposed = decompose(size1 - 1, size2)
  const shift = trailingZeros(size1)
  const inner = decomposed.inner - shift
  const start = isPowerOfTwo(size1) ? 0 : 1
  checkProof(hasher, proof, start + inner + decomposed.border)
  const seed = start === 0 ? root1 : proof[0]
  const mask = shiftRight(size1 - 1, shift)
  const hash1 = chainInnerRight(hasher, seed, proof, start, inner, mask)
  checkRoot(chainBorderRight(hasher, hash1, proof, start + inner), root1, size1)
  const hash2 = chainInner(hasher, seed, proof, start, inner, mask)
  checkRoot(chainBorderRight(hasher, hash2, proof, start + inner), root2, size2)
}

function holds(check: () => void): boolean {
  try {
    check()
    return true
  } catch (err) {
    if (err instanceof MerkleError) return false
    throw err
  }
}

/** Boolean form of verifyInclusion: never throws a MerkleError; returns whether the proof verifies. */
export function isInclusionValid(
  hasher: Hasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return holds(() => verifyInclusion(hasher, index, size, leafHash, proof, root))
}

/** Boolean form of verifyConsistency: never throws a MerkleError; returns whether the proof verifies. */
export function isConsistencyValid(
  hasher: Hasher,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  return holds(() => verifyConsistency(hasher, size1, size2, proof, root1, root2))
}
