/**
 * Bulk import of an existing licence register (CSV / NDJSON / JSON array), streamed: rows are read
 * as they arrive, checked, signed and committed in batches — each batch's licences, their ledger
 * anchors, its per-row errors and the job's progress in ONE transaction. Re-sending the same file
 * with the same `key` resumes after the last committed row; `source_ref = imp:<key>:<row>` makes a
 * row impossible to import twice. Bad rows never stop the import: each gets an error line.
 */
import { withTransaction } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { AppError } from '../../../core/errors.ts'
import { LicenseError } from '../errors.ts'
import type { LicensesEventPayloads } from '../events.ts'
import { parseRows, type ImportFormat } from '../import-parse.ts'
import type { ImportRow } from '../repo.ts'
import type { LicenseTypeDefinition } from '../types.ts'
import { iso, type CallContext, type LicensesDeps } from './context.ts'
import type { DepartmentScope } from './departments.ts'
import type { Issuance, IssueInput, Prepared } from './issue.ts'
import type { TypeRegistry } from './types-registry.ts'

export interface ImportRequest { typeCode: string; departmentId?: string; key: string; format: ImportFormat; batchSize?: number }

const RESERVED = new Set(['fields', 'number', 'validFrom', 'validUntil', 'issuedAt', 'holderKind', 'holderName', 'holderIdentifier', 'holderAccountId'])

/** A row as an issue input: `fields` or the non-reserved columns; CSV strings coerced per the schema. */
export function rowToInput(type: LicenseTypeDefinition, departmentId: string, value: Record<string, unknown>, sourceRef: string): IssueInput {
  const raw = (value.fields && typeof value.fields === 'object' ? value.fields : Object.fromEntries(Object.entries(value).filter(([k]) => !RESERVED.has(k)))) as Record<string, unknown>
  const fields: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    const p = type.schema.properties[k]
    if (typeof v === 'string' && p && (p.type === 'integer' || p.type === 'number') && v.trim() !== '' && Number.isFinite(Number(v))) fields[k] = Number(v)
    else if (typeof v === 'string' && p?.type === 'boolean' && (v === 'true' || v === 'false')) fields[k] = v === 'true'
    else fields[k] = v
  }
  const str = (k: string) => (typeof value[k] === 'string' && value[k] !== '' ? (value[k] as string) : undefined)
  const until = str('validUntil')
  const issuedAt = str('issuedAt')
  return {
    typeCode: type.code, departmentId, fields, source: 'import', sourceRef,
    number: str('number'), validFrom: str('validFrom'),
    validUntil: until === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(until) ? until : null,
    issuedAt: issuedAt && Number.isFinite(Date.parse(issuedAt)) ? Date.parse(issuedAt) : undefined,
    holder: {
      kind: value.holderKind === 'person' || value.holderKind === 'organization' ? value.holderKind : undefined,
      name: str('holderName'), identifier: str('holderIdentifier'), accountId: str('holderAccountId') ?? null,
    },
  }
}

const errorOf = (err: unknown): { code: string; message: string } => {
  if (err instanceof AppError) {
    const detail = err.errors?.length ? `: ${err.errors.map((e) => `${e.path} ${e.message}`).join('; ')}` : ''
    return { code: err.code, message: `${err.message}${detail}` }
  }
  throw err
}

export const toImportView = (j: ImportRow, skipped?: number) => ({
  id: j.id, key: j.key, typeCode: j.typeCode, departmentId: j.departmentId, format: j.format, state: j.state,
  rowsRead: j.rowsRead, committed: j.committed, failed: j.failed, ...(skipped === undefined ? {} : { skipped }), createdAt: iso(j.createdAt)!, updatedAt: iso(j.updatedAt)!,
})

