/**
 * Witness key files: one line `PRIVATE+KEY+<name>+<key ID>+<base64(0x04 ‖ Ed25519 seed)>`, in
 * the spirit of golang.org/x/mod/sumdb/note private keys. Written with mode 0600.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import {
  SIGNATURE_TYPE, computeKeyId, createEd25519Cosigner, decodeBase64, ed25519PrivateKeyFromSeed, ed25519PublicKeyBytes,
  encodeBase64, formatKeyId, formatVerifierKey, type Signer,
} from '../lib/note/index.ts'

/** Creates a key file for witness `name`; returns its verifier key (`<name>+<id>+<base64>`, type 0x04). */
export function generateWitnessKey(path: string, name: string): string {
  const seed = new Uint8Array(randomBytes(32))
  const pub = ed25519PublicKeyBytes(ed25519PrivateKeyFromSeed(seed))
  const id = formatKeyId(computeKeyId(name, SIGNATURE_TYPE.COSIGNATURE_V1, pub))
  writeFileSync(path, `PRIVATE+KEY+${name}+${id}+${encodeBase64(Uint8Array.of(SIGNATURE_TYPE.COSIGNATURE_V1, ...seed))}\n`, { mode: 0o600 })
  return formatVerifierKey(name, SIGNATURE_TYPE.COSIGNATURE_V1, pub)
}

/** Reads a key file; returns the cosigner and the verifier key. Throws on a malformed file. */
export function readWitnessKey(path: string, now: () => number = () => Date.now() / 1000): { cosigner: Signer; vkey: string } {
  const line = readFileSync(path, 'utf8').trim()
  const m = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(line)
  const material = m ? decodeBase64(m[3]) : undefined
  if (!m || !material || material.length !== 33 || material[0] !== SIGNATURE_TYPE.COSIGNATURE_V1) throw new Error(`${path}: not a witness key file (PRIVATE+KEY+<name>+<id>+<base64>)`)
  const key = ed25519PrivateKeyFromSeed(material.subarray(1))
  const pub = ed25519PublicKeyBytes(key)
  if (formatKeyId(computeKeyId(m[1], SIGNATURE_TYPE.COSIGNATURE_V1, pub)) !== m[2]) throw new Error(`${path}: key ID does not match the key`)
  return { cosigner: createEd25519Cosigner(m[1], key, now), vkey: formatVerifierKey(m[1], SIGNATURE_TYPE.COSIGNATURE_V1, pub) }
}
