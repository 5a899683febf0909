/**
 * Licence types: stored in `licenses_type`, held in memory (a few hundred at most), and the field
 * validation of a licence against its type's schema.
 */
import type { FieldError } from '../../../core/errors.ts'
import { isCnId } from '../../../lib/cn-id.ts'
import { isUscc } from '../../../lib/uscc.ts'
import { LicenseError } from '../errors.ts'
import type { LicenseTypeDefinition } from '../types.ts'
import type { LicensesDeps } from './context.ts'

const TYPE_CODE = /^[0-9A-Z]{1,32}$/
const KEY = /^[a-z][a-z0-9-]{1,59}$/

/** Problems of a type definition itself (before it is stored). */
export function typeDefinitionProblems(def: LicenseTypeDefinition): string[] {
  const out: string[] = []
  if (!TYPE_CODE.test(def.code)) out.push(`code ${def.code}: want 1-32 of 0-9 A-Z`)
  if (!KEY.test(def.key)) out.push(`key ${def.key}: want lower-case slug`)
  for (const lang of ['zh-CN', 'zh-TW', 'en-US'] as const) if (!def.name?.[lang]) out.push(`name.${lang} missing`)
  if (!def.issuers?.length) out.push('issuers: at least one department')
  const props = def.schema?.properties ?? {}
  for (const r of def.schema?.required ?? []) if (!props[r]) out.push(`required field ${r} is not in properties`)
  for (const f of [def.holderFields?.name, def.holderFields?.identifier]) if (!f || !props[f]) out.push(`holder field ${f} is not in properties`)
  return out
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

export function createTypeRegistry(deps: Pick<LicensesDeps, 'db' | 'repo' | 'clock'>) {
  let byCode: Map<string, LicenseTypeDefinition> | undefined
  let loading: Promise<Map<string, LicenseTypeDefinition>> | undefined
  const load = async () => {
    if (byCode) return byCode
    loading ??= deps.repo.listTypes(deps.db).then((list) => (byCode = new Map(list.map((t) => [t.code, t])))).finally(() => { loading = undefined })
    return loading
  }
  return {
    async list(): Promise<LicenseTypeDefinition[]> {
      return [...(await load()).values()]
    },
    async get(code: string): Promise<LicenseTypeDefinition | undefined> {
      return (await load()).get(code)
    },
    async getOrThrow(code: string): Promise<LicenseTypeDefinition> {
      const t = (await load()).get(code)
      if (!t) throw new LicenseError.TYPE_NOT_FOUND(code)
      return t
    },
    /**
     * A type by code, key or any of its names / result names (how service items name their result).
     * Several types may share a result name (营业执照 of a company and of an individual business):
     * `holderKind` picks the one whose holder matches the applicant.
     */
    async resolve(ref: string, holderKind?: 'person' | 'organization'): Promise<LicenseTypeDefinition | undefined> {
      const all = await load()
      if (all.has(ref)) return all.get(ref)
      const r = ref.trim()
      const pick = (list: LicenseTypeDefinition[]) => list.find((t) => !holderKind || t.holderKind === holderKind) ?? list[0]
      const byName = [...all.values()].filter((t) => t.key === r || t.name['zh-CN'] === r || t.name['zh-TW'] === r || t.name['en-US'] === r)
      const byResult = [...all.values()].filter((t) => t.resultNames?.includes(r))
      return pick([...byName, ...byResult])
    },
    /** Stores (insert or update) definitions and refreshes the cache. Throws FIELDS_INVALID-like BAD input on a broken definition. */
    async upsert(defs: readonly LicenseTypeDefinition[]): Promise<void> {
      for (const d of defs) {
        const problems = typeDefinitionProblems(d)
        if (problems.length) throw new TypeError(`licence type ${d.code}: ${problems.join('; ')}`)
      }
      const now = deps.clock.now()
      for (const d of defs) await deps.repo.upsertType(deps.db, d, now)
      byCode = undefined
    },
    invalidate(): void { byCode = undefined },
  }
}

export type TypeRegistry = ReturnType<typeof createTypeRegistry>
