// The SM2 signing worker thread (see sign-pool.ts). SM2 is computed in JavaScript (bigint), about
// 270 µs a signature, so the pool moves it off the main thread, which meanwhile builds and writes.
// Messages in: `key` (a key version's secret, kept prepared here), `forget`, and `sign` (a batch
// of jobs); out: `signed` with each job's signature or error, in chunks, so early jobs answer early.
import { parentPort } from 'node:worker_threads'
import { isCryptoError } from '../../lib/crypto/index.ts'
import { prepareSigner, type PreparedSigner, type SignOptions } from './algorithms.ts'

export type ToWorker =
  | { t: 'key'; ref: string; secret: Uint8Array }
  | { t: 'forget'; ref: string }
  | { t: 'sign'; jobs: Array<{ id: number; ref: string; message: Uint8Array; opts: SignOptions }> }

export type FromWorker = { t: 'signed'; results: Array<{ id: number; signature?: Uint8Array; error?: { code?: string; message: string } }> }

const CHUNK = 16
const signers = new Map<string, PreparedSigner>()

if (parentPort) {
  const port = parentPort
  port.on('message', (m: ToWorker) => {
    if (m.t === 'key') signers.set(m.ref, prepareSigner('SM2', m.secret))
    else if (m.t === 'forget') signers.delete(m.ref)
    else {
      let results: FromWorker['results'] = []
      for (const job of m.jobs) {
        try {
          const signer = signers.get(job.ref)
          if (!signer) throw new Error(`no key ${job.ref} in the signing worker`)
          results.push({ id: job.id, signature: signer.sign(job.message, job.opts) })
        } catch (err) {
          results.push({ id: job.id, error: { ...(isCryptoError(err) ? { code: err.code } : {}), message: (err as Error).message } })
        }
        if (results.length === CHUNK) {
          port.postMessage({ t: 'signed', results } satisfies FromWorker)
          results = []
        }
      }
      if (results.length) port.postMessage({ t: 'signed', results } satisfies FromWorker)
    }
  })
}
