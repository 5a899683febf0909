/** Row → API view mappers. */
import type { AccessRow, ConsentRow, LicenseRow } from '../repo.ts'
import type { LicenseStatus, LicenseTypeDefinition } from '../types.ts'
import { chinaDate, iso } from './context.ts'

/** The status a holder or verifier sees: a valid licence past its end date is expired. */
export function effectiveStatus(row: Pick<LicenseRow, 'status' | 'validUntil'>, now: number): LicenseStatus {
  if (row.status === 'valid' && row.validUntil !== null && row.validUntil < chinaDate(now)) return 'expired'
  return row.status
}

export function toSummary(row: LicenseRow, type: LicenseTypeDefinition | undefined, now: number, enterpriseId: string | null = null) {
  return {
    id: row.id, identifier: row.identifier, typeCode: row.typeCode, typeName: type?.name ?? { 'zh-CN': row.document.licence.type.name, 'zh-TW': row.document.licence.type.name, 'en-US': row.document.licence.type.name },
    holderKind: row.holderKind, holderName: row.holderName, holderIdentifier: row.holderMasked, issuerDepartmentId: row.issuerDepartmentId, issuerName: row.document.licence.issuer.name,
    status: effectiveStatus(row, now), statusReason: row.statusReason, version: row.version, source: row.source,
    issuedAt: iso(row.issuedAt)!, validFrom: row.validFrom, validUntil: row.validUntil, enterpriseId,
  }
}
export type LicenseSummary = ReturnType<typeof toSummary>

export function toConsentView(c: ConsentRow, lic: Pick<LicenseRow, 'identifier' | 'document'> | undefined, now: number) {
  return {
    id: c.id, licenseId: c.licenseId, identifier: lic?.identifier ?? '', typeName: lic?.document.licence.type.name ?? '', departmentId: c.departmentId,
    applicationId: c.applicationId, purpose: c.purpose, fields: c.fields, expiresAt: iso(c.expiresAt)!, createdAt: iso(c.createdAt)!, revokedAt: iso(c.revokedAt),
    state: c.revokedAt !== null ? 'revoked' as const : c.expiresAt <= now ? 'expired' as const : 'active' as const, accessCount: c.accessCount,
  }
}
export type ConsentView = ReturnType<typeof toConsentView>

export const toAccessView = (a: AccessRow) => ({ id: a.id, consentId: a.consentId, licenseId: a.licenseId, applicationId: a.applicationId, actorName: a.actorName, fields: a.fields, at: iso(a.at)! })
