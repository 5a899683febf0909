/**
 * C2SP signed notes (signed-note), transparency-log checkpoints (tlog-checkpoint) and Ed25519
 * witness cosignatures (tlog-cosignature). Signing and verification are delegated to
 * caller-provided Signer/Verifier objects, so this library holds no key material; Ed25519
 * implementations on node:crypto are included for interop. The SM2 signer (type 0xff) is
 * supplied by the ledger module through the same interfaces.
 */
export { NOTE_ERROR_CODES, NoteError, type NoteErrorCode, type NoteErrorDetails } from './errors.ts'
export { decodeBase64, encodeBase64 } from './base64.ts'
export {
  SIGNATURE_TYPE,
  assertKeyName,
  computeKeyId,
  formatKeyId,
  formatVerifierKey,
  isValidKeyName,
  parseVerifierKey,
  type Signer,
  type Verifier,
  type VerifierKey,
} from './keys.ts'
export {
  formatSignedNote,
  openNote,
  parseSignedNote,
  signNote,
  type NoteOptions,
  type NoteSignature,
  type OpenedNote,
  type SignedNote,
} from './note.ts'
export { formatCheckpoint, openCheckpoint, parseCheckpoint, type Checkpoint, type CheckpointOptions } from './checkpoint.ts'
export {
  createEd25519Signer,
  createEd25519Verifier,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyBytes,
  ed25519PublicKeyFromBytes,
  ed25519Sign,
  ed25519VerifierKey,
  ed25519Verify,
} from './ed25519.ts'
export {
  cosignatureMessage,
  createEd25519CosignatureVerifier,
  createEd25519Cosigner,
  decodeCosignature,
  encodeCosignature,
  type Cosignature,
} from './cosignature.ts'
export { verifierFromKey } from './verifier-key.ts'
