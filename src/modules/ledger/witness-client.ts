/**
 * The log's side of c2sp.org/tlog-witness: POST <url>/add-checkpoint with the old size, the
 * consistency proof from it and the signed checkpoint; a 409 `text/x.tlog.size` answer tells
 * the witness's latest size, and the request is repeated once from there. The cosignature
 * returned is verified against the witness's configured key before it counts.
 */
import { encodeBase64, parseSignedNote, type NoteSignature, type Verifier } from '../../lib/note/index.ts'
import type { WitnessConfig } from './config.ts'
import { verifierFromAnyKey } from './note-keys.ts'

export interface WitnessClient {
  readonly name: string
  readonly key: string
  readonly url: string
  readonly verifier: Verifier
  /**
   * Asks the witness to cosign `note` (a checkpoint of `size` with text `text`). `proofFrom`
   * builds the consistency proof from an older size. Resolves with the verified cosignature;
   * rejects with a message saying what the witness answered.
   */
  cosign(text: string, note: string, size: number, proofFrom: (oldSize: number) => Promise<Uint8Array[]>): Promise<NoteSignature>
}

/** Creates a client for one witness. Requires a cosignature verifier key; throws NoteError otherwise. */
export function createWitnessClient(config: WitnessConfig, timeoutMs: number, fetchImpl: typeof fetch = fetch): WitnessClient {
  const verifier = verifierFromAnyKey(config.key)
  let knownSize: number | undefined
  const name = verifier.name

  async function post(body: string): Promise<{ status: number; type: string; text: string }> {
    const res = await fetchImpl(`${config.url}/add-checkpoint`, { method: 'POST', body, headers: { 'content-type': 'text/plain; charset=utf-8' }, signal: AbortSignal.timeout(timeoutMs) })
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
  }

  return {
    name, key: config.key, url: config.url, verifier,
    async cosign(text, note, size, proofFrom) {
      let old = knownSize !== undefined && knownSize <= size ? knownSize : 0
      for (let attempt = 0; attempt < 3; attempt++) {
        const proof = old === 0 || old === size ? [] : await proofFrom(old)
        const res = await post(`old ${old}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${note}`)
        if (res.status === 200) {
          const sig = parseSignedNote(`${text}\n${res.text}`).signatures.find((s) => s.name === name && s.keyId === verifier.keyId)
          if (!sig || !(await verifier.verify(new TextEncoder().encode(text), sig.signature))) throw new Error(`witness ${name} returned no valid cosignature`)
          knownSize = size
          return sig
        }
        if (res.status === 409 && res.type.startsWith('text/x.tlog.size')) {
          const theirs = Number(res.text.trim())
          if (!Number.isSafeInteger(theirs) || theirs > size || theirs === old) throw new Error(`witness ${name} refused: it has cosigned size ${res.text.trim()} and rejects size ${size} from old size ${old}`)
          old = theirs
          continue
        }
        throw new Error(`witness ${name} answered ${res.status}: ${res.text.slice(0, 200).trim()}`)
      }
      throw new Error(`witness ${name} kept answering 409`)
    },
  }
}
