/**
 * Checkpoints: signs the tree head through the crypto module, gathers witness cosignatures and
 * publishes once the quorum is reached. The log never signs two inconsistent checkpoints:
 * before signing size n it proves, from the stored nodes, that the new root extends the last
 * signed one, and it records the checkpoint before it signs it; a failed proof stops signing
 * for good (LEDGER_CHAIN_BROKEN) until an operator intervenes.
 */
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { EventBus } from '../../core/events.ts'
import { withTransaction } from '../../core/db/transaction.ts'
import { consistencyProof, frontierRoot, verifyConsistency, type Frontier, type Hasher, type NodeReader } from '../../lib/merkle/index.ts'
import { formatCheckpoint, formatSignedNote, parseSignedNote, signNote, type NoteSignature, type Signer } from '../../lib/note/index.ts'
import type { Clock } from '../../lib/time.ts'
import { LedgerError } from './errors.ts'
import { fromHex, toHex } from './leaf.ts'
import type { LedgerRepo } from './repo.ts'
import type { WitnessClient } from './witness-client.ts'

/** A checkpoint the quorum cosigned: what receipts are built against. */
export interface PublishedCheckpoint {
  readonly size: number
  readonly rootHash: Uint8Array
  /** The signed note with the log signature(s) and the witnesses' cosignatures. */
  readonly note: string
}

interface Signed { size: number; root: Uint8Array; text: string; note: string | null }

export interface PublisherDeps {
  db: Kysely<any>
  repo: LedgerRepo
  hasher: Hasher
  clock: Clock
  log: Logger
  events: EventBus
  origin: string
  nodes: NodeReader
  signers(): Promise<Signer[]>
  witnesses: readonly WitnessClient[]
  quorum: number
}

/** Thrown to waiters whose wait for a witnessed checkpoint timed out. */
export class NotPublishedYet extends Error {}

/** Resolves with the first `quorum` cosignatures (or all that come, when fewer succeed), in witness order. */
function firstCosignatures(tasks: Array<Promise<NoteSignature>>, quorum: number, onError: (i: number, err: unknown) => void): Promise<NoteSignature[]> {
  return new Promise((resolve) => {
    const got: Array<{ i: number; sig: NoteSignature }> = []
    let settled = 0
    const done = () => resolve([...got].sort((a, b) => a.i - b.i).map((g) => g.sig))
    if (tasks.length === 0) done()
    tasks.forEach((task, i) => task.then((sig) => { got.push({ i, sig }) }, (err) => onError(i, err)).finally(() => {
      settled++
      if (got.length === quorum || settled === tasks.length) done()
    }))
  })
}

