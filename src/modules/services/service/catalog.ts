/**
 * The service catalog (实施清单): items with versions (draft → published → retired, every version
 * kept), consistency rules enforced on every save, publish and import, JSON/CSV import and export,
 * and the search index kept in step with what is published.
 */
import { Compile } from 'typebox/compile'
import { withTransaction, afterCommit } from '../../../core/db/transaction.ts'
import type { FieldError } from '../../../core/errors.ts'
import { checkItemConsistency, checkItemDepartment, type Lang } from '../consistency.ts'
import { csvToRecords, itemsToCsv } from '../catalog-csv.ts'
import { ServicesError } from '../errors.ts'
import type { ItemEventPayload } from '../events.ts'
import type { ItemRecord, VersionRecord } from '../repo/index.ts'
import { ItemData, type CatalogItem, type CatalogQuerystring, type ImportBody, type ImportReply, type ExportQuerystring } from '../schema/catalog.ts'
import { iso, type CallContext, type ServicesDeps } from './context.ts'

const itemSchema = Compile(ItemData)

/** Schema problems of a candidate item (import), as field errors. */
function schemaProblems(value: unknown): FieldError[] {
  if (itemSchema.Check(value)) return []
  return [...itemSchema.Errors(value)].slice(0, 20).map((e) => ({ path: e.instancePath || '/', code: e.keyword, message: e.message ?? e.keyword }))
}

