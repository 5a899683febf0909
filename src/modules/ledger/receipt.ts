/**
 * Receipts (存证回执) and their offline verification. A receipt carries the entry's leaf fields,
 * its index, the inclusion proof and the cosigned checkpoint; anyone holding the log's public
 * key (and, optionally, witness keys) checks it with no access to the platform: re-hash the
 * file, rebuild the leaf, walk the proof to the root, check the log signature and the
 * witnesses' cosignatures. Pure code over lib/merkle, lib/note and lib/crypto.
 */
import { getHasher, verifyInclusion, type HashName } from '../../lib/merkle/index.ts'
import { decodeCosignature, openCheckpoint, parseSignedNote, type Verifier } from '../../lib/note/index.ts'
import { LedgerError, fromLibError } from './errors.ts'
import { fromHex, hashPayload, isValidKind, leafBytes, parseHashRef, toHex, type EntryFields } from './leaf.ts'
import { verifierFromAnyKey } from './note-keys.ts'

export const RECEIPT_FORMAT = 'zhicheng-ledger-receipt/v1'

/** A self-contained proof that an entry is in the log, as handed to the submitter. */
export interface Receipt {
  readonly format: typeof RECEIPT_FORMAT
  /** The log's origin (its checkpoint key name). */
  readonly origin: string
  /** The Merkle tree hash of the log. */
  readonly treeHash: HashName
  /** The entry's index in the log. */
  readonly index: number
  /** The leaf fields; the leaf is their canonical JSON with `v: 1`. */
  readonly entry: EntryFields
  /** Hex leaf hash H(0x00 ‖ leaf). */
  readonly leafHash: string
  /** Hex hashes of the inclusion proof of `index` in the checkpoint's tree. */
  readonly inclusionProof: readonly string[]
  /** The checkpoint as a signed note: log signature(s), then witness cosignatures. */
  readonly checkpoint: string
  /** `entry.time` as ISO 8601, for people; not part of the leaf. */
  readonly recordedAt: string
}

/** What verification established. */
export interface ReceiptVerdict {
  readonly origin: string
  readonly index: number
  readonly treeSize: number
  readonly rootHash: string
  readonly leafHash: string
  readonly entry: EntryFields
  readonly recordedAt: string
  /** Names of the log keys whose signatures verified. */
  readonly logSignatures: readonly string[]
  /** Witnesses whose cosignatures verified, with the time each attests. */
  readonly witnesses: ReadonlyArray<{ readonly name: string; readonly time: string }>
  /** Set when a file or hash was checked against the entry. */
  readonly payload?: { readonly hash: string; readonly matches: true }
}

export interface VerifyReceiptOptions {
  /** Verifier keys (vkeys) or Verifiers of the log; at least one must have signed. */
  readonly logKeys: ReadonlyArray<string | Verifier>
  /** Verifier keys (vkeys) or Verifiers of witnesses. */
  readonly witnessKeys?: ReadonlyArray<string | Verifier>
  /** How many of `witnessKeys` must have cosigned; default all of them. */
  readonly quorum?: number
  /** The file the receipt is for; its hash must equal the entry's. */
  readonly file?: Uint8Array
  /** Or the file's hash `<alg>:<hex>`. */
  readonly payloadHash?: string
}

const HEX32 = /^[0-9a-f]{64}$/

