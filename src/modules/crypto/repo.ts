import type { Kysely, Selectable } from 'kysely'
import type { KeyAlgorithm, KeyPurpose } from './algorithms.ts'
import type { KeyOwner, KeyState } from './types.ts'
import type { CryptoCertificateTable, CryptoKeyTable, CryptoKeyVersionTable, CryptoTables } from './tables.ts'

/** A key row as the service sees it. */
export interface KeyRecord {
  id: string
  label: string
  algorithm: KeyAlgorithm
  purpose: KeyPurpose
  owner: KeyOwner
  state: KeyState
  currentVersion: number
  usageCount: number
  lastUsedAt: number | null
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** One version of a key. `handle` is the backend's reference to the material; null once destroyed. */
export interface KeyVersionRecord {
  keyId: string
  version: number
  publicKey: Uint8Array | null
  backend: string
  kekId: string | null
  handle: string | null
  createdAt: number
  destroyedAt: number | null
}

export type CertificateRole = 'root' | 'issuing' | 'leaf'

export interface CertificateRecord {
  id: string
  serialNumber: string
  role: CertificateRole
  keyId: string
  keyVersion: number
  issuerId: string | null
  subject: string
  notBefore: number
  notAfter: number
  der: Uint8Array
  revokedAt: number | null
  revocationReason: string | null
  createdBy: string
  createdAt: number
}

export interface KeyFilter {
  /** Restricts to department keys of these owner ids; undefined means every key. */
  departmentIds?: string[]
  ownerType?: string
  ownerId?: string
  state?: string
  algorithm?: string
  purpose?: string
  cursor?: string
  limit: number
}

const toKey = (r: Selectable<CryptoKeyTable>): KeyRecord => ({
  id: r.id, label: r.label, algorithm: r.algorithm as KeyAlgorithm, purpose: r.purpose as KeyPurpose,
  owner: { type: r.owner_type as KeyOwner['type'], id: r.owner_id }, state: r.state as KeyState,
  currentVersion: Number(r.current_version), usageCount: Number(r.usage_count), lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  createdBy: r.created_by, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
})

const toVersion = (r: Selectable<CryptoKeyVersionTable>): KeyVersionRecord => ({
  keyId: r.key_id, version: Number(r.version), publicKey: r.public_key ? Buffer.from(r.public_key, 'base64') : null,
  backend: r.backend, kekId: r.kek_id, handle: r.handle, createdAt: Number(r.created_at), destroyedAt: r.destroyed_at === null ? null : Number(r.destroyed_at),
})

const toCertificate = (r: Selectable<CryptoCertificateTable>): CertificateRecord => ({
  id: r.id, serialNumber: r.serial_number, role: r.role as CertificateRole, keyId: r.key_id, keyVersion: Number(r.key_version),
  issuerId: r.issuer_id, subject: r.subject, notBefore: Number(r.not_before), notAfter: Number(r.not_after),
  der: Buffer.from(r.der, 'base64'), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  revocationReason: r.revocation_reason, createdBy: r.created_by, createdAt: Number(r.created_at),
})

/** Every query of the crypto module's own tables. Write methods take the caller's transaction. */
export function createCryptoRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<CryptoTables>
  const t = (trx: Kysely<any>) => trx as Kysely<CryptoTables>
  return {
    async getKey(id: string, trx: Kysely<any> = db): Promise<KeyRecord | undefined> {
      const r = await t(trx).selectFrom('crypto_key').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toKey(r) : undefined
    },
    async getKeyByLabel(owner: KeyOwner, label: string, trx: Kysely<any> = db): Promise<KeyRecord | undefined> {
      const r = await t(trx).selectFrom('crypto_key').selectAll()
        .where('owner_type', '=', owner.type).where('owner_id', '=', owner.id).where('label', '=', label).executeTakeFirst()
      return r ? toKey(r) : undefined
    },
    /** Newest first, cursor = id of the last row of the previous page. */
    async findKeys(f: KeyFilter): Promise<{ items: KeyRecord[]; nextCursor: string | null }> {
      let q = db.selectFrom('crypto_key').selectAll()
      if (f.departmentIds) {
        if (f.departmentIds.length === 0) return { items: [], nextCursor: null }
        q = q.where('owner_type', '=', 'department').where('owner_id', 'in', f.departmentIds)
      }
      if (f.ownerType) q = q.where('owner_type', '=', f.ownerType)
      if (f.ownerId) q = q.where('owner_id', '=', f.ownerId)
      if (f.state) q = q.where('state', '=', f.state)
      if (f.algorithm) q = q.where('algorithm', '=', f.algorithm)
      if (f.purpose) q = q.where('purpose', '=', f.purpose)
      if (f.cursor) q = q.where('id', '<', f.cursor)
      const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute()
      const items = rows.slice(0, f.limit).map(toKey)
      return { items, nextCursor: rows.length > f.limit ? items.at(-1)!.id : null }
    },
    async insertKey(trx: Kysely<any>, k: KeyRecord): Promise<void> {
      await t(trx).insertInto('crypto_key').values({
        id: k.id, label: k.label, algorithm: k.algorithm, purpose: k.purpose, owner_type: k.owner.type, owner_id: k.owner.id,
        state: k.state, current_version: k.currentVersion, usage_count: k.usageCount, last_used_at: k.lastUsedAt,
        created_by: k.createdBy, created_at: k.createdAt, updated_at: k.updatedAt,
      }).execute()
    },
    async insertVersion(trx: Kysely<any>, v: KeyVersionRecord): Promise<void> {
      await t(trx).insertInto('crypto_key_version').values({
        key_id: v.keyId, version: v.version, public_key: v.publicKey ? Buffer.from(v.publicKey).toString('base64') : null,
        backend: v.backend, kek_id: v.kekId, handle: v.handle, created_at: v.createdAt, destroyed_at: v.destroyedAt,
      }).execute()
    },
    async getVersion(keyId: string, version: number, trx: Kysely<any> = db): Promise<KeyVersionRecord | undefined> {
      const r = await t(trx).selectFrom('crypto_key_version').selectAll().where('key_id', '=', keyId).where('version', '=', version).executeTakeFirst()
      return r ? toVersion(r) : undefined
    },
    async listVersions(keyId: string, trx: Kysely<any> = db): Promise<KeyVersionRecord[]> {
      const rows = await t(trx).selectFrom('crypto_key_version').selectAll().where('key_id', '=', keyId).orderBy('version').execute()
      return rows.map(toVersion)
    },
    /** Public keys of the given (key, version) pairs, keyed `keyId#version`. */
    async publicKeysOf(pairs: Array<{ keyId: string; version: number }>): Promise<Map<string, Uint8Array>> {
      const out = new Map<string, Uint8Array>()
      if (pairs.length === 0) return out
      const rows = await db.selectFrom('crypto_key_version').select(['key_id', 'version', 'public_key'])
        .where('key_id', 'in', [...new Set(pairs.map((p) => p.keyId))]).where('public_key', 'is not', null).execute()
      const want = new Set(pairs.map((p) => `${p.keyId}#${p.version}`))
      for (const r of rows) {
        const k = `${r.key_id}#${Number(r.version)}`
        if (want.has(k) && r.public_key) out.set(k, Buffer.from(r.public_key, 'base64'))
      }
      return out
    },
    /** Advances an active key to its next version; returns the new number, or undefined when the key is not active. */
    async bumpVersion(trx: Kysely<any>, id: string, now: number): Promise<number | undefined> {
      const res = await t(trx).updateTable('crypto_key').set((eb) => ({ current_version: eb('current_version', '+', 1), updated_at: now }))
        .where('id', '=', id).where('state', '=', 'active').executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return undefined
      const r = await t(trx).selectFrom('crypto_key').select('current_version').where('id', '=', id).executeTakeFirstOrThrow()
      return Number(r.current_version)
    },
    /** Moves a key from one of `from` to `to`; false when it was in another state (nothing changed). */
    async setState(trx: Kysely<any>, id: string, from: KeyState[], to: KeyState, now: number): Promise<boolean> {
      const res = await t(trx).updateTable('crypto_key').set({ state: to, updated_at: now }).where('id', '=', id).where('state', 'in', from).executeTakeFirst()
      return Number(res.numUpdatedRows) === 1
    },
    /** Erases every version's handle (private material), keeping public keys. */
    async eraseMaterial(trx: Kysely<any>, keyId: string, now: number): Promise<void> {
      await t(trx).updateTable('crypto_key_version').set({ handle: null, destroyed_at: now }).where('key_id', '=', keyId).execute()
    },
    async addUsage(trx: Kysely<any>, id: string, uses: number, now: number): Promise<void> {
      await t(trx).updateTable('crypto_key').set((eb) => ({ usage_count: eb('usage_count', '+', uses), last_used_at: now })).where('id', '=', id).execute()
    },
    /** One KEK fingerprint found among stored handles, to check the root key at readiness. */
    async anyKekId(): Promise<string | null | undefined> {
      const r = await db.selectFrom('crypto_key_version').select('kek_id').where('handle', 'is not', null).where('backend', '=', 'software').limit(1).executeTakeFirst()
      return r ? r.kek_id : undefined
    },

    async insertCertificate(trx: Kysely<any>, c: CertificateRecord): Promise<void> {
      await t(trx).insertInto('crypto_certificate').values({
        id: c.id, serial_number: c.serialNumber, role: c.role, key_id: c.keyId, key_version: c.keyVersion, issuer_id: c.issuerId,
        subject: c.subject, not_before: c.notBefore, not_after: c.notAfter, der: Buffer.from(c.der).toString('base64'),
        revoked_at: c.revokedAt, revocation_reason: c.revocationReason, created_by: c.createdBy, created_at: c.createdAt,
      }).execute()
    },
    async getCertificate(id: string, trx: Kysely<any> = db): Promise<CertificateRecord | undefined> {
      const r = await t(trx).selectFrom('crypto_certificate').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toCertificate(r) : undefined
    },
    async listCertificatesOfKey(keyId: string): Promise<CertificateRecord[]> {
      const rows = await db.selectFrom('crypto_certificate').selectAll().where('key_id', '=', keyId).orderBy('id').execute()
      return rows.map(toCertificate)
    },
    async revokeCertificate(trx: Kysely<any>, id: string, reason: string, now: number): Promise<boolean> {
      const res = await t(trx).updateTable('crypto_certificate').set({ revoked_at: now, revocation_reason: reason })
        .where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
      return Number(res.numUpdatedRows) === 1
    },
    async listRevoked(issuerId: string, trx: Kysely<any> = db): Promise<CertificateRecord[]> {
      const rows = await t(trx).selectFrom('crypto_certificate').selectAll().where('issuer_id', '=', issuerId).where('revoked_at', 'is not', null).orderBy('revoked_at').orderBy('id').execute()
      return rows.map(toCertificate)
    },
    async getCaCertificateId(role: 'root' | 'issuing', trx: Kysely<any> = db): Promise<string | undefined> {
      const r = await t(trx).selectFrom('crypto_ca').select('certificate_id').where('role', '=', role).executeTakeFirst()
      return r?.certificate_id
    },
    async insertCa(trx: Kysely<any>, role: 'root' | 'issuing', certificateId: string): Promise<void> {
      await t(trx).insertInto('crypto_ca').values({ role, certificate_id: certificateId }).execute()
    },
    async latestCrl(trx: Kysely<any> = db): Promise<{ number: number; issuerId: string; thisUpdate: number; nextUpdate: number; der: Uint8Array; createdAt: number } | undefined> {
      const r = await t(trx).selectFrom('crypto_crl').selectAll().orderBy('number', 'desc').limit(1).executeTakeFirst()
      return r ? { number: Number(r.number), issuerId: r.issuer_id, thisUpdate: Number(r.this_update), nextUpdate: Number(r.next_update), der: Buffer.from(r.der, 'base64'), createdAt: Number(r.created_at) } : undefined
    },
    async insertCrl(trx: Kysely<any>, c: { number: number; issuerId: string; thisUpdate: number; nextUpdate: number; der: Uint8Array; createdAt: number }): Promise<void> {
      await t(trx).insertInto('crypto_crl').values({
        number: c.number, issuer_id: c.issuerId, this_update: c.thisUpdate, next_update: c.nextUpdate, der: Buffer.from(c.der).toString('base64'), created_at: c.createdAt,
      }).execute()
    },
  }
}

export type CryptoRepo = ReturnType<typeof createCryptoRepo>
