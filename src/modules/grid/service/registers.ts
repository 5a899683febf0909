import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import { toJson } from '../../../core/db/dialect.ts'
import type { Principal } from '../../../core/http/auth.ts'
import { normalizeCnId, parseCnId } from '../../../lib/cn-id.ts'
import { normalizeUscc, parseUscc } from '../../../lib/uscc.ts'
import { maskName } from '../../../lib/mask.ts'
import { GridError } from '../errors.ts'
import { codePrefix } from '../codes.ts'
import { personIdentifiers, revealPerson, revealUnit, unitIdentifiers, type RegisterCipher } from '../pii-cipher.ts'
import type { RegisterRows, RegisterTable } from '../repo/registers.ts'
import type { GridHousingTable, GridPersonTable, GridUnitTable } from '../tables.ts'
import type { GridDeps } from './context.ts'

/** Who may see people's names, ID numbers and mobiles in clear (one record at a time, audited). */
export const PII_PERMISSION = 'grid:registry:pii'

export const HOUSING_USES = ['residential', 'commercial', 'office', 'industrial', 'mixed'] as const
export const HOUSING_TENURES = ['owned', 'rented', 'public', 'other'] as const
export const HOUSING_OCCUPANCIES = ['self', 'rented', 'vacant'] as const
/** 户籍 / 流动 / 境外. */
export const RESIDENCES = ['registered', 'floating', 'overseas'] as const
export const UNIT_KINDS = ['enterprise', 'individual', 'institution', 'social'] as const
export const UNIT_STATUSES = ['active', 'suspended', 'closed'] as const

export interface HousingInput { addressId: string; use: string; tenure: string; areaM2?: number | null; occupancy: string }
export interface PersonInput { name: string; idNumber: string; mobile?: string | null; residence: string; housingId?: string | null; addressId?: string }
export interface UnitInput { name: string; creditCode: string; kind: string; industry: string; legalPerson: string; contactMobile?: string | null; employees?: number | null; status: string; addressId: string }

type Kind = 'housing' | 'person' | 'unit'
const TABLE: Record<Kind, RegisterTable> = { housing: 'grid_housing', person: 'grid_person', unit: 'grid_unit' }
const NOT_FOUND = { housing: GridError.HOUSING_NOT_FOUND, person: GridError.PERSON_NOT_FOUND, unit: GridError.UNIT_NOT_FOUND }
const iso = (ms: number) => new Date(ms).toISOString()
const bad = (path: string, code: string, message: string) => new GridError.BAD_REGISTER(message, { errors: [{ path, code, message }] })

function checkMobile(v: string | null | undefined, path: string): string | null {
  if (v === undefined || v === null || v === '') return null
  if (!/^1[3-9]\d{9}$/.test(v)) throw bad(path, 'mobile', 'want an 11-digit mainland mobile number')
  return v
}

const baseOf = (r: { id: string; address_id: string; address_text: string; grid_code: string | null; created_at: number; updated_at: number; version: number }) => ({
  id: r.id, addressId: r.address_id, address: r.address_text, gridCode: r.grid_code, createdAt: iso(Number(r.created_at)), updatedAt: iso(Number(r.updated_at)), version: r.version,
})

export function housingView(r: GridHousingTable) {
  return { ...baseOf(r), buildingCode: r.building_code, use: r.use, tenure: r.tenure, areaM2: r.area_m2 === null ? null : Number(r.area_m2), occupancy: r.occupancy }
}

/** Identifiers decrypted for one answer in clear (see `revealPerson` / `revealUnit`). */
export interface Revealed { idNumber?: string; mobile?: string | null; contactMobile?: string | null }

/**
 * A person as answered: identifiers masked unless `clear` carries them decrypted (the caller holds
 * PII_PERMISSION and asked for one record). Never decrypts by itself.
 */
export function personView(r: GridPersonTable, clear?: Revealed) {
  return {
    ...baseOf(r), masked: !clear, name: clear ? r.name : maskName(r.name), idNumber: clear ? clear.idNumber! : r.id_number_masked,
    mobile: clear ? clear.mobile ?? null : r.mobile_masked, residence: r.residence, housingId: r.housing_id,
  }
}

