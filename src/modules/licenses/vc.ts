/**
 * W3C Verifiable Credentials 2.0 export (VC-JOSE-COSE: `application/vc+jwt`): the licence as a VC
 * whose `credentialStatus` points at the issuer's Bitstring Status Lists, signed ES256 with the
 * issuing department's P-256 key. The key never leaves the crypto module: it signs the JWS signing
 * input in the JOSE (r‖s) form; `jose` encodes and verifies.
 */
import { base64url, compactVerify, decodeProtectedHeader, importJWK } from 'jose'
import { VC_V2_CONTEXT } from '../../lib/status-list/index.ts'
import type { NativeLicence } from './types.ts'

export const VC_MEDIA_TYPE = 'application/vc+jwt'

/** The unsigned VC of a native licence. `base` = `<public url>/api/v1/licenses`. */
export function licenceCredential(doc: NativeLicence, base: string) {
  const l = doc.licence
  const list = `${base}/status-lists/${l.status.list}`
  return {
    '@context': [VC_V2_CONTEXT],
    id: `urn:gbt36904:${l.id}`,
    type: ['VerifiableCredential', 'ElectronicLicenceCredential'],
    name: l.type.name,
    issuer: { id: `${base}/issuers/${l.issuer.departmentId}`, name: l.issuer.name, creditCode: l.issuer.creditCode },
    validFrom: `${l.validFrom}T00:00:00+08:00`,
    ...(l.validUntil ? { validUntil: `${l.validUntil}T23:59:59+08:00` } : {}),
    credentialSubject: {
      type: l.holder.kind === 'person' ? 'Person' : 'Organization',
      name: l.holder.name,
      identifier: l.holder.identifier,
      licence: { identifier: l.id, typeCode: l.type.code, typeName: l.type.name, issuedAt: l.issuedAt, replaces: l.replaces, fields: l.fields },
    },
    credentialStatus: (['revocation', 'suspension'] as const).map((purpose) => ({
      id: `${list}/${purpose}#${l.status.index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose,
      statusListIndex: String(l.status.index), statusListCredential: `${list}/${purpose}`,
    })),
    evidence: [{ type: ['LedgerAnchor'], entryId: doc.anchor.entryId, hash: doc.anchor.hash, nativeSignature: doc.signature }],
  }
}

export type LicenceCredential = ReturnType<typeof licenceCredential>

/** Builds the compact JWS with a signer that returns a raw (r‖s) P-256 signature of its input. */
export async function signCredential(vc: LicenceCredential, kid: string, sign: (input: Uint8Array) => Promise<Uint8Array>): Promise<string> {
  const header = { alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid }
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(vc))}`
  const sig = await sign(new TextEncoder().encode(input))
  return `${input}.${base64url.encode(sig)}`
}

/** Verifies a vc+jwt with the issuer's public JWK; returns the credential or throws jose's error. */
export async function verifyCredentialJwt(jwt: string, jwk: Record<string, unknown>): Promise<LicenceCredential> {
  const key = await importJWK({ ...jwk, alg: 'ES256' } as Parameters<typeof importJWK>[0], 'ES256')
  const { payload, protectedHeader } = await compactVerify(jwt, key, { algorithms: ['ES256'] })
  if (protectedHeader.typ !== 'vc+jwt') throw new Error(`typ is ${String(protectedHeader.typ)}, not vc+jwt`)
  return JSON.parse(new TextDecoder().decode(payload)) as LicenceCredential
}

export const kidOf = (jwt: string): string | undefined => {
  try { return decodeProtectedHeader(jwt).kid } catch { return undefined }
}
