/**
 * Licence types: stored in `licenses_type`, held in memory (a few hundred at most), and the field
 * validation of a licence against its type's schema.
 */
import type { FieldError } from '../../../core/errors.ts'
import { isCnId } from '../../../lib/cn-id.ts'
import { isUscc } from '../../../lib/uscc.ts'
import { LicenseError } from '../errors.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import type { LicensesEventPayloads } from '../events.ts'
import type { LicenseTypeDefinition, StoredType } from '../types.ts'
import { SYSTEM, type CallContext, type LicensesDeps } from './context.ts'
import type { DepartmentScope } from './departments.ts'
import { typeChangeErrors, typeDefinitionErrors } from './type-rules.ts'

/** Problems of a type definition itself (before it is stored), as `path: message` lines. */
export function typeDefinitionProblems(def: LicenseTypeDefinition): string[] {
  return typeDefinitionErrors(def).map((e) => `${e.path}: ${e.message}`)
}

const patterns = new Map<string, RegExp>()
const patternOf = (source: string): RegExp => {
  let re = patterns.get(source)
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')))
  return re
}

/**
 * Checks `fields` against the type's schema: required fields, types, formats, enums, lengths,
 * ranges and no unknown keys. Returns field errors (empty when valid). Never throws.
 */
export function fieldProblems(def: LicenseTypeDefinition, fields: Record<string, unknown>, today?: string): FieldError[] {
  const out: FieldError[] = []
  const props = def.schema.properties
  const add = (key: string, code: string, message: string) => out.push({ path: `/fields/${key}`, code, message })
  for (const key of def.schema.required) if (fields[key] === undefined || fields[key] === null || fields[key] === '') add(key, 'required', `${props[key]?.title['zh-CN'] ?? key} is required`)
  for (const [key, value] of Object.entries(fields)) {
    const p = props[key]
    if (!p) { add(key, 'unknown', 'not a field of this licence type'); continue }
    if (value === null || value === undefined || value === '') continue
    if (p.type === 'string') {
      if (typeof value !== 'string') { add(key, 'type', 'must be a string'); continue }
      if (p.minLength !== undefined && value.length < p.minLength) add(key, 'minLength', `at least ${p.minLength} characters`)
      if (value.length > (p.maxLength ?? 2000)) add(key, 'maxLength', `at most ${p.maxLength ?? 2000} characters`)
      if (p.pattern && !patternOf(p.pattern).test(value)) add(key, 'pattern', `does not match ${p.pattern}`)
      if (p.format === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) add(key, 'format', 'must be a date YYYY-MM-DD')
      if (p.format === 'id-card' && !isCnId(value)) add(key, 'format', 'not a valid citizen ID number (GB 11643)')
      if (p.format === 'uscc' && !isUscc(value)) add(key, 'format', 'not a valid unified social credit code (GB 32100)')
      if (p.format === 'division-code' && !/^\d{6}$/.test(value)) add(key, 'format', 'not a 6-digit division code')
      if (p.format === 'mobile' && !/^1[3-9]\d{9}$/.test(value)) add(key, 'format', 'not a mobile number')
    } else if (p.type === 'integer' || p.type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || (p.type === 'integer' && !Number.isInteger(value))) { add(key, 'type', `must be ${p.type === 'integer' ? 'an integer' : 'a number'}`); continue }
      if (p.minimum !== undefined && value < p.minimum) add(key, 'minimum', `at least ${p.minimum}`)
      if (p.maximum !== undefined && value > p.maximum) add(key, 'maximum', `at most ${p.maximum}`)
    } else if (p.type === 'boolean' && typeof value !== 'boolean') add(key, 'type', 'must be true or false')
    if (p.enum && !p.enum.includes(value as string | number)) add(key, 'enum', `one of ${p.enum.join(', ')}`)
  }
  void today
  return out
}

/** The identifier rule of a holder kind: citizen ID (or other documents) for persons, credit code for organisations. */
export function holderIdentifierProblem(kind: 'person' | 'organization', identifier: string): string | undefined {
  if (kind === 'organization') return isUscc(identifier) ? undefined : 'not a valid unified social credit code (GB 32100)'
  if (/^\d{17}[\dX]$/i.test(identifier)) return isCnId(identifier) ? undefined : 'not a valid citizen ID number (GB 11643)'
  // Passports, Hong Kong/Macao/Taiwan permits and foreigners' residence permits: letters and digits.
  return /^[0-9A-Z]{6,20}$/i.test(identifier) ? undefined : 'not a valid identity document number'
}