export function createImports(deps: LicensesDeps, types: TypeRegistry, issuance: Issuance, departments: DepartmentScope) {
  const { repo, db } = deps

  async function job(c: CallContext, req: ImportRequest, type: LicenseTypeDefinition, departmentId: string): Promise<ImportRow> {
    const now = deps.clock.now()
    await repo.insertImport(db, { id: deps.ids.next('lim'), key: req.key, typeCode: type.code, departmentId, format: req.format, state: 'running', rowsRead: 0, committed: 0, failed: 0, createdBy: c.principal.id, createdAt: now, updatedAt: now })
    const j = (await repo.getImportByKey(db, req.key))!
    if (j.typeCode !== type.code || j.departmentId !== departmentId) throw new LicenseError.IMPORT_KEY_CONFLICT(req.key)
    return j
  }

  return {
    /**
     * Imports rows from `source`. Resolves with the job once the input ends (or throws on an
     * infrastructure failure: the committed batches stay, and the same key resumes after them).
     */
    async run(c: CallContext, req: ImportRequest, source: AsyncIterable<Uint8Array | string>, onBatch?: (j: ImportRow) => void) {
      const type = await types.getOrThrow(req.typeCode)
      const scope = await departments.scopeOf(c.principal)
      const departmentId = req.departmentId ?? (scope ? type.issuers.find((d) => scope.includes(d)) : undefined) ?? type.issuers[0]
      if (scope && !scope.includes(departmentId)) throw new LicenseError.NOT_YOUR_DEPARTMENT(departmentId)
      if (!type.issuers.includes(departmentId)) throw new LicenseError.ISSUER_NOT_FOUND(departmentId)
      let j = await job(c, req, type, departmentId)
      const resumeAfter = j.rowsRead
      const size = Math.min(Math.max(req.batchSize ?? 500, 1), 5000)
      const actor = { id: c.principal.id, kind: c.principal.kind, name: c.principal.name }
      let skipped = 0
      let batch: Array<{ row: number; input?: IssueInput; error?: string }> = []

      type Staged = { rows: typeof batch; withInput: typeof batch; signed: Promise<Array<Prepared | { error: unknown }>> }
      let staged: Staged | undefined

      /** Writes a staged batch once its signatures are in: licences, row errors and progress, in one transaction. */
      const write = async ({ rows, withInput, signed }: Staged) => {
        const prepared = await signed
        const errors: Array<{ row: number; code: string; message: string }> = rows.filter((r) => r.error).map((r) => ({ row: r.row, code: 'LIC_IMPORT_BAD_FORMAT', message: `row ${r.row} ${r.error}` }))
        let good: Prepared[] = []
        prepared.forEach((p, i) => {
          if ('error' in p) errors.push({ row: withInput[i].row, ...errorOf(p.error) })
          else good.push(p)
        })
        const last = rows.at(-1)!.row
        const commit = () => withTransaction(db, async (trx) => {
          await issuance.commit(trx, good, actor, { requestId: c.requestId, perLicence: false })
          await repo.insertImportErrors(trx, j.id, errors)
          await repo.updateImport(trx, j.id, { rowsRead: last, committed: j.committed + good.length, failed: j.failed + errors.length, at: deps.clock.now() })
        })
        try {
          await commit()
        } catch (err) {
          if (!isUniqueViolation(err)) throw err
          // Rows committed by an earlier, interrupted run of this key: keep the others.
          const done = await repo.existingSourceRefs(db, good.map((p) => p.row.sourceRef!))
          skipped += done.size
          good = good.filter((p) => !done.has(p.row.sourceRef!))
          await commit()
        }
        j = (await repo.getImport(db, j.id))!
        onBatch?.(j)
      }

      /**
       * Stages the rows read so far (numbers, slots, signatures started) and then writes the batch
       * staged before, so the signing of one batch overlaps the writing of the previous one.
       * Batches are still written in order; `final` writes the last one too.
       */
      const flush = async (final = false) => {
        let next: Staged | undefined
        if (batch.length) {
          const rows = batch
          batch = []
          const withInput = rows.filter((r) => r.input)
          next = { rows, withInput, ...(await issuance.stage(withInput.map((r) => r.input!), actor)) }
          // Not awaited until its turn: keep an early failure from being reported as unhandled.
          next.signed.catch(() => undefined)
        }
        // Only after the previous batch is written does this one become the next to write: when that
        // write fails, this batch is dropped unwritten, and a resumed import reads it again.
        const previous = staged
        staged = undefined
        if (previous) await write(previous)
        staged = next
        if (final && staged) {
          const last = staged
          staged = undefined
          await write(last)
        }
      }

      try {
        for await (const r of parseRows(req.format, source)) {
          if (r.row <= resumeAfter) { skipped++; continue }
          if ('error' in r) batch.push({ row: r.row, error: r.error })
          else {
            try { batch.push({ row: r.row, input: rowToInput(type, departmentId, r.value, `imp:${req.key}:${r.row}`) }) } catch (err) { batch.push({ row: r.row, error: (err as Error).message }) }
          }
          if (batch.length >= size) await flush()
        }
      } catch (err) {
        // The batch staged before the failure was read whole: write it, as an unpipelined import would have.
        const pending = staged
        staged = undefined
        if (pending) await write(pending).catch(() => undefined)
        if (err instanceof SyntaxError) throw new LicenseError.IMPORT_BAD_FORMAT(req.format, err.message)
        throw err
      }
      await flush(true)
      await withTransaction(db, async (trx) => {
        await repo.updateImport(trx, j.id, { state: 'done', at: deps.clock.now() })
        await deps.audit.append(trx, { actorId: actor.id, actorKind: actor.kind, action: 'licenses.import.finished', targetType: 'licenses_import', targetId: j.id, requestId: c.requestId ?? null, detail: { key: j.key, typeCode: j.typeCode, committed: j.committed, failed: j.failed, skipped } })
        await deps.events.publish(trx, 'licenses.import.finished', j.id, { importId: j.id, committed: j.committed, failed: j.failed } satisfies LicensesEventPayloads['licenses.import.finished'], { requestId: c.requestId ?? null, actorId: actor.id })
      })
      return toImportView((await repo.getImport(db, j.id))!, skipped)
    },

    async get(c: CallContext, id: string) {
      const j = await repo.getImport(db, id)
      const scope = await departments.scopeOf(c.principal)
      if (!j || (scope && !scope.includes(j.departmentId))) throw new LicenseError.IMPORT_NOT_FOUND(id)
      return toImportView(j)
    },

    async errors(c: CallContext, id: string, after = 0, limit = 200) {
      await this.get(c, id)
      return { items: await repo.listImportErrors(db, id, after, Math.min(limit, 1000)) }
    },
  }
}

export type Imports = ReturnType<typeof createImports>
