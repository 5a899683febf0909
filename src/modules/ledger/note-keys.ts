/**
 * SM2 signed-note keys (signature type 0xff followed by the identifier `sm2/v1`): the log's
 * national-crypto checkpoint signature. The signature is raw r‖s (64 bytes) over the note
 * text, with e = SM3(Z_A ‖ text) and the default user ID "1234567812345678" (GB/T 32918.2).
 * Verification is pure (lib/crypto), so receipts verify offline; signing goes through the
 * crypto module, which alone holds the private key.
 */
import { sm2Verify } from '../../lib/crypto/index.ts'
import {
  SIGNATURE_TYPE, NoteError, computeKeyId, formatVerifierKey, parseVerifierKey, verifierFromKey,
  type Signer, type Verifier,
} from '../../lib/note/index.ts'

/** The signature type bytes of an SM2 note key: 0xff ‖ "sm2/v1". */
export const SM2_NOTE_TYPE: Uint8Array = Uint8Array.of(0xff, ...new TextEncoder().encode('sm2/v1'))
const IDENTIFIER = SM2_NOTE_TYPE.subarray(1)

/** Signs bytes with the log's SM2 key: the crypto module's `sign(keyId, message, { format: 'raw' })`. */
export type Sm2SignFunction = (message: Uint8Array) => Promise<Uint8Array>

/** Creates the note Signer of an SM2 key named `name` with the 65-byte public key `publicKey`. */
export function createSm2NoteSigner(name: string, publicKey: Uint8Array, sign: Sm2SignFunction): Signer {
  return { name, keyId: computeKeyId(name, SM2_NOTE_TYPE, publicKey), sign }
}

/** Creates the note Verifier of an SM2 key; its verify() returns false on any malformed input. */
export function createSm2NoteVerifier(name: string, publicKey: Uint8Array): Verifier {
  return {
    name,
    keyId: computeKeyId(name, SM2_NOTE_TYPE, publicKey),
    verify(message, signature) {
      if (signature.length !== 64) return false
      try {
        return sm2Verify(publicKey, message, signature, { format: 'raw' })
      } catch {
        return false
      }
    },
  }
}

/** Encodes the verifier key of an SM2 note key: `<name>+<key ID>+base64(0xff ‖ "sm2/v1" ‖ 04‖x‖y)`. */
export function sm2VerifierKey(name: string, publicKey: Uint8Array): string {
  return formatVerifierKey(name, SM2_NOTE_TYPE, publicKey)
}

/**
 * Builds a Verifier from any verifier key this platform uses: Ed25519 (0x01), Ed25519
 * cosignature (0x04) and SM2 (0xff ‖ sm2/v1). Throws NoteError for a malformed or unknown key.
 */
export function verifierFromAnyKey(vkey: string): Verifier {
  const key = parseVerifierKey(vkey.trim())
  if (key.keyType !== SIGNATURE_TYPE.UNASSIGNED) return verifierFromKey(vkey.trim())
  const id = key.publicKey.subarray(0, IDENTIFIER.length)
  if (!Buffer.from(id).equals(Buffer.from(IDENTIFIER)) || key.publicKey.length !== IDENTIFIER.length + 65) {
    throw new NoteError('NOTE_UNSUPPORTED_KEY_TYPE', 'a 0xff key must be sm2/v1 followed by a 65-byte public key', { expected: 'sm2/v1', actual: key.publicKey.length })
  }
  return createSm2NoteVerifier(key.name, key.publicKey.slice(IDENTIFIER.length))
}
