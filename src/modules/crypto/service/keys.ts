import { withTransaction } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import type { Principal } from '../../../core/http/auth.ts'
import { ALLOWED_PURPOSES, type KeyAlgorithm, type KeyPurpose } from '../algorithms.ts'
import { CryptoModuleError } from '../errors.ts'
import type { KeyEventPayload } from '../events.ts'
import type { KeyRecord } from '../repo.ts'
import type { KeyInfo, KeyOwner, KeyState } from '../types.ts'
import { actorOf, canSeeKey, isKeyAdmin, ownDepartments, toKeyInfo, type Actor, type CryptoDeps, SYSTEM_ACTOR } from './context.ts'
import type { UsageCounter } from './usage.ts'

export interface CreateKeyInput { label: string; algorithm: KeyAlgorithm; purpose: KeyPurpose; owner?: KeyOwner }
export interface FindKeysQuery { ownerType?: string; ownerId?: string; state?: string; algorithm?: string; purpose?: string; cursor?: string; limit?: number }

const LABEL = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$/

const payloadOf = (k: KeyRecord, version = k.currentVersion): KeyEventPayload =>
  ({ keyId: k.id, algorithm: k.algorithm, purpose: k.purpose, owner: { ...k.owner }, version })

/** Key lifecycle: create, read, rotate, disable/enable, destroy. */
export function createKeyActions(deps: CryptoDeps, usage: UsageCounter) {
  const { repo, backend } = deps

  async function info(key: KeyRecord): Promise<KeyInfo> {
    const ver = await repo.getVersion(key.id, key.currentVersion)
    return toKeyInfo(key, ver?.publicKey, usage.pending(key.id))
  }

  /** Creates a key and its version 1 in one transaction with its audit row and event. Throws LABEL_TAKEN. */
  async function insertNewKey(actor: Actor, input: Required<CreateKeyInput>): Promise<KeyRecord> {
    const { label, algorithm, purpose, owner } = input
    if (!LABEL.test(label)) throw new CryptoModuleError.BAD_INPUT(`label ${JSON.stringify(label)} must be 1-120 letters, digits, . _ : -`, { errors: [{ path: 'body/label', code: 'pattern', message: 'letters, digits, . _ : - (1-120)' }] })
    if (!ALLOWED_PURPOSES[algorithm].includes(purpose)) {
      throw new CryptoModuleError.PURPOSE_NOT_ALLOWED(algorithm, purpose, ALLOWED_PURPOSES[algorithm].join(', '), { errors: [{ path: 'body/purpose', code: 'enum', message: `${algorithm} allows ${ALLOWED_PURPOSES[algorithm].join(', ')}` }] })
    }
    const now = deps.clock.now()
    const key: KeyRecord = {
      id: deps.ids.next('key'), label, algorithm, purpose, owner: { type: owner.type, id: owner.id }, state: 'active', currentVersion: 1,
      usageCount: 0, lastUsedAt: null, createdBy: actor.id, createdAt: now, updatedAt: now,
    }
    const generated = await backend.generate({ keyId: key.id, version: 1, algorithm })
    try {
      await withTransaction(deps.db, async (trx) => {
        await repo.insertKey(trx, key)
        await repo.insertVersion(trx, { keyId: key.id, version: 1, publicKey: generated.publicKey ?? null, backend: backend.name, kekId: generated.kekId, handle: generated.handle, createdAt: now, destroyedAt: null })
        await deps.audit.append(trx, {
          actorId: actor.id, actorKind: actor.kind, action: 'crypto.key.created', targetType: 'crypto_key', targetId: key.id, requestId: actor.requestId ?? null,
          detail: { label, algorithm, purpose, owner: key.owner, backend: backend.name },
        })
        await deps.events.publish(trx, 'crypto.key.created', key.id, payloadOf(key), { requestId: actor.requestId ?? null, actorId: actor.id })
      })
    } catch (err) {
      if (isUniqueViolation(err)) throw new CryptoModuleError.LABEL_TAKEN(`${owner.type}:${owner.id}`, label, { errors: [{ path: 'body/label', code: 'unique', message: 'label already used by this owner' }] })
      throw err
    }
    return key
  }

  async function getVisible(p: Principal, keyId: string): Promise<KeyRecord> {
    const key = await repo.getKey(keyId)
    if (!key || !canSeeKey(p, key)) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
    return key
  }

  async function transition(actor: Actor, key: KeyRecord, to: KeyState, from: KeyState[], action: 'disabled' | 'enabled' | 'destroyed'): Promise<KeyRecord> {
    const now = deps.clock.now()
    await withTransaction(deps.db, async (trx) => {
      if (!(await repo.setState(trx, key.id, from, to, now))) {
        const fresh = (await repo.getKey(key.id, trx))!
        if (fresh.state === 'destroyed') throw new CryptoModuleError.KEY_DESTROYED(key.id)
        if (from.includes('disabled')) throw new CryptoModuleError.KEY_NOT_DISABLED(key.id, fresh.state)
        throw new CryptoModuleError.KEY_NOT_ACTIVE(key.id, fresh.state)
      }
      if (action === 'destroyed') await repo.eraseMaterial(trx, key.id, now)
      await deps.audit.append(trx, { actorId: actor.id, actorKind: actor.kind, action: `crypto.key.${action}`, targetType: 'crypto_key', targetId: key.id, requestId: actor.requestId ?? null })
      await deps.events.publish(trx, `crypto.key.${action}`, key.id, payloadOf(key), { requestId: actor.requestId ?? null, actorId: actor.id })
    })
    if (action === 'destroyed') {
      // The rows no longer hold the material; let the backend erase its own copy (HSM object, cached signer).
      for (const v of await repo.listVersions(key.id)) await backend.destroy({ keyId: key.id, version: v.version, algorithm: key.algorithm }, '')
    }
    return (await repo.getKey(key.id))!
  }

  /** Returns the key of `owner` labelled `label`, creating it on first call. Throws BAD_INPUT if it exists with another algorithm or purpose. */
  async function ensureKey(actor: Actor, input: Required<CreateKeyInput>): Promise<{ key: KeyInfo; created: boolean }> {
    const { label, algorithm, purpose, owner } = input
    const check = (k: KeyRecord): KeyRecord => {
      if (k.algorithm !== algorithm || k.purpose !== purpose) throw new CryptoModuleError.BAD_INPUT(`key ${owner.type}:${owner.id}/${label} exists as ${k.algorithm}/${k.purpose}, not ${algorithm}/${purpose}`)
      return k
    }
    const existing = await repo.getKeyByLabel(owner, label)
    if (existing) return { key: await info(check(existing)), created: false }
    try {
      return { key: await info(await insertNewKey(actor, input)), created: true }
    } catch (err) {
      // Two processes created it at the same moment: the unique (owner, label) index kept one.
      const raced = await repo.getKeyByLabel(owner, label)
      if (raced) return { key: await info(check(raced)), created: false }
      throw err
    }
  }

  return {
    info,
    getVisible,
    getRecord: (keyId: string) => repo.getKey(keyId),

    /** Creates a key for `p`: its own department by default; other owners need crypto:key:admin. */
    async createKey(p: Principal, input: CreateKeyInput, requestId?: string): Promise<KeyInfo> {
      const mine = ownDepartments(p)
      const owner = input.owner ?? (mine[0] ? { type: 'department' as const, id: mine[0] } : undefined)
      if (!owner) throw new CryptoModuleError.BAD_INPUT('owner is required (you belong to no department)', { errors: [{ path: 'body/owner', code: 'required', message: 'required' }] })
      if (!isKeyAdmin(p) && !(owner.type === 'department' && mine.includes(owner.id))) throw new CryptoModuleError.OWNER_FORBIDDEN(owner.type)
      return info(await insertNewKey({ id: p.id, kind: p.kind, requestId }, { ...input, owner }))
    },

    /** Returns the system key `label`, creating it once (idempotent across processes via the unique label). */
    ensureSystemKey: async (label: string, algorithm: KeyAlgorithm, purpose: KeyPurpose): Promise<KeyInfo> =>
      (await ensureKey(SYSTEM_ACTOR, { label, algorithm, purpose, owner: { type: 'system', id: label } })).key,

    ensureKey,

    async getKeyInfo(keyId: string): Promise<KeyInfo | undefined> {
      const key = await repo.getKey(keyId)
      return key ? info(key) : undefined
    },

    async findKeys(p: Principal, q: FindKeysQuery): Promise<{ items: KeyInfo[]; nextCursor: string | null }> {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 200)
      const page = await repo.findKeys({ ...q, limit, departmentIds: isKeyAdmin(p) ? undefined : ownDepartments(p) })
      const pubs = await repo.publicKeysOf(page.items.map((k) => ({ keyId: k.id, version: k.currentVersion })))
      return { items: page.items.map((k) => toKeyInfo(k, pubs.get(`${k.id}#${k.currentVersion}`), usage.pending(k.id))), nextCursor: page.nextCursor }
    },

    /** Adds a new version and makes it current; older versions keep verifying and decrypting. Active keys only. */
    async rotateKey(p: Principal, keyId: string, requestId?: string): Promise<KeyInfo> {
      const key = await getVisible(p, keyId)
      if (key.state === 'destroyed') throw new CryptoModuleError.KEY_DESTROYED(key.id)
      if (key.state !== 'active') throw new CryptoModuleError.KEY_NOT_ACTIVE(key.id, key.state)
      const actor = actorOf(p, requestId)
      await withTransaction(deps.db, async (trx) => {
        const now = deps.clock.now()
        const version = await repo.bumpVersion(trx, key.id, now)
        if (version === undefined) throw new CryptoModuleError.KEY_NOT_ACTIVE(key.id, (await repo.getKey(key.id, trx))!.state)
        const generated = await backend.generate({ keyId: key.id, version, algorithm: key.algorithm })
        await repo.insertVersion(trx, { keyId: key.id, version, publicKey: generated.publicKey ?? null, backend: backend.name, kekId: generated.kekId, handle: generated.handle, createdAt: now, destroyedAt: null })
        await deps.audit.append(trx, { actorId: actor.id, actorKind: actor.kind, action: 'crypto.key.rotated', targetType: 'crypto_key', targetId: key.id, requestId: requestId ?? null, detail: { version } })
        await deps.events.publish(trx, 'crypto.key.rotated', key.id, payloadOf(key, version), { requestId: requestId ?? null, actorId: actor.id })
      })
      return info((await repo.getKey(key.id))!)
    },

    async disableKey(p: Principal, keyId: string, requestId?: string): Promise<KeyInfo> {
      const key = await getVisible(p, keyId)
      return info(await transition(actorOf(p, requestId), key, 'disabled', ['active'], 'disabled'))
    },

    async enableKey(p: Principal, keyId: string, requestId?: string): Promise<KeyInfo> {
      const key = await getVisible(p, keyId)
      return info(await transition(actorOf(p, requestId), key, 'active', ['disabled'], 'enabled'))
    },

    /** Erases the private material of every version; public keys stay so old signatures still verify. Disabled keys only. */
    async destroyKey(p: Principal, keyId: string, requestId?: string): Promise<KeyInfo> {
      const key = await getVisible(p, keyId)
      return info(await transition(actorOf(p, requestId), key, 'destroyed', ['disabled'], 'destroyed'))
    },
  }
}

export type KeyActions = ReturnType<typeof createKeyActions>
