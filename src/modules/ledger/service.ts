import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../core/audit.ts'
import type { EventBus } from '../../core/events.ts'
import type { Principal } from '../../core/http/auth.ts'
import { AppError } from '../../core/errors.ts'
import { afterCommit } from '../../core/db/transaction.ts'
import { getHasher } from '../../lib/merkle/index.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { Clock } from '../../lib/time.ts'
import { auditLedger, type AuditReport } from './audit.ts'
import type { LedgerOptions } from './config.ts'
import type { CryptoApi } from './crypto-port.ts'
import { LedgerError } from './errors.ts'
import { EVIDENCE_KIND, isVisible, prepareEvidence, rowOf, toEvidence, type Evidence, type EvidenceInput } from './evidence.ts'
import { checkMeta } from './evidence.ts'
import { isValidKind, parseHashRef } from './leaf.ts'
import { createLogDriver, loadLogKeys, type LogKeys } from './log.ts'
import { createProofs } from './proofs.ts'
import { NotPublishedYet, createPublisher, type PublishedCheckpoint } from './publisher.ts'
import { verifyReceipt, type Receipt, type ReceiptVerdict } from './receipt.ts'
import type { EvidenceObjects } from './objects.ts'
import { createLedgerRepo, type EntryRow } from './repo.ts'
import { createSequencer, prepareEntry, type PreparedEntry } from './sequencer.ts'
import { createTiles } from './tiles-service.ts'
import { createWitnessClient } from './witness-client.ts'

export interface LedgerDeps {
  db: Kysely<any>
  log: Logger
  clock: Clock
  ids: IdGenerator
  events: EventBus
  audit: AuditLog
  crypto: CryptoApi
  options: LedgerOptions
  /** Where files submitted as content are kept; without it they are hashed and not kept. */
  objects?: EvidenceObjects
}

/** What a batch answers per item: never a half-applied batch (STYLE §5). */
export type BatchResult = { ok: true; evidence: Evidence } | { ok: false; item: number; code: string; detail: string }

/** The public description of the log: what a verifier needs. */
export interface LogInfo {
  origin: string
  treeHash: string
  keys: string[]
  witnesses: Array<{ name: string; url: string; key: string }>
  quorum: number
  size: number
  checkpoint: string | null
}

