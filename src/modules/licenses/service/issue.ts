/**
 * Issuance: validate against the type, number the licence (GB/T 36904 identifier), reserve its
 * status-list slot, sign the canonical content with the department's SM2 key (crypto module), then
 * in ONE transaction store it, anchor its hash in the ledger, audit and publish the event.
 * Signing happens before the transaction: on SQLite the transaction holds the only connection.
 */
import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { sm3 } from '../../../lib/crypto/index.ts'
import { formatLicenseVersion, makeLicenseId } from '../../../lib/license-id/index.ts'
import { maskIdNumber } from '../../../lib/mask.ts'
import { contentBytes, contentHash } from '../document.ts'
import { LicenseError } from '../errors.ts'
import type { LicensesEventPayloads } from '../events.ts'
import type { LicenseRow } from '../repo.ts'
import { NATIVE_FORMAT, type HolderKind, type LicenceContent, type LicenseTypeDefinition, type NativeLicence } from '../types.ts'
import { chinaDate, type LicensesDeps } from './context.ts'
import type { Issuers } from './issuers.ts'
import type { StatusLists } from './status-lists.ts'
import { fieldProblems, holderIdentifierProblem, type TypeRegistry } from './types-registry.ts'

export const SM2_USER_ID = '1234567812345678'
export const LEDGER_KIND = 'licenses.license'

export interface Actor { id: string; kind: string; name: string }

export interface IssueInput {
  typeCode: string
  /** Issuing department (code); default the type's first issuer. */
  departmentId?: string
  holder?: { kind?: HolderKind; name?: string; identifier?: string; accountId?: string | null }
  fields: Record<string, unknown>
  validFrom?: string
  validUntil?: string | null
  /** The licence number; default the next of the type and department. */
  number?: string
  source: 'application' | 'direct' | 'import'
  /** Idempotency key: one licence per source row (`app:<id>`, `imp:<key>:<row>`). */
  sourceRef?: string | null
  /** The licence this one replaces (a new version). */
  replaces?: LicenseRow
  issuedAt?: number
}

/** SM3 hex of a holder identifier, the wallet's lookup key. */
export function holderKeyOf(identifier: string): string {
  return Buffer.from(sm3(Buffer.from(`holder:${identifier.trim().toUpperCase()}`))).toString('hex')
}