export function unitView(r: GridUnitTable, clear?: Revealed) {
  return {
    ...baseOf(r), masked: !clear, name: r.name, creditCode: r.credit_code, kind: r.kind, industry: r.industry,
    legalPerson: clear ? r.legal_person : maskName(r.legal_person), contactMobile: clear ? clear.contactMobile ?? null : r.contact_mobile_masked,
    employees: r.employees === null ? null : Number(r.employees), status: r.status,
  }
}

/** What the change history keeps of a row: its view with identifiers masked, never in clear. */
function historyOf(kind: Kind, row: RegisterRows[RegisterTable]): Record<string, unknown> {
  const v: Record<string, unknown> = kind === 'housing' ? housingView(row as GridHousingTable) : kind === 'person' ? personView(row as GridPersonTable) : unitView(row as GridUnitTable)
  const { id: _i, createdAt: _c, updatedAt: _u, version: _v, masked: _m, ...rest } = v
  return rest
}

function changed(before: Record<string, unknown> | null, after: Record<string, unknown>): [Record<string, unknown> | null, Record<string, unknown>] {
  if (!before) return [null, after]
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  return [Object.fromEntries(keys.map((k) => [k, before[k]])), Object.fromEntries(keys.map((k) => [k, after[k]]))]
}

/**
 * The actual registers of the base registry (四实): housing, people and units, each on a standard
 * address and so in a grid. Every write is one transaction with its change history (identifiers
 * masked) and its audit record; people's identifiers are answered masked except to holders of
 * `grid:registry:pii`, one record at a time, audited.
 */
