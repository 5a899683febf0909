import type { Kysely } from 'kysely'
import type { GridHousingTable, GridPersonTable, GridPiiKeyTable, GridTables, GridUnitTable } from '../tables.ts'

/** The actual registers (四实) kept on standard addresses. */
export type RegisterTable = 'grid_housing' | 'grid_person' | 'grid_unit'
export interface RegisterRows { grid_housing: GridHousingTable; grid_person: GridPersonTable; grid_unit: GridUnitTable }

export interface RegisterFilter {
  /** Text to look for: see `findRows` for the columns of each register. */
  q?: string
  /** Exact identifier to match (the blind index of a citizen ID number, or a credit code), already normalised. */
  exact?: string
  gridPrefix?: string
  housingId?: string
  addressId?: string
  /** Id of the last row of the previous page (ordering by id). */
  after?: string
  limit: number
}

/** Drops LIKE wildcards from a search term (the dialects disagree on a default escape character). */
const likeSafe = (s: string) => s.replace(/[\\%_]/g, '')

/** Text columns searched by `q`, and the identifier column `exact` matches, per register. */
const SEARCH: Record<RegisterTable, { text: string[]; exact: string | null }> = {
  grid_housing: { text: ['address_text'], exact: null },
  grid_person: { text: ['name', 'address_text'], exact: 'id_number_index' },
  grid_unit: { text: ['name', 'address_text', 'industry'], exact: 'credit_code' },
}

/** Queries of `grid_housing`, `grid_person` and `grid_unit`. */
export function createRegistersRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<GridTables>
  const t = (trx: Kysely<any>) => trx as Kysely<any>
  return {
    async getRow<T extends RegisterTable>(table: T, id: string, trx?: Kysely<any>): Promise<RegisterRows[T] | undefined> {
      return await t(trx ?? db).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst() as RegisterRows[T] | undefined
    },
    /** Newest id last; `exact` and `q` are alternatives (either matches). */
    async findRows<T extends RegisterTable>(table: T, f: RegisterFilter): Promise<Array<RegisterRows[T]>> {
      let q = t(db).selectFrom(table).selectAll()
      const spec = SEARCH[table]
      const term = f.q ? likeSafe(f.q.trim()) : ''
      if (term || f.exact) {
        q = q.where((eb) => eb.or([
          ...(term ? spec.text.map((c) => eb(c, 'like', `%${term}%`)) : []),
          ...(f.exact && spec.exact ? [eb(spec.exact, '=', f.exact)] : []),
        ]))
      }
      if (f.gridPrefix) q = q.where('grid_code', 'like', `${f.gridPrefix}%`)
      if (f.housingId) q = q.where('housing_id', '=', f.housingId)
      if (f.addressId) q = q.where('address_id', '=', f.addressId)
      if (f.after) q = q.where('id', '>', f.after)
      return await q.orderBy('id').limit(f.limit).execute() as Array<RegisterRows[T]>
    },
    async insertRow<T extends RegisterTable>(trx: Kysely<any>, table: T, row: RegisterRows[T]): Promise<void> {
      await t(trx).insertInto(table).values(row).execute()
    },
    /** Updates a row still at `version`; false when someone else changed it first. */
    async updateRow<T extends RegisterTable>(trx: Kysely<any>, table: T, id: string, version: number, patch: Partial<RegisterRows[T]>): Promise<boolean> {
      const r = await t(trx).updateTable(table as string).set({ ...patch, version: version + 1 } as Record<string, unknown>).where('id', '=', id).where('version', '=', version).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async deleteRow(trx: Kysely<any>, table: RegisterTable, id: string): Promise<boolean> {
      const r = await t(trx).deleteFrom(table).where('id', '=', id).executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
    /** People registered in a dwelling (to refuse deleting a dwelling that still has residents). */
    async countResidents(trx: Kysely<any>, housingId: string): Promise<number> {
      const r = await t(trx).selectFrom('grid_person').select((eb) => eb.fn.countAll().as('n')).where('housing_id', '=', housingId).executeTakeFirstOrThrow()
      return Number((r as { n: unknown }).n)
    },
    async creditCodeTaken(trx: Kysely<any>, code: string, exceptId?: string): Promise<boolean> {
      let q = t(trx).selectFrom('grid_unit').select('id').where('credit_code', '=', code)
      if (exceptId) q = q.where('id', '!=', exceptId)
      return (await q.executeTakeFirst()) !== undefined
    },
    /** True when another person holds the ID number behind this blind index. */
    async idNumberTaken(trx: Kysely<any>, index: string, exceptId?: string): Promise<boolean> {
      let q = t(trx).selectFrom('grid_person').select('id').where('id_number_index', '=', index)
      if (exceptId) q = q.where('id', '!=', exceptId)
      return (await q.executeTakeFirst()) !== undefined
    },
    async insertMany(trx: Kysely<any>, table: RegisterTable, rows: Array<Record<string, unknown>>): Promise<void> {
      for (let i = 0; i < rows.length; i += 100) await t(trx).insertInto(table).values(rows.slice(i, i + 100)).execute()
    },
    /** The wrapped data key of `purpose`, if one was stored. */
    async getPiiKey(purpose: string): Promise<GridPiiKeyTable | undefined> {
      const r = await db.selectFrom('grid_pii_key').selectAll().where('purpose', '=', purpose).executeTakeFirst()
      return r && { ...r, key_version: Number(r.key_version), created_at: Number(r.created_at) }
    },
    /** Stores the wrapped data key; a unique violation means another process stored one first. */
    async insertPiiKey(trx: Kysely<any>, row: GridPiiKeyTable): Promise<void> {
      await t(trx).insertInto('grid_pii_key').values(row).execute()
    },
    /** People whose identifiers are not encrypted yet (rows written before the encryption migration). */
    async unencryptedPeople(limit: number): Promise<Array<Pick<GridPersonTable, 'id' | 'id_number' | 'mobile'>>> {
      return await db.selectFrom('grid_person').select(['id', 'id_number', 'mobile']).where('id_number_enc', 'is', null).orderBy('id').limit(limit).execute()
    },
    /** Units whose contact mobile is not encrypted yet. */
    async unencryptedUnits(limit: number): Promise<Array<Pick<GridUnitTable, 'id' | 'contact_mobile'>>> {
      return await db.selectFrom('grid_unit').select(['id', 'contact_mobile']).where('contact_mobile', 'is not', null).where('contact_mobile_enc', 'is', null).orderBy('id').limit(limit).execute()
    },
    /** Writes a person's encrypted identifiers unless another process already did; true when written. */
    async encryptPerson(trx: Kysely<any>, id: string, set: Pick<GridPersonTable, 'id_number' | 'id_number_masked' | 'id_number_enc' | 'id_number_index' | 'mobile' | 'mobile_masked' | 'mobile_enc'>): Promise<boolean> {
      const r = await t(trx).updateTable('grid_person').set(set).where('id', '=', id).where('id_number_enc', 'is', null).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /** Writes a unit's encrypted contact mobile unless another process already did; true when written. */
    async encryptUnit(trx: Kysely<any>, id: string, set: Pick<GridUnitTable, 'contact_mobile' | 'contact_mobile_masked' | 'contact_mobile_enc'>): Promise<boolean> {
      const r = await t(trx).updateTable('grid_unit').set(set).where('id', '=', id).where('contact_mobile_enc', 'is', null).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async count(table: RegisterTable): Promise<number> {
      const r = await t(db).selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return Number((r as { n: unknown }).n)
    },
  }
}

export type RegistersRepo = ReturnType<typeof createRegistersRepo>
