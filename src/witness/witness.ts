/**
 * A transparency-log witness (c2sp.org/tlog-witness, add-checkpoint): it verifies a log's
 * checkpoint signature with the log keys it trusts, checks the consistency proof from the
 * last checkpoint it cosigned for that origin, persists the new checkpoint, and only then
 * returns its cosignature (c2sp.org/tlog-cosignature, cosignature/v1). A checkpoint that
 * rewrites history fails the proof and is refused with 422; a stale old size gets 409.
 */
import { getHasher, verifyConsistency, type HashName } from '../lib/merkle/index.ts'
import { decodeBase64, encodeBase64, formatSignedNote, openNote, parseCheckpoint, parseSignedNote, type Signer, type Verifier } from '../lib/note/index.ts'

/** The last checkpoint a witness cosigned for one origin. */
export interface WitnessedCheckpoint {
  readonly size: number
  /** Base64 root hash. */
  readonly rootHash: string
}

/** Where the witness keeps its state; set() must be durable when it returns. */
export interface WitnessStateStore {
  get(origin: string): WitnessedCheckpoint | undefined
  set(origin: string, checkpoint: WitnessedCheckpoint): void
}

export interface WitnessOptions {
  /** The cosigner (Ed25519, type 0x04) of this witness. */
  readonly cosigner: Signer
  /** Trusted log keys by origin. */
  readonly logs: ReadonlyMap<string, readonly Verifier[]>
  /** Tree hash of the logs (SM3 for zhicheng logs, SHA-256 for RFC 6962 ones). */
  readonly hash: HashName
  readonly state: WitnessStateStore
}

/** An HTTP answer of the witness. */
export interface WitnessReply {
  readonly status: number
  readonly contentType: string
  readonly body: string
}

const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): WitnessReply => ({ status, contentType, body: body.endsWith('\n') ? body : `${body}\n` })
const MAX_PROOF_LINES = 63

interface Request { oldSize: number; proof: Uint8Array[]; note: string }

function parseRequest(body: string): Request | string {
  const blank = body.indexOf('\n\n')
  if (blank < 0) return 'missing the empty line before the checkpoint'
  const head = body.slice(0, blank).split('\n')
  const m = /^old (0|[1-9][0-9]*)$/.exec(head[0] ?? '')
  if (!m || !Number.isSafeInteger(Number(m[1]))) return 'first line must be "old <size>"'
  if (head.length - 1 > MAX_PROOF_LINES) return `more than ${MAX_PROOF_LINES} proof lines`
  const proof: Uint8Array[] = []
  for (const line of head.slice(1)) {
    const h = decodeBase64(line)
    if (!h) return 'a proof line is not base64'
    proof.push(h)
  }
  return { oldSize: Number(m[1]), proof, note: body.slice(blank + 2) }
}

/** Creates the witness. `addCheckpoint` takes a request body and returns the HTTP answer; never throws. */
export function createWitness(opts: WitnessOptions) {
  const hasher = getHasher(opts.hash)
  const encoder = new TextEncoder()

  async function addCheckpoint(body: string): Promise<WitnessReply> {
    const req = parseRequest(body)
    if (typeof req === 'string') return text(400, req)
    let checkpoint
    let noteText: string
    try {
      noteText = parseSignedNote(req.note).text
      checkpoint = parseCheckpoint(noteText, { hashSize: hasher.size })
    } catch (err) {
      return text(400, `malformed checkpoint: ${(err as Error).message}`)
    }
    const verifiers = opts.logs.get(checkpoint.origin)
    if (!verifiers) return text(404, `unknown log origin ${checkpoint.origin}`)
    try {
      await openNote(req.note, verifiers)
    } catch (err) {
      return text(403, `no trusted log signature verifies: ${(err as Error).message}`)
    }
    if (req.oldSize > checkpoint.size) return text(400, `old size ${req.oldSize} is greater than the checkpoint size ${checkpoint.size}`)
    // From here to the state write nothing awaits: the check and the update are atomic.
    const latest = opts.state.get(checkpoint.origin)
    const latestSize = latest?.size ?? 0
    if (req.oldSize !== latestSize) return text(409, `${latestSize}`, 'text/x.tlog.size')
    const root = encodeBase64(checkpoint.rootHash)
    if (req.oldSize === checkpoint.size) {
      if (latest && latest.rootHash !== root) return text(409, `${latestSize}`, 'text/x.tlog.size')
      if (req.proof.length > 0) return text(400, 'the proof must be empty when the sizes are equal')
    } else if (req.oldSize === 0) {
      if (req.proof.length > 0) return text(400, 'the proof must be empty from size 0')
    } else {
      try {
        verifyConsistency(hasher, req.oldSize, checkpoint.size, req.proof, decodeBase64(latest!.rootHash)!, checkpoint.rootHash)
      } catch (err) {
        return text(422, `consistency proof from ${req.oldSize} to ${checkpoint.size} does not verify: ${(err as Error).message}`)
      }
    }
    // Persist before signing and answering: no await separates this write from the checks above.
    opts.state.set(checkpoint.origin, { size: checkpoint.size, rootHash: root })
    const signature = await opts.cosigner.sign(encoder.encode(noteText))
    const signed = formatSignedNote(noteText, [{ name: opts.cosigner.name, keyId: opts.cosigner.keyId, signature }])
    return text(200, signed.slice(noteText.length + 1))
  }

  return { addCheckpoint }
}

export type Witness = ReturnType<typeof createWitness>