/** The government evidence ledger: a Merkle log with signed, witnessed checkpoints. */
export function createLedgerService(deps: LedgerDeps) {
  const { db, options, clock, ids } = deps
  // Kept before the batch commits, so the file of an acknowledged entry is always there.
  const keep = deps.objects ? (id: string, bytes: Uint8Array) => deps.objects!.put(id, bytes) : undefined
  const hasher = getHasher(options.hash)
  const repo = createLedgerRepo(db)
  const proofs = createProofs({ repo, hasher, origin: options.origin, cacheBytes: options.proofCacheBytes })
  let keys: Promise<LogKeys> | undefined
  const logKeys = () => (keys ??= loadLogKeys(deps.crypto, options.origin, options.ed25519).catch((err) => { keys = undefined; throw err }))
  const witnesses = options.witnesses.map((w) => createWitnessClient(w, options.witnessTimeoutMs))
  const sequencer = createSequencer({ db, repo, hasher, clock, log: deps.log, batchSize: options.sequencerBatch, onCommitted: proofs.committed })
  const publisher = createPublisher({
    db, repo, hasher, clock, log: deps.log, events: deps.events, origin: options.origin, nodes: proofs.nodeReader,
    signers: async () => (await logKeys()).signers, witnesses, quorum: options.quorum,
  })
  const driver = createLogDriver({ sequencer, publisher, log: deps.log, pollMs: options.pollMs })
  const tiles = createTiles({ repo, latest: () => publisher.latest() })

  async function append(entries: readonly PreparedEntry[], hook?: Parameters<typeof sequencer.submit>[1]): Promise<number[]> {
    const done = sequencer.submit(entries, hook)
    driver.kick()
    return done
  }

  async function published(size: number, ids: readonly string[]): Promise<PublishedCheckpoint> {
    try {
      return await publisher.waitFor(size, options.publishTimeoutMs)
    } catch (err) {
      if (err instanceof NotPublishedYet) throw new LedgerError.NOT_PUBLISHED(ids.length > 3 ? `${ids.slice(0, 3).join(', ')} …` : ids.join(', '))
      throw err
    }
  }

  async function record(principal: Principal, entries: PreparedEntry[], requestId: string | null): Promise<Evidence[]> {
    const indexes = await append(entries, async (trx, at) => {
      // One event per submission, not per item: a batch of 1,000 must not cost 1,000 outbox rows.
      const recorded = entries.map((e, i) => ({ id: e.fields.id, index: at[i], hash: e.fields.hash }))
      await deps.events.publish(trx, 'ledger.evidence.recorded', entries[0].fields.id, { entries: recorded }, { requestId, actorId: principal.id })
      await deps.audit.append(trx, {
        actorId: principal.id, actorKind: principal.kind, action: 'ledger.evidence.submitted', targetType: 'ledger_entry', targetId: entries[0].fields.id, requestId,
        detail: { count: entries.length, firstIndex: at[0], lastIndex: at[at.length - 1] },
      })
    })
    const cp = await published(Math.max(...indexes) + 1, entries.map((e) => e.fields.id))
    const rows = entries.map((e, i) => rowOf(e, indexes[i]))
    const receipts = await proofs.receipts(rows, cp)
    return rows.map((r, i) => toEvidence(r, receipts[i]))
  }

  async function receiptsFor(rows: EntryRow[]): Promise<Receipt[]> {
    if (rows.length === 0) return []
    const cp = await publisher.latest(Math.max(...rows.map((r) => Number(r.seq))) + 1)
    const uncovered = rows.filter((r) => !cp || Number(r.seq) >= cp.size)
    if (!cp || uncovered.length > 0) throw new LedgerError.NOT_PUBLISHED(uncovered.map((r) => r.id).join(', '))
    return proofs.receipts(rows, cp)
  }

  return {
    /** Starts the sequencer's poll loop (at app ready, after migrations). */
    start: () => driver.start(),
    async stop(): Promise<void> {
      await driver.stop()
    },

    /**
     * Anchors a hash in the log inside the caller's transaction `trx`: the entry commits or rolls
     * back with the caller's write and is sequenced after commit. Requires a dotted lower-case
     * kind (`licenses.license`), a hash `<sm3|sha256>:<hex>` (bare hex = SM3) and plain-JSON
     * metadata of at most 8 KiB. Throws LEDGER_BAD_KIND / BAD_HASH / METADATA_*.
     */
    async anchor(trx: Kysely<any>, kind: string, hash: string, meta: Record<string, unknown> = {}, by: { orgId?: string; actorId?: string } = {}): Promise<{ id: string; hash: string; time: number }> {
      if (!isValidKind(kind)) throw new LedgerError.BAD_KIND(kind)
      const ref = parseHashRef(hash)
      if (!ref) throw new LedgerError.BAD_HASH(hash)
      const checked = checkMeta(meta)
      const id = ids.next('ent')
      const time = clock.now()
      await repo.insertPending(trx, { id, kind, hash_alg: ref.algorithm, payload_hash: ref.hex, meta: JSON.stringify(checked), created_at: time, org_id: by.orgId ?? null, submitted_by: by.actorId ?? null })
      afterCommit(trx, () => { sequencer.hintPending(); driver.kick() })
      return { id, hash: `${ref.algorithm}:${ref.hex}`, time }
    },

    /** Appends entries directly (sequenced and persisted when it resolves, before any checkpoint). Returns their indexes. */
    async appendEntries(items: ReadonlyArray<{ kind: string; hash: string; meta?: Record<string, unknown> }>): Promise<{ ids: string[]; indexes: number[] }> {
      const now = clock.now()
      const entries = items.map((it) => {
        const ref = parseHashRef(it.hash)
        if (!isValidKind(it.kind)) throw new LedgerError.BAD_KIND(it.kind)
        if (!ref) throw new LedgerError.BAD_HASH(it.hash)
        return prepareEntry(hasher, { id: ids.next('ent'), kind: it.kind, hash: `${ref.algorithm}:${ref.hex}`, meta: (it.meta ?? {}) as PreparedEntry['fields']['meta'], time: now }, null, null)
      })
      return { ids: entries.map((e) => e.fields.id), indexes: await append(entries) }
    },

    /** Submits one evidence item; resolves with its receipt once a witnessed checkpoint covers it. */
    async submitEvidence(principal: Principal, item: EvidenceInput, requestId: string | null): Promise<Evidence> {
      const [evidence] = await record(principal, [prepareEvidence(hasher, ids, clock.now(), principal, item, keep)], requestId)
      return evidence
    },

    /** Submits up to `maxBatch` items in one batch; answers one result per item, in order. */
    async submitEvidenceBatch(principal: Principal, items: readonly EvidenceInput[], requestId: string | null): Promise<BatchResult[]> {
      if (items.length === 0) throw new LedgerError.BATCH_EMPTY()
      if (items.length > options.maxBatch) throw new LedgerError.BATCH_TOO_LARGE(items.length, options.maxBatch)
      const now = clock.now()
      const results: Array<BatchResult | PreparedEntry> = items.map((item, i) => {
        try {
          return prepareEvidence(hasher, ids, now, principal, item, keep)
        } catch (err) {
          if (err instanceof AppError) return { ok: false as const, item: i, code: err.code, detail: err.message }
          throw err
        }
      })
      const good = results.filter((r): r is PreparedEntry => 'fields' in r)
      const recorded = good.length > 0 ? await record(principal, good, requestId) : []
      let k = 0
      return results.map((r) => ('fields' in r ? { ok: true as const, evidence: recorded[k++] } : r))
    },

    /** Evidence by id with a fresh receipt. Throws LEDGER_NOT_FOUND (also for another organisation's) or LEDGER_ENTRY_TAMPERED. */
    async getEvidence(principal: Principal, id: string): Promise<Evidence> {
      const row = await repo.getEntry(id)
      if (!row || row.kind !== EVIDENCE_KIND || !isVisible(principal, row)) throw new LedgerError.NOT_FOUND(id)
      const [receipt] = await receiptsFor([row])
      return toEvidence(row, receipt)
    },

    /** The file of evidence submitted as content. Throws LEDGER_NOT_FOUND (also for another organisation's) or LEDGER_CONTENT_NOT_FOUND. */
    async getEvidenceContent(principal: Principal, id: string): Promise<Buffer> {
      const row = await repo.getEntry(id)
      if (!row || row.kind !== EVIDENCE_KIND || !isVisible(principal, row)) throw new LedgerError.NOT_FOUND(id)
      const bytes = deps.objects?.get(row.id)
      if (!bytes) throw new LedgerError.CONTENT_NOT_FOUND(id)
      return bytes
    },

    /** Evidence with this payload hash visible to the principal, oldest first (at most 50). */
    async findEvidenceByHash(principal: Principal, hash: string): Promise<Evidence[]> {
      const ref = parseHashRef(hash)
      if (!ref) throw new LedgerError.BAD_HASH(hash)
      const rows = await repo.listEvidenceByHash(ref.algorithm, ref.hex, principal.orgId, 50)
      const receipts = await receiptsFor(rows)
      return rows.map((r, i) => toEvidence(r, receipts[i]))
    },

    /** The receipt of any entry (anchored ones included). Throws LEDGER_PENDING before sequencing, LEDGER_NOT_PUBLISHED before a witnessed checkpoint. */
    async getReceipt(id: string): Promise<Receipt> {
      // Pending first: a row leaves ledger_pending in the transaction that adds it to ledger_entry.
      const pending = await repo.getPending(id)
      const row = pending ? undefined : await repo.getEntry(id)
      if (!row) throw pending ? new LedgerError.PENDING(id) : new LedgerError.NOT_FOUND(id)
      return (await receiptsFor([row]))[0]
    },

    /** Like getReceipt, but waits up to `timeoutMs` for the entry to be sequenced and published. */
    async waitForReceipt(id: string, timeoutMs = options.publishTimeoutMs): Promise<Receipt> {
      const deadline = clock.now() + timeoutMs
      for (;;) {
        try {
          return await this.getReceipt(id)
        } catch (err) {
          const waiting = err instanceof AppError && (err.code === 'LEDGER_PENDING' || err.code === 'LEDGER_NOT_PUBLISHED')
          if (!waiting || clock.now() >= deadline) throw err
          driver.kick()
          await new Promise((r) => setTimeout(r, 20))
        }
      }
    },

    /** Verifies a receipt (and optionally the file or its hash) against this log's keys and witnesses, offline-style. */
    async verify(input: { receipt: unknown; content?: string; hash?: string }): Promise<ReceiptVerdict> {
      const k = await logKeys()
      const file = input.content === undefined ? undefined : new Uint8Array(Buffer.from(input.content, 'base64'))
      return verifyReceipt(input.receipt, { logKeys: k.verifiers, witnessKeys: witnesses.map((w) => w.verifier), quorum: options.quorum, file, payloadHash: input.hash })
    },

    async info(): Promise<LogInfo> {
      const cp = await publisher.latest()
      return {
        origin: options.origin, treeHash: hasher.name, keys: (await logKeys()).vkeys,
        witnesses: witnesses.map((w) => ({ name: w.name, url: w.url, key: w.key })), quorum: options.quorum,
        size: cp?.size ?? 0, checkpoint: cp?.note ?? null,
      }
    },

    /** Recomputes the tree from the stored entries against every checkpoint (read-only). */
    async audit(): Promise<AuditReport> {
      return auditLedger(repo, hasher, { logVerifiers: (await logKeys()).verifiers })
    },

    /** Inclusion proofs of `indexes` in the tree of `size` (one batched read). */
    inclusionProofs: (indexes: readonly number[], size: number) => proofs.inclusionProofs(indexes, size),
    /** The newest published checkpoint, if any. */
    latestCheckpoint: () => publisher.latest(),
    /** Resolves when the sequencer and publisher are idle (tests, benchmarks). */
    idle: () => driver.idle(),
    tiles,
  }
}

export type LedgerService = ReturnType<typeof createLedgerService>
