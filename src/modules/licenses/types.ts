/**
 * Shared shapes of the licences module: the licence type definition the demo seed reads
 * (`data/types.ts` exports `LICENSE_TYPES: LicenseTypeDefinition[]`), the native signed licence,
 * and the views the routes answer. Pure types, no I/O.
 */

export type Lang = 'zh-CN' | 'zh-TW' | 'en-US'
/** A text in the three UI languages. */
export type Labels = Record<Lang, string>

export type LicenseStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'replaced'
export const LICENSE_STATUSES: readonly LicenseStatus[] = ['valid', 'suspended', 'revoked', 'expired', 'replaced']

export type HolderKind = 'person' | 'organization'

/** One field of a licence type: a JSON Schema property with labels in three languages. */
export interface LicenseFieldSchema {
  type: 'string' | 'integer' | 'number' | 'boolean'
  /** The label shown on the licence and in the wallet. */
  title: Labels
  description?: Labels
  /** `date` = YYYY-MM-DD; `id-card` GB 11643; `uscc` GB 32100; `division-code` GB/T 2260. */
  format?: 'date' | 'id-card' | 'uscc' | 'division-code' | 'mobile'
  enum?: Array<string | number>
  /** Labels of `enum` values, in the same order. */
  enumLabels?: Labels[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  /** Personal data a holder may choose not to disclose when lending the licence (absent = not personal data). */
  sensitive?: boolean
}

/** How long a licence of this type is valid. */
export type ValidityRule =
  | { kind: 'permanent' }
  /** Valid for `years` (and/or `months`) from the validFrom date. */
  | { kind: 'period'; years?: number; months?: number }
  /** The issuer sets validUntil per licence (required at issuance). */
  | { kind: 'issuer-set' }

/** Status codes the type uses, with its own wording (e.g. 营业执照 吊销 for revoked). */
export interface StatusCodeDefinition { code: LicenseStatus; label: Labels }

/** How the PDF is laid out (render/). */
export interface RenderTemplate {
  /** Page layout. */
  layout: 'a4-portrait' | 'a4-landscape' | 'card'
  /** Draw the national emblem area (国徽) at the top. */
  emblem: boolean
  /** Title printed on the licence (defaults to the type name). */
  title?: Labels
  /** Field keys in print order (defaults to the schema order). */
  fields?: string[]
  /** Accent colour `#rrggbb`. */
  colour?: string
  /** Extra printed lines (e.g. 登记机关 notes). */
  footer?: Labels
}

/**
 * A licence type (证照类型) — GB/T 36902 metadata reduced to what the platform uses.
 * The seed upserts each definition by `code`.
 */
export interface LicenseTypeDefinition {
  /** GB/T 36904 type code (`[0-9A-Z]{1,32}`), e.g. `11100000000013338W011`. */
  code: string
  /** Stable slug for URLs and templates, e.g. `business-licence`. */
  key: string
  name: Labels
  /** Who holds it. */
  holderKind: HolderKind
  /** Issuing departments by department id (the identity/services demo ids, e.g. `zs-scjgj`); the first is the default. */
  issuers: string[]
  /** The field schema: a JSON Schema object with labelled properties. */
  schema: {
    type: 'object'
    properties: Record<string, LicenseFieldSchema>
    required: string[]
  }
  /** Which fields hold the holder's name and identifier (they are also copied into `licence.holder`). */
  holderFields: { name: string; identifier: string }
  validity: ValidityRule
  statusCodes: StatusCodeDefinition[]
  template: RenderTemplate
  /** Names of service results that produce this licence (matched against `ItemData.resultName` when the item has no `resultLicenceType`). */
  resultNames?: string[]
  /** A reference copy of a licence issued elsewhere (e.g. 居民身份证): shown in the wallet, lent by consent, not issued by city departments' applications. */
  reference?: boolean
  /**
   * Issuance from an approved application: licence field → the application's form key, a token
   * (`$applicantName`, `$applicationNumber`, `$itemName`, `$issuerName`, `$today` (YYYY-MM-DD),
   * `$newCreditCode` / `$newIndividualCreditCode`: a credit code (91… / 92…) assigned to a newly
   * registered company / individual business) or a constant
   * `=value`; alternatives separated by `|`, the first with a value wins (several service items
   * produce the same type with different forms: `companyName|tradeName`). Fields not named here
   * are taken from the form key of the same name; a required date field left empty gets today.
   */
  applicationMapping?: Record<string, string>
  /** Short description for the catalogue page. */
  description?: Labels
}

/** A licence type as stored: its definition and the revision the console edits against. */
export type StoredType = LicenseTypeDefinition & { revision: number }

/** The signed content of a licence (RFC 8785 canonical JSON is what is signed and anchored). */
export interface LicenceContent {
  id: string
  type: { code: string; name: string }
  issuer: { departmentId: string; name: string; creditCode: string }
  holder: { kind: HolderKind; name: string; identifier: string }
  fields: Record<string, unknown>
  issuedAt: string
  validFrom: string
  validUntil: string | null
  replaces: string | null
  status: { type: 'BitstringStatusListEntry'; list: string; index: number; url: string }
}

export const NATIVE_FORMAT = 'zhicheng-licence/v1'

/** The native signed licence: content + SM2 signature + ledger anchor (+ receipt once published). */
export interface NativeLicence {
  format: typeof NATIVE_FORMAT
  licence: LicenceContent
  signature: { algorithm: 'SM2-with-SM3'; userId: string; keyId: string; keyVersion: number; value: string }
  anchor: { entryId: string; hash: string }
  receipt: unknown | null
}