export function createPublisher(deps: PublisherDeps) {
  const { repo, hasher, log } = deps
  let loaded = false
  let signed: Signed | undefined
  let published: PublishedCheckpoint | undefined
  let broken: InstanceType<typeof LedgerError.CHAIN_BROKEN> | undefined
  const waiters = new Set<{ size: number; resolve(cp: PublishedCheckpoint): void; reject(err: unknown): void; timer: NodeJS.Timeout }>()

  async function refresh(): Promise<void> {
    const last = await repo.latestCheckpoint()
    if (last && (!signed || last.size > signed.size)) {
      const root = fromHex(last.root_hash)
      signed = { size: last.size, root, text: formatCheckpoint({ origin: deps.origin, size: last.size, rootHash: root, extensions: [] }), note: last.note }
    }
    const pub = last?.published_at ? last : await repo.latestPublished()
    if (pub?.note && (!published || pub.size > published.size)) setPublished({ size: pub.size, rootHash: fromHex(pub.root_hash), note: pub.note })
    loaded = true
  }

  function setPublished(cp: PublishedCheckpoint): void {
    published = cp
    for (const w of waiters) {
      if (w.size <= cp.size) {
        clearTimeout(w.timer)
        waiters.delete(w)
        w.resolve(cp)
      }
    }
  }

  async function assertExtends(last: Signed, size: number, root: Uint8Array): Promise<void> {
    try {
      verifyConsistency(hasher, last.size, size, await consistencyProof(hasher, deps.nodes, last.size, size), last.root, root)
    } catch (err) {
      broken = new LedgerError.CHAIN_BROKEN(last.size, { cause: err })
      log.error({ err, size, lastSize: last.size }, 'refusing to sign: the tree does not extend the last signed checkpoint')
      throw broken
    }
  }

  async function witnessAndPublish(cp: Signed & { note: string }): Promise<boolean> {
    const tasks = deps.quorum === 0 ? [] : deps.witnesses.map((w) => w.cosign(cp.text, cp.note, cp.size, (old) => consistencyProof(hasher, deps.nodes, old, cp.size)))
    const cosigs = await firstCosignatures(tasks, deps.quorum, (i, err) => log.warn({ witness: deps.witnesses[i].name, err: (err as Error).message }, 'witness did not cosign'))
    if (cosigs.length < deps.quorum) return false
    const note = formatSignedNote(cp.text, [...parseSignedNote(cp.note).signatures, ...cosigs])
    await withTransaction(deps.db, async (trx) => {
      await repo.publishCheckpoint(trx, cp.size, note, cosigs.length, deps.clock.now())
      await deps.events.publish(trx, 'ledger.checkpoint.published', deps.origin, { size: cp.size, rootHash: toHex(cp.root), cosignatures: cosigs.length })
    })
    setPublished({ size: cp.size, rootHash: cp.root, note })
    return true
  }

  return {
    /**
     * Signs and publishes a checkpoint of `frontier` when it is larger than the last one.
     * Resolves true when a checkpoint of this size is published, false when the witness
     * quorum was not reached (tried again on the next call). Throws LEDGER_CHAIN_BROKEN.
     */
    async checkpoint(frontier: Frontier): Promise<boolean> {
      if (!loaded) await refresh()
      if (broken) throw broken
      const size = frontier.size
      if (size === 0) return true
      const root = frontierRoot(hasher, frontier)
      if (signed && size < signed.size) return false // another process is ahead of this one
      if (!signed || size > signed.size) {
        if (signed) await assertExtends(signed, size, root)
        await withTransaction(deps.db, (trx) => repo.insertCheckpoint(trx, { size, root_hash: toHex(root), note: null, cosignatures: 0, created_at: deps.clock.now(), published_at: null }))
        signed = { size, root, text: formatCheckpoint({ origin: deps.origin, size, rootHash: root, extensions: [] }), note: null }
      } else if (toHex(signed.root) !== toHex(root)) {
        broken = new LedgerError.CHAIN_BROKEN(signed.size)
        throw broken
      }
      if (signed.note === null) {
        signed.note = await signNote(signed.text, await deps.signers())
        await repo.setCheckpointNote(signed.size, signed.note)
      }
      if (published && published.size >= signed.size) return true
      return witnessAndPublish(signed as Signed & { note: string })
    },
    /** The newest published checkpoint, reloaded from the database when `atLeast` is beyond it. */
    async latest(atLeast = 0): Promise<PublishedCheckpoint | undefined> {
      if (!loaded || !published || published.size < atLeast) await refresh()
      return published
    },
    /** Resolves once a checkpoint of at least `size` is published; rejects NotPublishedYet after `timeoutMs`. */
    waitFor(size: number, timeoutMs: number): Promise<PublishedCheckpoint> {
      if (published && published.size >= size) return Promise.resolve(published)
      return new Promise((resolve, reject) => {
        const w = { size, resolve, reject, timer: setTimeout(() => { waiters.delete(w); reject(new NotPublishedYet()) }, timeoutMs) }
        waiters.add(w)
      })
    },
    /** Rejects every waiter (shutdown). */
    close(): void {
      for (const w of waiters) { clearTimeout(w.timer); w.reject(new NotPublishedYet()) }
      waiters.clear()
    },
  }
}

export type Publisher = ReturnType<typeof createPublisher>
