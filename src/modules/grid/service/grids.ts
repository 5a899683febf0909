import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import { toJson } from '../../../core/db/dialect.ts'
import type { Principal } from '../../../core/http/auth.ts'
import type { FieldError } from '../../../core/errors.ts'
import { AreaIndex, areaSquareMeters, bboxOf, distanceToBoundaryMeters, labelPoint, validateAreaGeometry, type AreaGeometry } from '../../../lib/geo/index.ts'
import { GridError } from '../errors.ts'
import { ancestorsOf, gridCodeProblem, levelOfCode, parentCodeOf, type GridLevel } from '../codes.ts'
import type { Grid, GridRow } from '../repo/grids.ts'
import type { GridDeps } from './context.ts'

/** Reports nearer than this to a unit grid's edge are flagged for a human to check the grid. */
export const BOUNDARY_FLAG_METERS = 30
/** How long a process trusts its cached index before checking the table for changes by others. */
const INDEX_TTL_MS = 30_000

export interface GridInput {
  code: string
  name: string
  level?: GridLevel
  parentCode?: string | null
  divisionCode?: string | null
  geometry: unknown
  workerIds?: string[]
  departmentIds?: string[]
}

export interface Location {
  unitCode: string
  communityCode: string | null
  townCode: string | null
  /** Metres from the point to the unit grid's nearest edge. */
  boundaryMeters: number
  nearBoundary: boolean
}

export type ImportResult = { code: string; ok: true; created: boolean } | { code: string | null; ok: false; error: string; errors?: FieldError[] }

/** A checked grid definition, ready to write. */
function prepare(input: GridInput, now: number, path: string): { row: GridRow; geometry: AreaGeometry } {
  const level = input.level ?? levelOfCode(input.code)
  if (!level) throw new GridError.BAD_CODE(input.code, 'want 14 digits: county(6) + town(3) + community(3) + unit(2)', { errors: [{ path: `${path}/code`, code: 'grid-code', message: 'malformed grid code' }] })
  const parentCode = input.parentCode === undefined ? (parentCodeOf(input.code) ?? null) : input.parentCode
  const problem = gridCodeProblem(input.code, level, parentCode)
  if (problem) throw new GridError.BAD_CODE(input.code, problem, { errors: [{ path: `${path}/code`, code: 'grid-code', message: problem }] })
  const problems = validateAreaGeometry(input.geometry, `${path}/geometry`)
  if (problems.length) {
    throw new GridError.BAD_GEOMETRY(problems.map((p) => p.message).join('; '), { errors: problems.map((p) => ({ path: p.path, code: p.code, message: p.message })) })
  }
  const geometry = input.geometry as AreaGeometry
  const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry)
  const [labelLon, labelLat] = labelPoint(geometry)
  return {
    geometry,
    row: {
      code: input.code, parent_code: parentCode, level, name: input.name, division_code: input.divisionCode ?? null, geometry: toJson(geometry),
      min_lon: minLon, min_lat: minLat, max_lon: maxLon, max_lat: maxLat, label_lon: labelLon, label_lat: labelLat,
      area_m2: areaSquareMeters(geometry), created_at: now, updated_at: now,
    },
  }
}

