/**
 * Issuance on approval: the `services.application.approved` subscriber records an issue request in
 * the delivery's transaction (exactly once); a worker then reads the application and its item
 * through the services API, and when the item's result is a licence type, issues the licence to
 * the applicant (signing cannot run inside the delivery transaction: on SQLite it holds the only
 * connection). Idempotent per application (`source_ref = app:<id>`), retried with backoff.
 */
import type { Kysely } from 'kysely'
import { afterCommit } from '../../../core/db/transaction.ts'
import { AppError } from '../../../core/errors.ts'
import { sm3 } from '../../../lib/crypto/index.ts'
import { makeUsccFromParts } from '../../../lib/uscc.ts'
import type { ApplicationEventPayload } from '../../services/index.ts'
import type { LicenseTypeDefinition } from '../types.ts'
import { SYSTEM, chinaDate, type LicensesDeps } from './context.ts'
import type { Issuance } from './issue.ts'
import type { StatusLists } from './status-lists.ts'
import type { TypeRegistry } from './types-registry.ts'

const MAX_ATTEMPTS = 8
const LEASE_MS = 60_000

/** A credit code for an organisation registered by `applicationId` (individual business: authority 9, type 2). */
export function newCreditCode(applicationId: string, division = '442000', holderKind: 'individual' | 'company' = 'individual'): string {
  const d = Buffer.from(sm3(Buffer.from(`licenses-new-org:${applicationId}`)))
  const body = 'L' + String(d.readUInt32BE(0) % 10_000_000).padStart(7, '0')
  return makeUsccFromParts(holderKind === 'individual' ? '92' : '91', division, body)
}

