/**
 * X.509 certificates and CRLs of the platform CA, assembled with pkijs/asn1js. The signature is
 * made by the caller (SM2 with SM3 through the key service): build the TBS, sign its DER, then
 * `finish…(…, signature)`. Signature algorithm: sm2-with-sm3 (1.2.156.10197.1.501, no parameters).
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { randomBytes } from 'node:crypto'
import { sm3 } from '../../lib/crypto/index.ts'

export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501'
const OID = {
  country: '2.5.4.6', province: '2.5.4.8', locality: '2.5.4.7', organization: '2.5.4.10', organizationalUnit: '2.5.4.11', commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14', keyUsage: '2.5.29.15', basicConstraints: '2.5.29.19', crlNumber: '2.5.29.20', reasonCode: '2.5.29.21', authorityKeyIdentifier: '2.5.29.35',
} as const

/** A distinguished name; `country` is two letters. */
export interface DistinguishedName {
  commonName: string
  organization?: string
  organizationalUnit?: string
  locality?: string
  province?: string
  country?: string
}

/** RFC 4514 style, most specific first: `CN=…, OU=…, O=…, L=…, ST=…, C=…`. */
export function formatName(n: DistinguishedName): string {
  const esc = (v: string): string => v.replace(/([,+"\\<>;=])/g, '\\$1')
  const parts: Array<[string, string | undefined]> = [['CN', n.commonName], ['OU', n.organizationalUnit], ['O', n.organization], ['L', n.locality], ['ST', n.province], ['C', n.country]]
  return parts.filter(([, v]) => v).map(([k, v]) => `${k}=${esc(v!)}`).join(', ')
}

/** Encodes a Name as one RDN per attribute (pkijs would put them all into one multi-valued RDN). */
function toRdn(n: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const order: Array<keyof DistinguishedName> = ['country', 'province', 'locality', 'organization', 'organizationalUnit', 'commonName']
  const sets = order.filter((field) => n[field]).map((field) => {
    const value = field === 'country' ? new asn1js.PrintableString({ value: n[field] }) : new asn1js.Utf8String({ value: n[field] })
    return new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type: OID[field], value }).toSchema()] })
  })
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: sets }).toBER(false))
}

const time = (ms: number): pkijs.Time => {
  const d = new Date(Math.floor(ms / 1000) * 1000)
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return new pkijs.Time({ type: d.getUTCFullYear() >= 2050 ? 1 : 0, value: d })
}

const sm2WithSm3 = (): pkijs.AlgorithmIdentifier => new pkijs.AlgorithmIdentifier({ algorithmId: OID_SM2_WITH_SM3 })
const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
const der = (v: asn1js.BaseBlock): ArrayBuffer => v.toBER(false)

function extension(id: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID: id, critical, extnValue: der(value) })
}

/** A fresh positive 16-byte serial number, hex. */
export function newSerialNumber(): string {
  const b = randomBytes(16)
  b[0] = (b[0] & 0x7f) | 0x40 // positive, and no leading zero byte to strip
  return b.toString('hex')
}

/** Key identifier of a SubjectPublicKeyInfo: the first 20 bytes of SM3 over its subjectPublicKey bits. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const info = pkijs.PublicKeyInfo.fromBER(ab(spki))
  return sm3(new Uint8Array(info.subjectPublicKey.valueBlock.valueHexView)).subarray(0, 20)
}

/** Key usage bits (RFC 5280 §4.2.1.3) by name. */
export type KeyUsageName = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign'
const KEY_USAGE_BIT: Record<KeyUsageName, number> = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, dataEncipherment: 3, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 }

function keyUsageValue(names: KeyUsageName[]): asn1js.BitString {
  let bits = 0
  for (const n of names) bits |= 0x80 >> KEY_USAGE_BIT[n]
  let unused = 0
  while (unused < 7 && !(bits & (1 << unused))) unused++
  return new asn1js.BitString({ valueHex: Uint8Array.of(bits), unusedBits: unused })
}

export interface CertificateParams {
  serialNumber: string
  issuer: DistinguishedName
  subject: DistinguishedName
  notBefore: number
  notAfter: number
  /** SubjectPublicKeyInfo DER of the certified key. */
  spki: Uint8Array
  /** CA certificates: basicConstraints cA, with a path length for an issuing CA. */
  ca?: { pathLength?: number }
  keyUsage: KeyUsageName[]
  /** The issuer's key identifier (omit for a self-signed root: it equals the subject's). */
  authorityKeyId?: Uint8Array
}

