/**
 * Status list credentials as this platform signs them: a W3C BitstringStatusListCredential with a
 * Data Integrity style `proof` holding an SM2-with-SM3 signature (cryptosuite
 * `zhicheng-sm2-jcs`: the signed bytes are the RFC 8785 canonical JSON of the credential without
 * `proof`). Pure code shared by the server (signing input) and the CLI (offline check).
 */
import { canonicalBytes } from '../../lib/canonical-json.ts'
import { sm2Verify } from '../../lib/crypto/index.ts'
import { Bitstring, type BitstringStatusListCredential, type StatusPurpose } from '../../lib/status-list/index.ts'
import type { LicenseStatus, NativeLicence } from './types.ts'

export const STATUS_CRYPTOSUITE = 'zhicheng-sm2-jcs'

export interface StatusProof {
  type: 'DataIntegrityProof'
  cryptosuite: typeof STATUS_CRYPTOSUITE
  created: string
  verificationMethod: string
  proofPurpose: 'assertionMethod'
  /** Multibase base64url (`u…`) of the DER SM2 signature. */
  proofValue: string
}

export type SignedStatusListCredential = BitstringStatusListCredential & { proof: StatusProof; listId: string; revision: number }

/** The bytes the proof signs: canonical JSON of the credential without `proof`. */
export function statusSigningBytes(c: Omit<SignedStatusListCredential, 'proof'> | SignedStatusListCredential): Uint8Array {
  const { proof: _proof, ...rest } = c as SignedStatusListCredential
  void _proof
  return canonicalBytes(rest)
}

/**
 * Checks a status list credential's proof with the issuer's SM2 public key and reads the status of
 * `doc` from it. Throws an Error whose message says what is wrong (wrong list, bad proof, bad
 * encoding). Returns the purpose and whether the bit is set.
 */
export function readSignedStatus(credential: unknown, doc: NativeLicence, publicKey: Uint8Array, userId: string): { purpose: StatusPurpose; set: boolean } {
  const c = credential as SignedStatusListCredential
  if (!c || typeof c !== 'object' || !c.credentialSubject || !c.proof) throw new Error('not a signed BitstringStatusListCredential')
  if (c.listId !== doc.licence.status.list) throw new Error(`the status list is ${String(c.listId)}, the licence uses ${doc.licence.status.list}`)
  if (c.proof.cryptosuite !== STATUS_CRYPTOSUITE || typeof c.proof.proofValue !== 'string' || !c.proof.proofValue.startsWith('u')) throw new Error(`unsupported proof (want ${STATUS_CRYPTOSUITE})`)
  let ok = false
  try {
    ok = sm2Verify(publicKey, statusSigningBytes(c), Buffer.from(c.proof.proofValue.slice(1), 'base64url'), { userId })
  } catch { ok = false }
  if (!ok) throw new Error('the status list signature does not verify with the issuer key')
  const list = Bitstring.decode(c.credentialSubject.encodedList)
  return { purpose: c.credentialSubject.statusPurpose, set: list.get(doc.licence.status.index) === 1 }
}

/** Combines the bits of the revocation and suspension lists into a status. */
export function statusFromBits(bits: { revocation?: boolean; suspension?: boolean }): LicenseStatus {
  if (bits.revocation) return 'revoked'
  if (bits.suspension) return 'suspended'
  return 'valid'
}
