import type { Kysely, Selectable } from 'kysely'
import type { CityDivisionTable, CityTables } from './tables.ts'

export interface Division {
  code: string
  parentCode: string | null
  kind: 'city' | 'subdistrict' | 'town' | 'zone'
  name: { 'zh-CN': string; 'zh-TW': string; 'en-US': string }
}

function toDivision(r: Selectable<CityDivisionTable>): Division {
  return { code: r.code, parentCode: r.parent_code, kind: r.kind as Division['kind'], name: { 'zh-CN': r.name_zh_hans, 'zh-TW': r.name_zh_hant, 'en-US': r.name_en } }
}

/** Queries of the city module's own table `city_division`. */
export function createCityRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<CityTables>
  return {
    async getDivision(code: string): Promise<Division | undefined> {
      const r = await db.selectFrom('city_division').selectAll().where('code', '=', code).executeTakeFirst()
      return r ? toDivision(r) : undefined
    },
    async listChildren(parentCode: string): Promise<Division[]> {
      const rows = await db.selectFrom('city_division').selectAll().where('parent_code', '=', parentCode).orderBy('sort').orderBy('code').execute()
      return rows.map(toDivision)
    },
    async getRoot(): Promise<Division | undefined> {
      const r = await db.selectFrom('city_division').selectAll().where('parent_code', 'is', null).orderBy('code').executeTakeFirst()
      return r ? toDivision(r) : undefined
    },
    /** Inserts divisions that do not exist yet; returns how many were new. */
    async insertMissing(trx: Kysely<any>, rows: CityDivisionTable[]): Promise<number> {
      let inserted = 0
      for (const row of rows) {
        const res = await (trx as Kysely<CityTables>).insertInto('city_division').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst()
        inserted += Number(res.numInsertedOrUpdatedRows ?? 0)
      }
      return inserted
    },
  }
}

export type CityRepo = ReturnType<typeof createCityRepo>