function addPeriod(from: string, years = 0, months = 0): string {
  const d = new Date(`${from}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + years * 12 + months)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** `until` undefined: by the type's rule; null: explicitly no end date (长期). */
function validityOf(t: LicenseTypeDefinition, from: string, until: string | null | undefined): string | null {
  if (until === null) return null
  if (until) {
    if (until < from) throw new LicenseError.BAD_DATES(until, from, { errors: [{ path: '/validUntil', code: 'range', message: 'before validFrom' }] })
    return until
  }
  if (t.validity.kind === 'permanent') return null
  if (t.validity.kind === 'period') return addPeriod(from, t.validity.years, t.validity.months)
  throw new LicenseError.VALIDITY_REQUIRED({ errors: [{ path: '/validUntil', code: 'required', message: 'required for this licence type' }] })
}

/** A licence ready to commit: content built and signed. */
export interface Prepared { row: LicenseRow; input: IssueInput }

export function createIssuance(deps: LicensesDeps, types: TypeRegistry, issuers: Issuers, lists: StatusLists) {
  const { repo } = deps

  /** Validates inputs and builds the unsigned parts. Throws a typed error for the first bad input. */
  async function check(input: IssueInput) {
    const type = await types.getOrThrow(input.typeCode)
    const departmentId = input.departmentId ?? input.replaces?.issuerDepartmentId ?? type.issuers[0]
    if (!type.issuers.includes(departmentId) && !input.replaces) throw new LicenseError.ISSUER_NOT_FOUND(departmentId)
    const problems = fieldProblems(type, input.fields)
    if (problems.length) throw new LicenseError.FIELDS_INVALID(problems.length, { errors: problems })
    const kind = input.holder?.kind ?? type.holderKind
    const name = String(input.holder?.name ?? input.fields[type.holderFields.name] ?? '').trim()
    const identifier = String(input.holder?.identifier ?? input.fields[type.holderFields.identifier] ?? '').trim().toUpperCase()
    if (!name) throw new LicenseError.FIELDS_INVALID(1, { errors: [{ path: `/fields/${type.holderFields.name}`, code: 'required', message: 'the holder name is required' }] })
    const idProblem = holderIdentifierProblem(kind, identifier)
    if (idProblem) throw new LicenseError.HOLDER_INVALID(idProblem, { errors: [{ path: `/fields/${type.holderFields.identifier}`, code: 'format', message: idProblem }] })
    if (input.number !== undefined && !/^[0-9A-Z]{1,40}$/.test(input.number)) throw new LicenseError.BAD_IDENTIFIER(input.number, 'the number must be 1-40 of 0-9 A-Z', { errors: [{ path: '/number', code: 'pattern', message: '0-9 A-Z, 1-40' }] })
    const issuedAt = input.issuedAt ?? deps.clock.now()
    const validFrom = input.validFrom ?? chinaDate(issuedAt)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) throw new LicenseError.BAD_DATES(String(input.validUntil), validFrom, { errors: [{ path: '/validFrom', code: 'format', message: 'YYYY-MM-DD' }] })
    const validUntil = validityOf(type, validFrom, input.validUntil)
    if (input.replaces && input.replaces.version >= 999) throw new LicenseError.TOO_MANY_VERSIONS(input.replaces.identifier)
    return { type, departmentId, holder: { kind, name, identifier }, issuedAt, validFrom, validUntil }
  }

  /**
   * Checks, numbers and allocates status slots for a batch (outside any transaction), builds each
   * licence and starts its signature. Resolves once the database work is done, with `signed`: the
   * batch once every signature is in. Signing runs on the crypto module's worker threads, so a caller
   * may write the previous batch meanwhile (see {@link prepare} and the bulk import).
   */
  async function stage(inputs: readonly IssueInput[], actor: Actor): Promise<{ signed: Promise<Array<Prepared | { error: unknown }>> }> {
    const checked: Array<Awaited<ReturnType<typeof check>> | { error: unknown }> = []
    for (const input of inputs) {
      try { checked.push(await check(input)) } catch (error) { checked.push({ error }) }
    }
    // Numbers and status slots are reserved per (type, department) / issuer in blocks.
    const good = checked.map((c, i) => ('error' in c ? -1 : i)).filter((i) => i >= 0)
    const numbers = new Map<number, string>()
    const byNumbering = new Map<string, number[]>()
    for (const i of good) {
      const c = checked[i] as Awaited<ReturnType<typeof check>>
      if (inputs[i].number || inputs[i].replaces) continue
      const k = `${c.type.code}|${c.departmentId}`
      byNumbering.set(k, [...(byNumbering.get(k) ?? []), i])
    }
    for (const [k, idx] of byNumbering) {
      const first = await repo.reserveSequence(deps.db, `number:${k}`, idx.length)
      const year = chinaDate(deps.clock.now()).slice(0, 4)
      idx.forEach((i, j) => numbers.set(i, `${year}${String(first + j).padStart(8, '0')}`))
    }
    const byIssuer = new Map<string, number[]>()
    for (const i of good) {
      const d = (checked[i] as Awaited<ReturnType<typeof check>>).departmentId
      byIssuer.set(d, [...(byIssuer.get(d) ?? []), i])
    }
    const out: Array<Prepared | { error: unknown }> = checked.map((c) => ('error' in c ? c : { error: undefined }))
    const signing: Array<Promise<void>> = []
    for (const [departmentId, idx] of byIssuer) {
      const issuer = await issuers.ensure(departmentId)
      const slots = await lists.allocate(departmentId, idx.length)
      // The key is checked here, with the rest of the database work; the signatures need none.
      const signer = await deps.crypto.signer(issuer.keyId, { userId: SM2_USER_ID })
      for (let j = 0; j < idx.length; j++) {
        const i = idx[j]
        const c = checked[i] as Awaited<ReturnType<typeof check>>
        const input = inputs[i]
        try {
          const number = input.replaces?.number ?? input.number ?? numbers.get(i)!
          const version = formatLicenseVersion(input.replaces ? input.replaces.version + 1 : 1)
          const identifier = makeLicenseId({ typeCode: c.type.code, issuerCode: issuer.creditCode, number, version })
          const slot = slots[j]
          const content: LicenceContent = {
            id: identifier,
            type: { code: c.type.code, name: c.type.name['zh-CN'] },
            issuer: { departmentId, name: issuer.name, creditCode: issuer.creditCode },
            holder: c.holder,
            fields: input.fields,
            issuedAt: new Date(c.issuedAt).toISOString(),
            validFrom: c.validFrom,
            validUntil: c.validUntil,
            replaces: input.replaces?.identifier ?? null,
            status: { type: 'BitstringStatusListEntry', list: slot.listId, index: slot.index, url: lists.urlOf(slot.listId) },
          }
          const bytes = contentBytes(content)
          const document: NativeLicence = {
            format: NATIVE_FORMAT, licence: content,
            signature: { algorithm: 'SM2-with-SM3', userId: SM2_USER_ID, keyId: issuer.keyId, keyVersion: 0, value: '' },
            anchor: { entryId: '', hash: contentHash(bytes) },
            receipt: null,
          }
          const row: LicenseRow = {
            id: deps.ids.next('lic'), identifier, typeCode: c.type.code, number, version: Number(version), issuerDepartmentId: departmentId,
            holderKind: c.holder.kind, holderName: c.holder.name, holderMasked: maskIdNumber(c.holder.identifier), holderKey: holderKeyOf(c.holder.identifier),
            holderAccountId: input.holder?.accountId ?? input.replaces?.holderAccountId ?? null,
            status: 'valid', statusReason: null, statusChangedAt: null, statusListId: slot.listId, statusIndex: slot.index,
            replacesId: input.replaces?.id ?? null, replacedById: null, source: input.source, sourceRef: input.sourceRef ?? null, document,
            keyId: issuer.keyId, ledgerEntryId: '', validFrom: c.validFrom, validUntil: c.validUntil, issuedAt: c.issuedAt, createdBy: actor.id, updatedAt: c.issuedAt,
          }
          document.signature.keyVersion = signer.keyVersion
          signing.push(signer.sign(bytes).then((signature) => {
            document.signature.value = Buffer.from(signature).toString('base64')
            out[i] = { row, input }
          }, (error: unknown) => { out[i] = { error } }))
        } catch (error) {
          out[i] = { error }
        }
      }
    }
    return { signed: Promise.all(signing).then(() => out) }
  }

  /**
   * Checks, numbers, allocates status slots and signs a batch (outside any transaction). Items that
   * fail come back as errors at their position; nothing is written for them.
   */
  async function prepare(inputs: readonly IssueInput[], actor: Actor): Promise<Array<Prepared | { error: unknown }>> {
    return (await stage(inputs, actor)).signed
  }

  /**
   * Writes prepared licences in the caller's transaction: rows, one ledger anchor each, audit and
   * events (`perLicence` false: one audit row for the batch and no per-licence events — bulk import).
   */
  async function commit(trx: Kysely<any>, items: Prepared[], actor: Actor, opts: { requestId?: string; perLicence: boolean; reason?: string }): Promise<void> {
    for (const { row } of items) {
      const anchored = await deps.ledger.anchor(trx, LEDGER_KIND, row.document.anchor.hash, { identifier: row.identifier, typeCode: row.typeCode }, { orgId: row.issuerDepartmentId, actorId: actor.id })
      row.ledgerEntryId = anchored.id
      row.document.anchor.entryId = anchored.id
    }
    await repo.insertLicenses(trx, items.map((p) => p.row))
    for (const { row, input } of items) {
      if (!input.replaces) continue
      const old = input.replaces
      if (!(await repo.setStatus(trx, old.id, old.status === 'suspended' ? 'suspended' : 'valid', 'replaced', opts.reason ?? 'replaced by a new version', row.issuedAt, row.id))) {
        throw new LicenseError.NOT_REPLACEABLE(old.status)
      }
      await repo.insertStatusChange(trx, { id: deps.ids.next('lsc'), licenseId: old.id, from: old.status, to: 'replaced', reason: opts.reason ?? `replaced by ${row.identifier}`, actorId: actor.id, actorName: actor.name, at: row.issuedAt })
      await repo.bumpRevision(trx, old.statusListId)
      await deps.events.publish(trx, 'licenses.license.status-changed', old.id, { licenseId: old.id, identifier: old.identifier, from: old.status, to: 'replaced', reason: opts.reason ?? 'replaced' } satisfies LicensesEventPayloads['licenses.license.status-changed'], { requestId: opts.requestId ?? null, actorId: actor.id })
    }
    if (opts.perLicence) {
      for (const { row } of items) {
        await deps.audit.append(trx, { actorId: actor.id, actorKind: actor.kind, action: 'licenses.license.issued', targetType: 'licenses_license', targetId: row.id, requestId: opts.requestId ?? null, detail: { identifier: row.identifier, typeCode: row.typeCode, source: row.source, replaces: row.replacesId } })
        await deps.events.publish(trx, 'licenses.license.issued', row.id, {
          licenseId: row.id, identifier: row.identifier, typeCode: row.typeCode, issuerDepartmentId: row.issuerDepartmentId, holderKind: row.holderKind, source: row.source, replaces: row.document.licence.replaces,
        } satisfies LicensesEventPayloads['licenses.license.issued'], { requestId: opts.requestId ?? null, actorId: actor.id })
      }
    } else if (items.length) {
      await deps.audit.append(trx, { actorId: actor.id, actorKind: actor.kind, action: 'licenses.license.imported', targetType: 'licenses_license', targetId: items[0].row.id, requestId: opts.requestId ?? null, detail: { count: items.length, first: items[0].row.identifier, last: items.at(-1)!.row.identifier } })
    }
  }

  return {
    check,
    stage,
    prepare,
    commit,
    /** Issues one licence (prepare + commit in one transaction). Throws the input's typed error. */
    async issueOne(input: IssueInput, actor: Actor, requestId?: string): Promise<LicenseRow> {
      const [p] = await prepare([input], actor)
      if ('error' in p) throw p.error
      try {
        await withTransaction(deps.db, (trx) => commit(trx, [p], actor, { requestId, perLicence: true }))
      } catch (err) {
        // The same source row issued concurrently (a redelivered event): answer the one that won.
        if (isUniqueViolation(err) && input.sourceRef) {
          const won = await repo.getLicenseBySource(deps.db, input.sourceRef)
          if (won) return won
        }
        throw err
      }
      return p.row
    },
  }
}

export type Issuance = ReturnType<typeof createIssuance>
