/**
 * The demo city's grids, workers, base registry subset and a few thousand historical events across
 * every state and category. Deterministic (seeded PRNG; times relative to the start of today in
 * UTC+8) and idempotent (each part is written only into empty tables). One transaction per part,
 * batch inserts: it must stay well under a few seconds on SQLite.
 */
import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import { toJson } from '../../../core/db/dialect.ts'
import { AreaIndex, areaSquareMeters, bboxOf, containsPoint, labelPoint, type PolygonGeometry } from '../../../lib/geo/index.ts'
import type { CityService } from '../../city/index.ts'
import { EVENT_CATEGORIES, PART_CATEGORIES, PART_OWNERS } from '../catalog.ts'
import { ancestorsOf } from '../codes.ts'
import type { GridApi, GridDeps } from '../service/index.ts'
import type { GridEventLogTable, GridEventTable, GridGridTable } from '../tables.ts'
import { demoLayout, shortName, type LayoutGrid } from './layout.ts'
import { simulateEvent } from './simulate.ts'
import { seedRegisters } from './registers.ts'
import { mulberry32, pick } from './prng.ts'

/** The Open311 API key of the demo city (documented in the module README; revoke it in production). */
export const DEMO_OPEN311_KEY = 'zhicheng-demo-open311-key'
export const DEMO_EVENT_COUNT = 3000

const ROADS = ['孙文中路', '兴中道', '中山路', '博爱路', '康华路', '起湾道', '悦来路', '银通街', '岐关路', '富华道', '长江路', '东明路', '华柏路', '民族路', '南下路', '莲塘路', '沙岗路', '凤鸣路', '龙山路', '翠景道']
const ESTATES = ['锦绣花园', '碧桂苑', '海景大厦', '金叶广场', '翠湖山庄', '时代公寓', '万福楼', '恒大名都', '华侨新村', '紫荆苑']

function pointIn(random: () => number, g: PolygonGeometry): [number, number] {
  const [minX, minY, maxX, maxY] = bboxOf(g)
  for (let i = 0; i < 50; i++) {
    const x = Math.round((minX + random() * (maxX - minX)) * 1e6) / 1e6
    const y = Math.round((minY + random() * (maxY - minY)) * 1e6) / 1e6
    if (containsPoint(g, x, y)) return [x, y]
  }
  return labelPoint(g) as [number, number]
}

function gridRow(g: LayoutGrid, now: number): GridGridTable {
  const [minLon, minLat, maxLon, maxLat] = bboxOf(g.geometry)
  const [labelLon, labelLat] = labelPoint(g.geometry)
  return {
    code: g.code, parent_code: g.parentCode, level: g.level, name: g.name, division_code: g.divisionCode, geometry: toJson(g.geometry),
    min_lon: minLon, min_lat: minLat, max_lon: maxLon, max_lat: maxLat, label_lon: labelLon, label_lat: labelLat,
    area_m2: areaSquareMeters(g.geometry), created_at: now, updated_at: now,
  }
}

async function insertBatches(trx: Kysely<any>, table: string, rows: object[], size = 100): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size)).execute()
}