export function createRegisterService(deps: GridDeps) {
  const repo = deps.registers

  async function addressOrThrow(id: string, path: string) {
    const a = await deps.registry.getAddress(id)
    if (!a) throw bad(path, 'not-found', `no standard address ${id}`)
    return a
  }

  async function getOrThrow<K extends Kind>(kind: K, id: string, trx?: Kysely<any>): Promise<RegisterRows[(typeof TABLE)[K]]> {
    const r = await repo.getRow(TABLE[kind], id, trx)
    if (!r) throw new NOT_FOUND[kind](id)
    return r as RegisterRows[(typeof TABLE)[K]]
  }

  /** Writes a row change with its history and audit; `before` null for a creation, `after` null for a removal. */
  async function record(trx: Kysely<any>, p: Principal, kind: Kind, id: string, before: RegisterRows[RegisterTable] | null, after: RegisterRows[RegisterTable] | null, requestId?: string) {
    const [b, a] = after ? changed(before ? historyOf(kind, before) : null, historyOf(kind, after)) : [before ? historyOf(kind, before) : null, { removed: true }]
    await deps.registry.insertChange(trx, { id: deps.ids.next('gchg'), entity: kind, entity_id: id, actor_id: p.id, at: deps.clock.now(), before: b ? toJson(b) : null, after: toJson(a) })
    const action = `grid.${kind}.${!before ? 'created' : after ? 'updated' : 'deleted'}`
    await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action, targetType: `grid_${kind}`, targetId: id, requestId, detail: { fields: Object.keys(a).sort() } })
  }

  async function withHistory<T>(kind: Kind, id: string, view: T) {
    return { ...view, history: await deps.registry.listChanges(kind, id) }
  }

  async function housingRow(input: HousingInput, now: number, id: string, createdAt: number, version: number): Promise<GridHousingTable> {
    const a = await addressOrThrow(input.addressId, 'body/addressId')
    return {
      id, address_id: a.id, address_text: a.fullText, building_code: a.buildingCode, grid_code: a.gridCode, use: input.use, tenure: input.tenure,
      area_m2: input.areaM2 ?? null, occupancy: input.occupancy, created_at: createdAt, updated_at: now, version,
    }
  }

  async function personRow(input: PersonInput, now: number, id: string, createdAt: number, version: number, c: RegisterCipher): Promise<GridPersonTable> {
    const parsed = parseCnId(input.idNumber, now)
    if (!parsed.ok) throw bad('body/idNumber', 'cn-id', `not a valid citizen ID number (${parsed.problem})`)
    const idNumber = normalizeCnId(input.idNumber)
    const mobile = checkMobile(input.mobile, 'body/mobile')
    let addressId = input.addressId
    if (input.housingId) {
      const h = await repo.getRow('grid_housing', input.housingId)
      if (!h) throw bad('body/housingId', 'not-found', `no dwelling ${input.housingId}`)
      if (addressId && addressId !== h.address_id) throw bad('body/addressId', 'mismatch', 'the address must be the dwelling\'s')
      addressId = h.address_id
    }
    if (!addressId) throw bad('body/addressId', 'required', 'give a standard address or a dwelling')
    const a = await addressOrThrow(addressId, 'body/addressId')
    return {
      id, name: input.name.trim(), ...personIdentifiers(c, id, idNumber, mobile),
      residence: input.residence, housing_id: input.housingId ?? null, address_id: a.id, address_text: a.fullText, grid_code: a.gridCode,
      created_at: createdAt, updated_at: now, version,
    }
  }

  async function unitRow(input: UnitInput, now: number, id: string, createdAt: number, version: number, c: RegisterCipher): Promise<GridUnitTable> {
    const parsed = parseUscc(input.creditCode)
    if (!parsed.ok) throw bad('body/creditCode', 'uscc', `not a valid unified social credit code (${parsed.problem})`)
    const mobile = checkMobile(input.contactMobile, 'body/contactMobile')
    const a = await addressOrThrow(input.addressId, 'body/addressId')
    return {
      id, name: input.name.trim(), credit_code: normalizeUscc(input.creditCode), kind: input.kind, industry: input.industry, legal_person: input.legalPerson.trim(),
      ...unitIdentifiers(c, id, mobile), employees: input.employees ?? null, status: input.status,
      address_id: a.id, address_text: a.fullText, grid_code: a.gridCode, created_at: createdAt, updated_at: now, version,
    }
  }

  const ROW = { housing: housingRow, person: personRow, unit: unitRow } as const
  const PREFIX: Record<Kind, string> = { housing: 'ghou', person: 'gper', unit: 'gunt' }
  type RowBuilder = (i: unknown, n: number, id: string, c: number, v: number, cipher: RegisterCipher) => Promise<RegisterRows[RegisterTable]>

  function viewOf(kind: Kind, row: RegisterRows[RegisterTable], clear?: Revealed) {
    return kind === 'housing' ? housingView(row as GridHousingTable) : kind === 'person' ? personView(row as GridPersonTable, clear) : unitView(row as GridUnitTable, clear)
  }

  /** Decrypts a row's identifiers (throws PiiUnreadableError, a 500, for a ciphertext that was changed or moved). */
  function reveal(kind: Kind, row: RegisterRows[RegisterTable], c: RegisterCipher): Revealed {
    return kind === 'person' ? revealPerson(c, row as GridPersonTable) : kind === 'unit' ? revealUnit(c, row as GridUnitTable) : {}
  }

  async function create(kind: Kind, p: Principal, input: HousingInput | PersonInput | UnitInput, requestId?: string) {
    const now = deps.clock.now()
    const id = deps.ids.next(PREFIX[kind])
    const row = await (ROW[kind] as RowBuilder)(input, now, id, now, 1, await deps.pii.cipher())
    await withTransaction(deps.db, async (trx) => {
      if (kind === 'unit' && await repo.creditCodeTaken(trx, (row as GridUnitTable).credit_code)) throw new GridError.CREDIT_CODE_TAKEN((row as GridUnitTable).credit_code)
      // One entry per person: a second registration is refused, naming the number masked only.
      if (kind === 'person' && await repo.idNumberTaken(trx, (row as GridPersonTable).id_number_index!)) throw new GridError.ID_NUMBER_TAKEN((row as GridPersonTable).id_number_masked)
      await repo.insertRow(trx, TABLE[kind], row)
      await record(trx, p, kind, id, null, row, requestId)
    })
    return withHistory(kind, id, viewOf(kind, row))
  }

  async function update(kind: Kind, p: Principal, id: string, patch: Record<string, unknown> & { version?: number }, requestId?: string) {
    const before = await getOrThrow(kind, id)
    if (patch.version !== undefined && patch.version !== before.version) throw new GridError.REGISTER_CONFLICT(id)
    const { version: _v, ...fields } = patch
    const now = deps.clock.now()
    const c = await deps.pii.cipher()
    // The whole entry is checked again, so the stored identifiers are decrypted (never answered) and re-encrypted.
    const current = { ...inputOf(kind, before, reveal(kind, before, c)), ...fields }
    const row = await (ROW[kind] as RowBuilder)(current, now, id, Number(before.created_at), before.version + 1, c)
    await withTransaction(deps.db, async (trx) => {
      if (kind === 'unit' && await repo.creditCodeTaken(trx, (row as GridUnitTable).credit_code, id)) throw new GridError.CREDIT_CODE_TAKEN((row as GridUnitTable).credit_code)
      if (kind === 'person' && await repo.idNumberTaken(trx, (row as GridPersonTable).id_number_index!, id)) throw new GridError.ID_NUMBER_TAKEN((row as GridPersonTable).id_number_masked)
      const { id: _i, created_at: _c, version: _ver, ...set } = row as unknown as Record<string, unknown>
      if (!(await repo.updateRow(trx, TABLE[kind], id, before.version, set))) throw new GridError.REGISTER_CONFLICT(id)
      await record(trx, p, kind, id, before, row, requestId)
    })
    return withHistory(kind, id, viewOf(kind, row))
  }

  async function remove(kind: Kind, p: Principal, id: string, requestId?: string): Promise<void> {
    await withTransaction(deps.db, async (trx) => {
      const before = await getOrThrow(kind, id, trx)
      if (kind === 'housing' && await repo.countResidents(trx, id) > 0) throw new GridError.HOUSING_OCCUPIED(id)
      await repo.deleteRow(trx, TABLE[kind], id)
      await record(trx, p, kind, id, before, null, requestId)
    })
  }

  /** One record; people's and units' identifiers in clear only for PII_PERMISSION holders, audited. */
  async function get(kind: Kind, p: Principal, id: string, requestId?: string) {
    const row = await getOrThrow(kind, id)
    const clear = kind !== 'housing' && p.permissions.has(PII_PERMISSION)
    if (!clear) return withHistory(kind, id, viewOf(kind, row))
    // Decrypt first: a ciphertext that does not open is refused (500) before anything is recorded as revealed.
    const revealed = reveal(kind, row, await deps.pii.cipher())
    await withTransaction(deps.db, (trx) => deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: `grid.${kind}.revealed`, targetType: `grid_${kind}`, targetId: id, requestId }))
    return withHistory(kind, id, viewOf(kind, row, revealed))
  }

  /** A page of a register, masked, ordered by id; `q` searches names and addresses, or matches an ID number / credit code exactly. */
  async function find(kind: Kind, f: { q?: string; gridCode?: string; housingId?: string; cursor?: string; limit?: number }) {
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 200)
    const q = f.q?.trim()
    // People: the ID number is found through its blind index (the database holds no clear ID number).
    const exact = !q ? undefined : kind === 'person' ? (await deps.pii.cipher()).idNumberIndex(normalizeCnId(q)) : kind === 'unit' ? normalizeUscc(q) : undefined
    const rows = await repo.findRows(TABLE[kind], { q, exact, gridPrefix: f.gridCode ? codePrefix(f.gridCode) : undefined, housingId: f.housingId, after: f.cursor, limit: limit + 1 })
    const items = rows.slice(0, limit).map((r) => viewOf(kind, r))
    return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null }
  }

  return {
    create, update, remove, get, find,
    /** Registry rows as stored, for the demo seed. */
    insertMany: (trx: Kysely<any>, table: RegisterTable, rows: Array<Record<string, unknown>>) => repo.insertMany(trx, table, rows),
    count: (table: RegisterTable) => repo.count(table),
  }
}

/** The input a stored row corresponds to (a patch is applied over it and checked again as a whole); `clear` holds its decrypted identifiers. */
function inputOf(kind: Kind, r: RegisterRows[RegisterTable], clear: Revealed): Record<string, unknown> {
  if (kind === 'housing') {
    const h = r as GridHousingTable
    return { addressId: h.address_id, use: h.use, tenure: h.tenure, areaM2: h.area_m2, occupancy: h.occupancy }
  }
  if (kind === 'person') {
    const x = r as GridPersonTable
    return { name: x.name, idNumber: clear.idNumber, mobile: clear.mobile, residence: x.residence, housingId: x.housing_id, addressId: x.housing_id ? undefined : x.address_id }
  }
  const u = r as GridUnitTable
  return {
    name: u.name, creditCode: u.credit_code, kind: u.kind, industry: u.industry, legalPerson: u.legal_person, contactMobile: clear.contactMobile,
    employees: u.employees, status: u.status, addressId: u.address_id,
  }
}

export type RegisterService = ReturnType<typeof createRegisterService>