export function createCatalogService(deps: ServicesDeps) {
  const { db, repo, clock, ids, audit, events, search } = deps
  let loading: Promise<void> | undefined
  // Following other instances' catalogue changes (each instance holds its own index): the newest
  // updated_at seen, what each recently changed item looked like then, and when we last looked.
  const SYNC_MS = deps.indexSyncMs ?? 2_000
  const SKEW_MS = 5_000 // commits land late and clocks differ a little: look back this far
  let watermark = 0
  let lastLook = 0
  let following: Promise<void> | undefined
  const seenAt = new Map<string, number>()

  /** Applies items changed since the watermark to the index (published → upsert, otherwise remove). */
  async function follow(): Promise<void> {
    const rows = await repo.catalog.changedSince(db, watermark - SKEW_MS)
    for (const r of rows) {
      if (seenAt.get(r.id) === r.updatedAt) continue
      seenAt.set(r.id, r.updatedAt)
      if (r.status === 'published' && r.data) search.upsert({ id: r.id, data: r.data, popularity: r.popularity })
      else search.remove(r.id)
      watermark = Math.max(watermark, r.updatedAt)
    }
    for (const [id, at] of seenAt) if (at < watermark - SKEW_MS) seenAt.delete(id)
  }

  function toCatalogItem(item: ItemRecord, versions: VersionRecord[]): CatalogItem {
    const latest = versions.at(-1)!
    return {
      id: item.id, status: item.status, publishedVersion: item.publishedVersion, draftVersion: item.draftVersion, popularity: item.popularity,
      data: latest.data,
      versions: versions.map((v) => ({ version: v.version, status: v.status, createdBy: v.createdBy, createdAt: iso(v.createdAt)!, publishedAt: iso(v.publishedAt), retiredAt: iso(v.retiredAt) })),
    }
  }

  function assertConsistent(data: ItemData, lang: Lang | undefined): void {
    const problems = checkItemConsistency(data, lang)
    if (problems.length) throw new ServicesError.ITEM_INVALID(problems.length, { errors: problems })
  }

  /**
   * The department rules against identity's departments; none while identity has no department
   * at all (a bare install, unit tests). Reads identity: never call it inside a transaction.
   */
  async function departmentProblems(data: ItemData, lang: Lang | undefined): Promise<FieldError[]> {
    if (await deps.directory.isEmpty()) return []
    return checkItemDepartment(data, await deps.directory.byCode(data.departmentId), lang)
  }

  /** Every rule a saved item must pass: consistency, then its department. */
  async function assertSavable(data: ItemData, lang: Lang | undefined): Promise<void> {
    assertConsistent(data, lang)
    const problems = await departmentProblems(data, lang)
    if (problems.length) throw new ServicesError.ITEM_INVALID(problems.length, { errors: problems })
  }

  async function getOrThrow(id: string): Promise<ItemRecord> {
    const item = await repo.catalog.getItem(db, id)
    if (!item) throw new ServicesError.ITEM_NOT_FOUND(id)
    return item
  }

  const itemColumns = (data: ItemData) => ({ name: data.name, implementation_code: data.implementationCode, basic_code: data.basicCode, department_id: data.departmentId, division_code: data.divisionCode })

  const service = {
    /** Loads the search index from the database once (first search, or after a seed). */
    ensureIndex(force = false): Promise<void> {
      if (force || !loading) {
        const started = clock.now()
        loading = repo.catalog.listPublished(db).then((items) => {
          search.load(items)
          watermark = items.reduce((max, i) => Math.max(max, i.publishedAt), started - SKEW_MS)
          lastLook = clock.now()
        })
        loading.catch(() => { loading = undefined })
      }
      return loading
    },

    /**
     * Brings the index up to date with catalogue changes other instances made (publish, retire,
     * import): at most every `indexSyncMs`, re-reads the items changed since the last look. Changes
     * made here reach the index at once (after commit); this covers the rest.
     */
    async followChanges(): Promise<void> {
      await service.ensureIndex()
      if (clock.now() - lastLook < SYNC_MS) return
      lastLook = clock.now()
      following ??= follow().finally(() => { following = undefined })
      await following
    },

    /** Schema and consistency problems of a candidate item, in `lang`; empty when it may be saved. */
    async validate(data: unknown, lang?: Lang): Promise<FieldError[]> {
      const s = schemaProblems(data)
      return s.length ? s : [...checkItemConsistency(data as ItemData, lang), ...await departmentProblems(data as ItemData, lang)]
    },

    /** Creates an item as draft version 1. Throws SVC_ITEM_INVALID (400) or SVC_ITEM_CODE_TAKEN (409). */
    async createItem(c: CallContext, data: ItemData): Promise<CatalogItem> {
      await assertSavable(data, c.lang)
      const id = ids.next('itm')
      const now = clock.now()
      await withTransaction(db, async (trx) => {
        if (await repo.catalog.getItemByCode(trx, data.implementationCode)) throw new ServicesError.ITEM_CODE_TAKEN(data.implementationCode)
        await repo.catalog.insertItem(trx, { id, ...itemColumns(data), status: 'draft', published_version: null, draft_version: 1, latest_version: 1, popularity: 0, created_at: now, updated_at: now })
        await repo.catalog.insertVersion(trx, { item_id: id, version: 1, status: 'draft', data, created_by: c.principal.id, created_at: now, published_at: null, retired_at: null })
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.item.created', targetType: 'services_item', targetId: id, requestId: c.requestId, detail: { implementationCode: data.implementationCode } })
      })
      return service.getCatalogItem(id)
    },

    /** Saves `data` as the item's draft: updates the open draft, or opens version latest+1. */
    async saveDraft(c: CallContext, id: string, data: ItemData): Promise<CatalogItem> {
      await assertSavable(data, c.lang)
      const now = clock.now()
      await withTransaction(db, async (trx) => {
        const item = await repo.catalog.getItem(trx, id)
        if (!item) throw new ServicesError.ITEM_NOT_FOUND(id)
        const other = await repo.catalog.getItemByCode(trx, data.implementationCode)
        if (other && other.id !== id) throw new ServicesError.ITEM_CODE_TAKEN(data.implementationCode)
        let version = item.draftVersion
        if (version) await repo.catalog.updateVersion(trx, id, version, { data, created_by: c.principal.id, created_at: now })
        else {
          version = item.latestVersion + 1
          await repo.catalog.insertVersion(trx, { item_id: id, version, status: 'draft', data, created_by: c.principal.id, created_at: now, published_at: null, retired_at: null })
        }
        await repo.catalog.updateItem(trx, id, { ...(item.status === 'draft' ? itemColumns(data) : { implementation_code: data.implementationCode }), draft_version: version, latest_version: Math.max(version, item.latestVersion), updated_at: now })
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.item.draft-saved', targetType: 'services_item', targetId: id, requestId: c.requestId, detail: { version } })
      })
      return service.getCatalogItem(id)
    },

    /** Publishes draft `version`: the previously published version retires; the index follows after commit. */
    async publish(c: CallContext, id: string, version: number): Promise<CatalogItem> {
      const now = clock.now()
      await withTransaction(db, async (trx) => {
        const item = await repo.catalog.getItem(trx, id)
        if (!item) throw new ServicesError.ITEM_NOT_FOUND(id)
        if (item.draftVersion !== version) throw new ServicesError.ITEM_NO_DRAFT(id, version)
        const draft = (await repo.catalog.getVersion(trx, id, version))!
        assertConsistent(draft.data, c.lang)
        if (item.publishedVersion) await repo.catalog.updateVersion(trx, id, item.publishedVersion, { status: 'retired', retired_at: now })
        await repo.catalog.updateVersion(trx, id, version, { status: 'published', published_at: now })
        await repo.catalog.updateItem(trx, id, { ...itemColumns(draft.data), status: 'published', published_version: version, draft_version: null, updated_at: now })
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.item.published', targetType: 'services_item', targetId: id, requestId: c.requestId, detail: { version } })
        const payload: ItemEventPayload = { itemId: id, version, implementationCode: draft.data.implementationCode, name: draft.data.name }
        await events.publish(trx, 'services.item.published', id, payload, { requestId: c.requestId, actorId: c.principal.id })
        afterCommit(trx, () => search.upsert({ id, data: draft.data, popularity: item.popularity }))
      })
      return service.getCatalogItem(id)
    },

    /** Takes a published item offline (its published version retires). */
    async retire(c: CallContext, id: string): Promise<CatalogItem> {
      const now = clock.now()
      await withTransaction(db, async (trx) => {
        const item = await repo.catalog.getItem(trx, id)
        if (!item) throw new ServicesError.ITEM_NOT_FOUND(id)
        if (item.status !== 'published' || !item.publishedVersion) throw new ServicesError.ITEM_NOT_PUBLISHED(id)
        const v = (await repo.catalog.getVersion(trx, id, item.publishedVersion))!
        await repo.catalog.updateVersion(trx, id, item.publishedVersion, { status: 'retired', retired_at: now })
        await repo.catalog.updateItem(trx, id, { status: 'retired', published_version: null, updated_at: now })
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.item.retired', targetType: 'services_item', targetId: id, requestId: c.requestId, detail: { version: item.publishedVersion } })
        const payload: ItemEventPayload = { itemId: id, version: item.publishedVersion, implementationCode: v.data.implementationCode, name: v.data.name }
        await events.publish(trx, 'services.item.retired', id, payload, { requestId: c.requestId, actorId: c.principal.id })
        afterCommit(trx, () => search.remove(id))
      })
      return service.getCatalogItem(id)
    },

    async getCatalogItem(id: string): Promise<CatalogItem> {
      const item = await getOrThrow(id)
      return toCatalogItem(item, await repo.catalog.listVersions(db, id))
    },

    async findCatalog(q: CatalogQuerystring) {
      const page = await repo.catalog.findItems(db, { q: q.q, status: q.status, department: q.department, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
      return {
        total: page.total,
        items: page.items.map((i) => ({
          id: i.id, name: i.name, implementationCode: i.implementationCode, status: i.status, publishedVersion: i.publishedVersion, draftVersion: i.draftVersion,
          departmentId: i.departmentId, divisionCode: i.divisionCode, updatedAt: iso(i.updatedAt)!,
        })),
      }
    },

    /** The published guide (办事指南) of an item; 404 for drafts and retired items. */
    async getGuide(id: string) {
      const item = await repo.catalog.getItem(db, id)
      if (!item || item.status !== 'published' || !item.publishedVersion) throw new ServicesError.ITEM_NOT_FOUND(id)
      const v = (await repo.catalog.getVersion(db, id, item.publishedVersion))!
      return { id, version: v.version, publishedAt: iso(v.publishedAt)!, popularity: item.popularity, data: v.data }
    },

    /**
     * Imports items (JSON array or CSV). Each valid item is created, or saved as the draft of the
     * item with the same implementation code, and published when asked; each invalid one is reported
     * with its field errors. Never stops half-way: one result per item.
     */
    async importItems(c: CallContext, body: ImportBody): Promise<ImportReply> {
      let candidates: Array<{ value?: unknown; errors: FieldError[] }>
      try {
        if (body.format === 'csv') candidates = csvToRecords(body.content)
        else {
          const parsed = JSON.parse(body.content) as unknown
          const list = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown[] })?.items
          if (!Array.isArray(list)) throw new SyntaxError('expected an array of items or { items: [...] }')
          candidates = list.map((value) => ({ value, errors: [] }))
        }
      } catch (err) {
        throw new ServicesError.IMPORT_UNREADABLE((err as Error).message)
      }
      const reply: ImportReply = { created: 0, updated: 0, failed: 0, results: [] }
      for (const [index, cand] of candidates.entries()) {
        const code = typeof (cand.value as ItemData | undefined)?.implementationCode === 'string' ? (cand.value as ItemData).implementationCode : null
        const errors = cand.errors.length ? cand.errors : await service.validate(cand.value, c.lang)
        if (errors.length) {
          reply.failed++
          reply.results.push({ index, implementationCode: code, ok: false, code: 'SVC_ITEM_INVALID', errors })
          continue
        }
        const data = cand.value as ItemData
        try {
          const existing = await repo.catalog.getItemByCode(db, data.implementationCode)
          const saved = existing ? await service.saveDraft(c, existing.id, data) : await service.createItem(c, data)
          if (body.publish) await service.publish(c, saved.id, saved.draftVersion!)
          if (existing) reply.updated++
          else reply.created++
          reply.results.push({ index, implementationCode: code, ok: true, id: saved.id })
        } catch (err) {
          reply.failed++
          reply.results.push({ index, implementationCode: code, ok: false, code: (err as { code?: string }).code ?? 'CORE_INTERNAL' })
        }
      }
      return reply
    },

    /** Every item's newest version as JSON (an array) or CSV. */
    async exportItems(q: ExportQuerystring): Promise<{ contentType: string; body: string }> {
      const versions = await repo.catalog.listLatest(db, q.status)
      const items = versions.map((v) => v.data)
      return (q.format ?? 'json') === 'csv'
        ? { contentType: 'text/csv; charset=utf-8', body: itemsToCsv(items) }
        : { contentType: 'application/json; charset=utf-8', body: JSON.stringify(items) }
    },
  }
  return service
}

export type CatalogService = ReturnType<typeof createCatalogService>