/** The definition without the stored revision (what is kept as JSON and signed into nothing). */
function definitionOf(t: LicenseTypeDefinition & { revision?: number }): LicenseTypeDefinition {
  const { revision: _revision, ...def } = t
  return def
}

/** Top-level parts of a definition that differ (for the audit record). */
function changedParts(a: LicenseTypeDefinition, b: LicenseTypeDefinition): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof LicenseTypeDefinition>
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort()
}

export function createTypeRegistry(deps: Pick<LicensesDeps, 'db' | 'repo' | 'clock' | 'audit' | 'events'>, departments?: DepartmentScope) {
  let byCode: Map<string, StoredType> | undefined
  let loading: Promise<Map<string, StoredType>> | undefined
  const load = async () => {
    if (byCode) return byCode
    loading ??= deps.repo.listTypes(deps.db).then((list) => (byCode = new Map(list.map((t) => [t.code, t])))).finally(() => { loading = undefined })
    return loading
  }

  /** Rules of the definition and, with identity, issuers that are departments able to issue. Throws TYPE_INVALID. */
  async function check(def: LicenseTypeDefinition): Promise<void> {
    const errors = typeDefinitionErrors(def)
    const units = await departments?.units()
    if (units) {
      const known = new Set(units.map((u) => u.code))
      ;(def.issuers ?? []).forEach((d, i) => { if (!known.has(d)) errors.push({ path: `/issuers/${i}`, code: 'unknown', message: `${d} is not a department that issues licences (city, bureau or town)` }) })
    }
    if (errors.length) throw new LicenseError.TYPE_INVALID(errors.length, { errors })
  }

  async function record(trx: typeof deps.db, c: CallContext, def: LicenseTypeDefinition, revision: number, detail: Record<string, unknown>, now: number) {
    await deps.repo.insertTypeRevision(trx, { code: def.code, revision, definition: def, actorId: c.principal.id, actorName: c.principal.name ?? c.principal.id, at: now })
    await deps.audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: revision === 1 ? 'licenses.type.created' : 'licenses.type.updated', targetType: 'licenses_type', targetId: def.code, requestId: c.requestId ?? null, detail: { revision, ...detail } })
    await deps.events.publish(trx, 'licenses.type.saved', def.code, { code: def.code, revision, created: revision === 1 } satisfies LicensesEventPayloads['licenses.type.saved'], { requestId: c.requestId ?? null, actorId: c.principal.id })
  }

  return {
    async list(): Promise<StoredType[]> {
      return [...(await load()).values()]
    },
    async get(code: string): Promise<StoredType | undefined> {
      return (await load()).get(code)
    },
    async getOrThrow(code: string): Promise<StoredType> {
      const t = (await load()).get(code)
      if (!t) throw new LicenseError.TYPE_NOT_FOUND(code)
      return t
    },
    /**
     * A type by code, key or any of its names / result names (how service items name their result).
     * Several types may share a result name (营业执照 of a company and of an individual business):
     * `holderKind` picks the one whose holder matches the applicant.
     */
    async resolve(ref: string, holderKind?: 'person' | 'organization'): Promise<StoredType | undefined> {
      const all = await load()
      if (all.has(ref)) return all.get(ref)
      const r = ref.trim()
      const pick = (list: StoredType[]) => list.find((t) => !holderKind || t.holderKind === holderKind) ?? list[0]
      const byName = [...all.values()].filter((t) => t.key === r || t.name['zh-CN'] === r || t.name['zh-TW'] === r || t.name['en-US'] === r)
      const byResult = [...all.values()].filter((t) => t.resultNames?.includes(r))
      return pick([...byName, ...byResult])
    },
    /**
     * Stores the definitions not stored yet (the demo seed): a type edited in the console keeps its
     * edits when the seed runs again. Throws TypeError on a broken definition (a bug in the data).
     */
    async seed(defs: readonly LicenseTypeDefinition[]): Promise<number> {
      for (const d of defs) {
        const problems = typeDefinitionProblems(d)
        if (problems.length) throw new TypeError(`licence type ${d.code}: ${problems.join('; ')}`)
      }
      const now = deps.clock.now()
      const stored = new Set((await deps.repo.listTypes(deps.db)).map((t) => t.code))
      let added = 0
      for (const d of defs) {
        if (stored.has(d.code)) continue
        await withTransaction(deps.db, async (trx) => {
          await deps.repo.insertType(trx, d, now)
          await deps.repo.insertTypeRevision(trx, { code: d.code, revision: 1, definition: d, actorId: SYSTEM.id, actorName: SYSTEM.name ?? SYSTEM.id, at: now })
        })
        added++
      }
      byCode = undefined
      return added
    },
    /** A new type at revision 1 (console). Throws TYPE_INVALID (400, field errors) or TYPE_EXISTS (409). */
    async create(c: CallContext, input: LicenseTypeDefinition): Promise<StoredType> {
      const def = definitionOf(input)
      await check(def)
      const now = deps.clock.now()
      await withTransaction(deps.db, async (trx) => {
        const taken = await deps.repo.typeTaken(trx, def.code, def.key)
        if (taken) throw new LicenseError.TYPE_EXISTS(taken === 'code' ? def.code : def.key, { errors: [{ path: `/${taken}`, code: 'taken', message: `${taken === 'code' ? def.code : def.key} is taken` }] })
        await deps.repo.insertType(trx, def, now)
        await record(trx, c, def, 1, { name: def.name['zh-CN'] }, now)
      }).catch(async (err) => {
        // Two editors creating the same code at once: the loser meets the primary key.
        if (!(err instanceof LicenseError.TYPE_EXISTS) && await deps.repo.typeTaken(deps.db, def.code, def.key)) throw new LicenseError.TYPE_EXISTS(def.code)
        throw err
      })
      byCode = undefined
      return { ...def, revision: 1 }
    },
    /**
     * The next revision of type `code` from the `revision` the editor loaded. Code and key never
     * change; once licences of the type exist, holder kind, holder fields and existing fields stay.
     * Throws TYPE_NOT_FOUND, TYPE_INVALID, TYPE_STALE or TYPE_IN_USE; nothing is stored then.
     */
    async update(c: CallContext, code: string, input: LicenseTypeDefinition, revision: number): Promise<StoredType> {
      const def = definitionOf(input)
      if (def.code !== code) throw new LicenseError.TYPE_INVALID(1, { errors: [{ path: '/code', code: 'immutable', message: `the code of type ${code} cannot change` }] })
      const current = await deps.repo.getType(deps.db, code)
      if (!current) throw new LicenseError.TYPE_NOT_FOUND(code)
      if (def.key !== current.key) throw new LicenseError.TYPE_INVALID(1, { errors: [{ path: '/key', code: 'immutable', message: `the key ${current.key} cannot change` }] })
      await check(def)
      const now = deps.clock.now()
      await withTransaction(deps.db, async (trx) => {
        const before = await deps.repo.getType(trx, code)
        if (!before) throw new LicenseError.TYPE_NOT_FOUND(code)
        if (before.revision !== revision) throw new LicenseError.TYPE_STALE(code, before.revision, revision)
        if (await deps.repo.typeInUse(trx, code)) {
          const errors = typeChangeErrors(before, def)
          if (errors.length) throw new LicenseError.TYPE_IN_USE(code, errors.length, { errors })
        }
        if (!(await deps.repo.updateType(trx, def, revision, now))) throw new LicenseError.TYPE_STALE(code, revision + 1, revision)
        await record(trx, c, def, revision + 1, { changed: changedParts(definitionOf(before), def) }, now)
      })
      byCode = undefined
      return { ...def, revision: revision + 1 }
    },
    /** Every stored revision of type `code`, newest first. Throws TYPE_NOT_FOUND. */
    async history(code: string) {
      if (!(await deps.repo.getType(deps.db, code))) throw new LicenseError.TYPE_NOT_FOUND(code)
      const rows = await deps.repo.listTypeRevisions(deps.db, code)
      return { items: rows.map((r) => ({ revision: r.revision, actorName: r.actorName, at: new Date(r.at).toISOString(), definition: r.definition })) }
    },
    /** Departments a type may name as issuers (console editor). */
    async issuerCandidates() {
      return { items: (await departments?.units()) ?? [] }
    },
    invalidate(): void { byCode = undefined },
  }
}

export type TypeRegistry = ReturnType<typeof createTypeRegistry>