/** Seeds the grid module's demo data; returns how many rows of each kind it wrote. */
export async function seedGridDemo(deps: GridDeps, api: GridApi, city: CityService) {
  const now = deps.clock.now()
  const written = { grids: 0, workers: 0, addresses: 0, buildings: 0, facilities: 0, housing: 0, people: 0, units: 0, events: 0, logEntries: 0, open311Keys: 0 }
  const c = await city.getCity().catch(() => undefined)
  if (!c) return written
  const layout = demoLayout(c.code, c.name['zh-CN'], new Map(c.divisions.map((d) => [d.code, d.name['zh-CN']])))
  const units = layout.filter((g) => g.level === 'unit')
  const workerOf = (unitCode: string) => `usr_gw_${unitCode}`

  if ((await deps.grids.countGrids()) === 0) {
    // Town grids are bound to their town government in identity (its departments seed first).
    const towns: Array<{ grid_code: string; subject_id: string; kind: string; created_at: number }> = []
    for (const g of layout.filter((x) => x.level === 'town' && x.divisionCode)) {
      const dep = await deps.departments.townDepartment(g.divisionCode!)
      if (dep) towns.push({ grid_code: g.code, subject_id: dep, kind: 'department', created_at: now })
    }
    await withTransaction(deps.db, async (trx) => {
      await insertBatches(trx, 'grid_grid', layout.map((g) => gridRow(g, now)))
      const assignments = units.flatMap((u) => [
        { grid_code: u.code, subject_id: workerOf(u.code), kind: 'worker', created_at: now },
        { grid_code: u.code, subject_id: 'dep_urban', kind: 'department', created_at: now },
        { grid_code: u.code, subject_id: 'dep_works', kind: 'department', created_at: now },
      ])
      await insertBatches(trx, 'grid_assignment', [...assignments, ...towns], 200)
      await deps.audit.append(trx, { actorId: 'system:seed', actorKind: 'system', action: 'grid.grid.seeded', targetType: 'grid_grid', targetId: layout[0]!.code, detail: { grids: layout.length, units: units.length } })
    })
    written.grids = layout.length
    written.workers = units.length
    api.grids.invalidate()
  }

  const random = mulberry32(20261128)
  if ((await deps.registry.count('grid_address')) === 0) {
    const addresses: object[] = []
    const buildings: object[] = []
    const facilities: object[] = []
    const townOf = new Map(layout.filter((g) => g.level === 'town').map((g) => [g.code, g.name]))
    let seq = 0
    for (const u of units) {
      const town = townOf.get(ancestorsOf(u.code).townCode!) ?? ''
      const road = pick(random, ROADS)
      for (let b = 0; b < 2; b++) {
        seq++
        const [lon, lat] = pointIn(random, u.geometry)
        const number = String(1 + Math.floor(random() * 300))
        const estate = `${shortName(town)}${pick(random, ESTATES)}`
        const buildingCode = `${u.code}B${String(b + 1).padStart(2, '0')}`
        const addressId = `gadr_${String(seq).padStart(6, '0')}`
        const fullText = `${c.name['zh-CN']}${town}${road}${number}号${estate}${b + 1}栋`
        addresses.push({ id: addressId, road, number: `${number}号`, building: `${estate}${b + 1}栋`, unit: null, room: null, full_text: fullText, aliases: toJson([`${road}${number}号`, `${estate}${b + 1}栋`]), building_code: buildingCode, lon, lat, grid_code: u.code, updated_at: now })
        buildings.push({ code: buildingCode, name: `${estate}${b + 1}栋`, address_id: addressId, floors: 3 + Math.floor(random() * 30), use: pick(random, ['residential', 'residential', 'commercial', 'office', 'mixed']), lon, lat, grid_code: u.code, updated_at: now })
        for (let r = 1; r <= 2; r++) {
          seq++
          addresses.push({ id: `gadr_${String(seq).padStart(6, '0')}`, road, number: `${number}号`, building: `${estate}${b + 1}栋`, unit: `${r}单元`, room: `${r}0${1 + Math.floor(random() * 8)}`, full_text: `${fullText}${r}单元`, aliases: toJson([]), building_code: buildingCode, lon, lat, grid_code: u.code, updated_at: now })
        }
      }
      const partCodes = Object.keys(PART_CATEGORIES)
      for (let f = 0; f < 3; f++) {
        const part = pick(random, partCodes)
        const [lon, lat] = pointIn(random, u.geometry)
        // 16-digit part code: county (6) + class (4) + sequence (6).
        const code = `${c.code}${part}${String(facilities.length + 1).padStart(6, '0')}`
        facilities.push({ code, category_code: part, name: `${PART_CATEGORIES[part]!['zh-CN']}（${road}）`, owner_department_id: PART_OWNERS[part] ?? null, maintainer_department_id: PART_OWNERS[part] ?? null, state: random() < 0.06 ? 'damaged' : 'normal', lon, lat, grid_code: u.code, updated_at: now })
      }
    }
    await withTransaction(deps.db, async (trx) => {
      await insertBatches(trx, 'grid_address', addresses)
      await insertBatches(trx, 'grid_building', buildings)
      await insertBatches(trx, 'grid_facility', facilities)
    })
    written.addresses = addresses.length
    written.buildings = buildings.length
    written.facilities = facilities.length
  }

  Object.assign(written, await seedRegisters(deps, await deps.registry.allAddresses(), now))

  if ((await deps.eventsRepo.countEvents()) === 0) {
    const { events, logs } = historicalEvents(deps, units, workerOf, now)
    await withTransaction(deps.db, async (trx) => {
      await insertBatches(trx, 'grid_event', events, 100)
      await insertBatches(trx, 'grid_event_log', logs, 100)
      await deps.audit.append(trx, { actorId: 'system:seed', actorKind: 'system', action: 'grid.event.seeded', targetType: 'grid_event', detail: { events: events.length, logEntries: logs.length } })
    })
    written.events = events.length
    written.logEntries = logs.length
  }

  if (!(await api.open311Keys.hasAnyKey())) {
    await api.open311Keys.createKey({ id: 'system:seed', kind: 'system', name: 'demo seed', permissions: new Set(['*']) }, 'demo city (public demo key)', undefined, DEMO_OPEN311_KEY)
    written.open311Keys = 1
  }
  return written
}

