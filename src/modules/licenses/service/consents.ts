/**
 * Consent-based reuse (免提交): a holder lends one licence to one department for one application,
 * until a time, disclosing chosen fields. A clerk of that department reads exactly those fields
 * while the consent is active; every read is logged and shown to the holder. Revoking stops reads.
 */
import type { Principal } from '../../../core/http/auth.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { AppError } from '../../../core/errors.ts'
import { LicenseError } from '../errors.ts'
import type { LicensesEventPayloads } from '../events.ts'
import type { ConsentRow, LicenseRow } from '../repo.ts'
import { iso, type CallContext, type LicensesDeps } from './context.ts'
import type { DepartmentScope } from './departments.ts'
import type { TypeRegistry } from './types-registry.ts'
import { effectiveStatus, toAccessView, toConsentView } from './views.ts'
import type { Wallet } from './wallet.ts'

export const MAX_CONSENT_DAYS = 365

export interface GrantConsentInput { licenseId: string; departmentId?: string; applicationId: string; purpose: string; fields: string[]; expiresAt: string }

/** What a clerk sees of a lent licence: only the disclosed fields. */
export interface LentLicence {
  consentId: string
  licenseId: string
  identifier: string
  typeCode: string
  typeName: string
  issuerName: string
  holderName: string
  status: string
  /** Signature, anchor and status checked now, server-side. */
  verified: boolean
  purpose: string
  expiresAt: string
  fields: Record<string, unknown>
  /** Labels (zh-CN) of the disclosed fields, for display. */
  labels: Record<string, string>
}