function malformed(path: string, why: string): never {
  throw new LedgerError.RECEIPT_MALFORMED(`${path} ${why}`)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Checks the shape of an untrusted receipt and returns it typed. Throws LEDGER_RECEIPT_MALFORMED
 * naming the first bad field; never checks any hash or signature.
 */
export function parseReceipt(input: unknown): Receipt {
  const r = typeof input === 'string' ? (() => { try { return JSON.parse(input) as unknown } catch { return malformed('/', 'is not JSON') } })() : input
  if (!isRecord(r)) malformed('/', 'must be an object')
  if (r.format !== RECEIPT_FORMAT) malformed('/format', `must be ${RECEIPT_FORMAT}`)
  if (typeof r.origin !== 'string' || r.origin.length === 0) malformed('/origin', 'must be a non-empty string')
  if (r.treeHash !== 'sm3' && r.treeHash !== 'sha256') malformed('/treeHash', 'must be sm3 or sha256')
  if (!Number.isSafeInteger(r.index) || (r.index as number) < 0) malformed('/index', 'must be an integer >= 0')
  const e = r.entry
  if (!isRecord(e)) malformed('/entry', 'must be an object')
  if (typeof e.id !== 'string' || e.id.length === 0) malformed('/entry/id', 'must be a non-empty string')
  if (!isValidKind(e.kind)) malformed('/entry/kind', 'must be lower-case dotted words')
  if (!parseHashRef(e.hash) || parseHashRef(e.hash)!.algorithm + ':' + parseHashRef(e.hash)!.hex !== e.hash) malformed('/entry/hash', 'must be <sm3|sha256>:<64 lower-case hex>')
  if (!isRecord(e.meta)) malformed('/entry/meta', 'must be an object')
  if (!Number.isSafeInteger(e.time) || (e.time as number) < 0) malformed('/entry/time', 'must be epoch milliseconds')
  if (typeof r.leafHash !== 'string' || !HEX32.test(r.leafHash)) malformed('/leafHash', 'must be 64 lower-case hex digits')
  if (!Array.isArray(r.inclusionProof) || r.inclusionProof.length > 64) malformed('/inclusionProof', 'must be an array of at most 64 hashes')
  r.inclusionProof.forEach((h, i) => { if (typeof h !== 'string' || !HEX32.test(h)) malformed(`/inclusionProof/${i}`, 'must be 64 lower-case hex digits') })
  if (typeof r.checkpoint !== 'string' || r.checkpoint.length === 0 || r.checkpoint.length > 65536) malformed('/checkpoint', 'must be a signed note')
  return {
    format: RECEIPT_FORMAT, origin: r.origin, treeHash: r.treeHash, index: r.index as number,
    entry: { id: e.id, kind: e.kind, hash: e.hash as string, meta: e.meta as EntryFields['meta'], time: e.time as number },
    leafHash: r.leafHash, inclusionProof: r.inclusionProof as string[], checkpoint: r.checkpoint,
    recordedAt: typeof r.recordedAt === 'string' ? r.recordedAt : new Date(e.time as number).toISOString(),
  }
}

function toVerifier(key: string | Verifier): Verifier {
  if (typeof key !== 'string') return key
  try {
    return verifierFromAnyKey(key)
  } catch (err) {
    throw new LedgerError.BAD_KEY(key.slice(0, 60), (err as Error).message, { cause: err })
  }
}

function checkPayload(entry: EntryFields, opts: VerifyReceiptOptions): ReceiptVerdict['payload'] {
  const recorded = parseHashRef(entry.hash)!
  let actual: string | undefined
  if (opts.file) actual = hashPayload(recorded.algorithm, opts.file)
  else if (opts.payloadHash !== undefined) {
    const given = parseHashRef(opts.payloadHash)
    if (!given) throw new LedgerError.BAD_HASH(opts.payloadHash)
    actual = `${given.algorithm}:${given.hex}`
  }
  if (actual === undefined) return undefined
  if (actual !== entry.hash) throw new LedgerError.FILE_MISMATCH(actual, entry.hash)
  return { hash: actual, matches: true }
}

/**
 * Verifies a receipt offline: payload hash (when a file or hash is given), leaf, log
 * signature, inclusion proof and witness cosignatures, in that order. Requires at least one
 * log key. Throws the LedgerError of the first failed check (4xx codes: malformed input is
 * 400, a check that fails is 422); returns the verdict when every check passes.
 */
export async function verifyReceipt(input: unknown, opts: VerifyReceiptOptions): Promise<ReceiptVerdict> {
  const receipt = parseReceipt(input)
  const logVerifiers = opts.logKeys.map(toVerifier)
  const witnessVerifiers = (opts.witnessKeys ?? []).map(toVerifier)
  if (logVerifiers.length === 0) throw new LedgerError.BAD_KEY('', 'at least one log key is required')
  // A log key is named after the log's origin: a witness key offered as log key must not pass.
  const stranger = logVerifiers.find((v) => v.name !== receipt.origin)
  if (stranger) throw new LedgerError.BAD_KEY(stranger.name, `a log key must be named after the log origin ${receipt.origin}`)
  const hasher = getHasher(receipt.treeHash)
  const payload = checkPayload(receipt.entry, opts)
  let leaf: Uint8Array
  try {
    leaf = hasher.hashLeaf(leafBytes(receipt.entry))
  } catch (err) {
    throw fromLibError(err)
  }
  if (toHex(leaf) !== receipt.leafHash) throw new LedgerError.LEAF_MISMATCH(toHex(leaf), receipt.leafHash)
  try {
    const { checkpoint, note } = await openCheckpoint(receipt.checkpoint, logVerifiers, { hashSize: hasher.size })
    if (checkpoint.origin !== receipt.origin) throw new LedgerError.CHECKPOINT_MALFORMED(`origin ${checkpoint.origin} is not the receipt's ${receipt.origin}`)
    verifyInclusion(hasher, receipt.index, checkpoint.size, leaf, receipt.inclusionProof.map(fromHex), checkpoint.rootHash)
    const witnesses = await checkWitnesses(receipt.checkpoint, witnessVerifiers, opts.quorum ?? witnessVerifiers.length)
    return {
      origin: receipt.origin, index: receipt.index, treeSize: checkpoint.size, rootHash: toHex(checkpoint.rootHash),
      leafHash: receipt.leafHash, entry: receipt.entry, recordedAt: new Date(receipt.entry.time).toISOString(),
      logSignatures: note.verified.map((s) => s.name), witnesses, ...(payload ? { payload } : {}),
    }
  } catch (err) {
    throw fromLibError(err)
  }
}

async function checkWitnesses(noteText: string, verifiers: readonly Verifier[], quorum: number): Promise<Array<{ name: string; time: string }>> {
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > verifiers.length) {
    throw new LedgerError.BAD_KEY('--quorum', `quorum ${quorum} must be between 0 and the ${verifiers.length} witness keys`)
  }
  const note = parseSignedNote(noteText)
  const message = new TextEncoder().encode(note.text)
  const good: Array<{ name: string; time: string }> = []
  const missing: string[] = []
  for (const v of verifiers) {
    const sig = note.signatures.find((s) => s.name === v.name && s.keyId === v.keyId)
    if (sig && (await v.verify(message, sig.signature))) {
      // A cosignature (0x04) attests a time; a plain signature by a witness key attests none.
      const time = sig.signature.length === 72 ? new Date(decodeCosignature(sig.signature).timestamp * 1000).toISOString() : ''
      good.push({ name: v.name, time })
    } else missing.push(`${v.name}: ${sig ? 'invalid' : 'absent'}`)
  }
  if (good.length < quorum) throw new LedgerError.WITNESS_QUORUM(good.length, quorum, missing.join('; ') || 'none configured')
  return good
}
