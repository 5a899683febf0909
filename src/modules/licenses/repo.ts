/** Every query of the licences module, over its own tables only. */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { fromJson, toCount, toJson } from '../../core/db/dialect.ts'
import type { HolderKind, LicenseStatus, LicenseTypeDefinition, NativeLicence, StoredType } from './types.ts'

export interface IssuerRow { departmentId: string; name: string; creditCode: string; keyId: string; certificatePem: string | null; vcKeyId: string | null; createdAt: number }

export interface LicenseRow {
  id: string; identifier: string; typeCode: string; number: string; version: number; issuerDepartmentId: string
  holderKind: HolderKind; holderName: string; holderMasked: string; holderKey: string; holderAccountId: string | null
  status: LicenseStatus; statusReason: string | null; statusChangedAt: number | null; statusListId: string; statusIndex: number
  replacesId: string | null; replacedById: string | null; source: string; sourceRef: string | null; document: NativeLicence
  keyId: string; ledgerEntryId: string; validFrom: string; validUntil: string | null; issuedAt: number; createdBy: string; updatedAt: number
}

export interface StatusListRow {
  id: string; issuerDepartmentId: string; seq: number; size: number; nextIndex: number; revision: number; publishedRevision: number
  revocation: string | null; suspension: string | null; message: string | null; headHash: string | null; ledgerEntryId: string | null; publishedAt: number | null; createdAt: number
}

export interface ConsentRow {
  id: string; licenseId: string; grantedBy: string; departmentId: string; applicationId: string; purpose: string; fields: string[]
  expiresAt: number; createdAt: number; revokedAt: number | null; accessCount: number
}

export interface AccessRow { id: string; consentId: string; licenseId: string; applicationId: string; actorId: string; actorName: string; fields: string[]; at: number }

export interface ImportRow {
  id: string; key: string; typeCode: string; departmentId: string; format: string; state: string
  rowsRead: number; committed: number; failed: number; createdBy: string; createdAt: number; updatedAt: number
}

const n = (v: unknown): number => Number(v)
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

const toLicense = (r: any): LicenseRow => ({
  id: r.id, identifier: r.identifier, typeCode: r.type_code, number: r.number, version: n(r.version), issuerDepartmentId: r.issuer_department_id,
  holderKind: r.holder_kind, holderName: r.holder_name, holderMasked: r.holder_masked, holderKey: r.holder_key, holderAccountId: r.holder_account_id,
  status: r.status, statusReason: r.status_reason, statusChangedAt: nn(r.status_changed_at), statusListId: r.status_list_id, statusIndex: n(r.status_index),
  replacesId: r.replaces_id, replacedById: r.replaced_by_id, source: r.source, sourceRef: r.source_ref, document: fromJson<NativeLicence>(r.document),
  keyId: r.key_id, ledgerEntryId: r.ledger_entry_id, validFrom: r.valid_from, validUntil: r.valid_until, issuedAt: n(r.issued_at), createdBy: r.created_by, updatedAt: n(r.updated_at),
})

export const licenseToRow = (l: LicenseRow) => ({
  id: l.id, identifier: l.identifier, type_code: l.typeCode, number: l.number, version: l.version, issuer_department_id: l.issuerDepartmentId,
  holder_kind: l.holderKind, holder_name: l.holderName, holder_masked: l.holderMasked, holder_key: l.holderKey, holder_account_id: l.holderAccountId,
  status: l.status, status_reason: l.statusReason, status_changed_at: l.statusChangedAt, status_list_id: l.statusListId, status_index: l.statusIndex,
  replaces_id: l.replacesId, replaced_by_id: l.replacedById, source: l.source, source_ref: l.sourceRef, document: JSON.stringify(l.document),
  key_id: l.keyId, ledger_entry_id: l.ledgerEntryId, valid_from: l.validFrom, valid_until: l.validUntil, issued_at: l.issuedAt, created_by: l.createdBy, updated_at: l.updatedAt,
})

