/** TypeBox schemas of the licences API: the HTTP contract and the OpenAPI source. */
import { Type, type Static } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const DateTime = Type.String({ format: 'date-time' })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
export const Labels = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), 'en-US': Type.String() })
const Anything = Type.Unknown()
const Fields = Type.Record(Type.String(), Type.Unknown())
const Status = Type.Enum(['valid', 'suspended', 'revoked', 'expired', 'replaced'] as const)

export const LicenseIdParams = Type.Object({ id: Type.String({ pattern: '^lic_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false })
export type LicenseIdParams = Static<typeof LicenseIdParams>
export const ConsentIdParams = Type.Object({ id: Type.String({ pattern: '^lcs_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false })
export type ConsentIdParams = Static<typeof ConsentIdParams>
export const TypeCodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9A-Z]{1,32}$' }) }, { additionalProperties: false })
export type TypeCodeParams = Static<typeof TypeCodeParams>
export const IdentifierParams = Type.Object({ identifier: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false })
export type IdentifierParams = Static<typeof IdentifierParams>
export const DepartmentParams = Type.Object({ departmentId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }) }, { additionalProperties: false })
export type DepartmentParams = Static<typeof DepartmentParams>
export const StatusListParams = Type.Object({ id: Type.String({ pattern: '^lsl_[0-9A-HJKMNP-TV-Z]{26}$' }), purpose: Type.Enum(['revocation', 'suspension', 'message'] as const) }, { additionalProperties: false })
export type StatusListParams = Static<typeof StatusListParams>

/** A licence type as stored (the `LicenseTypeDefinition` of `types.ts`). */
export const LicenseTypeView = Type.Object({
  code: Type.String(), key: Type.String(), name: Labels, holderKind: Type.String(), issuers: Type.Array(Type.String()),
  schema: Anything, holderFields: Anything, validity: Anything, statusCodes: Anything, template: Anything,
  resultNames: Type.Optional(Type.Array(Type.String())), reference: Type.Optional(Type.Boolean()), description: Type.Optional(Labels),
  applicationMapping: Type.Optional(Type.Record(Type.String(), Type.String())),
  revision: Type.Integer({ description: 'bumped by every save in the console' }),
})
export const LicenseTypeList = Type.Object({ items: Type.Array(LicenseTypeView) })

const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max })
// Empty labels pass the shape check: the type rules name each missing one, in the caller's language.
const LabelsIn = Type.Object({ 'zh-CN': Type.String({ maxLength: 200 }), 'zh-TW': Type.String({ maxLength: 200 }), 'en-US': Type.String({ maxLength: 200 }) }, { additionalProperties: false })
const FieldIn = Type.Object({
  type: Type.Enum(['string', 'integer', 'number', 'boolean'] as const), title: LabelsIn, description: Type.Optional(LabelsIn),
  format: Type.Optional(Type.Enum(['date', 'id-card', 'uscc', 'division-code', 'mobile'] as const)),
  enum: Type.Optional(Type.Array(Type.Union([Type.String({ maxLength: 200 }), Type.Number()]), { maxItems: 200 })), enumLabels: Type.Optional(Type.Array(LabelsIn, { maxItems: 200 })),
  pattern: Type.Optional(Type.String({ maxLength: 500 })), minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })), maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  minimum: Type.Optional(Type.Number()), maximum: Type.Optional(Type.Number()), sensitive: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
const FieldKey = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$' })
const typeInputProperties = {
  code: Type.String({ pattern: '^[0-9A-Z]{1,32}$', description: 'GB/T 36904 type code' }),
  key: Type.String({ pattern: '^[a-z][a-z0-9-]{1,59}$', description: 'slug for URLs and templates' }),
  name: LabelsIn, description: Type.Optional(LabelsIn),
  holderKind: Type.Enum(['person', 'organization'] as const),
  issuers: Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }), { minItems: 1, maxItems: 50, description: 'issuing department codes; the first is the default' }),
  schema: Type.Object({
    type: Type.Literal('object'),
    properties: Type.Record(FieldKey, FieldIn, { minProperties: 1, maxProperties: 80 }),
    required: Type.Array(FieldKey, { maxItems: 80 }),
  }, { additionalProperties: false }),
  holderFields: Type.Object({ name: FieldKey, identifier: FieldKey }, { additionalProperties: false }),
  validity: Type.Union([
    Type.Object({ kind: Type.Literal('permanent') }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('period'), years: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })), months: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200 })) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('issuer-set') }, { additionalProperties: false }),
  ]),
  statusCodes: Type.Array(Type.Object({ code: Status, label: LabelsIn }, { additionalProperties: false }), { minItems: 1, maxItems: 5 }),
  template: Type.Object({
    layout: Type.Enum(['a4-portrait', 'a4-landscape', 'card'] as const), emblem: Type.Boolean(), title: Type.Optional(LabelsIn),
    fields: Type.Optional(Type.Array(FieldKey, { maxItems: 80 })), colour: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })), footer: Type.Optional(LabelsIn),
  }, { additionalProperties: false }),
  resultNames: Type.Optional(Type.Array(Text(120), { maxItems: 20 })), reference: Type.Optional(Type.Boolean()),
  applicationMapping: Type.Optional(Type.Record(FieldKey, Type.String({ maxLength: 200 }))),
}
/** A licence type as the console editor sends it (`LicenseTypeDefinition`); the rules between its parts are checked on save. */
export const LicenseTypeInput = Type.Object(typeInputProperties, { additionalProperties: false })
export type LicenseTypeInput = Static<typeof LicenseTypeInput>
/** The next revision of a type: the whole definition and the revision it was edited from. */
export const LicenseTypeUpdate = Type.Object({ ...typeInputProperties, revision: Type.Integer({ minimum: 1, description: 'the revision you edited; a newer stored one answers 409 LIC_TYPE_STALE' }) }, { additionalProperties: false })
export type LicenseTypeUpdate = Static<typeof LicenseTypeUpdate>
export const LicenseTypeHistory = Type.Object({
  items: Type.Array(Type.Object({ revision: Type.Integer(), actorName: Type.String(), at: DateTime, definition: Anything })),
})
export const TypeIssuerList = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) })

