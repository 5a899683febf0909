/** Events the licences module publishes through the outbox. */
export const LICENSES_EVENTS = {
  'licenses.type.saved': 'A licence type was created or edited in the console (payload: code, revision, created)',
  'licenses.license.issued': 'A licence was issued, signed and anchored (payload: licenseId, identifier, typeCode, issuerDepartmentId, holderKind, source, replaces)',
  'licenses.license.status-changed': 'A licence changed status (suspended, revoked, restored, replaced) with a reason',
  'licenses.consent.granted': 'A holder lent a licence to an application of a department (免提交)',
  'licenses.consent.revoked': 'A holder revoked a consent; the department can no longer read the licence',
  'licenses.consent.accessed': 'A clerk read a licence under a consent (logged, visible to the holder)',
  'licenses.status-list.published': 'A status list was published: signed and its head anchored in the ledger',
  'licenses.import.finished': 'A bulk import finished (payload: importId, committed, failed)',
} as const

export interface LicensesEventPayloads {
  'licenses.type.saved': { code: string; revision: number; created: boolean }
  'licenses.license.issued': { licenseId: string; identifier: string; typeCode: string; issuerDepartmentId: string; holderKind: string; source: string; replaces: string | null }
  'licenses.license.status-changed': { licenseId: string; identifier: string; from: string; to: string; reason: string }
  'licenses.consent.granted': { consentId: string; licenseId: string; departmentId: string; applicationId: string }
  'licenses.consent.revoked': { consentId: string; licenseId: string; departmentId: string; applicationId: string }
  'licenses.consent.accessed': { consentId: string; licenseId: string; applicationId: string; actorId: string }
  'licenses.status-list.published': { listId: string; revision: number; headHash: string; ledgerEntryId: string }
  'licenses.import.finished': { importId: string; committed: number; failed: number }
}
