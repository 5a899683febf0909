import type { Kysely, Selectable } from 'kysely'
import { fromJson, toCount, toJson } from '../../../core/db/dialect.ts'
import type { ItemData, ItemStatus } from '../schema/catalog.ts'
import type { ServicesItemTable, ServicesItemVersionTable, ServicesTables } from '../tables.ts'

export interface ItemRecord {
  id: string
  implementationCode: string
  name: string
  status: ItemStatus
  publishedVersion: number | null
  draftVersion: number | null
  latestVersion: number
  departmentId: string
  divisionCode: string
  popularity: number
  createdAt: number
  updatedAt: number
}

export interface VersionRecord {
  itemId: string
  version: number
  status: ItemStatus
  data: ItemData
  createdBy: string
  createdAt: number
  publishedAt: number | null
  retiredAt: number | null
}

export interface BundleRecord { code: string; name: string; description: string; mode: 'parallel' | 'sequential'; itemIds: string[]; themes: string[] }

const toItem = (r: Selectable<ServicesItemTable>): ItemRecord => ({
  id: r.id, implementationCode: r.implementation_code, name: r.name, status: r.status as ItemStatus, publishedVersion: r.published_version,
  draftVersion: r.draft_version, latestVersion: Number(r.latest_version), departmentId: r.department_id, divisionCode: r.division_code,
  popularity: Number(r.popularity), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
})

const toVersion = (r: Selectable<ServicesItemVersionTable>): VersionRecord => ({
  itemId: r.item_id, version: Number(r.version), status: r.status as ItemStatus, data: fromJson<ItemData>(r.data), createdBy: r.created_by,
  createdAt: Number(r.created_at), publishedAt: r.published_at === null ? null : Number(r.published_at), retiredAt: r.retired_at === null ? null : Number(r.retired_at),
})

const CHUNK = 200