/** The licence fields from an application's answers, per the type's mapping (see `LicenseTypeDefinition.applicationMapping`). */
export function fieldsFromApplication(type: LicenseTypeDefinition, app: { id: string; number: string; applicantName: string; itemName: string; formData: Record<string, unknown>; divisionCode: string }, ctx: { today: string; issuerName: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const applicantName = app.applicantName.replace(/（.*）$/, '')
  const division = /^\d{6}/.test(app.divisionCode) ? app.divisionCode.slice(0, 6) : '442000'
  // An individual business (个体工商户) registers a trade name and its operator; a company its name.
  const individual = app.formData.tradeName !== undefined || app.formData.operatorName !== undefined
  const resolve = (source: string): unknown => {
    if (source.startsWith('=')) return source.slice(1)
    switch (source) {
      case '$applicantName': return applicantName
      case '$applicationNumber': return app.number
      case '$itemName': return app.itemName
      case '$issuerName': return ctx.issuerName
      case '$today': return ctx.today
      case '$newCreditCode': return newCreditCode(app.id, division, 'company')
      case '$newIndividualCreditCode': return newCreditCode(app.id, division, 'individual')
      default: return app.formData[source]
    }
  }
  for (const [key, prop] of Object.entries(type.schema.properties)) {
    // `a|b|=c`: the first alternative with a value (form keys, tokens, constants).
    let v: unknown
    for (const alt of (type.applicationMapping?.[key] ?? key).split('|')) {
      v = resolve(alt.trim())
      if (v !== undefined && v !== null && v !== '') break
    }
    if (v === undefined || v === null || v === '') {
      // Fill what an approval decides rather than the applicant: dates of issue, the new credit code.
      if (prop.format === 'date' && type.schema.required.includes(key)) v = ctx.today
      else if (prop.format === 'uscc' && key === type.holderFields.identifier) v = newCreditCode(app.id, division, individual ? 'individual' : 'company')
      else continue
    }
    if ((prop.type === 'integer' || prop.type === 'number') && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v)
    if (prop.type === 'string' && typeof v === 'number') v = String(v)
    out[key] = v
  }
  return out
}

export function createIssueOnApproval(deps: LicensesDeps, types: TypeRegistry, issuance: Issuance, lists: StatusLists) {
  let running: Promise<void> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined

  async function processOne(req: { applicationId: string; payload: ApplicationEventPayload; attempts: number }): Promise<void> {
    const now = () => deps.clock.now()
    const services = deps.services
    if (!services || !req.payload.itemId) return deps.repo.finishIssueRequest(deps.db, req.applicationId, 'skipped', now(), { error: 'no item' })
    try {
      const app = await services.applications.view({ principal: SYSTEM }, req.applicationId)
      if (app.status !== 'approved' || !app.itemId) return deps.repo.finishIssueRequest(deps.db, req.applicationId, 'skipped', now(), { error: `status ${app.status}` })
      const item = await services.catalog.getCatalogItem(app.itemId)
      const data = item.data as typeof item.data & { resultLicenceType?: string }
      const ref = data.resultLicenceType ?? data.resultName
      // An item for persons (个体工商户) yields the person-held type; one for legal entities the organisation's.
      const audiences = data.audiences ?? []
      const holderKind = audiences.length === 1 ? (audiences[0] === 'person' ? 'person' as const : 'organization' as const) : undefined
      const type = ref ? await types.resolve(ref, holderKind) : undefined
      if (!type || type.reference) return deps.repo.finishIssueRequest(deps.db, req.applicationId, 'skipped', now(), { error: `result ${ref ?? '(none)'} is not an issued licence type` })
      const departmentId = type.issuers.includes(app.departmentId) ? app.departmentId : type.issuers[0]
      const issuerName = (await deps.repo.getIssuer(deps.db, departmentId))?.name ?? data.departmentName
      const fields = fieldsFromApplication(type, { id: app.id, number: app.number, applicantName: app.applicantName, itemName: app.itemName, formData: app.formData, divisionCode: app.divisionCode }, { today: chinaDate(now()), issuerName })
      const row = await issuance.issueOne({ typeCode: type.code, departmentId, holder: { accountId: app.applicantId }, fields, source: 'application', sourceRef: `app:${app.id}` }, { id: SYSTEM.id, kind: SYSTEM.kind, name: SYSTEM.name })
      await deps.repo.finishIssueRequest(deps.db, req.applicationId, 'done', now(), { licenseId: row.id })
      deps.log.info({ applicationId: app.id, licenseId: row.id, identifier: row.identifier }, 'licence issued on approval')
    } catch (err) {
      // A typed error is a data problem (fields, holder): retrying will not fix it; staff see it.
      const final = err instanceof AppError || req.attempts >= MAX_ATTEMPTS
      deps.log.warn({ err, applicationId: req.applicationId, attempts: req.attempts }, final ? 'licence issuance on approval failed' : 'licence issuance on approval will be retried')
      await deps.repo.finishIssueRequest(deps.db, req.applicationId, final ? 'failed' : 'pending', now(), {
        error: err instanceof Error ? err.message : String(err), retryAt: final ? 0 : now() + Math.min(60_000, 500 * 2 ** req.attempts),
      })
    }
  }

  async function drainOnce(): Promise<number> {
    const claimed = await deps.repo.claimIssueRequests(deps.db, deps.clock.now(), LEASE_MS, 20)
    for (const r of claimed) await processOne(r)
    return claimed.length
  }

  function run(): Promise<void> {
    if (running) { again = true; return running }
    running = (async () => {
      do {
        again = false
        try { while ((await drainOnce()) > 0) { /* until empty */ } } catch (err) { deps.log.warn({ err }, 'issue-request worker failed; retrying later') }
      } while (again)
      lists.kick()
    })().finally(() => { running = undefined })
    return running
  }

  return {
    /** The subscriber's handler: records the request in the delivery's transaction. */
    async onApproved(payload: ApplicationEventPayload, trx: Kysely<any>): Promise<void> {
      if (await deps.repo.insertIssueRequest(trx, payload.applicationId, payload, deps.clock.now())) afterCommit(trx, () => void run())
    },
    run,
    /** Processes every pending request now (tests, seed). */
    async drain(): Promise<void> {
      await run()
      while (running) await running
    },
    start(intervalMs = 5_000): void { timer ??= setInterval(() => void run(), intervalMs).unref() },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = undefined
      while (running) await running
    },
  }
}

export type IssueOnApproval = ReturnType<typeof createIssueOnApproval>
