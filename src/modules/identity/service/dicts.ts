/**
 * Dictionaries (数据字典): typed code lists with labels in three languages and a tag colour, read
 * by every module (`ctx.deps.identity.dicts`) and by the web app (`useDict(type)`).
 */
import type { Principal } from '../../../core/http/auth.ts'
import type { Lang } from '../../../core/errors.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { IdentityError } from '../errors.ts'
import type { DictItemRow, DictTypeRow } from '../repo/index.ts'
import { actorOf, record, SYSTEM_ACTOR, type IdentityDeps, type RequestMeta } from './context.ts'
import { iso } from './views.ts'

export type Labels = Record<Lang, string>
/** Element Plus tag types, or a #rrggbb colour. */
export type TagColor = string

export interface DictType { code: string; name: Labels; description: string; builtin: boolean; createdAt: string; updatedAt: string }
export interface DictItem { id: string; type: string; value: string; label: Labels; color: TagColor | null; sort: number; status: 'active' | 'disabled' }
export interface DictDefinition { code: string; name: Labels; description?: string; items: Array<{ value: string; label: Labels; color?: TagColor; sort?: number }> }

const toType = (r: DictTypeRow): DictType => ({
  code: r.code, name: { 'zh-CN': r.name_zh_cn, 'zh-TW': r.name_zh_tw, 'en-US': r.name_en }, description: r.description, builtin: !!r.builtin,
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
})
const toItem = (r: DictItemRow): DictItem => ({
  id: r.id, type: r.type_code, value: r.value, label: { 'zh-CN': r.label_zh_cn, 'zh-TW': r.label_zh_tw, 'en-US': r.label_en }, color: r.color, sort: r.sort,
  status: r.status as DictItem['status'],
})

