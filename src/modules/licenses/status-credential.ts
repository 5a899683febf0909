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
 * encoding). Returns the purpose and whether the entry is set; for a `message` list also its value
 * and what the list says it means.
 */
export function readSignedStatus(credential: unknown, doc: NativeLicence, publicKey: Uint8Array, userId: string): { purpose: StatusPurpose; set: boolean; value?: number; message?: string } {
  const c = credential as SignedStatusListCredential
  if (!c || typeof c !== 'object' || !c.credentialSubject || !c.proof) throw new Error('not a signed BitstringStatusListCredential')
  if (c.listId !== doc.licence.status.list) throw new Error(`the status list is ${String(c.listId)}, the licence uses ${doc.licence.status.list}`)
  if (c.proof.cryptosuite !== STATUS_CRYPTOSUITE || typeof c.proof.proofValue !== 'string' || !c.proof.proofValue.startsWith('u')) throw new Error(`unsupported proof (want ${STATUS_CRYPTOSUITE})`)
  let ok = false
  try {
    ok = sm2Verify(publicKey, statusSigningBytes(c), Buffer.from(c.proof.proofValue.slice(1), 'base64url'), { userId })
  } catch { ok = false }
  if (!ok) throw new Error('the status list signature does not verify with the issuer key')
  const s = c.credentialSubject
  if (s.statusPurpose === 'message') {
    const size = s.statusSize ?? 1
    const value = Bitstring.decode(s.encodedList, size).get(doc.licence.status.index)
    const message = s.statusMessages?.find((m) => Number.parseInt(m.status, 16) === value)?.message
    return { purpose: 'message', set: value !== 0, value, message }
  }
  const list = Bitstring.decode(s.encodedList)
  return { purpose: s.statusPurpose, set: list.get(doc.licence.status.index) === 1 }
}

const MESSAGE_STATUSES: readonly LicenseStatus[] = ['valid', 'suspended', 'revoked', 'replaced', 'expired']

/**
 * Combines what the lists say into a status. The `message` list names the status (so a replaced
 * licence is told from a revoked one); else the revocation and suspension bits (revoked covers
 * replaced there).
 */
export function statusFromBits(bits: { revocation?: boolean; suspension?: boolean; message?: string }): LicenseStatus {
  if (bits.message !== undefined && MESSAGE_STATUSES.includes(bits.message as LicenseStatus)) return bits.message as LicenseStatus
  if (bits.revocation) return 'revoked'
  if (bits.suspension) return 'suspended'
  return 'valid'
}
