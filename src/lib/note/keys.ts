/**
 * Key names, key IDs and verifier keys of C2SP signed-note. Only public key material is ever
 * handled here: signing is delegated to a caller-provided Signer.
 */
import { createHash } from 'node:crypto'
import { decodeBase64, encodeBase64 } from './base64.ts'
import { NoteError } from './errors.ts'
import { hasLoneSurrogate } from './text.ts'

/** Signature type identifier bytes assigned by C2SP signed-note. */
export const SIGNATURE_TYPE = {
  /** Ed25519 over the note text. */
  ED25519: 0x01,
  /** ECDSA as implemented by transparency-dev/witness. */
  ECDSA: 0x02,
  /** Timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature, cosignature/v1). */
  COSIGNATURE_V1: 0x04,
  /** RFC 6962 TreeHeadSignature (c2sp.org/static-ct-api). */
  RFC6962_STH: 0x05,
  /** Types without an assigned byte (SM2 here); should be followed by a longer identifier. */
  UNASSIGNED: 0xff,
} as const

/** Signs note text with one key; supplied by the caller so this library holds no private keys. */
export interface Signer {
  /** Key name, e.g. a schema-less URL such as `ledger.example.gov.cn/log1`. */
  readonly name: string
  /** uint32 key ID, normally computeKeyId(name, type, publicKey). */
  readonly keyId: number
  /** Returns the signature bytes (without key ID) over `message`, the UTF-8 note text. */
  sign(message: Uint8Array): Promise<Uint8Array> | Uint8Array
}

/** Verifies signatures by one key; supplied by the caller (the crypto module for SM2). */
export interface Verifier {
  readonly name: string
  readonly keyId: number
  /** Returns whether `signature` (without key ID) is valid over `message`. Must not throw. */
  verify(message: Uint8Array, signature: Uint8Array): Promise<boolean> | boolean
}

/** A verifier key decoded into its parts. */
export interface VerifierKey {
  readonly name: string
  readonly keyId: number
  /** The signature type byte (first byte of the encoded key). */
  readonly keyType: number
  /** The public key bytes after the type byte (for 0xff: identifier and key, as the type defines). */
  readonly publicKey: Uint8Array
}

const NAME_FORBIDDEN = /[\s\u0085+]/u

/** Whether `name` is a valid key name: non-empty, no Unicode space, no plus sign. Never throws. */
export function isValidKeyName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !NAME_FORBIDDEN.test(name) && !hasLoneSurrogate(name)
}

/** Throws NOTE_INVALID_KEY_NAME unless `name` is a valid key name. */
export function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new NoteError('NOTE_INVALID_KEY_NAME', `invalid key name ${JSON.stringify(name)}`, {
      expected: 'non-empty, no spaces, no +',
      actual: String(name),
    })
  }
}

function typeBytes(keyType: number | Uint8Array): Uint8Array {
  if (keyType instanceof Uint8Array) return keyType
  if (!Number.isInteger(keyType) || keyType < 0 || keyType > 255) {
    throw new NoteError('NOTE_UNSUPPORTED_KEY_TYPE', `signature type must be a byte, got ${keyType}`, { expected: '0..255', actual: keyType })
  }
  return Uint8Array.of(keyType)
}

/**
 * Computes the C2SP key ID: the first 4 bytes, big-endian, of
 * SHA-256(name ‖ 0x0A ‖ signature type ‖ public key). Requires a valid key name; `keyType` is
 * one byte, or several for 0xff followed by an identifier.
 */
export function computeKeyId(name: string, keyType: number | Uint8Array, publicKey: Uint8Array): number {
  assertKeyName(name)
  const digest = createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a)).update(typeBytes(keyType)).update(publicKey).digest()
  return digest.readUInt32BE(0)
}

/** Formats a key ID as 8 lower-case hex digits, as in verifier keys. */
export function formatKeyId(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0')
}

/**
 * Encodes a verifier key `<name>+<key ID hex>+<base64(type ‖ public key)>`. Requires a valid
 * key name; the key ID is computed, never supplied, so it cannot disagree with the key.
 */
export function formatVerifierKey(name: string, keyType: number | Uint8Array, publicKey: Uint8Array): string {
  const type = typeBytes(keyType)
  const material = new Uint8Array(type.length + publicKey.length)
  material.set(type)
  material.set(publicKey, type.length)
  return `${name}+${formatKeyId(computeKeyId(name, type, publicKey))}+${encodeBase64(material)}`
}

/**
 * Decodes and checks a verifier key `<name>+<8 hex>+<base64>`. Throws NOTE_BAD_VERIFIER_KEY
 * on a malformed key and NOTE_KEY_ID_MISMATCH when the key ID is not that of the key.
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const first = vkey.indexOf('+')
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1)
  const bad = (why: string) => new NoteError('NOTE_BAD_VERIFIER_KEY', `bad verifier key: ${why}`, { expected: '<name>+<8 hex>+<base64>', actual: vkey })
  if (second < 0) throw bad('want three +-separated parts')
  const name = vkey.slice(0, first)
  const idHex = vkey.slice(first + 1, second)
  const material = decodeBase64(vkey.slice(second + 1))
  if (!isValidKeyName(name)) throw bad('invalid key name')
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) throw bad('key ID is not 8 hex digits')
  if (material === undefined || material.length < 2) throw bad('key is not base64 of a type byte and a key')
  const keyId = Number.parseInt(idHex, 16)
  const want = computeKeyId(name, material.subarray(0, 1), material.subarray(1))
  if (keyId !== want) {
    throw new NoteError('NOTE_KEY_ID_MISMATCH', `key ID ${idHex} does not match the key`, { expected: formatKeyId(want), actual: idHex.toLowerCase() })
  }
  return { name, keyId, keyType: material[0], publicKey: material.slice(1) }
}
