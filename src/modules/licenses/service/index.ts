/**
 * The licences service: assembles types, issuers, issuance, status, status lists, wallet, consents,
 * verification, issuance on approval and statistics over one set of ports. `LicensesApi` is what
 * routes call and what other modules get as `ctx.deps.licenses`.
 */
import { AppError } from '../../../core/errors.ts'
import { LicenseError } from '../errors.ts'
import type { LicenseRow } from '../repo.ts'
import type { LicenseStatus, LicenseTypeDefinition, NativeLicence } from '../types.ts'
import { createConsents } from './consents.ts'
import { SYSTEM, iso, type CallContext, type LicensesDeps } from './context.ts'
import { createDepartmentScope } from './departments.ts'
import { createIssueOnApproval } from './from-services.ts'
import { createIssuance, type Actor, type IssueInput } from './issue.ts'
import { createIssuers } from './issuers.ts'
import { createImports } from './imports.ts'
import { createStatusChanges } from './status.ts'
import { createStatusLists } from './status-lists.ts'
import { createTypeRegistry } from './types-registry.ts'
import { createVerifier } from './verifier.ts'
import { effectiveStatus, toSummary } from './views.ts'
import { parseLicenseId } from '../../../lib/license-id/index.ts'
import { decodeLicenceQr } from '../render/qr.ts'
import { kidOf, licenceCredential, signCredential, verifyCredentialJwt } from '../vc.ts'
import type { Verdict } from '../verify.ts'
import type { Lang } from '../../../core/errors.ts'
import { chinaDate } from './context.ts'
import { createWallet } from './wallet.ts'

export type { LicensesDeps, CallContext } from './context.ts'
export type { LentLicence, GrantConsentInput } from './consents.ts'
export type { LicenseSummary, ConsentView } from './views.ts'

export interface DirectIssueInput {
  typeCode: string
  departmentId?: string
  holder?: { kind?: 'person' | 'organization'; name?: string; identifier?: string; accountId?: string | null }
  fields: Record<string, unknown>
  validFrom?: string
  validUntil?: string | null
  number?: string
}

const actorOf = (c: CallContext): Actor => ({ id: c.principal.id, kind: c.principal.kind, name: c.principal.name })

