import type { Kysely, Selectable } from 'kysely'
import { fromJson } from '../../../core/db/dialect.ts'
import type { GridAddressTable, GridBuildingTable, GridFacilityTable, GridRegistryChangeTable, GridTables } from '../tables.ts'

export interface Address {
  id: string
  road: string
  number: string
  building: string | null
  unit: string | null
  room: string | null
  fullText: string
  aliases: string[]
  buildingCode: string | null
  lon: number
  lat: number
  gridCode: string | null
}

export interface Building { code: string; name: string; addressId: string | null; floors: number; use: string; lon: number; lat: number; gridCode: string | null }

export interface Facility {
  code: string
  categoryCode: string
  name: string
  ownerDepartmentId: string | null
  maintainerDepartmentId: string | null
  state: string
  lon: number
  lat: number
  gridCode: string | null
  updatedAt: number
}

const toAddress = (r: Selectable<GridAddressTable>): Address => ({
  id: r.id, road: r.road, number: r.number, building: r.building, unit: r.unit, room: r.room, fullText: r.full_text,
  aliases: fromJson<string[]>(r.aliases) ?? [], buildingCode: r.building_code, lon: r.lon, lat: r.lat, gridCode: r.grid_code,
})
const toBuilding = (r: Selectable<GridBuildingTable>): Building => ({ code: r.code, name: r.name, addressId: r.address_id, floors: r.floors, use: r.use, lon: r.lon, lat: r.lat, gridCode: r.grid_code })
const toFacility = (r: Selectable<GridFacilityTable>): Facility => ({
  code: r.code, categoryCode: r.category_code, name: r.name, ownerDepartmentId: r.owner_department_id, maintainerDepartmentId: r.maintainer_department_id,
  state: r.state, lon: r.lon, lat: r.lat, gridCode: r.grid_code, updatedAt: Number(r.updated_at),
})

/** Drops LIKE wildcards from a search term (the dialects disagree on a default escape character). */
function likeSafe(s: string): string {
  return s.replace(/[\\%_]/g, '')
}

/** Queries of the base registry tables (四标四实 subset). */
export function createRegistryRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<GridTables>
  const t = (trx: Kysely<any>) => trx as Kysely<GridTables>
  return {
    /** Addresses whose text or aliases contain every term of `q` (split on spaces). */
    async searchAddresses(q: string, limit: number): Promise<Address[]> {
      const terms = q.trim().split(/\s+/).map(likeSafe).filter(Boolean).slice(0, 5)
      let sel = db.selectFrom('grid_address').selectAll()
      for (const term of terms) {
        const pattern = `%${term}%`
        sel = sel.where((eb) => eb.or([eb('full_text', 'like', pattern), eb('aliases', 'like', pattern)]))
      }
      const rows = await sel.orderBy('full_text').limit(limit).execute()
      return rows.map(toAddress)
    },
    /** Every standard address in id order (the demo seed of the registers). */
    async allAddresses(): Promise<Address[]> {
      return (await db.selectFrom('grid_address').selectAll().orderBy('id').execute()).map(toAddress)
    },
    async getAddress(id: string): Promise<Address | undefined> {
      const r = await db.selectFrom('grid_address').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toAddress(r) : undefined
    },
    async listBuildings(gridCode: string | undefined, limit: number): Promise<Building[]> {
      let q = db.selectFrom('grid_building').selectAll()
      if (gridCode) q = q.where('grid_code', 'like', `${gridCode}%`)
      return (await q.orderBy('code').limit(limit).execute()).map(toBuilding)
    },
    async getFacility(code: string, trx?: Kysely<any>): Promise<Facility | undefined> {
      const r = await t(trx ?? db).selectFrom('grid_facility').selectAll().where('code', '=', code).executeTakeFirst()
      return r ? toFacility(r) : undefined
    },
    async listFacilities(f: { gridPrefix?: string; categoryCode?: string; state?: string }, limit: number): Promise<Facility[]> {
      let q = db.selectFrom('grid_facility').selectAll()
      if (f.gridPrefix) q = q.where('grid_code', 'like', `${f.gridPrefix}%`)
      if (f.categoryCode) q = q.where('category_code', '=', f.categoryCode)
      if (f.state) q = q.where('state', '=', f.state)
      return (await q.orderBy('code').limit(limit).execute()).map(toFacility)
    },
    async updateFacility(trx: Kysely<any>, code: string, patch: Partial<GridFacilityTable>): Promise<void> {
      await t(trx).updateTable('grid_facility').set(patch).where('code', '=', code).execute()
    },
    async insertChange(trx: Kysely<any>, row: GridRegistryChangeTable): Promise<void> {
      await t(trx).insertInto('grid_registry_change').values(row).execute()
    },
    async listChanges(entity: string, entityId: string) {
      const rows = await db.selectFrom('grid_registry_change').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('at').orderBy('id').execute()
      return rows.map((r) => ({ id: r.id, actorId: r.actor_id, at: Number(r.at), before: fromJson<Record<string, unknown> | null>(r.before), after: fromJson<Record<string, unknown>>(r.after) }))
    },
    async insertMany(trx: Kysely<any>, table: 'grid_address' | 'grid_building' | 'grid_facility', rows: Array<Record<string, unknown>>): Promise<void> {
      for (let i = 0; i < rows.length; i += 100) await t(trx).insertInto(table).values(rows.slice(i, i + 100) as never).execute()
    },
    async count(table: 'grid_address' | 'grid_building' | 'grid_facility'): Promise<number> {
      const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return Number(r.n)
    },
  }
}

export type RegistryRepo = ReturnType<typeof createRegistryRepo>
