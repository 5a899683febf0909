/**
 * Status lists per issuing department (W3C Bitstring Status List, ≥ 131,072 entries): slot
 * allocation at issuance, and publication — three signed credentials per list (revocation: revoked or
 * replaced; suspension: suspended; message, 2 bits: `STATUS_MESSAGES`, which tells revoked from
 * replaced offline), whose head hash is anchored in the ledger in the transaction
 * that records the publication. Publishing runs shortly after a status change, on a timer, and on demand.
 */
import { withTransaction } from '../../../core/db/transaction.ts'
import { afterCommit } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { canonicalBytes } from '../../../lib/canonical-json.ts'
import { sm3 } from '../../../lib/crypto/index.ts'
import { Bitstring, statusListCredential, type StatusPurpose } from '../../../lib/status-list/index.ts'
import type { LicensesEventPayloads } from '../events.ts'
import type { StatusListRow } from '../repo.ts'
import { STATUS_CRYPTOSUITE, statusSigningBytes, type SignedStatusListCredential } from '../status-credential.ts'
import type { LicensesDeps } from './context.ts'
import type { Issuers } from './issuers.ts'

export const STATUS_LEDGER_KIND = 'licenses.status-list'
/** Values of the `message` list (2 bits per licence). */
export const STATUS_MESSAGES = ['valid', 'suspended', 'revoked', 'replaced'] as const
const SM2_USER_ID = '1234567812345678'

