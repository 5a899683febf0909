import { createHash, randomBytes } from 'node:crypto'
import { withTransaction } from '../../../core/db/transaction.ts'
import type { Principal } from '../../../core/http/auth.ts'
import type { GridTables } from '../tables.ts'
import type { Kysely } from 'kysely'
import { GridError } from '../errors.ts'
import type { GridDeps } from './context.ts'

const hash = (key: string) => createHash('sha256').update(key).digest('hex')

/** Open311 API keys: stored as SHA-256 hashes; the key itself is shown once, at creation. */
export function createOpen311Keys(deps: GridDeps) {
  const db = deps.db as Kysely<GridTables>
  return {
    async createKey(p: Principal, name: string, requestId?: string, fixedKey?: string): Promise<{ id: string; name: string; key: string }> {
      const key = fixedKey ?? `o311_${randomBytes(24).toString('base64url')}`
      const id = deps.ids.next('okey')
      await withTransaction(deps.db, async (trx) => {
        await (trx as Kysely<GridTables>).insertInto('grid_open311_key').values({ id, key_hash: hash(key), name, created_at: deps.clock.now(), revoked_at: null }).execute()
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.open311-key.created', targetType: 'grid_open311_key', targetId: id, requestId, detail: { name } })
      })
      return { id, name, key }
    },
    async listKeys() {
      const rows = await db.selectFrom('grid_open311_key').select(['id', 'name', 'created_at', 'revoked_at']).orderBy('created_at').execute()
      return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(Number(r.created_at)).toISOString(), revokedAt: r.revoked_at === null ? null : new Date(Number(r.revoked_at)).toISOString() }))
    },
    async revokeKey(p: Principal, id: string, requestId?: string): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const r = await (trx as Kysely<GridTables>).updateTable('grid_open311_key').set({ revoked_at: deps.clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
        if (Number(r.numUpdatedRows) !== 1) throw new GridError.OPEN311_KEY_NOT_FOUND(id)
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.open311-key.revoked', targetType: 'grid_open311_key', targetId: id, requestId })
      })
    },
    /** True when `key` is a live (not revoked) key. Never throws on a malformed key. */
    async checkKey(key: string | undefined): Promise<boolean> {
      if (!key || key.length > 200) return false
      const r = await db.selectFrom('grid_open311_key').select('id').where('key_hash', '=', hash(key)).where('revoked_at', 'is', null).executeTakeFirst()
      return !!r
    },
    async hasAnyKey(): Promise<boolean> {
      return !!(await db.selectFrom('grid_open311_key').select('id').limit(1).executeTakeFirst())
    },
  }
}

export type Open311Keys = ReturnType<typeof createOpen311Keys>