export const LicenseSummary = Type.Object({
  id: Type.String(), identifier: Type.String(), typeCode: Type.String(), typeName: Labels, holderKind: Type.String(), holderName: Type.String(),
  holderIdentifier: Type.String({ description: 'masked' }), issuerDepartmentId: Type.String(), issuerName: Type.String(), status: Status, statusReason: Nullable(Type.String()),
  version: Type.Integer(), source: Type.String(), issuedAt: DateTime, validFrom: Type.String(), validUntil: Nullable(Type.String()),
  enterpriseId: Nullable(Type.String({ description: 'Set when the licence is in your wallet as an enterprise you represent' })),
})
export const LicenseList = Type.Object({ items: Type.Array(LicenseSummary), nextCursor: Type.Optional(Nullable(Type.String())) })

export const ConsentView = Type.Object({
  id: Type.String(), licenseId: Type.String(), identifier: Type.String(), typeName: Type.String(), departmentId: Type.String(), applicationId: Type.String(),
  purpose: Type.String(), fields: Type.Array(Type.String()), expiresAt: DateTime, createdAt: DateTime, revokedAt: Nullable(DateTime),
  state: Type.Enum(['active', 'revoked', 'expired'] as const), accessCount: Type.Integer(),
})
export const ConsentList = Type.Object({ items: Type.Array(ConsentView) })
export const AccessView = Type.Object({ id: Type.String(), consentId: Type.String(), licenseId: Type.String(), applicationId: Type.String(), actorName: Type.String(), fields: Type.Array(Type.String()), at: DateTime })
export const AccessList = Type.Object({ items: Type.Array(AccessView) })

export const LicenseDetail = Type.Object({
  ...LicenseSummary.properties,
  fields: Fields,
  labels: Type.Record(Type.String(), Type.String(), { description: 'zh-CN label of each field' }),
  document: Anything,
  history: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), reason: Type.String(), actorName: Type.String(), at: DateTime })),
  replacesId: Nullable(Type.String()),
  replacedById: Nullable(Type.String()),
  consents: Type.Array(ConsentView),
})

export const Check = Type.Object({
  check: Type.Enum(['format', 'identifier', 'signature', 'receipt', 'status', 'validity'] as const),
  ok: Type.Boolean(), skipped: Type.Optional(Type.Boolean()), code: Type.Optional(Type.String()), message: Type.String(),
})
export const Verdict = Type.Object({
  valid: Type.Boolean(), identifier: Nullable(Type.String()), typeName: Nullable(Type.String()), issuerName: Nullable(Type.String()), holderName: Nullable(Type.String()),
  status: Type.Enum(['valid', 'suspended', 'revoked', 'expired', 'replaced', 'unknown'] as const), checks: Type.Array(Check), code: Nullable(Type.String()),
})

export const LookupView = Type.Object({ identifier: Type.String(), typeName: Labels, issuerName: Type.String(), status: Status, validFrom: Type.String(), validUntil: Nullable(Type.String()) })

export const IssuerList = Type.Object({
  items: Type.Array(Type.Object({ departmentId: Type.String(), name: Type.String(), creditCode: Type.String(), keyId: Type.String(), certificatePem: Type.String(), vcKeyId: Nullable(Type.String()), jwk: Nullable(Fields) })),
})

export const Holder = Type.Object({
  kind: Type.Optional(Type.Enum(['person', 'organization'] as const)),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  identifier: Type.Optional(Type.String({ minLength: 6, maxLength: 40, description: 'Citizen ID number (or other document number) or unified social credit code; default from the type\'s holder fields' })),
  accountId: Type.Optional(Nullable(Type.String({ maxLength: 80, description: 'The holder\'s platform account, so the licence shows in their wallet at once' }))),
}, { additionalProperties: false })

