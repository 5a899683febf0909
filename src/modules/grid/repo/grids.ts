import type { Kysely, Selectable } from 'kysely'
import type { AreaGeometry, BBox, Position } from '../../../lib/geo/index.ts'
import { fromJson } from '../../../core/db/dialect.ts'
import type { GridGridTable, GridTables } from '../tables.ts'
import type { GridLevel } from '../codes.ts'

export interface Grid {
  code: string
  parentCode: string | null
  level: GridLevel
  name: string
  divisionCode: string | null
  geometry: AreaGeometry
  bbox: BBox
  label: Position
  areaM2: number
  workerIds: string[]
  departmentIds: string[]
  createdAt: number
  updatedAt: number
}

export type GridRow = GridGridTable

function toGrid(r: Selectable<GridGridTable>, assignments: Array<{ subject_id: string; kind: string }>): Grid {
  return {
    code: r.code, parentCode: r.parent_code, level: r.level as GridLevel, name: r.name, divisionCode: r.division_code,
    geometry: fromJson<AreaGeometry>(r.geometry), bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat], label: [r.label_lon, r.label_lat],
    areaM2: Math.round(r.area_m2), workerIds: assignments.filter((a) => a.kind === 'worker').map((a) => a.subject_id).sort(),
    departmentIds: assignments.filter((a) => a.kind === 'department').map((a) => a.subject_id).sort(),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  }
}

/** Queries of `grid_grid` and `grid_assignment`. */
export function createGridsRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<GridTables>
  const t = (trx: Kysely<any>) => trx as Kysely<GridTables>

  async function withAssignments(rows: Selectable<GridGridTable>[]): Promise<Grid[]> {
    if (rows.length === 0) return []
    const codes = rows.map((r) => r.code)
    const assignments: Array<{ grid_code: string; subject_id: string; kind: string }> = []
    for (let i = 0; i < codes.length; i += 500) {
      assignments.push(...await db.selectFrom('grid_assignment').select(['grid_code', 'subject_id', 'kind']).where('grid_code', 'in', codes.slice(i, i + 500)).execute())
    }
    const by = new Map<string, typeof assignments>()
    for (const a of assignments) {
      const list = by.get(a.grid_code) ?? []
      list.push(a)
      by.set(a.grid_code, list)
    }
    return rows.map((r) => toGrid(r, by.get(r.code) ?? []))
  }

  return {
    async getGrid(code: string): Promise<Grid | undefined> {
      const r = await db.selectFrom('grid_grid').selectAll().where('code', '=', code).executeTakeFirst()
      return r ? (await withAssignments([r]))[0] : undefined
    },
    async exists(trx: Kysely<any>, code: string): Promise<boolean> {
      return !!(await t(trx).selectFrom('grid_grid').select('code').where('code', '=', code).executeTakeFirst())
    },
    /** Grids filtered by parent and level, ordered by code. */
    async listGrids(filter: { parentCode?: string; level?: GridLevel; codePrefix?: string }): Promise<Grid[]> {
      let q = db.selectFrom('grid_grid').selectAll()
      if (filter.parentCode) q = q.where('parent_code', '=', filter.parentCode)
      if (filter.level) q = q.where('level', '=', filter.level)
      if (filter.codePrefix) q = q.where('code', 'like', `${filter.codePrefix}%`)
      return withAssignments(await q.orderBy('code').execute())
    },
    /** Code, level and outline of every grid: the spatial index's snapshot. */
    async listOutlines(): Promise<Array<{ code: string; level: GridLevel; geometry: AreaGeometry; updatedAt: number }>> {
      const rows = await db.selectFrom('grid_grid').select(['code', 'level', 'geometry', 'updated_at']).orderBy('code').execute()
      return rows.map((r) => ({ code: r.code, level: r.level as GridLevel, geometry: fromJson<AreaGeometry>(r.geometry), updatedAt: Number(r.updated_at) }))
    },
    /** A fingerprint of the table (count and newest change) to tell when a cached index is stale. */
    async fingerprint(): Promise<string> {
      const r = await db.selectFrom('grid_grid').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('m')]).executeTakeFirstOrThrow()
      return `${Number(r.n)}:${Number(r.m ?? 0)}`
    },
    async insertGrid(trx: Kysely<any>, row: GridRow): Promise<void> {
      await t(trx).insertInto('grid_grid').values(row).execute()
    },
    async insertGrids(trx: Kysely<any>, rows: GridRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 100) await t(trx).insertInto('grid_grid').values(rows.slice(i, i + 100)).execute()
    },
    async updateGrid(trx: Kysely<any>, code: string, patch: Partial<GridRow>): Promise<void> {
      await t(trx).updateTable('grid_grid').set(patch).where('code', '=', code).execute()
    },
    /** Replaces the workers or departments of a grid. */
    async setAssignments(trx: Kysely<any>, code: string, kind: 'worker' | 'department', subjectIds: string[], now: number): Promise<void> {
      await t(trx).deleteFrom('grid_assignment').where('grid_code', '=', code).where('kind', '=', kind).execute()
      if (subjectIds.length) await t(trx).insertInto('grid_assignment').values([...new Set(subjectIds)].map((s) => ({ grid_code: code, subject_id: s, kind, created_at: now }))).execute()
    },
    async insertAssignments(trx: Kysely<any>, rows: Array<{ grid_code: string; subject_id: string; kind: string; created_at: number }>): Promise<void> {
      for (let i = 0; i < rows.length; i += 200) await t(trx).insertInto('grid_assignment').values(rows.slice(i, i + 200)).execute()
    },
    async listDutyBindings(): Promise<Array<{ duty: string; departmentId: string }>> {
      const rows = await db.selectFrom('grid_duty_binding').select(['duty', 'department_id']).orderBy('duty').execute()
      return rows.map((r) => ({ duty: r.duty, departmentId: r.department_id }))
    },
    /** Binds (or with null unbinds) a duty. */
    async setDutyBinding(trx: Kysely<any>, duty: string, departmentId: string | null, now: number): Promise<void> {
      const x = trx as Kysely<GridTables>
      await x.deleteFrom('grid_duty_binding').where('duty', '=', duty).execute()
      if (departmentId) await x.insertInto('grid_duty_binding').values({ duty, department_id: departmentId, updated_at: now }).execute()
    },
    /** Grid codes a worker or department is assigned to. */
    async gridsOf(subjectId: string): Promise<string[]> {
      const rows = await db.selectFrom('grid_assignment').select('grid_code').where('subject_id', '=', subjectId).orderBy('grid_code').execute()
      return rows.map((r) => r.grid_code)
    },
    /** Names of the grids with `codes` (unknown codes are left out). */
    async names(codes: string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>()
      for (let i = 0; i < codes.length; i += 500) {
        const rows = await db.selectFrom('grid_grid').select(['code', 'name']).where('code', 'in', codes.slice(i, i + 500)).execute()
        for (const r of rows) out.set(r.code, r.name)
      }
      return out
    },
    async countGrids(): Promise<number> {
      const r = await db.selectFrom('grid_grid').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return Number(r.n)
    },
  }
}

export type GridsRepo = ReturnType<typeof createGridsRepo>
