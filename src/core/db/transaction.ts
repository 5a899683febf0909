import type { Kysely, Transaction } from 'kysely'

const afterCommitHooks = new WeakMap<object, Array<() => void>>()

/**
 * Runs `fn` in one database transaction: the state change, its audit row and its outbox events
 * commit together or not at all. Hooks registered with `afterCommit(trx, …)` run once it commits.
 * Inside `fn`, use only `trx`: on SQLite the single connection is held by the transaction.
 */
export async function withTransaction<T>(db: Kysely<any>, fn: (trx: Transaction<any>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<any>)
  let hooks: Array<() => void> = []
  const result = await db.transaction().execute(async (trx) => {
    afterCommitHooks.set(trx, hooks)
    return fn(trx)
  })
  for (const hook of hooks) {
    try { hook() } catch { /* a hook is a nudge; its failure must not fail the committed write */ }
  }
  hooks = []
  return result
}

/** Registers `hook` to run after the transaction `trx` commits; runs it at once outside a transaction. */
export function afterCommit(trx: Kysely<any>, hook: () => void): void {
  const hooks = afterCommitHooks.get(trx)
  if (hooks) hooks.push(hook)
  else queueMicrotask(hook)
}