/** Grids (网格), their outlines and assignments, and the spatial index over unit grids. */
export function createGridService(deps: GridDeps) {
  const { grids } = deps
  let cache: { index: AreaIndex<string>; byCode: Map<string, AreaGeometry>; fingerprint: string; checkedAt: number } | undefined
  let building: Promise<NonNullable<typeof cache>> | undefined

  async function build(): Promise<NonNullable<typeof cache>> {
    const fingerprint = await grids.fingerprint()
    const outlines = await grids.listOutlines()
    const units = outlines.filter((o) => o.level === 'unit')
    const index = new AreaIndex(units.map((o) => ({ key: o.code, geometry: o.geometry })))
    return { index, byCode: new Map(units.map((o) => [o.code, o.geometry])), fingerprint, checkedAt: deps.clock.now() }
  }

  /** The unit-grid index, rebuilt after a local write or when another process changed the table. */
  async function unitIndex(): Promise<NonNullable<typeof cache>> {
    if (cache && deps.clock.now() - cache.checkedAt < INDEX_TTL_MS) return cache
    if (cache) {
      const fp = await grids.fingerprint()
      if (fp === cache.fingerprint) {
        cache.checkedAt = deps.clock.now()
        return cache
      }
    }
    building ??= build().finally(() => { building = undefined })
    cache = await building
    return cache
  }

  function invalidate(): void {
    cache = undefined
  }

  async function assign(trx: Kysely<any>, code: string, input: Pick<GridInput, 'workerIds' | 'departmentIds'>, now: number): Promise<void> {
    if (input.workerIds) await grids.setAssignments(trx, code, 'worker', input.workerIds, now)
    if (input.departmentIds) await grids.setAssignments(trx, code, 'department', input.departmentIds, now)
  }

  return {
    getGrid: (code: string) => grids.getGrid(code),
    async getGridOrThrow(code: string): Promise<Grid> {
      const g = await grids.getGrid(code)
      if (!g) throw new GridError.NOT_FOUND(code)
      return g
    },
    listGrids: (filter: { parentCode?: string; level?: GridLevel; codePrefix?: string }) => grids.listGrids(filter),
    gridsOf: (subjectId: string) => grids.gridsOf(subjectId),

    /** Creates one grid; checks its code against level and parent, and its outline. */
    async createGrid(p: Principal, input: GridInput, requestId?: string): Promise<Grid> {
      const now = deps.clock.now()
      const { row } = prepare(input, now, 'body')
      if (input.departmentIds) await deps.departments.check(input.departmentIds, 'body/departmentIds')
      await withTransaction(deps.db, async (trx) => {
        if (await grids.exists(trx, row.code)) throw new GridError.EXISTS(row.code)
        if (row.parent_code && !(await grids.exists(trx, row.parent_code))) {
          throw new GridError.BAD_CODE(row.code, `parent grid ${row.parent_code} does not exist`, { errors: [{ path: 'body/parentCode', code: 'not-found', message: `parent grid ${row.parent_code} does not exist` }] })
        }
        await grids.insertGrid(trx, row)
        await assign(trx, row.code, input, now)
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.grid.created', targetType: 'grid_grid', targetId: row.code, requestId, detail: { level: row.level, name: row.name } })
      })
      invalidate()
      return (await grids.getGrid(row.code))!
    },

    /** Changes a grid's name, outline, workers or departments. */
    async updateGrid(p: Principal, code: string, patch: { name?: string; geometry?: unknown; workerIds?: string[]; departmentIds?: string[] }, requestId?: string): Promise<Grid> {
      const current = await grids.getGrid(code)
      if (!current) throw new GridError.NOT_FOUND(code)
      const now = deps.clock.now()
      const prepared = patch.geometry === undefined ? undefined : prepare({ code, name: patch.name ?? current.name, level: current.level, parentCode: current.parentCode, geometry: patch.geometry }, now, 'body')
      if (patch.departmentIds) await deps.departments.check(patch.departmentIds, 'body/departmentIds')
      await withTransaction(deps.db, async (trx) => {
        const set: Partial<GridRow> = { updated_at: now }
        if (patch.name !== undefined) set.name = patch.name
        if (prepared) {
          const { code: _c, created_at: _a, parent_code: _p, level: _l, division_code: _d, name: _n, ...shape } = prepared.row
          Object.assign(set, shape)
        }
        await grids.updateGrid(trx, code, set)
        await assign(trx, code, patch, now)
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.grid.updated', targetType: 'grid_grid', targetId: code, requestId, detail: { fields: Object.keys(patch).sort() } })
      })
      invalidate()
      return (await grids.getGrid(code))!
    },

    /**
     * Imports a GeoJSON FeatureCollection of grids (properties: code, name, level?, parentCode?,
     * workerIds?, departmentIds?). Creates new grids and updates existing ones; one result per
     * feature, never failing half-way. Parents must precede children or already exist.
     */
    async importGrids(p: Principal, collection: unknown, requestId?: string): Promise<ImportResult[]> {
      const fc = collection as { type?: unknown; features?: unknown }
      if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new GridError.BAD_IMPORT('want { "type": "FeatureCollection", "features": [...] }')
      const now = deps.clock.now()
      const results: ImportResult[] = []
      await withTransaction(deps.db, async (trx) => {
        const known = new Set<string>()
        for (const [i, f] of (fc.features as Array<{ type?: unknown; properties?: Record<string, unknown>; geometry?: unknown }>).entries()) {
          const props = f?.properties ?? {}
          const code = typeof props.code === 'string' ? props.code : null
          try {
            if (!code || typeof props.name !== 'string' || !props.name) throw new GridError.BAD_IMPORT(`feature ${i} needs properties.code and properties.name`)
            const input: GridInput = {
              code, name: props.name, geometry: f.geometry, level: typeof props.level === 'string' ? props.level as GridLevel : undefined,
              workerIds: Array.isArray(props.workerIds) ? props.workerIds.map(String) : undefined,
              departmentIds: Array.isArray(props.departmentIds) ? props.departmentIds.map(String) : undefined,
              divisionCode: typeof props.divisionCode === 'string' ? props.divisionCode : null,
            }
            const { row } = prepare(input, now, `features/${i}`)
            if (input.departmentIds) await deps.departments.check(input.departmentIds, `features/${i}/properties/departmentIds`)
            if (row.parent_code && !known.has(row.parent_code) && !(await grids.exists(trx, row.parent_code))) {
              throw new GridError.BAD_CODE(code, `parent grid ${row.parent_code} does not exist`)
            }
            const exists = known.has(code) || await grids.exists(trx, code)
            if (exists) {
              const { code: _c, created_at: _a, ...rest } = row
              await grids.updateGrid(trx, code, rest)
            } else {
              await grids.insertGrid(trx, row)
            }
            await assign(trx, code, input, now)
            known.add(code)
            results.push({ code, ok: true, created: !exists })
          } catch (err) {
            const e = err as { code?: string; errors?: FieldError[] }
            results.push({ code, ok: false, error: e.code ?? 'GRID_BAD_IMPORT', ...(e.errors ? { errors: e.errors } : {}) })
          }
        }
        const created = results.filter((r) => r.ok && r.created).length
        const updated = results.filter((r) => r.ok && !r.created).length
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.grid.imported', targetType: 'grid_grid', requestId, detail: { created, updated, failed: results.length - created - updated } })
      })
      invalidate()
      return results
    },

    /** A GeoJSON FeatureCollection of the grids matching `filter` (outline + code, name, level, parent, assignments). */
    async exportGrids(filter: { level?: GridLevel; parentCode?: string; codePrefix?: string }, withAssignments = true) {
      const list = await grids.listGrids(filter)
      return {
        type: 'FeatureCollection' as const,
        features: list.map((g) => ({
          type: 'Feature' as const,
          id: g.code,
          properties: {
            code: g.code, name: g.name, level: g.level, parentCode: g.parentCode, divisionCode: g.divisionCode, areaM2: g.areaM2,
            labelLon: g.label[0], labelLat: g.label[1],
            ...(withAssignments ? { workerIds: g.workerIds, departmentIds: g.departmentIds } : {}),
          },
          geometry: g.geometry,
        })),
      }
    },

    /** The unit grid containing the point and its community and town; undefined outside every grid. */
    async locate(lon: number, lat: number): Promise<Location | undefined> {
      const { index, byCode } = await unitIndex()
      const unitCode = index.locate(lon, lat)
      if (!unitCode) return undefined
      const boundaryMeters = distanceToBoundaryMeters(byCode.get(unitCode)!, lon, lat)
      return { unitCode, ...ancestorsOf(unitCode), boundaryMeters: Math.round(boundaryMeters * 10) / 10, nearBoundary: boundaryMeters < BOUNDARY_FLAG_METERS }
    },

    /** Unit grids within `meters` of the point, nearest first. */
    async nearby(lon: number, lat: number, meters: number, limit: number) {
      const { index } = await unitIndex()
      return index.nearby(lon, lat, meters, limit).map((n) => ({ code: n.key, meters: Math.round(n.meters * 10) / 10 }))
    },

    /** Drops the cached index (tests, and after bulk writes by the seed). */
    invalidate,
  }
}

export type GridService = ReturnType<typeof createGridService>
