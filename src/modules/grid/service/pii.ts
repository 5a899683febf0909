/**
 * The data key of the registers' personal identifiers (envelope encryption) and the backfill of
 * rows written before they were encrypted. One data key per database, stored wrapped in
 * `grid_pii_key`; unwrapped once per process and kept in memory only as the derived keys of
 * `createRegisterCipher`. It never reaches a log, an event or an audit detail.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../../core/audit.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { hmacSm3, sm3, sm4GcmOpen, sm4GcmSeal } from '../../../lib/crypto/index.ts'
import { normalizeCnId } from '../../../lib/cn-id.ts'
import type { Clock } from '../../../lib/time.ts'
import type { CryptoApi } from '../../crypto/index.ts'
import { createRegisterCipher, personIdentifiers, unitIdentifiers, type RegisterCipher } from '../pii-cipher.ts'
import type { RegistersRepo } from '../repo/registers.ts'

/** The `grid_pii_key` row of the registers. */
export const PII_KEY_PURPOSE = 'registers'
/** Label of the crypto module's system key (SM4, purpose wrap) that wraps the data key. */
export const PII_WRAP_KEY_LABEL = 'grid-pii'
/** Binds the wrapped data key to its use: it does not unwrap as anything else's data key. */
const WRAP_AAD = new TextEncoder().encode(`zhicheng/grid/pii-data-key/v1|${PII_KEY_PURPOSE}`)
const SYSTEM = { actorId: 'system:grid', actorKind: 'system' } as const
const BATCH = 200

/** Where the data key is wrapped: the crypto module (by key id) or a key file in DATA_DIR. */
export interface PiiKeySource {
  readonly name: 'crypto' | 'file'
  /** A fresh data key, in plaintext and wrapped, naming the wrapping key and its version. */
  create(): Promise<{ keyId: string; keyVersion: number; wrapped: Uint8Array; plaintext: Uint8Array }>
  /** Unwraps a stored data key; throws when it does not open. */
  unwrap(stored: { keyId: string; keyVersion: number; wrapped: Uint8Array }): Promise<Uint8Array>
}

/** Wraps under the crypto module's system key `grid-pii` (SM4, wrap), created on first use. */
export function cryptoPiiKeySource(crypto: CryptoApi): PiiKeySource {
  return {
    name: 'crypto',
    async create() {
      const key = await crypto.ensureSystemKey(PII_WRAP_KEY_LABEL, 'SM4', 'wrap')
      const dk = await crypto.generateDataKey(key.id, 'SM4', { aad: WRAP_AAD })
      return { keyId: key.id, keyVersion: dk.keyVersion, wrapped: dk.wrapped, plaintext: dk.plaintext }
    },
    unwrap: (s) => crypto.unwrapDataKey(s.keyId, s.wrapped, { keyVersion: s.keyVersion, aad: WRAP_AAD }),
  }
}

/**
 * Returns the 32-byte key of `<dataDir>/grid-pii.key`, creating the file (mode 0600) on first use;
 * two processes racing to create it end with the same key. Refuses a group/other-readable file.
 */
