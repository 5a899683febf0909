/** Builds a Verifier from a verifier key string for the signature types this library implements. */
import { createEd25519CosignatureVerifier } from './cosignature.ts'
import { createEd25519Verifier } from './ed25519.ts'
import { NoteError } from './errors.ts'
import { SIGNATURE_TYPE, parseVerifierKey, type Verifier } from './keys.ts'

/**
 * Decodes a verifier key and returns its Verifier. Supports Ed25519 (0x01) and Ed25519
 * cosignatures (0x04); throws NOTE_UNSUPPORTED_KEY_TYPE for other types (SM2 keys, type 0xff,
 * are verified by the crypto module: use parseVerifierKey and wrap its verify call).
 */
export function verifierFromKey(vkey: string): Verifier {
  const key = parseVerifierKey(vkey)
  if (key.keyType === SIGNATURE_TYPE.ED25519) return createEd25519Verifier(key.name, key.publicKey)
  if (key.keyType === SIGNATURE_TYPE.COSIGNATURE_V1) return createEd25519CosignatureVerifier(key.name, key.publicKey)
  throw new NoteError('NOTE_UNSUPPORTED_KEY_TYPE', `signature type 0x${key.keyType.toString(16).padStart(2, '0')} is not supported here`, {
    expected: '0x01 or 0x04',
    actual: key.keyType,
  })
}
