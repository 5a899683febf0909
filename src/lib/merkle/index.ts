/**
 * RFC 9162 / RFC 6962 Merkle trees for the ledger: hashing with domain separation (SM3 by
 * default, SHA-256 selectable), roots, inclusion and consistency proofs, their verifiers,
 * and the append/node-store plumbing that lets a log persist interior hashes by (level, index).
 * Pure code: no I/O, no dependency outside node:crypto.
 */
export { SHA256_HASHER, SM3_HASHER, getHasher, hashLeafText, type HashName, type Hasher } from './hasher.ts'
export {
  MERKLE_ERROR_CODES,
  MerkleError,
  MerkleProofError,
  type MerkleErrorCode,
  type MerkleErrorDetails,
  type MerkleProofErrorCode,
} from './errors.ts'
export {
  isConsistencyValid,
  isInclusionValid,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify.ts'
export {
  assembleProof,
  assembleRoot,
  consistencyProofNodes,
  inclusionProofNodes,
  rangeNodes,
  rootNodes,
  type NodeId,
  type ProofPlan,
} from './plan.ts'
export { consistencyProof, inclusionProof, rootAt, type NodeReader } from './proof.ts'
export {
  EMPTY_FRONTIER,
  appendLeaves,
  frontierNodes,
  frontierRoot,
  rootFromLeafHashes,
  type Frontier,
  type StoredNode,
} from './append.ts'
export { MemoryTree } from './memory-tree.ts'