export function loadPiiKeyFile(dataDir: string): Uint8Array {
  const file = join(dataDir, 'grid-pii.key')
  mkdirSync(dirname(file), { recursive: true })
  try {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  if ((statSync(file).mode & 0o077) !== 0) throw new Error(`${file} is readable by group or others; chmod 600 it`)
  const text = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold a 32-byte hex key`)
  return Buffer.from(text, 'hex')
}

/**
 * Wraps under a key file in DATA_DIR (SM4-GCM, KEK = HMAC-SM3(file key)): for a platform run
 * without the crypto module. The key id names the file's key by a hash, so a wrong file is told apart
 * from a damaged row.
 */
export function filePiiKeySource(dataDir: string): PiiKeySource {
  let kek: Uint8Array | undefined
  const kekOf = () => (kek ??= hmacSm3(loadPiiKeyFile(dataDir), new TextEncoder().encode('zhicheng/grid/pii-kek/v1')).subarray(0, 16))
  const idOf = (k: Uint8Array) => `file:${Buffer.from(sm3(k)).subarray(0, 8).toString('hex')}`
  return {
    name: 'file',
    async create() {
      const k = kekOf()
      const plaintext = randomBytes(16)
      const iv = randomBytes(12)
      return { keyId: idOf(k), keyVersion: 1, wrapped: Buffer.concat([iv, sm4GcmSeal(k, iv, plaintext, WRAP_AAD)]), plaintext }
    },
    async unwrap(s) {
      const k = kekOf()
      if (s.keyId !== idOf(k)) throw new Error(`the registers' data key was wrapped by ${s.keyId}, not by this DATA_DIR's grid-pii.key (${idOf(k)})`)
      const w = Buffer.from(s.wrapped)
      return sm4GcmOpen(k, w.subarray(0, 12), w.subarray(12), WRAP_AAD)
    },
  }
}

export interface PiiKeyringDeps { db: Kysely<any>; registers: RegistersRepo; audit: AuditLog; clock: Clock; log: Logger }

/** The registers' cipher, loaded once per process. */
export interface PiiKeyring {
  /**
   * The cipher. The first call against a database stores a new wrapped data key (race-safe: one row
   * per purpose, insert or read); the first call of each process unwraps it and then encrypts the
   * rows written before encryption at rest (`backfill`). Rejects, and tries again on the next call,
   * when the key does not unwrap (wrong root key, disabled key, another key file).
   */
  cipher(): Promise<RegisterCipher>
  /** Encrypts rows written before the encryption (idempotent; safe in several processes at once). Answers how many rows it encrypted. */
  backfill(): Promise<{ people: number; units: number }>
}

export function createPiiKeyring(deps: PiiKeyringDeps, source: PiiKeySource): PiiKeyring {
  const repo = deps.registers
  let loading: Promise<RegisterCipher> | undefined

  async function load(): Promise<RegisterCipher> {
    let row = await repo.getPiiKey(PII_KEY_PURPOSE)
    if (!row) {
      const made = await source.create()
      made.plaintext.fill(0)
      const created = { purpose: PII_KEY_PURPOSE, source: source.name, key_id: made.keyId, key_version: made.keyVersion, wrapped: Buffer.from(made.wrapped).toString('base64'), created_at: deps.clock.now() }
      try {
        await withTransaction(deps.db, async (trx) => {
          await repo.insertPiiKey(trx, created)
          await deps.audit.append(trx, { ...SYSTEM, action: 'grid.pii_key.created', targetType: 'grid_pii_key', targetId: PII_KEY_PURPOSE, detail: { source: source.name, keyId: made.keyId, keyVersion: made.keyVersion } })
        })
      } catch (err) {
        // Another process stored its data key first: use that one (read below), drop ours.
        if (!isUniqueViolation(err)) throw err
      }
      row = await repo.getPiiKey(PII_KEY_PURPOSE)
      if (!row) throw new Error('grid: the registers\' data key row vanished after insert')
    }
    if (row.source !== source.name) throw new Error(`grid: the registers' data key is wrapped by ${row.source}, but the module runs with ${source.name} keys`)
    const dataKey = await source.unwrap({ keyId: row.key_id, keyVersion: row.key_version, wrapped: Buffer.from(row.wrapped, 'base64') })
    const cipher = createRegisterCipher(dataKey)
    // The derived keys are copies: the unwrapped data key itself is not kept.
    dataKey.fill(0)
    deps.log.info({ source: row.source, keyId: row.key_id, keyVersion: row.key_version }, 'grid: registers data key loaded')
    await backfillWith(cipher)
    return cipher
  }

  async function backfillWith(c: RegisterCipher): Promise<{ people: number; units: number }> {
    const done = { people: 0, units: 0 }
    for (;;) {
      const rows = await repo.unencryptedPeople(BATCH)
      if (!rows.length) break
      await withTransaction(deps.db, async (trx) => {
        for (const r of rows) if (await repo.encryptPerson(trx, r.id, personIdentifiers(c, r.id, normalizeCnId(r.id_number), r.mobile))) done.people++
      })
    }
    for (;;) {
      const rows = await repo.unencryptedUnits(BATCH)
      if (!rows.length) break
      await withTransaction(deps.db, async (trx) => {
        for (const r of rows) if (await repo.encryptUnit(trx, r.id, unitIdentifiers(c, r.id, r.contact_mobile))) done.units++
      })
    }
    if (done.people || done.units) {
      await withTransaction(deps.db, (trx) => deps.audit.append(trx, { ...SYSTEM, action: 'grid.pii.backfilled', targetType: 'grid_pii_key', targetId: PII_KEY_PURPOSE, detail: done }))
      deps.log.info(done, 'grid: encrypted the identifiers of rows written before encryption at rest')
    }
    return done
  }

  const keyring: PiiKeyring = {
    cipher() {
      loading ??= load().catch((err: unknown) => { loading = undefined; throw err })
      return loading
    },
    async backfill() {
      return backfillWith(await keyring.cipher())
    },
  }
  return keyring
}
