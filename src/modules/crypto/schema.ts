import { Type, type Static } from 'typebox'

// Standard base64 with padding (RFC 4648 §4); a malformed value is a 400 with a field error.
const B64 = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$'
const base64 = (description: string, extra: Record<string, unknown> = {}) => Type.String({ pattern: B64, description: `${description} (base64)`, ...extra })
const KEY_ID = '^key_[0-9A-HJKMNP-TV-Z]{26}$'
const CERT_ID = '^crt_[0-9A-HJKMNP-TV-Z]{26}$'

export const KeyAlgorithmSchema = Type.Union([Type.Literal('SM2'), Type.Literal('Ed25519'), Type.Literal('ECDSA-P256'), Type.Literal('SM4'), Type.Literal('AES-256')])
export const KeyPurposeSchema = Type.Union([Type.Literal('sign'), Type.Literal('encrypt'), Type.Literal('wrap')])
export const KeyStateSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('destroyed')])
const SignatureFormat = Type.Union([Type.Literal('der'), Type.Literal('raw')], { description: "'der' (default) or 'raw' r‖s; Ed25519 signatures are always 64 raw bytes" })
const UserId = Type.String({ minLength: 1, maxLength: 256, description: "SM2 signer ID in Z_A; default '1234567812345678'" })
const KeyVersion = Type.Integer({ minimum: 1, description: 'Key version; default: the current one' })

export const KeyOwnerSchema = Type.Object({
  type: Type.Union([Type.Literal('department'), Type.Literal('seal'), Type.Literal('system')]),
  id: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }),
}, { additionalProperties: false })

export const KeyInfoSchema = Type.Object({
  id: Type.String({ description: 'key_01J…' }),
  label: Type.String(),
  algorithm: KeyAlgorithmSchema,
  purpose: KeyPurposeSchema,
  owner: KeyOwnerSchema,
  state: KeyStateSchema,
  version: Type.Integer({ description: 'Current version' }),
  usageCount: Type.Integer({ description: 'Private/secret-key uses so far' }),
  createdAt: Type.String({ format: 'date-time' }),
  publicKeyPem: Type.Optional(Type.String({ description: 'SubjectPublicKeyInfo PEM of the current version (asymmetric keys)' })),
})

export const CreateKeyBody = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$', description: 'Unique per owner' }),
  algorithm: KeyAlgorithmSchema,
  purpose: KeyPurposeSchema,
  owner: Type.Optional(KeyOwnerSchema),
}, { additionalProperties: false })
export type CreateKeyBody = Static<typeof CreateKeyBody>

export const KeyParams = Type.Object({ keyId: Type.String({ pattern: KEY_ID }) }, { additionalProperties: false })
export type KeyParams = Static<typeof KeyParams>

export const KeyQuerystring = Type.Object({
  ownerType: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('seal'), Type.Literal('system')])),
  ownerId: Type.Optional(Type.String({ maxLength: 80 })),
  state: Type.Optional(KeyStateSchema),
  algorithm: Type.Optional(KeyAlgorithmSchema),
  purpose: Type.Optional(KeyPurposeSchema),
  cursor: Type.Optional(Type.String({ pattern: KEY_ID })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false })
export type KeyQuerystring = Static<typeof KeyQuerystring>

export const KeyPage = Type.Object({ items: Type.Array(KeyInfoSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) })

export const PublicKeyQuerystring = Type.Object({ version: Type.Optional(KeyVersion) }, { additionalProperties: false })
export type PublicKeyQuerystring = Static<typeof PublicKeyQuerystring>

export const PublicKeyReply = Type.Object({
  keyId: Type.String(),
  version: Type.Integer(),
  algorithm: KeyAlgorithmSchema,
  pem: Type.String({ description: 'SubjectPublicKeyInfo PEM' }),
  jwk: Type.Record(Type.String(), Type.Unknown(), { description: 'JWK (SM2 uses crv "SM2")' }),
  raw: Type.String({ description: 'SM2/P-256: 65-byte 04‖x‖y; Ed25519: 32 bytes (base64)' }),
})

export const SignBody = Type.Object({
  message: base64('The message to sign; SM2 hashes it with SM3 after Z_A, P-256 with SHA-256'),
  userId: Type.Optional(UserId),
  format: Type.Optional(SignatureFormat),
}, { additionalProperties: false })
export type SignBody = Static<typeof SignBody>

export const SignReply = Type.Object({ keyId: Type.String(), keyVersion: Type.Integer(), algorithm: KeyAlgorithmSchema, signature: Type.String({ description: 'base64' }) })

export const VerifyBody = Type.Object({
  message: base64('The signed message'),
  signature: base64('The signature', { minLength: 4 }),
  userId: Type.Optional(UserId),
  format: Type.Optional(SignatureFormat),
  keyVersion: Type.Optional(KeyVersion),
}, { additionalProperties: false })
export type VerifyBody = Static<typeof VerifyBody>