const toList = (r: any): StatusListRow => ({
  id: r.id, issuerDepartmentId: r.issuer_department_id, seq: n(r.seq), size: n(r.size), nextIndex: n(r.next_index), revision: n(r.revision),
  publishedRevision: n(r.published_revision), revocation: r.revocation, suspension: r.suspension, message: r.message ?? null, headHash: r.head_hash, ledgerEntryId: r.ledger_entry_id,
  publishedAt: nn(r.published_at), createdAt: n(r.created_at),
})

const toConsent = (r: any): ConsentRow => ({
  id: r.id, licenseId: r.license_id, grantedBy: r.granted_by, departmentId: r.department_id, applicationId: r.application_id, purpose: r.purpose,
  fields: fromJson<string[]>(r.fields), expiresAt: n(r.expires_at), createdAt: n(r.created_at), revokedAt: nn(r.revoked_at), accessCount: n(r.access_count),
})

const toAccess = (r: any): AccessRow => ({
  id: r.id, consentId: r.consent_id, licenseId: r.license_id, applicationId: r.application_id, actorId: r.actor_id, actorName: r.actor_name, fields: fromJson<string[]>(r.fields), at: n(r.at),
})

const toImport = (r: any): ImportRow => ({
  id: r.id, key: r.key, typeCode: r.type_code, departmentId: r.department_id, format: r.format, state: r.state,
  rowsRead: n(r.rows_read), committed: n(r.committed), failed: n(r.failed), createdBy: r.created_by, createdAt: n(r.created_at), updatedAt: n(r.updated_at),
})

