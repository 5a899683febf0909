/**
 * Witness cosignatures, Ed25519 flavour (c2sp.org/tlog-cosignature, signature type 0x04).
 * The signed message is `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint text;
 * the note signature is an 8-byte big-endian POSIX timestamp followed by the 64-byte signature.
 */
import type { KeyObject } from 'node:crypto'
import { ed25519PublicKeyBytes, ed25519PublicKeyFromBytes, ed25519Sign, ed25519Verify } from './ed25519.ts'
import { NoteError } from './errors.ts'
import { SIGNATURE_TYPE, computeKeyId, type Signer, type Verifier } from './keys.ts'

/** A decoded cosignature: when it was made and the Ed25519 signature. */
export interface Cosignature {
  /** POSIX timestamp (seconds) at which the cosigner signed. */
  readonly timestamp: number
  /** 64-byte Ed25519 signature over cosignatureMessage(timestamp, text). */
  readonly signature: Uint8Array
}

const HEADER = 'cosignature/v1\n'

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new NoteError('NOTE_BAD_COSIGNATURE', `timestamp must be an integer >= 0, got ${timestamp}`, {
      expected: 'safe integer >= 0',
      actual: String(timestamp),
    })
  }
}

/**
 * Builds the cosignature/v1 signed message for a checkpoint text. Requires an integer
 * timestamp >= 0 and text ending in a newline (the whole checkpoint body, extensions included).
 */
export function cosignatureMessage(timestamp: number, checkpointText: string): string {
  checkTimestamp(timestamp)
  if (!checkpointText.endsWith('\n')) throw new NoteError('NOTE_MISSING_FINAL_NEWLINE', 'checkpoint text must end with a newline')
  return `${HEADER}time ${timestamp}\n${checkpointText}`
}

/** The signed message as bytes: the header lines followed by the UTF-8 checkpoint text, unchanged. */
function signedBytes(timestamp: number, text: Uint8Array): Uint8Array {
  checkTimestamp(timestamp)
  const header = new TextEncoder().encode(`${HEADER}time ${timestamp}\n`)
  const out = new Uint8Array(header.length + text.length)
  out.set(header)
  out.set(text, header.length)
  return out
}

/** Encodes a cosignature as note signature bytes: timestamp (u64 big-endian) ‖ signature. */
export function encodeCosignature(cosignature: Cosignature): Uint8Array {
  checkTimestamp(cosignature.timestamp)
  if (cosignature.signature.length !== 64) {
    throw new NoteError('NOTE_BAD_COSIGNATURE', `signature has ${cosignature.signature.length} bytes`, { expected: 64, actual: cosignature.signature.length })
  }
  const out = new Uint8Array(72)
  new DataView(out.buffer).setBigUint64(0, BigInt(cosignature.timestamp))
  out.set(cosignature.signature, 8)
  return out
}

/**
 * Decodes note signature bytes (after the key ID) as a cosignature. Requires exactly 72 bytes
 * and a timestamp within the safe-integer range; throws NOTE_BAD_COSIGNATURE otherwise.
 */
export function decodeCosignature(bytes: Uint8Array): Cosignature {
  if (bytes.length !== 72) {
    throw new NoteError('NOTE_BAD_COSIGNATURE', `cosignature has ${bytes.length} bytes`, { expected: 72, actual: bytes.length })
  }
  const timestamp = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0)
  // The spec caps timestamps at 2^63 - 1; a safe integer (year ~285 million) is stricter.
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new NoteError('NOTE_BAD_COSIGNATURE', 'cosignature timestamp out of range', { expected: `<= ${Number.MAX_SAFE_INTEGER}`, actual: timestamp.toString() })
  }
  return { timestamp: Number(timestamp), signature: bytes.slice(8) }
}

/**
 * Creates a cosigner Signer (type 0x04) for witness `name`; requires an Ed25519 private
 * KeyObject and a clock returning POSIX seconds (the clock port, never Date.now here).
 */
export function createEd25519Cosigner(name: string, privateKey: KeyObject, now: () => number): Signer {
  const keyId = computeKeyId(name, SIGNATURE_TYPE.COSIGNATURE_V1, ed25519PublicKeyBytes(privateKey))
  return {
    name,
    keyId,
    sign(message) {
      const timestamp = Math.floor(now())
      return encodeCosignature({ timestamp, signature: ed25519Sign(privateKey, signedBytes(timestamp, message)) })
    },
  }
}

/**
 * Creates a cosignature Verifier (type 0x04) for witness `name` from a 32-byte Ed25519 public
 * key. Its verify() returns false for malformed cosignatures; it never throws.
 */
export function createEd25519CosignatureVerifier(name: string, publicKey: Uint8Array): Verifier {
  const key = ed25519PublicKeyFromBytes(publicKey)
  const keyId = computeKeyId(name, SIGNATURE_TYPE.COSIGNATURE_V1, publicKey)
  return {
    name,
    keyId,
    verify(message, signature) {
      try {
        const { timestamp, signature: sig } = decodeCosignature(signature)
        return ed25519Verify(key, signedBytes(timestamp, message), sig)
      } catch {
        return false
      }
    },
  }
}