export const IssueBody = Type.Object({
  typeCode: Type.String({ pattern: '^[0-9A-Z]{1,32}$' }),
  departmentId: Type.Optional(Type.String({ maxLength: 60, description: 'Issuing department; default the type\'s issuer in your scope' })),
  holder: Type.Optional(Holder),
  fields: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 100 }),
  validFrom: Type.Optional(Day),
  validUntil: Type.Optional(Nullable(Day)),
  number: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{1,40}$' })),
}, { additionalProperties: false })
export type IssueBody = Static<typeof IssueBody>

export const StatusBody = Type.Object({
  status: Type.Enum(['valid', 'suspended', 'revoked'] as const, { description: 'suspended 暂停, revoked 吊销/撤销, valid 恢复' }),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
}, { additionalProperties: false })
export type StatusBody = Static<typeof StatusBody>

export const ReplaceBody = Type.Object({
  fields: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 100, description: 'Changed fields; the others are kept' })),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
  validFrom: Type.Optional(Day),
  validUntil: Type.Optional(Nullable(Day)),
}, { additionalProperties: false })
export type ReplaceBody = Static<typeof ReplaceBody>

export const FindQuery = Type.Object({
  typeCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{1,32}$' })),
  status: Type.Optional(Status),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'An identifier, or part of the holder name' })),
  cursor: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false })
export type FindQuery = Static<typeof FindQuery>

export const DownloadQuery = Type.Object({ format: Type.Optional(Type.Enum(['json', 'vc', 'pdf'] as const)), lang: Type.Optional(Type.Enum(['zh-CN', 'zh-TW', 'en-US'] as const)) }, { additionalProperties: false })
export type DownloadQuery = Static<typeof DownloadQuery>

export const GrantConsentBody = Type.Object({
  licenseId: Type.String({ pattern: '^lic_[0-9A-HJKMNP-TV-Z]{26}$' }),
  departmentId: Type.Optional(Type.String({ maxLength: 60, description: 'Default: the department handling the application' })),
  applicationId: Type.String({ minLength: 1, maxLength: 80 }),
  purpose: Type.String({ minLength: 2, maxLength: 500 }),
  fields: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 100, description: 'The fields to disclose' }),
  expiresAt: DateTime,
}, { additionalProperties: false })
export type GrantConsentBody = Static<typeof GrantConsentBody>

export const ConsentQuery = Type.Object({ licenseId: Type.Optional(Type.String({ pattern: '^lic_[0-9A-HJKMNP-TV-Z]{26}$' })) }, { additionalProperties: false })
export type ConsentQuery = Static<typeof ConsentQuery>
export const ApplicationQuery = Type.Object({ applicationId: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false })
export type ApplicationQuery = Static<typeof ApplicationQuery>
export const ApplicationParams = Type.Object({ applicationId: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false })
export type ApplicationParams = Static<typeof ApplicationParams>

export const LentLicence = Type.Object({
  consentId: Type.String(), licenseId: Type.String(), identifier: Type.String(), typeCode: Type.String(), typeName: Type.String(), issuerName: Type.String(),
  holderName: Type.String(), status: Type.String(), verified: Type.Boolean(), purpose: Type.String(), expiresAt: DateTime, fields: Fields, labels: Type.Record(Type.String(), Type.String()),
})

export const Stats = Type.Object({
  issued: Type.Array(Type.Object({ typeCode: Type.String(), typeName: Type.String(), departmentId: Type.String(), count: Type.Integer() })),
  total: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  reuse: Type.Object({ consents: Type.Integer(), accesses: Type.Integer(), submissionsAvoided: Type.Integer({ description: 'Applications that received at least one licence by consent instead of an upload' }) }),
  verifications: Type.Object({ total: Type.Integer(), valid: Type.Integer(), invalid: Type.Integer(), byCode: Type.Record(Type.String(), Type.Integer()) }),
})

export const PublishReply = Type.Object({ published: Type.Array(Type.Object({ listId: Type.String(), revision: Type.Integer(), headHash: Type.String(), ledgerEntryId: Type.String() })) })

export const ImportQuery = Type.Object({
  typeCode: Type.String({ pattern: '^[0-9A-Z]{1,32}$' }),
  departmentId: Type.Optional(Type.String({ maxLength: 60 })),
  key: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,80}$', description: 'Resume key: sending the same key again skips the rows already committed' }),
  format: Type.Optional(Type.Enum(['csv', 'ndjson', 'json'] as const)),
}, { additionalProperties: false })
export type ImportQuery = Static<typeof ImportQuery>
export const ImportView = Type.Object({
  id: Type.String(), key: Type.String(), typeCode: Type.String(), departmentId: Type.String(), format: Type.String(), state: Type.String(),
  rowsRead: Type.Integer(), committed: Type.Integer(), failed: Type.Integer(), skipped: Type.Optional(Type.Integer()), createdAt: DateTime, updatedAt: DateTime,
})
export const ImportIdParams = Type.Object({ id: Type.String({ pattern: '^lim_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false })
export type ImportIdParams = Static<typeof ImportIdParams>
export const ImportErrorsQuery = Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false })
export type ImportErrorsQuery = Static<typeof ImportErrorsQuery>
export const ImportErrors = Type.Object({ items: Type.Array(Type.Object({ row: Type.Integer(), code: Type.String(), message: Type.String() })) })