/** Builds an X.509 v3 certificate; returns it with its TBSCertificate DER, to be signed with SM2. */
export function buildCertificate(p: CertificateParams): { cert: pkijs.Certificate; tbs: Uint8Array } {
  const cert = new pkijs.Certificate()
  cert.version = 2
  cert.serialNumber = new asn1js.Integer({ valueHex: ab(Buffer.from(p.serialNumber, 'hex')) })
  cert.signature = sm2WithSm3()
  cert.issuer = toRdn(p.issuer)
  cert.subject = toRdn(p.subject)
  cert.notBefore = time(p.notBefore)
  cert.notAfter = time(p.notAfter)
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(ab(p.spki))
  const ski = keyIdentifier(p.spki)
  const basic = p.ca
    ? new asn1js.Sequence({ value: [new asn1js.Boolean({ value: true }), ...(p.ca.pathLength === undefined ? [] : [new asn1js.Integer({ value: p.ca.pathLength })])] })
    : new asn1js.Sequence({ value: [] })
  const aki = p.authorityKeyId ?? ski
  cert.extensions = [
    extension(OID.basicConstraints, true, basic),
    extension(OID.keyUsage, true, keyUsageValue(p.keyUsage)),
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: ab(ski) })),
    extension(OID.authorityKeyIdentifier, false, new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: ab(aki) })] })),
  ]
  const tbs = new Uint8Array(cert.encodeTBS().toBER(false))
  cert.tbsView = tbs
  return { cert, tbs }
}

/** Attaches the SM2 signature (DER) over the TBS and returns the certificate DER. */
export function finishCertificate(cert: pkijs.Certificate, signature: Uint8Array): Uint8Array {
  cert.signatureAlgorithm = sm2WithSm3()
  cert.signatureValue = new asn1js.BitString({ valueHex: ab(signature) })
  return new Uint8Array(cert.toSchema(false).toBER(false))
}

/** CRL reason codes (RFC 5280 §5.3.1) by name. */
export const REVOCATION_REASONS = {
  unspecified: 0, keyCompromise: 1, cACompromise: 2, affiliationChanged: 3, superseded: 4, cessationOfOperation: 5, certificateHold: 6, privilegeWithdrawn: 9,
} as const
export type RevocationReason = keyof typeof REVOCATION_REASONS

export interface CrlParams {
  issuer: DistinguishedName
  issuerKeyId: Uint8Array
  number: number
  thisUpdate: number
  nextUpdate: number
  revoked: Array<{ serialNumber: string; revokedAt: number; reason: RevocationReason }>
}

/** Builds an X.509 v2 CRL with cRLNumber and authorityKeyIdentifier; returns it with its TBSCertList DER. */
export function buildCrl(p: CrlParams): { crl: pkijs.CertificateRevocationList; tbs: Uint8Array } {
  const crl = new pkijs.CertificateRevocationList()
  crl.version = 1
  crl.signature = sm2WithSm3()
  crl.issuer = toRdn(p.issuer)
  crl.thisUpdate = time(p.thisUpdate)
  crl.nextUpdate = time(p.nextUpdate)
  if (p.revoked.length) {
    crl.revokedCertificates = p.revoked.map((r) => new pkijs.RevokedCertificate({
      userCertificate: new asn1js.Integer({ valueHex: ab(Buffer.from(r.serialNumber, 'hex')) }),
      revocationDate: time(r.revokedAt),
      crlEntryExtensions: new pkijs.Extensions({ extensions: [extension(OID.reasonCode, false, new asn1js.Enumerated({ value: REVOCATION_REASONS[r.reason] }))] }),
    }))
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      extension(OID.authorityKeyIdentifier, false, new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: ab(p.issuerKeyId) })] })),
      extension(OID.crlNumber, false, new asn1js.Integer({ value: p.number })),
    ],
  })
  // pkijs marks CertificateRevocationList.encodeTBS protected (Certificate's is public); it is the same encoder.
  const tbs = new Uint8Array((crl as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER(false))
  crl.tbsView = tbs
  return { crl, tbs }
}

/** Attaches the SM2 signature over the TBSCertList and returns the CRL DER. */
export function finishCrl(crl: pkijs.CertificateRevocationList, signature: Uint8Array): Uint8Array {
  crl.signatureAlgorithm = sm2WithSm3()
  crl.signatureValue = new asn1js.BitString({ valueHex: ab(signature) })
  return new Uint8Array(crl.toSchema(false).toBER(false))
}

/** PEM armour of DER bytes. */
export function toPem(label: 'CERTIFICATE' | 'X509 CRL', bytes: Uint8Array): string {
  const lines = Buffer.from(bytes).toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** The SubjectPublicKeyInfo DER inside a certificate (DER). Throws on a malformed certificate. */
export function certificateSpki(certDer: Uint8Array): Uint8Array {
  const cert = pkijs.Certificate.fromBER(ab(certDer))
  return new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false))
}
