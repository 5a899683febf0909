/**
 * A pool of SM2 signing worker threads for the software backend. SM2 runs in JavaScript (bigint
 * arithmetic, ~270 µs a signature) and would otherwise hold the event loop: with the pool, a batch
 * of licences is signed on another core while the main thread builds the next one or writes the
 * last one. Jobs queued by one run of synchronous code go to a worker as one message; answers come
 * back in chunks. A key version's secret is sent to a worker once and kept there (prepared).
 *
 * If a worker cannot start or dies, its jobs and every later one are signed on the main thread:
 * the pool is a speed-up, never a new way to fail. Workers are referenced only while they have
 * jobs, so an idle pool does not keep a process alive.
 */
import { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'
import { CryptoError, type CryptoErrorCode } from '../../lib/crypto/index.ts'
import { workerFile, type WorkerScript } from '../../lib/worker-file.ts'
import type { SignOptions } from './algorithms.ts'
import type { FromWorker, ToWorker } from './sign-worker.ts'

export interface SignPool {
  readonly size: number
  /** Signs `message` with the SM2 key version `ref`; `secret` is read when a worker first needs it. */
  sign(ref: string, secret: () => Uint8Array, message: Uint8Array, opts?: SignOptions): Promise<Uint8Array>
  /** Drops a key version from every worker (the key was destroyed or rotated away). */
  forget(ref: string): void
  /** Terminates the workers; jobs in flight are finished on the main thread. */
  close(): Promise<void>
}

interface Job { id: number; ref: string; secret: () => Uint8Array; message: Uint8Array; opts: SignOptions; resolve: (s: Uint8Array) => void; reject: (e: unknown) => void }

interface Slot {
  worker?: Worker
  keys: Set<string>
  queued: Job[]
  inFlight: Map<number, Job>
}

export interface SignPoolOptions {
  size: number
  /** Signs on the main thread: the fallback when a worker is unavailable. */
  inline: (ref: string, secret: () => Uint8Array, message: Uint8Array, opts: SignOptions) => Uint8Array
  log?: Pick<Logger, 'warn'>
  /** The worker's code (tests start a broken one); default the bundled or source sign-worker. */
  entry?: WorkerScript
}

export function createSignPool(o: SignPoolOptions): SignPool {
  const slots: Slot[] = Array.from({ length: Math.max(0, o.size) }, () => ({ keys: new Set(), queued: [], inFlight: new Map() }))
  let nextId = 1
  let broken = false
  let closed = false
  let flushScheduled = false

  function runInline(job: Job): void {
    try { job.resolve(o.inline(job.ref, job.secret, job.message, job.opts)) } catch (err) { job.reject(err) }
  }

  function fail(slot: Slot, reason: unknown): void {
    if (!broken && !closed) o.log?.warn({ err: reason instanceof Error ? reason.message : String(reason) }, 'SM2 signing worker unavailable: signing on the main thread')
    broken = true
    const pending = [...slot.inFlight.values(), ...slot.queued]
    slot.inFlight.clear()
    slot.queued = []
    slot.keys.clear()
    const w = slot.worker
    slot.worker = undefined
    void w?.terminate().catch(() => undefined)
    for (const job of pending) runInline(job)
  }

  function start(slot: Slot): Worker | undefined {
    if (slot.worker) return slot.worker
    try {
      const { script, eval: isCode } = o.entry ?? workerFile('src/modules/crypto/sign-worker.ts')
      const w = new Worker(script, { eval: isCode })
      w.unref()
      w.on('message', (m: FromWorker) => {
        for (const r of m.results) {
          const job = slot.inFlight.get(r.id)
          if (!job) continue
          slot.inFlight.delete(r.id)
          if (r.signature) job.resolve(r.signature)
          else job.reject(r.error?.code ? new CryptoError(r.error.code as CryptoErrorCode, r.error.message) : new Error(r.error?.message))
        }
        if (slot.inFlight.size === 0) w.unref()
      })
      w.on('error', (err) => fail(slot, err))
      w.on('exit', (code) => { if (slot.worker === w) fail(slot, new Error(`signing worker exited with code ${code}`)) })
      slot.worker = w
      return w
    } catch (err) {
      fail(slot, err)
      return undefined
    }
  }

  function flush(): void {
    flushScheduled = false
    for (const slot of slots) {
      if (slot.queued.length === 0) continue
      const jobs = slot.queued
      slot.queued = []
      const w = broken ? undefined : start(slot)
      if (!w) { for (const job of jobs) runInline(job); continue }
      try {
        for (const job of jobs) {
          if (!slot.keys.has(job.ref)) {
            w.postMessage({ t: 'key', ref: job.ref, secret: job.secret() } satisfies ToWorker)
            slot.keys.add(job.ref)
          }
          slot.inFlight.set(job.id, job)
        }
        w.ref()
        w.postMessage({ t: 'sign', jobs: jobs.map((j) => ({ id: j.id, ref: j.ref, message: j.message, opts: j.opts })) } satisfies ToWorker)
      } catch (err) {
        for (const job of jobs) if (!slot.inFlight.has(job.id)) runInline(job)
        fail(slot, err)
      }
    }
  }

  /** The slot with the fewest jobs in flight or queued. */
  function pick(): Slot {
    let best = slots[0]!
    for (const s of slots) if (s.inFlight.size + s.queued.length < best.inFlight.size + best.queued.length) best = s
    return best
  }

  return {
    size: slots.length,
    sign(ref, secret, message, opts = {}) {
      return new Promise<Uint8Array>((resolve, reject) => {
        const job: Job = { id: nextId++, ref, secret, message, opts, resolve, reject }
        if (slots.length === 0 || broken || closed) return runInline(job)
        pick().queued.push(job)
        // A microtask, not setImmediate: a caller that goes on with database work that never yields to
        // the event loop (better-sqlite3 answers synchronously) would otherwise hold the jobs back.
        if (!flushScheduled) {
          flushScheduled = true
          queueMicrotask(flush)
        }
      })
    },
    forget(ref) {
      for (const slot of slots) {
        if (!slot.keys.delete(ref)) continue
        try { slot.worker?.postMessage({ t: 'forget', ref } satisfies ToWorker) } catch { /* the worker is gone with its keys */ }
      }
    },
    async close() {
      closed = true
      flush()
      await Promise.all(slots.map(async (slot) => {
        const w = slot.worker
        if (!w) return
        // Let the jobs in flight finish, then stop the worker.
        while (slot.inFlight.size && slot.worker === w) await new Promise((r) => setTimeout(r, 5))
        slot.worker = undefined
        slot.keys.clear()
        await w.terminate()
      }))
    },
  }
}