/** A few thousand events over the last 90 days, each walked through the workflow with random delays. */
function historicalEvents(deps: GridDeps, units: LayoutGrid[], workerOf: (code: string) => string, now: number) {
  const random = mulberry32(7_442_000)
  // Times relative to the start of today in UTC+8: the same shape on every run of the same day.
  const dayStart = Math.floor((now + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000
  const index = new AreaIndex(units.map((u) => ({ key: u.code, geometry: u.geometry })))
  const events: GridEventTable[] = []
  const logs: GridEventLogTable[] = []
  // Busier grids in the centre: a third of the reports come from the four central sub-districts.
  const central = units.filter((u) => /^442000(001|002|004|005)/.test(u.code))
  for (let i = 0; i < DEMO_EVENT_COUNT; i++) {
    const unit = random() < 0.33 && central.length ? pick(random, central) : pick(random, units)
    const [lon, lat] = pointIn(random, unit.geometry)
    const gridCode = index.locate(lon, lat) ?? unit.code
    const category = pick(random, EVENT_CATEGORIES)
    // One in twenty reports comes from the last twelve hours, so that the queues are alive.
    const reportedAt = random() < 0.05
      ? now - 60_000 - Math.floor(random() * 12 * 3_600_000)
      : Math.min(now - 60_000, dayStart - Math.floor(random() * 90 * 86_400_000) + Math.floor(random() * 86_400_000))
    const sim = simulateEvent(random, { category, reportedAt, now, worker: workerOf(gridCode) })
    const id = deps.ids.next('gevt')
    const { townCode, communityCode } = ancestorsOf(gridCode)
    const s = sim.state
    events.push({
      id, category_code: category.code, source: sim.source, status: s.status, title: category.name['zh-CN'], description: `${category.name['zh-CN']}，请尽快处理。`,
      address: null, lon, lat, grid_code: gridCode, community_code: communityCode, town_code: townCode, near_boundary: 0, department_id: s.departmentId,
      suggested_department_id: category.defaultDepartmentId, reporter_id: sim.reporterId, reporter_kind: sim.reporterKind, reporter_name: null,
      reporter_contact_masked: null, citizen_token_hash: null, open311_token: null, merged_into: s.status === 'merged' ? events.at(-1)?.id ?? null : null,
      stage_started_at: s.stageStartedAt, stage_due_at: s.stageDueAt, rework_count: s.reworkCount, overdue_count: s.overdueCount,
      pending: s.pending ? toJson(s.pending) : null, closure_type: s.closureType, closed_at: s.closedAt, reported_at: reportedAt,
      updated_at: sim.entries.at(-1)!.at, version: sim.entries.length, escalation_level: 0, escalated_to: null, escalated_at: null,
    })
    sim.entries.forEach((e, seq) => logs.push({
      id: deps.ids.next('glog'), event_id: id, seq, action: e.action, from_status: e.from, to_status: e.to, at: e.at, actor_id: e.actorId, actor_kind: e.actorKind,
      department_id: e.departmentId, grid_code: gridCode, community_code: communityCode, town_code: townCode, category_code: category.code,
      stage_due_at: e.stageDueAt, overdue: e.overdue ? 1 : 0, note: null, detail: e.detail ? toJson(e.detail) : null,
    }))
  }
  return { events, logs }
}