export function createConsents(deps: LicensesDeps, types: TypeRegistry, wallet: Wallet, departments: DepartmentScope, verifyRow: (row: LicenseRow) => Promise<boolean>) {
  const { repo, db } = deps

  async function ownConsent(c: CallContext, id: string): Promise<{ consent: ConsentRow; licence: LicenseRow }> {
    const consent = await repo.getConsent(db, id)
    if (!consent) throw new LicenseError.CONSENT_NOT_FOUND(id)
    try {
      const { row } = await wallet.visible(c, consent.licenseId)
      return { consent, licence: row }
    } catch (err) {
      if (err instanceof AppError && err.code === 'LIC_NOT_FOUND') throw new LicenseError.CONSENT_NOT_FOUND(id)
      throw err
    }
  }

  /** Checks that `principal` works for the consent's department (staff scope). Throws CONSENT_NOT_FOUND otherwise. */
  async function checkStaff(principal: Principal, consent: ConsentRow): Promise<void> {
    const scope = await departments.scopeOf(principal)
    if (scope && !scope.includes(consent.departmentId)) throw new LicenseError.CONSENT_NOT_FOUND(consent.id)
  }

  function checkActive(consent: ConsentRow, applicationId: string): void {
    if (consent.applicationId !== applicationId) throw new LicenseError.CONSENT_WRONG_APPLICATION(consent.id, applicationId)
    if (consent.revokedAt !== null) throw new LicenseError.CONSENT_REVOKED(consent.id)
    if (consent.expiresAt <= deps.clock.now()) throw new LicenseError.CONSENT_EXPIRED(consent.id, iso(consent.expiresAt))
  }

  /** Reads and logs (one access row, audit, event, in one transaction). */
  async function read(principal: Principal, consent: ConsentRow, requestId?: string): Promise<LentLicence> {
    const licence = (await repo.getLicense(db, consent.licenseId))!
    const type = await types.get(licence.typeCode)
    const fields: Record<string, unknown> = {}
    const labels: Record<string, string> = {}
    for (const f of consent.fields) {
      if (f in licence.document.licence.fields) fields[f] = licence.document.licence.fields[f]
      labels[f] = type?.schema.properties[f]?.title['zh-CN'] ?? f
    }
    const verified = await verifyRow(licence)
    const now = deps.clock.now()
    await withTransaction(db, async (trx) => {
      await repo.insertAccess(trx, { id: deps.ids.next('lac'), consentId: consent.id, licenseId: licence.id, applicationId: consent.applicationId, actorId: principal.id, actorName: principal.name, fields: consent.fields, at: now })
      await deps.audit.append(trx, { actorId: principal.id, actorKind: principal.kind, action: 'licenses.consent.accessed', targetType: 'licenses_consent', targetId: consent.id, requestId: requestId ?? null, detail: { licenseId: licence.id, applicationId: consent.applicationId, fields: consent.fields } })
      await deps.events.publish(trx, 'licenses.consent.accessed', consent.id, { consentId: consent.id, licenseId: licence.id, applicationId: consent.applicationId, actorId: principal.id } satisfies LicensesEventPayloads['licenses.consent.accessed'], { requestId: requestId ?? null, actorId: principal.id })
    })
    return {
      consentId: consent.id, licenseId: licence.id, identifier: licence.identifier, typeCode: licence.typeCode, typeName: licence.document.licence.type.name,
      issuerName: licence.document.licence.issuer.name, holderName: licence.holderName, status: effectiveStatus(licence, now), verified,
      purpose: consent.purpose, expiresAt: iso(consent.expiresAt)!, fields, labels,
    }
  }

  return {
    async grant(c: CallContext, input: GrantConsentInput) {
      const { row } = await wallet.visible(c, input.licenseId)
      const now = deps.clock.now()
      const status = effectiveStatus(row, now)
      if (status !== 'valid') throw new LicenseError.CONSENT_LICENCE_UNUSABLE(status)
      const known = Object.keys(row.document.licence.fields)
      const type = await types.get(row.typeCode)
      const allowed = new Set([...known, ...Object.keys(type?.schema.properties ?? {})])
      const unknown = input.fields.filter((f) => !allowed.has(f))
      if (unknown.length || input.fields.length === 0) throw new LicenseError.CONSENT_BAD_FIELDS(unknown.join(', ') || '(none)', { errors: [{ path: '/fields', code: 'enum', message: `choose among ${known.join(', ')}` }] })
      const expiresAt = Date.parse(input.expiresAt)
      if (!Number.isFinite(expiresAt) || expiresAt <= now || expiresAt > now + MAX_CONSENT_DAYS * 86_400_000) {
        throw new LicenseError.CONSENT_BAD_EXPIRY(MAX_CONSENT_DAYS, { errors: [{ path: '/expiresAt', code: 'range', message: `in the future, within ${MAX_CONSENT_DAYS} days` }] })
      }
      // The application must be the holder's own; its department is the one that may read.
      let departmentId = input.departmentId
      if (deps.services) {
        const app = await deps.services.applications.view({ principal: c.principal, requestId: c.requestId }, input.applicationId)
        if (app.applicantId !== c.principal.id) throw new LicenseError.CONSENT_WRONG_APPLICATION('(new)', input.applicationId)
        if (departmentId && departmentId !== app.departmentId) {
          throw new LicenseError.CONSENT_WRONG_APPLICATION('(new)', input.applicationId, { errors: [{ path: '/departmentId', code: 'mismatch', message: `the application is handled by ${app.departmentId}` }] })
        }
        departmentId = app.departmentId
      }
      if (!departmentId) throw new LicenseError.CONSENT_WRONG_APPLICATION('(new)', input.applicationId, { errors: [{ path: '/departmentId', code: 'required', message: 'required' }] })
      const consent: ConsentRow = {
        id: deps.ids.next('lcs'), licenseId: row.id, grantedBy: c.principal.id, departmentId, applicationId: input.applicationId, purpose: input.purpose,
        fields: [...new Set(input.fields)], expiresAt, createdAt: now, revokedAt: null, accessCount: 0,
      }
      await withTransaction(db, async (trx) => {
        await repo.insertConsent(trx, consent)
        await deps.audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'licenses.consent.granted', targetType: 'licenses_consent', targetId: consent.id, requestId: c.requestId ?? null, detail: { licenseId: row.id, departmentId, applicationId: input.applicationId, fields: consent.fields, expiresAt: iso(expiresAt) } })
        await deps.events.publish(trx, 'licenses.consent.granted', consent.id, { consentId: consent.id, licenseId: row.id, departmentId, applicationId: input.applicationId } satisfies LicensesEventPayloads['licenses.consent.granted'], { requestId: c.requestId ?? null, actorId: c.principal.id })
      })
      return toConsentView(consent, row, now)
    },

    async revoke(c: CallContext, id: string) {
      const { consent, licence } = await ownConsent(c, id)
      const now = deps.clock.now()
      await withTransaction(db, async (trx) => {
        if (!(await repo.revokeConsent(trx, id, now))) throw new LicenseError.CONSENT_ALREADY_REVOKED(id)
        await deps.audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'licenses.consent.revoked', targetType: 'licenses_consent', targetId: id, requestId: c.requestId ?? null, detail: { licenseId: consent.licenseId, applicationId: consent.applicationId } })
        await deps.events.publish(trx, 'licenses.consent.revoked', id, { consentId: id, licenseId: consent.licenseId, departmentId: consent.departmentId, applicationId: consent.applicationId } satisfies LicensesEventPayloads['licenses.consent.revoked'], { requestId: c.requestId ?? null, actorId: c.principal.id })
      })
      return toConsentView({ ...consent, revokedAt: now }, licence, now)
    },

    /** The caller's consents (of licences in their wallet), optionally of one licence. */
    async listMine(c: CallContext, licenseId?: string) {
      const now = deps.clock.now()
      let licences: LicenseRow[]
      if (licenseId) licences = [(await wallet.visible(c, licenseId)).row]
      else {
        const h = await wallet.holdings(c.principal, c.requestId)
        licences = await repo.listHolderLicenses(db, h.accountIds, [...h.keys.keys()])
      }
      const byId = new Map(licences.map((l) => [l.id, l]))
      const rows = await repo.listConsents(db, { licenseIds: [...byId.keys()] })
      return { items: rows.map((r) => toConsentView(r, byId.get(r.licenseId), now)) }
    },

    async accessesOfConsent(c: CallContext, id: string) {
      await ownConsent(c, id)
      return { items: (await repo.listAccesses(db, { consentId: id })).map(toAccessView) }
    },

    async accessesOfLicence(c: CallContext, licenseId: string) {
      await wallet.visible(c, licenseId)
      return { items: (await repo.listAccesses(db, { licenseId })).map(toAccessView) }
    },

    /** A clerk reads a licence lent to `applicationId` under `consentId` (logged). */
    async readConsented(principal: Principal, consentId: string, applicationId: string, requestId?: string): Promise<LentLicence> {
      const consent = await repo.getConsent(db, consentId)
      if (!consent) throw new LicenseError.CONSENT_NOT_FOUND(consentId)
      await checkStaff(principal, consent)
      checkActive(consent, applicationId)
      return read(principal, consent, requestId)
    },

    /** Every licence currently lent to `applicationId` that `principal`'s department may read (each read logged). */
    async forApplication(principal: Principal, applicationId: string, requestId?: string): Promise<LentLicence[]> {
      const out: LentLicence[] = []
      const scope = await departments.scopeOf(principal)
      for (const consent of await repo.listConsents(db, { applicationId })) {
        if (consent.revokedAt !== null || consent.expiresAt <= deps.clock.now()) continue
        if (scope && !scope.includes(consent.departmentId)) continue
        out.push(await read(principal, consent, requestId))
      }
      return out
    },

    /** Every consent given for `applicationId` (active, revoked, expired) that `principal`'s department may see. Reads nothing of the licence. */
    async listForApplication(principal: Principal, applicationId: string) {
      const scope = await departments.scopeOf(principal)
      const now = deps.clock.now()
      const items = []
      for (const c of await repo.listConsents(db, { applicationId })) {
        if (scope && !scope.includes(c.departmentId)) continue
        items.push(toConsentView(c, await repo.getLicense(db, c.licenseId), now))
      }
      return { items }
    },

    /** Throws unless `consentId` is an active consent of the caller for `applicationId` (services: material provided by licence). */
    async checkOwnConsent(c: CallContext, consentId: string, applicationId: string): Promise<void> {
      const { consent } = await ownConsent(c, consentId)
      checkActive(consent, applicationId)
    },
  }
}

export type Consents = ReturnType<typeof createConsents>