/** Queries of the catalog tables (`services_item`, `services_item_version`, `services_bundle`). */
export function createCatalogRepo() {
  const t = (db: Kysely<any>) => db as Kysely<ServicesTables>
  const frozen = new Map<string, ItemData>()
  return {
    async getItem(db: Kysely<any>, id: string): Promise<ItemRecord | undefined> {
      const r = await t(db).selectFrom('services_item').selectAll().where('id', '=', id).executeTakeFirst()
      return r && toItem(r)
    },
    async getItemByCode(db: Kysely<any>, implementationCode: string): Promise<ItemRecord | undefined> {
      const r = await t(db).selectFrom('services_item').selectAll().where('implementation_code', '=', implementationCode).executeTakeFirst()
      return r && toItem(r)
    },
    async getVersion(db: Kysely<any>, itemId: string, version: number): Promise<VersionRecord | undefined> {
      const r = await t(db).selectFrom('services_item_version').selectAll().where('item_id', '=', itemId).where('version', '=', version).executeTakeFirst()
      return r && toVersion(r)
    },
    /**
     * The data of a version that is no longer a draft (published or retired: immutable), cached per
     * process; drafts are read every time. Undefined when the version does not exist.
     */
    async getVersionData(db: Kysely<any>, itemId: string, version: number): Promise<ItemData | undefined> {
      const key = `${itemId}:${version}`
      const hit = frozen.get(key)
      if (hit) return hit
      const r = await t(db).selectFrom('services_item_version').select(['data', 'status']).where('item_id', '=', itemId).where('version', '=', version).executeTakeFirst()
      if (!r) return undefined
      const data = fromJson<ItemData>(r.data)
      if (r.status !== 'draft') {
        if (frozen.size >= 5000) frozen.delete(frozen.keys().next().value!)
        frozen.set(key, data)
      }
      return data
    },
    async listVersions(db: Kysely<any>, itemId: string): Promise<VersionRecord[]> {
      const rows = await t(db).selectFrom('services_item_version').selectAll().where('item_id', '=', itemId).orderBy('version', 'asc').execute()
      return rows.map(toVersion)
    },
    async insertItem(db: Kysely<any>, row: ServicesItemTable): Promise<void> {
      await t(db).insertInto('services_item').values(row).execute()
    },
    async updateItem(db: Kysely<any>, id: string, patch: Partial<ServicesItemTable>): Promise<void> {
      await t(db).updateTable('services_item').set(patch).where('id', '=', id).execute()
    },
    async insertVersion(db: Kysely<any>, row: Omit<ServicesItemVersionTable, 'data'> & { data: ItemData }): Promise<void> {
      await t(db).insertInto('services_item_version').values({ ...row, data: toJson(row.data) }).execute()
    },
    async updateVersion(db: Kysely<any>, itemId: string, version: number, patch: Partial<Omit<ServicesItemVersionTable, 'data'>> & { data?: ItemData }): Promise<void> {
      const { data, ...rest } = patch
      await t(db).updateTable('services_item_version').set({ ...rest, ...(data ? { data: toJson(data) } : {}) }).where('item_id', '=', itemId).where('version', '=', version).execute()
    },
    /** Inserts many items and their first versions in chunks (the seed); rows must be new. */
    async insertMany(db: Kysely<any>, items: ServicesItemTable[], versions: Array<Omit<ServicesItemVersionTable, 'data'> & { data: ItemData }>): Promise<void> {
      for (let i = 0; i < items.length; i += CHUNK) await t(db).insertInto('services_item').values(items.slice(i, i + CHUNK)).execute()
      for (let i = 0; i < versions.length; i += CHUNK) {
        await t(db).insertInto('services_item_version').values(versions.slice(i, i + CHUNK).map((v) => ({ ...v, data: toJson(v.data) }))).execute()
      }
    },
    async countItems(db: Kysely<any>): Promise<number> {
      const r = await t(db).selectFrom('services_item').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return toCount(r.n)
    },
    /** Every published item with the data of its published version (for the search index). */
    async listPublished(db: Kysely<any>): Promise<Array<{ id: string; data: ItemData; popularity: number; publishedAt: number }>> {
      const rows = await t(db).selectFrom('services_item as i')
        .innerJoin('services_item_version as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version', '=', 'i.published_version'))
        .select(['i.id', 'i.popularity', 'v.data', 'v.published_at']).where('i.status', '=', 'published').orderBy('i.id').execute()
      return rows.map((r) => ({ id: r.id, data: fromJson<ItemData>(r.data), popularity: Number(r.popularity), publishedAt: Number(r.published_at) }))
    },
    /** Items changed at or after `since` (updated_at), with their published data when published. */
    async changedSince(db: Kysely<any>, since: number): Promise<Array<{ id: string; status: string; updatedAt: number; popularity: number; data: ItemData | null }>> {
      const rows = await t(db).selectFrom('services_item as i')
        .leftJoin('services_item_version as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version', '=', 'i.published_version'))
        .select(['i.id', 'i.status', 'i.updated_at', 'i.popularity', 'v.data']).where('i.updated_at', '>=', since).execute()
      return rows.map((r) => ({ id: r.id, status: r.status, updatedAt: Number(r.updated_at), popularity: Number(r.popularity), data: r.data ? fromJson<ItemData>(r.data) : null }))
    },
    async findItems(db: Kysely<any>, f: { q?: string; status?: string; department?: string; page: number; pageSize: number }): Promise<{ total: number; items: ItemRecord[] }> {
      let sel = t(db).selectFrom('services_item')
      if (f.status) sel = sel.where('status', '=', f.status)
      if (f.department) sel = sel.where('department_id', '=', f.department)
      if (f.q) sel = sel.where((eb) => eb.or([eb('name', 'like', `%${f.q}%`), eb('implementation_code', 'like', `${f.q}%`)]))
      const total = toCount((await sel.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const rows = await sel.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()
      return { total, items: rows.map(toItem) }
    },
    /** Every item's newest version (export). */
    async listLatest(db: Kysely<any>, status?: string): Promise<VersionRecord[]> {
      let sel = t(db).selectFrom('services_item as i')
        .innerJoin('services_item_version as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version', '=', 'i.latest_version'))
        .selectAll('v')
      if (status) sel = sel.where('i.status', '=', status)
      return (await sel.orderBy('i.implementation_code').execute()).map(toVersion)
    },
    async bumpPopularity(db: Kysely<any>, id: string): Promise<void> {
      await t(db).updateTable('services_item').set((eb) => ({ popularity: eb('popularity', '+', 1) })).where('id', '=', id).execute()
    },

    async upsertBundle(db: Kysely<any>, b: BundleRecord, now: number): Promise<void> {
      await t(db).insertInto('services_bundle').values({
        code: b.code, name: b.name, description: b.description, mode: b.mode, item_ids: toJson(b.itemIds), themes: toJson(b.themes), created_at: now,
      }).onConflict((oc) => oc.column('code').doNothing()).execute()
    },
    async listBundles(db: Kysely<any>): Promise<BundleRecord[]> {
      const rows = await t(db).selectFrom('services_bundle').selectAll().orderBy('code').execute()
      return rows.map((r) => ({ code: r.code, name: r.name, description: r.description, mode: r.mode as BundleRecord['mode'], itemIds: fromJson<string[]>(r.item_ids), themes: fromJson<string[]>(r.themes) }))
    },
  }
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>
