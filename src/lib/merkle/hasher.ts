/**
 * RFC 9162 / RFC 6962 tree hashing with domain separation: a leaf hashes as H(0x00 ‖ data),
 * an interior node as H(0x01 ‖ left ‖ right), and the empty tree as H(""). The leaf/node
 * prefixes stop a leaf from being passed off as an interior node (second-preimage attack).
 */
import * as nodeCrypto from 'node:crypto'
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

// One-shot hashing (Node >= 20.12) costs about a third of createHash/update/digest for the
// 65-byte node input, the hot path of every append and proof; older Nodes fall back.
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'buffer') => Buffer }).hash

function digestOf(algorithm: HashName, data: Uint8Array | string): Uint8Array {
  const out = oneShot ? oneShot(algorithm, data, 'buffer') : nodeCrypto.createHash(algorithm).update(data).digest()
  // A plain Uint8Array view (not a Buffer) so callers can compare and keep it.
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}

function buildHasher(name: HashName): Hasher {
  const empty = digestOf(name, new Uint8Array(0))
  const size = empty.length
  // Scratch input of a node hash: 0x01 ‖ left ‖ right, reused (hashing is synchronous).
  const node = new Uint8Array(1 + 2 * size)
  node[0] = 0x01
  return Object.freeze({
    name,
    size,
    hashLeaf: (data: Uint8Array) => {
      const input = new Uint8Array(1 + data.length)
      input.set(data, 1)
      return digestOf(name, input)
    },
    hashChildren: (left: Uint8Array, right: Uint8Array) => {
      if (left.length !== size || right.length !== size) return digestOf(name, Buffer.concat([node.subarray(0, 1), left, right]))
      node.set(left, 1)
      node.set(right, 1 + size)
      return digestOf(name, node)
    },
    emptyRoot: () => empty.slice(),
  })
}

/**
 * The leaf hash H(0x00 ‖ UTF-8(text)) of a leaf given as text, without building its bytes
 * first (the sequencer's path: leaves are canonical JSON text). Same result as
 * `hasher.hashLeaf(new TextEncoder().encode(text))`.
 */
export function hashLeafText(hasher: Hasher, text: string): Uint8Array {
  return digestOf(hasher.name, `\u0000${text}`)
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