export function createLicensesService(deps: LicensesDeps) {
  const departments = createDepartmentScope(deps.identity, deps.clock)
  const types = createTypeRegistry(deps, departments)
  const issuers = createIssuers(deps, departments)
  const lists = createStatusLists(deps, issuers)
  const issuance = createIssuance(deps, types, issuers, lists)
  const statusChanges = createStatusChanges(deps, lists)
  const wallet = createWallet(deps, types)
  const verifier = createVerifier(deps, issuers)
  const consents = createConsents(deps, types, wallet, departments, verifier.verifyRow)
  const onApproval = createIssueOnApproval(deps, types, issuance, lists)
  const imports = createImports(deps, types, issuance, departments)

  /** The licence if the staff principal's departments issued it; 404 otherwise. */
  async function staffVisible(c: CallContext, id: string): Promise<LicenseRow> {
    const row = await deps.repo.getLicense(deps.db, id)
    const scope = await departments.scopeOf(c.principal)
    if (!row || (scope && !scope.includes(row.issuerDepartmentId))) throw new LicenseError.NOT_FOUND(id)
    return row
  }

  /** The native document with the ledger receipt attached when a witnessed checkpoint covers it. */
  async function documentOf(row: LicenseRow): Promise<NativeLicence> {
    let receipt: unknown = null
    try { receipt = await deps.ledger.getReceipt(row.ledgerEntryId) } catch (err) {
      if (!(err instanceof AppError)) throw err
    }
    return { ...row.document, receipt }
  }

  async function detail(row: LicenseRow, opts: { enterpriseId?: string | null; withConsents?: CallContext } = {}) {
    const type = await types.get(row.typeCode)
    const now = deps.clock.now()
    const history = (await deps.repo.listStatusChanges(deps.db, row.id)).map((h) => ({ ...h, at: iso(h.at)! }))
    const labels: Record<string, string> = {}
    for (const k of Object.keys(row.document.licence.fields)) labels[k] = type?.schema.properties[k]?.title['zh-CN'] ?? k
    return {
      ...toSummary(row, type, now, opts.enterpriseId ?? null),
      fields: row.document.licence.fields, labels, document: await documentOf(row), history,
      replacesId: row.replacesId, replacedById: row.replacedById,
      consents: opts.withConsents ? (await consents.listMine(opts.withConsents, row.id)).items : [],
    }
  }

  async function verifyJwt(jwt: string, lang?: Lang): Promise<Verdict> {
    const checks: Verdict['checks'] = []
    const out = (v: Partial<Verdict>): Verdict => {
      const failed = checks.find((c) => !c.ok && !c.skipped)
      return { valid: !failed, code: failed?.code ?? null, identifier: null, typeName: null, issuerName: null, holderName: null, status: 'unknown', checks, ...v }
    }
    const m = (code: keyof typeof LicenseError, ...args: unknown[]) => new LicenseError[code](...args).localized(lang ?? 'en-US')
    const [dept, vcKeyId] = (kidOf(jwt) ?? '').split('#')
    const issuer = dept ? await issuers.get(dept) : undefined
    if (!issuer || !vcKeyId || issuer.vcKeyId !== vcKeyId) {
      checks.push({ check: 'signature', ok: false, code: 'LIC_VERIFY_UNKNOWN_ISSUER', message: m('VERIFY_UNKNOWN_ISSUER', dept || '(no kid)') })
      return out({})
    }
    let vc
    try {
      vc = await verifyCredentialJwt(jwt, (await deps.crypto.getPublicKey(vcKeyId)).jwk)
      checks.push({ check: 'signature', ok: true, message: `ES256 signature of ${issuer.name}` })
    } catch {
      checks.push({ check: 'signature', ok: false, code: 'LIC_VERIFY_SIGNATURE', message: m('VERIFY_SIGNATURE', issuer.name) })
      return out({ issuerName: issuer.name })
    }
    const lic = vc.credentialSubject.licence
    const row = await deps.repo.getLicenseByIdentifier(deps.db, lic.identifier)
    let status: Verdict['status'] = 'unknown'
    if (!row) checks.push({ check: 'status', ok: false, code: 'LIC_VERIFY_UNKNOWN', message: m('VERIFY_UNKNOWN') })
    else {
      status = effectiveStatus(row, deps.clock.now())
      const codes = { revoked: 'VERIFY_REVOKED', suspended: 'VERIFY_SUSPENDED', replaced: 'VERIFY_REPLACED', expired: 'VERIFY_EXPIRED' } as const
      if (status === 'valid') checks.push({ check: 'status', ok: true, message: 'valid (register)' })
      else checks.push({ check: 'status', ok: false, code: `LIC_${codes[status]}`, message: status === 'expired' ? m('VERIFY_EXPIRED', row.validUntil ?? '') : m(codes[status]) })
    }
    const until = vc.validUntil?.slice(0, 10)
    if (until && until < chinaDate(deps.clock.now()) && status !== 'expired') checks.push({ check: 'validity', ok: false, code: 'LIC_VERIFY_EXPIRED', message: m('VERIFY_EXPIRED', until) })
    return out({ identifier: lic.identifier, typeName: lic.typeName, issuerName: issuer.name, holderName: vc.credentialSubject.name, status })
  }

  /** A QR short link names only the identifier: check it and look the status up (no signature to check). */
  async function verifyLink(identifier: string, lang?: Lang): Promise<Verdict> {
    const m = (code: keyof typeof LicenseError, ...args: unknown[]) => new LicenseError[code](...args).localized(lang ?? 'en-US')
    const checks: Verdict['checks'] = []
    const id = parseLicenseId(identifier)
    const row = id.ok ? await deps.repo.getLicenseByIdentifier(deps.db, id.id) : undefined
    if (!id.ok) checks.push({ check: 'identifier', ok: false, code: 'LIC_VERIFY_IDENTIFIER', message: m('VERIFY_IDENTIFIER', id.problem) })
    else checks.push({ check: 'identifier', ok: true, message: `GB/T 36904, check character ${id.check}` })
    checks.push({ check: 'signature', ok: true, skipped: true, message: 'a short link carries no signed licence; upload the JSON or PDF to check the signature' })
    let status: Verdict['status'] = 'unknown'
    if (id.ok && !row) checks.push({ check: 'status', ok: false, code: 'LIC_VERIFY_UNKNOWN', message: m('VERIFY_UNKNOWN') })
    if (row) {
      status = effectiveStatus(row, deps.clock.now())
      const codes = { revoked: 'VERIFY_REVOKED', suspended: 'VERIFY_SUSPENDED', replaced: 'VERIFY_REPLACED', expired: 'VERIFY_EXPIRED' } as const
      if (status === 'valid') checks.push({ check: 'status', ok: true, message: 'valid (register)' })
      else checks.push({ check: 'status', ok: false, code: `LIC_${codes[status]}`, message: status === 'expired' ? m('VERIFY_EXPIRED', row.validUntil ?? '') : m(codes[status]) })
    }
    const failed = checks.find((c) => !c.ok && !c.skipped)
    return { valid: !failed, code: failed?.code ?? null, identifier: id.ok ? id.id : identifier, typeName: row?.document.licence.type.name ?? null, issuerName: row?.document.licence.issuer.name ?? null, holderName: null, status, checks }
  }

  const api = {
    /** The ports (seed, CLI import, benchmarks). */
    deps,
    // ── types ──
    types,
    async listTypes() {
      return { items: await types.list() }
    },
    async getType(code: string): Promise<LicenseTypeDefinition> {
      return types.getOrThrow(code)
    },
    /** Stores the licence types not stored yet (demo seed, tests); answers how many were added. */
    seedTypes: (defs: readonly LicenseTypeDefinition[]) => types.seed(defs),
    /** Console type editor: create, next revision, history, departments that may issue. */
    createType: (c: CallContext, def: LicenseTypeDefinition) => types.create(c, def),
    updateType: (c: CallContext, code: string, def: LicenseTypeDefinition, revision: number) => types.update(c, code, def, revision),
    typeHistory: (code: string) => types.history(code),
    typeIssuers: () => types.issuerCandidates(),

    // ── issuers ──
    issuers,
    async listIssuers() {
      const rows = await issuers.list()
      const items = []
      for (const r of rows) {
        const vc = r.vcKeyId ? await deps.crypto.getPublicKey(r.vcKeyId).catch(() => undefined) : undefined
        items.push({ departmentId: r.departmentId, name: r.name, creditCode: r.creditCode, keyId: r.keyId, certificatePem: r.certificatePem ?? '', vcKeyId: r.vcKeyId, jwk: vc?.jwk ?? null })
      }
      return { items }
    },
    async issuerCertificate(departmentId: string): Promise<string> {
      const r = await issuers.get(departmentId)
      if (!r?.certificatePem) throw new LicenseError.ISSUER_NOT_FOUND(departmentId)
      return r.certificatePem
    },

    // ── issuance and register (staff) ──
    issuance,
    /** Issues a licence directly (authorised staff of an issuing department). */
    async issueDirect(c: CallContext, input: DirectIssueInput) {
      const type = await types.getOrThrow(input.typeCode)
      const scope = await departments.scopeOf(c.principal)
      const departmentId = input.departmentId ?? (scope ? type.issuers.find((d) => scope.includes(d)) : type.issuers[0]) ?? type.issuers[0]
      if (scope && !scope.includes(departmentId)) throw new LicenseError.NOT_YOUR_DEPARTMENT(departmentId)
      const row = await issuance.issueOne({ ...input, departmentId, source: 'direct', sourceRef: null } satisfies IssueInput, actorOf(c), c.requestId)
      return detail(row)
    },
    async replace(c: CallContext, id: string, input: { fields?: Record<string, unknown>; reason: string; validFrom?: string; validUntil?: string | null }) {
      const old = await staffVisible(c, id)
      if (old.status !== 'valid' && old.status !== 'suspended') throw new LicenseError.NOT_REPLACEABLE(old.status)
      const l = old.document.licence
      const row = await issuance.issueOne({
        typeCode: old.typeCode, departmentId: old.issuerDepartmentId, holder: { kind: l.holder.kind, accountId: old.holderAccountId },
        fields: { ...l.fields, ...(input.fields ?? {}) }, validFrom: input.validFrom, validUntil: input.validUntil === undefined ? l.validUntil : input.validUntil,
        source: 'direct', sourceRef: null, replaces: old,
      }, actorOf(c), c.requestId)
      lists.kick()
      return detail(row)
    },
    async find(c: CallContext, q: { typeCode?: string; status?: string; q?: string; cursor?: string; limit?: number }) {
      const scope = await departments.scopeOf(c.principal)
      const page = await deps.repo.findLicenses(deps.db, { ...q, departments: scope, limit: Math.min(Math.max(q.limit ?? 50, 1), 200) })
      const now = deps.clock.now()
      const items = []
      for (const r of page.rows) items.push(toSummary(r, await types.get(r.typeCode), now))
      return { items, nextCursor: page.nextCursor }
    },
    async getAsStaff(c: CallContext, id: string) {
      return detail(await staffVisible(c, id))
    },
    async changeStatus(c: CallContext, id: string, to: LicenseStatus, reason: string) {
      const row = await staffVisible(c, id)
      await statusChanges.change(c, row, to, reason)
      return detail((await deps.repo.getLicense(deps.db, id))!)
    },

    // ── status lists ──
    lists,
    publishStatusLists: async () => ({ published: await lists.publishDirty() }),
    statusListCredential: (id: string, purpose: 'revocation' | 'suspension' | 'message') => lists.credentialOf(id, purpose),
    /** Public lookup by identifier (QR short link): no holder data. */
    async lookup(identifier: string) {
      const row = await deps.repo.getLicenseByIdentifier(deps.db, identifier.trim().toUpperCase())
      if (!row) throw new LicenseError.NOT_FOUND(identifier)
      const s = toSummary(row, await types.get(row.typeCode), deps.clock.now())
      return { identifier: s.identifier, typeName: s.typeName, issuerName: s.issuerName, status: s.status, validFrom: s.validFrom, validUntil: s.validUntil }
    },

    // ── verification ──
    /** Verifies a native licence, or `{ jwt }` (a VC export). Never throws for a bad licence. */
    async verify(input: unknown, lang?: Lang): Promise<Verdict> {
      if (input && typeof input === 'object' && typeof (input as { jwt?: unknown }).jwt === 'string') return verifyJwt((input as { jwt: string }).jwt, lang)
      if (input && typeof input === 'object' && typeof (input as { qr?: unknown }).qr === 'string') {
        const qr = decodeLicenceQr((input as { qr: string }).qr)
        if (qr.kind === 'licence') return verifier.verify(qr.doc, lang)
        if (qr.kind === 'link') return verifyLink(qr.identifier, lang)
        return verifier.verify({ format: 'unreadable QR code' }, lang)
      }
      return verifier.verify(input, lang)
    },
    /** The W3C VC 2.0 (vc+jwt, ES256 by the issuer's P-256 key) of a native licence. */
    async exportVc(doc: NativeLicence): Promise<string> {
      const issuer = await issuers.ensure(doc.licence.issuer.departmentId)
      const vc = licenceCredential(doc, `${deps.publicUrl}/api/v1/licenses`)
      return signCredential(vc, `${issuer.departmentId}#${issuer.vcKeyId}`, async (input) => (await deps.crypto.sign(issuer.vcKeyId!, input, { format: 'raw' })).signature)
    },
    /** The public verification page (web), absolute: PUBLIC_URL, else the request's origin. */
    verifyPageUrl: (origin: string) => `${deps.publicUrl || origin}/verify`,
    verifier,

    // ── wallet ──
    mine: wallet.mine,
    async getMine(c: CallContext, id: string) {
      const { row, h } = await wallet.visible(c, id)
      return detail(row, { enterpriseId: wallet.enterpriseOf(row, h), withConsents: c })
    },
    /** The native signed licence of the holder (with its receipt when published). */
    async downloadMine(c: CallContext, id: string): Promise<{ row: LicenseRow; document: NativeLicence }> {
      const { row } = await wallet.visible(c, id)
      return { row, document: await documentOf(row) }
    },
    documentOf,

    // ── consents (免提交) ──
    grantConsent: consents.grant,
    revokeConsent: consents.revoke,
    listConsents: consents.listMine,
    consentAccesses: consents.accessesOfConsent,
    licenceAccesses: consents.accessesOfLicence,
    readConsented: consents.readConsented,
    /** For the services module: licences lent to an application, as its clerk may see them (each read logged). */
    consentedForApplication: consents.forApplication,
    checkOwnConsent: consents.checkOwnConsent,
    consentsForApplication: consents.listForApplication,

    // ── statistics ──
    async stats(c: CallContext) {
      const scope = await departments.scopeOf(c.principal)
      const issued = await deps.repo.issuedCounts(deps.db, scope)
      const byKey = new Map<string, { typeCode: string; typeName: string; departmentId: string; count: number }>()
      const byStatus: Record<string, number> = {}
      for (const r of issued) {
        const k = `${r.typeCode}|${r.departmentId}`
        const t = await types.get(r.typeCode)
        const e = byKey.get(k) ?? { typeCode: r.typeCode, typeName: t?.name['zh-CN'] ?? r.typeCode, departmentId: r.departmentId, count: 0 }
        e.count += r.count
        byKey.set(k, e)
        byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count
      }
      await verifier.flush()
      const reuse = await deps.repo.reuseCounts(deps.db, scope)
      const ver = await deps.repo.verificationCounts(deps.db)
      const byCode: Record<string, number> = {}
      let valid = 0
      let invalid = 0
      for (const v of ver) {
        if (v.outcome === 'valid') valid += v.count
        else { invalid += v.count; byCode[v.outcome] = v.count }
      }
      return {
        issued: [...byKey.values()].sort((a, b) => b.count - a.count), total: issued.reduce((s, r) => s + r.count, 0), byStatus,
        reuse: { consents: reuse.consents, accesses: reuse.accesses, submissionsAvoided: reuse.applications },
        verifications: { total: valid + invalid, valid, invalid, byCode },
      }
    },

    // ── bulk import ──
    imports,

    // ── issuance on approval ──
    onApproval,
    issueRequest: (applicationId: string) => deps.repo.getIssueRequest(deps.db, applicationId),

    start(): void {
      lists.start()
      onApproval.start()
      void onApproval.run()
    },
    async stop(): Promise<void> {
      await onApproval.stop()
      await lists.stop()
      await verifier.flush()
    },
    /** Resolves when background work is done (tests, benchmarks). */
    async idle(): Promise<void> {
      await onApproval.drain()
      await lists.publishDirty()
      await lists.idle()
    },
    system: SYSTEM,
  }
  return api
}

export type LicensesApi = ReturnType<typeof createLicensesService>