export function createDictService(deps: IdentityDeps) {
  const { repo } = deps
  const cache = new Map<string, { at: number; items: DictItem[] }>()

  async function typeOrThrow(code: string): Promise<DictTypeRow> {
    const t = await repo.dicts.getType(deps.db, code)
    if (!t) throw new IdentityError.DICT_NOT_FOUND(code)
    return t
  }

  /** Items of a dictionary, in display order (cached; writes through this service refresh it). */
  async function getItems(type: string, opts: { includeDisabled?: boolean } = {}): Promise<DictItem[]> {
    const hit = cache.get(type)
    let items = hit && deps.clock.now() - hit.at < Math.max(deps.options.cacheMs, 1) ? hit.items : undefined
    if (!items) {
      await typeOrThrow(type)
      items = (await repo.dicts.listItems(deps.db, type)).map(toItem)
      cache.set(type, { at: deps.clock.now(), items })
    }
    return opts.includeDisabled ? items : items.filter((i) => i.status === 'active')
  }

  return {
    listTypes: async (): Promise<DictType[]> => (await repo.dicts.listTypes(deps.db)).map(toType),

    getItems,

    /** The label of `value` in `lang`, or the value itself when unknown. */
    async label(type: string, value: string, lang: Lang = 'zh-CN'): Promise<string> {
      const items = await getItems(type, { includeDisabled: true }).catch(() => [])
      return items.find((i) => i.value === value)?.label[lang] ?? value
    },

    /** Creates a dictionary and its items if missing; existing items are left as edited. For module seeds. */
    async ensure(def: DictDefinition): Promise<void> {
      const now = deps.clock.now()
      await withTransaction(deps.db, async (trx) => {
        const created = await repo.dicts.insertType(trx, { code: def.code, name_zh_cn: def.name['zh-CN'], name_zh_tw: def.name['zh-TW'], name_en: def.name['en-US'], description: def.description ?? '', builtin: 1, created_at: now, updated_at: now })
        let added = 0
        for (const [i, it] of def.items.entries()) {
          const ok = await repo.dicts.insertItem(trx, {
            id: deps.ids.next('dci'), type_code: def.code, value: it.value, label_zh_cn: it.label['zh-CN'], label_zh_tw: it.label['zh-TW'], label_en: it.label['en-US'],
            color: it.color ?? null, sort: it.sort ?? i, status: 'active', created_at: now, updated_at: now,
          })
          if (ok) added++
        }
        if (created || added) await record(deps, trx, SYSTEM_ACTOR, {}, { action: 'identity.dict.seeded', targetType: 'dict', targetId: def.code, detail: { items: added } })
      })
      cache.delete(def.code)
    },

    async createType(p: Principal, input: { code: string; name: Labels; description?: string }, meta: RequestMeta): Promise<DictType> {
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        const ok = await repo.dicts.insertType(trx, { code: input.code, name_zh_cn: input.name['zh-CN'], name_zh_tw: input.name['zh-TW'], name_en: input.name['en-US'], description: input.description ?? '', builtin: 0, created_at: now, updated_at: now })
        if (!ok) throw new IdentityError.CODE_TAKEN(input.code)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.dict.created', targetType: 'dict', targetId: input.code })
        return toType((await repo.dicts.getType(trx, input.code))!)
      })
    },

    async updateType(p: Principal, code: string, input: { name?: Labels; description?: string }, meta: RequestMeta): Promise<DictType> {
      await typeOrThrow(code)
      return withTransaction(deps.db, async (trx) => {
        await repo.dicts.updateType(trx, code, {
          ...(input.name ? { name_zh_cn: input.name['zh-CN'], name_zh_tw: input.name['zh-TW'], name_en: input.name['en-US'] } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          updated_at: deps.clock.now(),
        })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.dict.updated', targetType: 'dict', targetId: code })
        return toType((await repo.dicts.getType(trx, code))!)
      })
    },

    async createItem(p: Principal, type: string, input: { value: string; label: Labels; color?: string | null; sort?: number }, meta: RequestMeta): Promise<DictItem> {
      await typeOrThrow(type)
      const now = deps.clock.now()
      const id = deps.ids.next('dci')
      const item = await withTransaction(deps.db, async (trx) => {
        const ok = await repo.dicts.insertItem(trx, {
          id, type_code: type, value: input.value, label_zh_cn: input.label['zh-CN'], label_zh_tw: input.label['zh-TW'], label_en: input.label['en-US'],
          color: input.color ?? null, sort: input.sort ?? 0, status: 'active', created_at: now, updated_at: now,
        })
        if (!ok) throw new IdentityError.CODE_TAKEN(input.value)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.dict.item-created', targetType: 'dict', targetId: type, detail: { value: input.value } })
        return toItem((await repo.dicts.getItem(trx, id))!)
      })
      cache.delete(type)
      return item
    },

    async updateItem(p: Principal, type: string, id: string, input: { label?: Labels; color?: string | null; sort?: number; status?: 'active' | 'disabled' }, meta: RequestMeta): Promise<DictItem> {
      const item = await withTransaction(deps.db, async (trx) => {
        const row = await repo.dicts.getItem(trx, id)
        if (!row || row.type_code !== type) throw new IdentityError.DICT_ITEM_NOT_FOUND(id)
        await repo.dicts.updateItem(trx, id, {
          ...(input.label ? { label_zh_cn: input.label['zh-CN'], label_zh_tw: input.label['zh-TW'], label_en: input.label['en-US'] } : {}),
          ...(input.color !== undefined ? { color: input.color } : {}),
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          updated_at: deps.clock.now(),
        })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.dict.item-updated', targetType: 'dict', targetId: type, detail: { value: row.value } })
        return toItem((await repo.dicts.getItem(trx, id))!)
      })
      cache.delete(type)
      return item
    },

    async deleteItem(p: Principal, type: string, id: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const row = await repo.dicts.getItem(trx, id)
        if (!row || row.type_code !== type) throw new IdentityError.DICT_ITEM_NOT_FOUND(id)
        await repo.dicts.deleteItem(trx, id)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.dict.item-deleted', targetType: 'dict', targetId: type, detail: { value: row.value } })
      })
      cache.delete(type)
    },
  }
}

export type DictService = ReturnType<typeof createDictService>
