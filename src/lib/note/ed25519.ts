/**
 * Ed25519 note signers and verifiers (signature type 0x01) on node:crypto, for interop with
 * golang.org/x/mod/sumdb/note, transparency-dev and C2SP tooling. The private key is a
 * caller-owned KeyObject; nothing here stores or exports it.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { NoteError } from './errors.ts'
import { SIGNATURE_TYPE, computeKeyId, formatVerifierKey, type Signer, type Verifier } from './keys.ts'

// DER prefixes of an Ed25519 PKCS#8 private key (RFC 8410) and SubjectPublicKeyInfo.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

function checkLength(what: string, bytes: Uint8Array, want: number): void {
  if (bytes.length !== want) {
    throw new NoteError('NOTE_BAD_VERIFIER_KEY', `${what} must be ${want} bytes, got ${bytes.length}`, { expected: want, actual: bytes.length })
  }
}

/** Imports a 32-byte RFC 8032 seed as an Ed25519 private KeyObject. Requires exactly 32 bytes. */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  checkLength('Ed25519 seed', seed, 32)
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

/** Imports a 32-byte Ed25519 public key as a KeyObject. Requires exactly 32 bytes. */
export function ed25519PublicKeyFromBytes(publicKey: Uint8Array): KeyObject {
  checkLength('Ed25519 public key', publicKey, 32)
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
}

/** Returns the raw 32-byte public key of an Ed25519 private or public KeyObject. */
export function ed25519PublicKeyBytes(key: KeyObject): Uint8Array {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' })
  return new Uint8Array(der.subarray(der.length - 32))
}

/** Signs `message` with an Ed25519 private KeyObject; returns the 64-byte signature. */
export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey))
}

/** Returns whether `signature` is a valid Ed25519 signature of `message`; never throws. */
export function ed25519Verify(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false
  try {
    return verify(null, message, publicKey, signature)
  } catch {
    return false
  }
}

/**
 * Creates a note Signer (type 0x01) for key `name` from an Ed25519 private KeyObject.
 * Requires a valid key name; the key ID is derived from the public key.
 */
export function createEd25519Signer(name: string, privateKey: KeyObject): Signer {
  const keyId = computeKeyId(name, SIGNATURE_TYPE.ED25519, ed25519PublicKeyBytes(privateKey))
  return { name, keyId, sign: (message) => ed25519Sign(privateKey, message) }
}

/** Creates a note Verifier (type 0x01) for key `name` from a 32-byte Ed25519 public key. */
export function createEd25519Verifier(name: string, publicKey: Uint8Array): Verifier {
  const key = ed25519PublicKeyFromBytes(publicKey)
  const keyId = computeKeyId(name, SIGNATURE_TYPE.ED25519, publicKey)
  return { name, keyId, verify: (message, signature) => ed25519Verify(key, message, signature) }
}

/** Encodes the verifier key (vkey) of an Ed25519 note key: `<name>+<key ID>+<base64(0x01 ‖ key)>`. */
export function ed25519VerifierKey(name: string, publicKey: Uint8Array): string {
  checkLength('Ed25519 public key', publicKey, 32)
  return formatVerifierKey(name, SIGNATURE_TYPE.ED25519, publicKey)
}