export const VerifyReply = Type.Object({ keyId: Type.String(), keyVersion: Type.Integer(), valid: Type.Boolean() })

const Aad = base64('Additional authenticated data (SM4/AES-256 only); must be given again to decrypt')

export const EncryptBody = Type.Object({ plaintext: base64('The data to encrypt'), aad: Type.Optional(Aad) }, { additionalProperties: false })
export type EncryptBody = Static<typeof EncryptBody>

export const EncryptReply = Type.Object({
  keyId: Type.String(), keyVersion: Type.Integer(), algorithm: KeyAlgorithmSchema,
  ciphertext: Type.String({ description: 'SM2: C1‖C3‖C2 with the 04 prefix; SM4/AES-256: 12-byte IV ‖ ciphertext ‖ 16-byte GCM tag (base64)' }),
})

export const DecryptBody = Type.Object({
  ciphertext: base64('As returned by encrypt; SM2 also accepts C1C2C3 (with mode), no 04 prefix, or GM/T 0009 DER', { minLength: 4 }),
  keyVersion: Type.Optional(KeyVersion),
  aad: Type.Optional(Aad),
  mode: Type.Optional(Type.Union([Type.Literal('C1C3C2'), Type.Literal('C1C2C3')], { description: 'Byte order of a raw SM2 ciphertext' })),
}, { additionalProperties: false })
export type DecryptBody = Static<typeof DecryptBody>

export const DecryptReply = Type.Object({ keyId: Type.String(), keyVersion: Type.Integer(), plaintext: Type.String({ description: 'base64' }) })

export const DataKeyBody = Type.Object({
  algorithm: Type.Optional(Type.Union([Type.Literal('SM4'), Type.Literal('AES-256')], { description: 'Data key algorithm; default SM4' })),
  aad: Type.Optional(Aad),
}, { additionalProperties: false })
export type DataKeyBody = Static<typeof DataKeyBody>

export const DataKeyReply = Type.Object({
  keyId: Type.String(), keyVersion: Type.Integer(), algorithm: Type.Union([Type.Literal('SM4'), Type.Literal('AES-256')]),
  plaintext: Type.String({ description: 'The data key (base64): use it, then forget it' }),
  wrapped: Type.String({ description: 'The data key encrypted under the wrapping key (base64); store it beside the data and decrypt it with this key to use it again' }),
})

const RevocationReasonSchema = Type.Union(['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'privilegeWithdrawn'].map((r) => Type.Literal(r)))

export const CertificateSchema = Type.Object({
  id: Type.String(), serialNumber: Type.String({ description: 'hex' }), role: Type.Union([Type.Literal('root'), Type.Literal('issuing'), Type.Literal('leaf')]),
  keyId: Type.String(), keyVersion: Type.Integer(), subject: Type.String(), issuer: Type.String(),
  notBefore: Type.String({ format: 'date-time' }), notAfter: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('expired')]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), revocationReason: Type.Union([Type.String(), Type.Null()]),
  pem: Type.String(),
})

const NamePart = (max: number) => Type.Optional(Type.String({ minLength: 1, maxLength: max }))
export const IssueCertificateBody = Type.Object({
  keyId: Type.String({ pattern: KEY_ID }),
  keyVersion: Type.Optional(KeyVersion),
  subject: Type.Object({
    commonName: Type.String({ minLength: 1, maxLength: 64 }), organization: NamePart(64), organizationalUnit: NamePart(64),
    locality: NamePart(128), province: NamePart(128), country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  }, { additionalProperties: false }),
  validityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 365 })),
}, { additionalProperties: false })
export type IssueCertificateBody = Static<typeof IssueCertificateBody>

export const CertificateParams = Type.Object({ certificateId: Type.String({ pattern: CERT_ID }) }, { additionalProperties: false })
export type CertificateParams = Static<typeof CertificateParams>

export const RevokeBody = Type.Object({ reason: Type.Optional(RevocationReasonSchema) }, { additionalProperties: false })
export type RevokeBody = Static<typeof RevokeBody>

export const CertificateList = Type.Object({ items: Type.Array(CertificateSchema) })
export const CaReply = Type.Object({ root: CertificateSchema, issuing: CertificateSchema, chainPem: Type.String({ description: 'Issuing CA then root, PEM' }) })
export const CrlReply = Type.Object({
  number: Type.Integer({ description: 'cRLNumber' }), thisUpdate: Type.String({ format: 'date-time' }), nextUpdate: Type.String({ format: 'date-time' }),
  revokedCount: Type.Integer(), pem: Type.String({ description: 'X509 CRL PEM, signed by the issuing CA' }),
})
