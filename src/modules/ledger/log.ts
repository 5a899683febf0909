/**
 * The running log: the sequencer and the publisher driven by one loop. A cycle integrates
 * one batch of what is queued or anchored, then signs and (with the witness quorum) publishes
 * a checkpoint of the new size. Submissions arriving meanwhile wait for the next cycle, so
 * batches grow with load. A timer looks for entries anchored by other processes.
 */
import type { Logger } from 'pino'
import { SIGNATURE_TYPE, computeKeyId, ed25519VerifierKey, createEd25519Verifier, type Signer, type Verifier } from '../../lib/note/index.ts'
import type { CryptoApi } from './crypto-port.ts'
import { createSm2NoteSigner, createSm2NoteVerifier, sm2VerifierKey } from './note-keys.ts'
import type { Publisher } from './publisher.ts'
import type { Sequencer } from './sequencer.ts'

/** The log's checkpoint keys: signers (through the crypto module), verifiers and verifier keys. */
export interface LogKeys {
  readonly signers: Signer[]
  readonly verifiers: Verifier[]
  readonly vkeys: string[]
}

/** Key labels in the crypto module; the private keys never leave it. */
export const SM2_KEY_LABEL = 'ledger.checkpoint.sm2'
export const ED25519_KEY_LABEL = 'ledger.checkpoint.ed25519'

/** Creates (idempotently) the log's signing keys in the crypto module and wraps them as note signers. */
export async function loadLogKeys(crypto: CryptoApi, origin: string, withEd25519: boolean): Promise<LogKeys> {
  const keys: LogKeys = { signers: [], verifiers: [], vkeys: [] }
  const sm2 = await crypto.ensureSystemKey(SM2_KEY_LABEL, 'SM2', 'sign')
  const sm2Public = (await crypto.getPublicKey(sm2.id)).raw
  keys.signers.push(createSm2NoteSigner(origin, sm2Public, async (message) => (await crypto.sign(sm2.id, message, { format: 'raw' })).signature))
  keys.verifiers.push(createSm2NoteVerifier(origin, sm2Public))
  keys.vkeys.push(sm2VerifierKey(origin, sm2Public))
  if (withEd25519) {
    const ed = await crypto.ensureSystemKey(ED25519_KEY_LABEL, 'Ed25519', 'sign')
    const edPublic = (await crypto.getPublicKey(ed.id)).raw
    keys.signers.push({ name: origin, keyId: computeKeyId(origin, SIGNATURE_TYPE.ED25519, edPublic), sign: async (message) => (await crypto.sign(ed.id, message)).signature })
    keys.verifiers.push(createEd25519Verifier(origin, edPublic))
    keys.vkeys.push(ed25519VerifierKey(origin, edPublic))
  }
  return keys
}

export interface LogDriverDeps {
  sequencer: Sequencer
  publisher: Publisher
  log: Logger
  pollMs: number
}

/** Creates the loop that drives sequencing and publishing. Starts its poll timer on start(). */
export function createLogDriver(deps: LogDriverDeps) {
  const { sequencer, publisher, log } = deps
  let running: Promise<void> | undefined
  let again = false
  let stopped = false
  let timer: NodeJS.Timeout | undefined

  async function cycle(): Promise<void> {
    do {
      again = false
      try {
        // One batch, then a checkpoint: under sustained load every batch gets checkpointed.
        if (sequencer.hasWork()) await sequencer.integrateOnce()
        await publisher.checkpoint(await sequencer.frontier())
      } catch (err) {
        // Failed batches rejected their submitters; the poll timer retries anchored rows.
        log.error({ err }, 'ledger cycle failed')
        return
      }
    } while (!stopped && (again || sequencer.hasWork()))
  }

  function kick(): void {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = cycle().finally(() => {
      running = undefined
      if (again && !stopped) kick()
    })
  }

  return {
    kick,
    start(): void {
      if (timer || stopped) return
      timer = setInterval(() => { sequencer.hintPending(); kick() }, deps.pollMs)
      timer.unref()
      kick()
    },
    /** Waits for the current cycle; then nothing runs any more. */
    async stop(): Promise<void> {
      stopped = true
      if (timer) clearInterval(timer)
      await running
      sequencer.rejectQueued(new Error('ledger stopped'))
      publisher.close()
    },
    /** Resolves when no cycle is running (tests, benchmarks). */
    async idle(): Promise<void> {
      while (running) await running
    },
  }
}

export type LogDriver = ReturnType<typeof createLogDriver>
