/**
 * Typed errors of the Merkle library. Codes are stable: callers and tests match on
 * `code`, never on the message text.
 */

/** Every code a Merkle function can throw, with its meaning. */
export const MERKLE_ERROR_CODES = {
  /** A size, index or option is not acceptable (negative, not a safe integer, unknown hash). */
  MERKLE_INVALID_ARGUMENT: 'an argument is out of its domain',
  /** A node reader did not return a hash for a node it was asked for. */
  MERKLE_NODE_MISSING: 'a node hash needed to build a proof is not available',
  /** An inclusion proof was checked for an index that is negative, not an integer or not below the tree size. */
  MERKLE_INDEX_OUT_OF_RANGE: 'the leaf index is not in [0, size)',
  /** A tree size given to a verifier is not a safe integer >= 0. */
  MERKLE_BAD_SIZE: 'a tree size is not a safe integer >= 0',
  /** A consistency proof was checked from a larger tree to a smaller one. */
  MERKLE_SIZE_ORDER: 'size1 is greater than size2',
  /** The proof has a different number of hashes than the sizes require. */
  MERKLE_PROOF_SIZE: 'the proof has the wrong number of hashes',
  /** A leaf hash, root hash or proof hash has a different length than the hash function's output. */
  MERKLE_HASH_SIZE: 'a hash has the wrong length',
  /** The root computed from the proof differs from the expected root. */
  MERKLE_ROOT_MISMATCH: 'the computed root differs from the expected root',
} as const

/** A stable error code of the Merkle library. */
export type MerkleErrorCode = keyof typeof MERKLE_ERROR_CODES

/** Codes that mean "this proof does not verify" rather than "the caller misused the API". */
export type MerkleProofErrorCode = Exclude<MerkleErrorCode, 'MERKLE_INVALID_ARGUMENT' | 'MERKLE_NODE_MISSING'>

/** Fields that make a Merkle error actionable: what was expected and what was found. */
export interface MerkleErrorDetails {
  /** The expected value (a hash as lower-case hex, a count, a bound). */
  readonly expected?: string | number
  /** The value found (a hash as lower-case hex, a count, an index). */
  readonly actual?: string | number
  /** The tree size at which a root mismatched, when relevant. */
  readonly size?: number
}

/**
 * Error thrown by Merkle tree functions; requires a code from `MERKLE_ERROR_CODES`.
 * Carries `expected` and `actual` so a failed check can be diagnosed without re-running it.
 */
export class MerkleError extends Error {
  readonly code: MerkleErrorCode
  readonly expected: string | number | undefined
  readonly actual: string | number | undefined
  readonly size: number | undefined

  constructor(code: MerkleErrorCode, message: string, details: MerkleErrorDetails = {}) {
    super(message)
    this.name = 'MerkleError'
    this.code = code
    this.expected = details.expected
    this.actual = details.actual
    this.size = details.size
  }
}

/**
 * Error thrown when an inclusion or consistency proof does not verify; requires a proof code.
 * Callers that only need a yes/no use the `is…Valid` functions, which never throw it.
 */
export class MerkleProofError extends MerkleError {
  declare readonly code: MerkleProofErrorCode

  constructor(code: MerkleProofErrorCode, message: string, details: MerkleErrorDetails = {}) {
    super(code, message, details)
    this.name = 'MerkleProofError'
  }
}