export function createLicensesRepo() {
  return {
    // ── types ──
    async listTypes(db: Kysely<any>): Promise<StoredType[]> {
      const rows = await db.selectFrom('licenses_type').select(['definition', 'revision']).orderBy('code').execute()
      return rows.map((r) => ({ ...fromJson<LicenseTypeDefinition>(r.definition), revision: n(r.revision) }))
    },
    /** The stored type of `code`, read inside `db` (a transaction sees its own writes). */
    async getType(db: Kysely<any>, code: string): Promise<StoredType | undefined> {
      const r = await db.selectFrom('licenses_type').select(['definition', 'revision']).where('code', '=', code).executeTakeFirst()
      return r ? { ...fromJson<LicenseTypeDefinition>(r.definition), revision: n(r.revision) } : undefined
    },
    /** Whether a type holds `code` or `key`. */
    async typeTaken(db: Kysely<any>, code: string, key: string): Promise<'code' | 'key' | null> {
      const r = await db.selectFrom('licenses_type').select(['code']).where((eb) => eb.or([eb('code', '=', code), eb('key', '=', key)])).executeTakeFirst()
      return r ? (r.code === code ? 'code' : 'key') : null
    },
    /** Inserts a new type at revision 1. */
    async insertType(db: Kysely<any>, def: LicenseTypeDefinition, now: number): Promise<void> {
      await db.insertInto('licenses_type').values({ code: def.code, key: def.key, name: def.name['zh-CN'], holder_kind: def.holderKind, definition: toJson(def), revision: 1, created_at: now, updated_at: now }).execute()
    },
    /** Stores `def` as the next revision when the stored one is still `revision`; false when it moved on. */
    async updateType(db: Kysely<any>, def: LicenseTypeDefinition, revision: number, now: number): Promise<boolean> {
      const r = await db.updateTable('licenses_type')
        .set({ name: def.name['zh-CN'], holder_kind: def.holderKind, definition: toJson(def), revision: revision + 1, updated_at: now })
        .where('code', '=', def.code).where('revision', '=', revision).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async insertTypeRevision(db: Kysely<any>, r: { code: string; revision: number; definition: LicenseTypeDefinition; actorId: string; actorName: string; at: number }): Promise<void> {
      await db.insertInto('licenses_type_revision').values({ code: r.code, revision: r.revision, definition: toJson(r.definition), actor_id: r.actorId, actor_name: r.actorName, saved_at: r.at }).execute()
    },
    async listTypeRevisions(db: Kysely<any>, code: string): Promise<Array<{ revision: number; definition: LicenseTypeDefinition; actorId: string; actorName: string; at: number }>> {
      const rows = await db.selectFrom('licenses_type_revision').selectAll().where('code', '=', code).orderBy('revision', 'desc').execute()
      return rows.map((r) => ({ revision: n(r.revision), definition: fromJson<LicenseTypeDefinition>(r.definition), actorId: r.actor_id, actorName: r.actor_name, at: n(r.saved_at) }))
    },
    /** Whether any licence of the type exists. */
    async typeInUse(db: Kysely<any>, code: string): Promise<boolean> {
      // Through the (issuer, type) index: one seek per issuing department, never a scan of the register.
      const issuers = (await db.selectFrom('licenses_issuer').select('department_id').execute()).map((r) => r.department_id as string)
      if (!issuers.length) return false
      return (await db.selectFrom('licenses_license').select('id').where('issuer_department_id', 'in', issuers).where('type_code', '=', code).limit(1).executeTakeFirst()) !== undefined
    },

    // ── issuers ──
    async getIssuer(db: Kysely<any>, departmentId: string): Promise<IssuerRow | undefined> {
      const r = await db.selectFrom('licenses_issuer').selectAll().where('department_id', '=', departmentId).executeTakeFirst()
      return r ? { departmentId: r.department_id, name: r.name, creditCode: r.credit_code, keyId: r.key_id, certificatePem: r.certificate_pem, vcKeyId: r.vc_key_id, createdAt: n(r.created_at) } : undefined
    },
    async listIssuers(db: Kysely<any>): Promise<IssuerRow[]> {
      const rows = await db.selectFrom('licenses_issuer').selectAll().orderBy('department_id').execute()
      return rows.map((r) => ({ departmentId: r.department_id, name: r.name, creditCode: r.credit_code, keyId: r.key_id, certificatePem: r.certificate_pem, vcKeyId: r.vc_key_id, createdAt: n(r.created_at) }))
    },
    async insertIssuer(db: Kysely<any>, i: IssuerRow): Promise<void> {
      await db.insertInto('licenses_issuer').values({ department_id: i.departmentId, name: i.name, credit_code: i.creditCode, key_id: i.keyId, certificate_pem: i.certificatePem, vc_key_id: i.vcKeyId, created_at: i.createdAt })
        .onConflict((oc) => oc.column('department_id').doNothing()).execute()
    },

    // ── licences ──
    async insertLicenses(db: Kysely<any>, rows: LicenseRow[]): Promise<void> {
      // SQLite binds at most 32,766 parameters per statement; 31 columns → chunks of 500 rows.
      for (let i = 0; i < rows.length; i += 500) await db.insertInto('licenses_license').values(rows.slice(i, i + 500).map(licenseToRow)).execute()
    },
    async getLicense(db: Kysely<any>, id: string): Promise<LicenseRow | undefined> {
      const r = await db.selectFrom('licenses_license').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toLicense(r) : undefined
    },
    async getLicenseByIdentifier(db: Kysely<any>, identifier: string): Promise<LicenseRow | undefined> {
      const r = await db.selectFrom('licenses_license').selectAll().where('identifier', '=', identifier).executeTakeFirst()
      return r ? toLicense(r) : undefined
    },
    async getLicenseBySource(db: Kysely<any>, sourceRef: string): Promise<LicenseRow | undefined> {
      const r = await db.selectFrom('licenses_license').selectAll().where('source_ref', '=', sourceRef).executeTakeFirst()
      return r ? toLicense(r) : undefined
    },
    async existingSourceRefs(db: Kysely<any>, refs: string[]): Promise<Set<string>> {
      if (refs.length === 0) return new Set()
      const out = new Set<string>()
      for (let i = 0; i < refs.length; i += 500) {
        const rows = await db.selectFrom('licenses_license').select('source_ref').where('source_ref', 'in', refs.slice(i, i + 500)).execute()
        for (const r of rows) out.add(r.source_ref)
      }
      return out
    },
    /** Licences of a holder: by account id or by the SM3 key of their identifiers. */
    async listHolderLicenses(db: Kysely<any>, accountIds: string[], holderKeys: string[]): Promise<LicenseRow[]> {
      if (accountIds.length === 0 && holderKeys.length === 0) return []
      const rows = await db.selectFrom('licenses_license').selectAll()
        .where((eb) => eb.or([
          ...(accountIds.length ? [eb('holder_account_id', 'in', accountIds)] : []),
          ...(holderKeys.length ? [eb('holder_key', 'in', holderKeys)] : []),
        ]))
        .orderBy('issued_at', 'desc').limit(500).execute()
      return rows.map(toLicense)
    },
    async findLicenses(db: Kysely<any>, q: { departments?: readonly string[]; typeCode?: string; status?: string; q?: string; cursor?: string; limit: number }): Promise<{ rows: LicenseRow[]; nextCursor: string | null }> {
      let query = db.selectFrom('licenses_license').selectAll()
      if (q.departments) query = q.departments.length ? query.where('issuer_department_id', 'in', [...q.departments]) : query.where(sql<boolean>`1 = 0`)
      if (q.typeCode) query = query.where('type_code', '=', q.typeCode)
      if (q.status) query = query.where('status', '=', q.status)
      if (q.q) query = query.where((eb) => eb.or([eb('identifier', '=', q.q!.toUpperCase()), eb('holder_name', 'like', `%${q.q!.replace(/[%_]/g, '')}%`)]))
      if (q.cursor) query = query.where('id', '<', q.cursor)
      const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute()
      const page = rows.slice(0, q.limit).map(toLicense)
      return { rows: page, nextCursor: rows.length > q.limit ? page.at(-1)!.id : null }
    },
    /** Sets the status only if it is still `from` (optimistic); true when changed. */
    async setStatus(db: Kysely<any>, id: string, from: LicenseStatus, to: LicenseStatus, reason: string, at: number, replacedById?: string): Promise<boolean> {
      const r = await db.updateTable('licenses_license')
        .set({ status: to, status_reason: reason, status_changed_at: at, updated_at: at, ...(replacedById ? { replaced_by_id: replacedById } : {}) })
        .where('id', '=', id).where('status', '=', from).executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    async insertStatusChange(db: Kysely<any>, c: { id: string; licenseId: string; from: string; to: string; reason: string; actorId: string; actorName: string; at: number }): Promise<void> {
      await db.insertInto('licenses_status_change').values({ id: c.id, license_id: c.licenseId, from_status: c.from, to_status: c.to, reason: c.reason, actor_id: c.actorId, actor_name: c.actorName, at: c.at }).execute()
    },
    async listStatusChanges(db: Kysely<any>, licenseId: string) {
      const rows = await db.selectFrom('licenses_status_change').selectAll().where('license_id', '=', licenseId).orderBy('at').orderBy('id').execute()
      return rows.map((r) => ({ from: r.from_status as string, to: r.to_status as string, reason: r.reason as string, actorName: r.actor_name as string, at: n(r.at) }))
    },
    /** Status slots (index → status) of the licences in a list that are not valid. */
    async nonValidSlots(db: Kysely<any>, listId: string): Promise<Array<{ index: number; status: LicenseStatus }>> {
      const rows = await db.selectFrom('licenses_license').select(['status_index', 'status']).where('status_list_id', '=', listId).where('status', 'in', ['revoked', 'suspended', 'replaced']).execute()
      return rows.map((r) => ({ index: n(r.status_index), status: r.status }))
    },

    // ── status lists ──
    async currentList(db: Kysely<any>, issuer: string): Promise<StatusListRow | undefined> {
      const r = await db.selectFrom('licenses_status_list').selectAll().where('issuer_department_id', '=', issuer).orderBy('seq', 'desc').limit(1).executeTakeFirst()
      return r ? toList(r) : undefined
    },
    async getList(db: Kysely<any>, id: string): Promise<StatusListRow | undefined> {
      const r = await db.selectFrom('licenses_status_list').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toList(r) : undefined
    },
    async insertList(db: Kysely<any>, l: StatusListRow): Promise<void> {
      await db.insertInto('licenses_status_list').values({
        id: l.id, issuer_department_id: l.issuerDepartmentId, seq: l.seq, size: l.size, next_index: l.nextIndex, revision: l.revision, published_revision: l.publishedRevision,
        revocation: null, suspension: null, head_hash: null, ledger_entry_id: null, published_at: null, created_at: l.createdAt,
      }).execute()
    },
    /** Reserves `count` indexes if the list still starts at `from` (optimistic); true on success. */
    async reserveIndexes(db: Kysely<any>, id: string, from: number, count: number): Promise<boolean> {
      const r = await db.updateTable('licenses_status_list').set({ next_index: from + count }).where('id', '=', id).where('next_index', '=', from).executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    async bumpRevision(db: Kysely<any>, id: string): Promise<void> {
      await db.updateTable('licenses_status_list').set({ revision: sql`revision + 1` }).where('id', '=', id).execute()
    },
    async dirtyLists(db: Kysely<any>): Promise<StatusListRow[]> {
      const rows = await db.selectFrom('licenses_status_list').selectAll().whereRef('published_revision', '<', 'revision').execute()
      return rows.map(toList)
    },
    async listsOf(db: Kysely<any>): Promise<StatusListRow[]> {
      return (await db.selectFrom('licenses_status_list').selectAll().orderBy('issuer_department_id').orderBy('seq').execute()).map(toList)
    },
    async markPublished(db: Kysely<any>, id: string, p: { revision: number; revocation: string; suspension: string; message: string; headHash: string; ledgerEntryId: string; at: number }): Promise<boolean> {
      const r = await db.updateTable('licenses_status_list')
        .set({ published_revision: p.revision, revocation: p.revocation, suspension: p.suspension, message: p.message, head_hash: p.headHash, ledger_entry_id: p.ledgerEntryId, published_at: p.at })
        .where('id', '=', id).where('published_revision', '<', p.revision).executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },

    // ── sequences ──
    /** Reserves `count` numbers of sequence `name`; returns the first. */
    async reserveSequence(db: Kysely<any>, name: string, count: number): Promise<number> {
      for (;;) {
        const cur = await db.selectFrom('licenses_sequence').select('next').where('name', '=', name).executeTakeFirst()
        if (!cur) {
          const r = await db.insertInto('licenses_sequence').values({ name, next: 1 + count }).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst()
          if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) return 1
          continue
        }
        const from = n(cur.next)
        const r = await db.updateTable('licenses_sequence').set({ next: from + count }).where('name', '=', name).where('next', '=', from).executeTakeFirst()
        if (Number(r.numUpdatedRows) > 0) return from
      }
    },

    // ── consents and accesses ──
    async insertConsent(db: Kysely<any>, c: ConsentRow): Promise<void> {
      await db.insertInto('licenses_consent').values({
        id: c.id, license_id: c.licenseId, granted_by: c.grantedBy, department_id: c.departmentId, application_id: c.applicationId, purpose: c.purpose,
        fields: toJson(c.fields), expires_at: c.expiresAt, created_at: c.createdAt, revoked_at: null, access_count: 0,
      }).execute()
    },
    async getConsent(db: Kysely<any>, id: string): Promise<ConsentRow | undefined> {
      const r = await db.selectFrom('licenses_consent').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toConsent(r) : undefined
    },
    async listConsents(db: Kysely<any>, by: { licenseIds?: string[]; applicationId?: string }): Promise<ConsentRow[]> {
      let q = db.selectFrom('licenses_consent').selectAll()
      if (by.licenseIds) {
        if (by.licenseIds.length === 0) return []
        q = q.where('license_id', 'in', by.licenseIds)
      }
      if (by.applicationId) q = q.where('application_id', '=', by.applicationId)
      return (await q.orderBy('created_at', 'desc').limit(500).execute()).map(toConsent)
    },
    async revokeConsent(db: Kysely<any>, id: string, at: number): Promise<boolean> {
      const r = await db.updateTable('licenses_consent').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    async insertAccess(db: Kysely<any>, a: AccessRow): Promise<void> {
      await db.insertInto('licenses_access').values({ id: a.id, consent_id: a.consentId, license_id: a.licenseId, application_id: a.applicationId, actor_id: a.actorId, actor_name: a.actorName, fields: toJson(a.fields), at: a.at }).execute()
      await db.updateTable('licenses_consent').set({ access_count: sql`access_count + 1` }).where('id', '=', a.consentId).execute()
    },
    async listAccesses(db: Kysely<any>, by: { licenseId?: string; consentId?: string }): Promise<AccessRow[]> {
      let q = db.selectFrom('licenses_access').selectAll()
      if (by.licenseId) q = q.where('license_id', '=', by.licenseId)
      if (by.consentId) q = q.where('consent_id', '=', by.consentId)
      return (await q.orderBy('at', 'desc').limit(500).execute()).map(toAccess)
    },

    // ── verification counters ──
    async countVerification(db: Kysely<any>, day: string, outcome: string, n = 1): Promise<void> {
      await db.insertInto('licenses_verification').values({ day, outcome, count: n })
        .onConflict((oc) => oc.columns(['day', 'outcome']).doUpdateSet({ count: sql`licenses_verification.count + ${n}` })).execute()
    },

    // ── statistics ──
    async issuedCounts(db: Kysely<any>, departments?: readonly string[]) {
      let q = db.selectFrom('licenses_license').select(['type_code', 'issuer_department_id', 'status', (eb) => eb.fn.countAll().as('n')])
      if (departments) q = departments.length ? q.where('issuer_department_id', 'in', [...departments]) : q.where(sql<boolean>`1 = 0`)
      const rows = await q.groupBy(['type_code', 'issuer_department_id', 'status']).execute()
      return rows.map((r) => ({ typeCode: r.type_code as string, departmentId: r.issuer_department_id as string, status: r.status as LicenseStatus, count: toCount(r.n) }))
    },
    async reuseCounts(db: Kysely<any>, departments?: readonly string[]) {
      const scope = <Q extends { where: any }>(q: Q): Q => (departments ? (departments.length ? q.where('department_id', 'in', [...departments]) : q.where(sql<boolean>`1 = 0`)) : q)
      const c = await scope(db.selectFrom('licenses_consent').select([
        (eb) => eb.fn.countAll().as('consents'),
        (eb) => eb.fn.count(sql`distinct application_id`).as('applications'),
        (eb) => eb.fn.sum('access_count').as('accesses'),
      ])).executeTakeFirst()
      return { consents: toCount(c?.consents), applications: toCount(c?.applications), accesses: toCount(c?.accesses) }
    },
    async verificationCounts(db: Kysely<any>) {
      const rows = await db.selectFrom('licenses_verification').select(['outcome', (eb) => eb.fn.sum('count').as('n')]).groupBy('outcome').execute()
      return rows.map((r) => ({ outcome: r.outcome as string, count: toCount(r.n) }))
    },

    // ── issue requests (from approved applications) ──
    async insertIssueRequest(db: Kysely<any>, applicationId: string, payload: unknown, now: number): Promise<boolean> {
      const r = await db.insertInto('licenses_issue_request').values({ application_id: applicationId, payload: toJson(payload), state: 'pending', attempts: 0, last_error: null, license_id: null, lease_until: 0, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('application_id').doNothing()).executeTakeFirst()
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
    },
    /** Claims up to `limit` pending requests whose lease ran out (several processes share the work). */
    async claimIssueRequests(db: Kysely<any>, now: number, leaseMs: number, limit: number): Promise<Array<{ applicationId: string; payload: any; attempts: number }>> {
      const rows = await db.selectFrom('licenses_issue_request').select(['application_id', 'payload', 'attempts']).where('state', '=', 'pending').where('lease_until', '<', now).orderBy('created_at').limit(limit).execute()
      const out = []
      for (const r of rows) {
        const u = await db.updateTable('licenses_issue_request').set({ lease_until: now + leaseMs, attempts: n(r.attempts) + 1, updated_at: now })
          .where('application_id', '=', r.application_id).where('state', '=', 'pending').where('lease_until', '<', now).executeTakeFirst()
        if (Number(u.numUpdatedRows) > 0) out.push({ applicationId: r.application_id as string, payload: fromJson(r.payload), attempts: n(r.attempts) + 1 })
      }
      return out
    },
    async finishIssueRequest(db: Kysely<any>, applicationId: string, state: 'done' | 'skipped' | 'failed' | 'pending', at: number, r: { licenseId?: string; error?: string; retryAt?: number } = {}): Promise<void> {
      await db.updateTable('licenses_issue_request').set({ state, license_id: r.licenseId ?? null, last_error: r.error ?? null, lease_until: r.retryAt ?? 0, updated_at: at })
        .where('application_id', '=', applicationId).execute()
    },
    async getIssueRequest(db: Kysely<any>, applicationId: string) {
      const r = await db.selectFrom('licenses_issue_request').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
      return r ? { applicationId: r.application_id as string, state: r.state as string, attempts: n(r.attempts), lastError: r.last_error as string | null, licenseId: r.license_id as string | null } : undefined
    },
    async pendingIssueRequests(db: Kysely<any>): Promise<number> {
      const r = await db.selectFrom('licenses_issue_request').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'pending').executeTakeFirst()
      return toCount(r?.n)
    },

    // ── imports ──
    async getImportByKey(db: Kysely<any>, key: string): Promise<ImportRow | undefined> {
      const r = await db.selectFrom('licenses_import').selectAll().where('key', '=', key).executeTakeFirst()
      return r ? toImport(r) : undefined
    },
    async getImport(db: Kysely<any>, id: string): Promise<ImportRow | undefined> {
      const r = await db.selectFrom('licenses_import').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toImport(r) : undefined
    },
    async insertImport(db: Kysely<any>, i: ImportRow): Promise<void> {
      await db.insertInto('licenses_import').values({
        id: i.id, key: i.key, type_code: i.typeCode, department_id: i.departmentId, format: i.format, state: i.state, rows_read: i.rowsRead,
        committed: i.committed, failed: i.failed, created_by: i.createdBy, created_at: i.createdAt, updated_at: i.updatedAt,
      }).onConflict((oc) => oc.column('key').doNothing()).execute()
    },
    async updateImport(db: Kysely<any>, id: string, p: { state?: string; rowsRead?: number; committed?: number; failed?: number; at: number }): Promise<void> {
      await db.updateTable('licenses_import').set({
        ...(p.state ? { state: p.state } : {}), ...(p.rowsRead !== undefined ? { rows_read: p.rowsRead } : {}),
        ...(p.committed !== undefined ? { committed: p.committed } : {}), ...(p.failed !== undefined ? { failed: p.failed } : {}), updated_at: p.at,
      }).where('id', '=', id).execute()
    },
    async insertImportErrors(db: Kysely<any>, importId: string, errors: Array<{ row: number; code: string; message: string }>): Promise<void> {
      for (let i = 0; i < errors.length; i += 500) {
        await db.insertInto('licenses_import_error').values(errors.slice(i, i + 500).map((e) => ({ import_id: importId, row_no: e.row, code: e.code, message: e.message.slice(0, 1000) })))
          .onConflict((oc) => oc.columns(['import_id', 'row_no']).doNothing()).execute()
      }
    },
    async listImportErrors(db: Kysely<any>, importId: string, after: number, limit: number) {
      const rows = await db.selectFrom('licenses_import_error').selectAll().where('import_id', '=', importId).where('row_no', '>', after).orderBy('row_no').limit(limit).execute()
      return rows.map((r) => ({ row: n(r.row_no), code: r.code as string, message: r.message as string }))
    },
  }
}

export type LicensesRepo = ReturnType<typeof createLicensesRepo>