export function createStatusLists(deps: LicensesDeps, issuers: Issuers) {
  const { repo, db } = deps
  const base = `${deps.publicUrl}/api/v1/licenses`
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let again = false
  let stopped = false

  const urlOf = (listId: string) => `${base}/status-lists/${listId}`

  async function newList(issuer: string, seq: number): Promise<void> {
    try {
      await repo.insertList(db, { id: deps.ids.next('lsl'), issuerDepartmentId: issuer, seq, size: deps.statusListSize, nextIndex: 0, revision: 0, publishedRevision: -1, revocation: null, suspension: null, message: null, headHash: null, ledgerEntryId: null, publishedAt: null, createdAt: deps.clock.now() })
    } catch (err) {
      if (!isUniqueViolation(err)) throw err // another process opened it first
    }
  }

  /** Reserves `count` status slots of `issuer`'s lists, opening a new list when one is full. Outside a transaction. */
  async function allocate(issuer: string, count: number): Promise<Array<{ listId: string; index: number }>> {
    const out: Array<{ listId: string; index: number }> = []
    while (out.length < count) {
      const cur = await repo.currentList(db, issuer)
      if (!cur || cur.nextIndex >= cur.size) {
        await newList(issuer, (cur?.seq ?? 0) + 1)
        continue
      }
      const take = Math.min(cur.size - cur.nextIndex, count - out.length)
      if (await repo.reserveIndexes(db, cur.id, cur.nextIndex, take)) {
        for (let i = 0; i < take; i++) out.push({ listId: cur.id, index: cur.nextIndex + i })
      }
    }
    return out
  }

  async function credential(list: StatusListRow, purpose: StatusPurpose, bits: Bitstring, revision: number, keyId: string): Promise<SignedStatusListCredential> {
    const now = deps.clock.now()
    const messages = purpose === 'message' ? [...STATUS_MESSAGES] : undefined
    const unsigned = {
      ...statusListCredential({ id: `${urlOf(list.id)}/${purpose}`, issuer: `${base}/issuers/${list.issuerDepartmentId}`, validFrom: new Date(now), purpose, list: bits, ttlMs: 300_000, messages }),
      listId: list.id, revision,
    }
    const { signature, keyVersion } = await deps.crypto.sign(keyId, statusSigningBytes(unsigned as SignedStatusListCredential), { userId: SM2_USER_ID })
    return {
      ...unsigned,
      proof: {
        type: 'DataIntegrityProof', cryptosuite: STATUS_CRYPTOSUITE, created: new Date(now).toISOString(),
        verificationMethod: `${base}/issuers/${list.issuerDepartmentId}/certificate#${keyId}.${keyVersion}`, proofPurpose: 'assertionMethod',
        proofValue: `u${Buffer.from(signature).toString('base64url')}`,
      },
    } as SignedStatusListCredential
  }

  /** Publishes one list at its current revision (signs outside, records and anchors inside one transaction). */
  async function publishList(list: StatusListRow): Promise<LicensesEventPayloads['licenses.status-list.published'] | undefined> {
    const issuer = await issuers.ensure(list.issuerDepartmentId)
    const revision = list.revision
    const revocation = new Bitstring(list.size)
    const suspension = new Bitstring(list.size)
    const message = new Bitstring(list.size, 2)
    for (const s of await repo.nonValidSlots(db, list.id)) {
      if (s.status === 'suspended') suspension.set(s.index, true)
      else revocation.set(s.index, true)
      const value = STATUS_MESSAGES.indexOf(s.status as (typeof STATUS_MESSAGES)[number])
      if (value > 0) message.set(s.index, value)
    }
    const rc = await credential(list, 'revocation', revocation, revision, issuer.keyId)
    const sc = await credential(list, 'suspension', suspension, revision, issuer.keyId)
    const mc = await credential(list, 'message', message, revision, issuer.keyId)
    const hex = (b: Uint8Array) => Buffer.from(sm3(b)).toString('hex')
    const headHash = `sm3:${hex(canonicalBytes({ list: list.id, revision, revocation: hex(canonicalBytes(rc)), suspension: hex(canonicalBytes(sc)), message: hex(canonicalBytes(mc)) }))}`
    return withTransaction(db, async (trx) => {
      const entry = await deps.ledger.anchor(trx, STATUS_LEDGER_KIND, headHash, { listId: list.id, revision, issuer: list.issuerDepartmentId }, { orgId: list.issuerDepartmentId, actorId: 'system:licenses' })
      const ok = await repo.markPublished(trx, list.id, { revision, revocation: JSON.stringify(rc), suspension: JSON.stringify(sc), message: JSON.stringify(mc), headHash, ledgerEntryId: entry.id, at: deps.clock.now() })
      if (!ok) throw new SkipPublish() // another process published this revision or a newer one
      const payload = { listId: list.id, revision, headHash, ledgerEntryId: entry.id }
      await deps.events.publish(trx, 'licenses.status-list.published', list.id, payload, { actorId: 'system:licenses' })
      return payload
    }).catch((err) => {
      if (err instanceof SkipPublish) return undefined
      throw err
    })
  }

  /** Publishes every list whose revision moved since its last publication. */
  async function publishDirty(): Promise<Array<LicensesEventPayloads['licenses.status-list.published']>> {
    const out = []
    for (const list of await repo.dirtyLists(db)) {
      // A revision bumped while signing is picked up by the next round (published_revision < revision).
      const p = await publishList(list)
      if (p) out.push(p)
    }
    return out
  }

  function run(): Promise<unknown> {
    if (running) { again = true; return running }
    running = (async () => {
      do {
        again = false
        await publishDirty().catch((err) => deps.log.warn({ err }, 'status list publication failed; retrying later'))
      } while (again && !stopped)
    })().finally(() => { running = undefined })
    return running
  }

  return {
    urlOf,
    allocate,
    publishDirty,
    /** Publishes soon (after a status change commits); coalesces bursts. */
    kick(trx?: Parameters<typeof afterCommit>[0]): void {
      const go = () => { if (!stopped) setTimeout(() => { if (!stopped) void run() }, 50).unref() }
      if (trx) afterCommit(trx, go)
      else go()
    },
    /** Resolves when no publication is running (tests). */
    async idle(): Promise<void> { while (running) await running },
    start(intervalMs = 10_000): void {
      stopped = false
      timer ??= setInterval(() => void run(), intervalMs).unref()
    },
    async stop(): Promise<void> {
      stopped = true
      if (timer) clearInterval(timer)
      timer = undefined
      while (running) await running
    },
    /** The published credential of a list and purpose, publishing first if it never was. */
    async credentialOf(listId: string, purpose: 'revocation' | 'suspension' | 'message'): Promise<SignedStatusListCredential | undefined> {
      let list = await repo.getList(db, listId)
      if (!list) return undefined
      // Never published, or published before the message list existed: publish now.
      if (list.publishedRevision < 0 || (purpose === 'message' && !list.message)) {
        if (list.publishedRevision >= 0) {
          await repo.bumpRevision(db, list.id)
          list = (await repo.getList(db, listId))!
        }
        await publishList(list)
        list = (await repo.getList(db, listId))!
      }
      const text = purpose === 'revocation' ? list.revocation : purpose === 'suspension' ? list.suspension : list.message
      return text ? JSON.parse(text) : undefined
    },
    getList: (id: string) => repo.getList(db, id),
    allLists: () => repo.listsOf(db),
  }
}

class SkipPublish extends Error {}

export type StatusLists = ReturnType<typeof createStatusLists>
