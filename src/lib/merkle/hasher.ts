/**
 * RFC 9162 / RFC 6962 tree hashing with domain separation: a leaf hashes as H(0x00 ‖ data),
 * an interior node as H(0x01 ‖ left ‖ right), and the empty tree as H(""). The leaf/node
 * prefixes stop a leaf from being passed off as an interior node (second-preimage attack).
 */
import { createHash } from 'node:crypto'
import { MerkleError } from './errors.ts'

/** Names of the hash functions a log can be built on. SM3 is the default (GB/T 32905). */
export type HashName = 'sm3' | 'sha256'

/** The hash function of a Merkle tree, with RFC 6962 domain separation built in. */
export interface Hasher {
  /** The underlying hash function. */
  readonly name: HashName
  /** Output length in bytes (32 for both SM3 and SHA-256). */
  readonly size: number
  /** Hash of a leaf: H(0x00 ‖ data). */
  hashLeaf(data: Uint8Array): Uint8Array
  /** Hash of an interior node: H(0x01 ‖ left ‖ right). Never checks input lengths. */
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array
  /** Root of the empty tree: H(""). Returns a fresh copy on every call. */
  emptyRoot(): Uint8Array
}

const LEAF_PREFIX = new Uint8Array([0x00])
const NODE_PREFIX = new Uint8Array([0x01])

function digest(algorithm: HashName, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(algorithm)
  for (const part of parts) h.update(part)
  // Copy out of the Buffer so callers get a plain Uint8Array they can compare and keep.
  return new Uint8Array(h.digest())
}

function buildHasher(name: HashName): Hasher {
  const empty = digest(name)
  return Object.freeze({
    name,
    size: empty.length,
    hashLeaf: (data: Uint8Array) => digest(name, LEAF_PREFIX, data),
    hashChildren: (left: Uint8Array, right: Uint8Array) => digest(name, NODE_PREFIX, left, right),
    emptyRoot: () => empty.slice(),
  })
}

/** The SM3 Merkle hasher (the platform default). Requires a Node build with SM3 in OpenSSL. */
export const SM3_HASHER: Hasher = buildHasher('sm3')

/** The SHA-256 Merkle hasher, as used by Certificate Transparency and C2SP tlogs. */
export const SHA256_HASHER: Hasher = buildHasher('sha256')

/**
 * Returns the Merkle hasher for a hash name; requires 'sm3' or 'sha256' (default 'sm3').
 * Throws MERKLE_INVALID_ARGUMENT for any other name.
 */
export function getHasher(name: HashName = 'sm3'): Hasher {
  if (name === 'sm3') return SM3_HASHER
  if (name === 'sha256') return SHA256_HASHER
  throw new MerkleError('MERKLE_INVALID_ARGUMENT', `unknown hash ${String(name)}, want sm3 or sha256`, {
    expected: 'sm3 | sha256',
    actual: String(name),
  })
}
