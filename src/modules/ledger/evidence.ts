/**
 * Evidence (存证) items: turning a submitted item into a log entry, and an entry back into the
 * evidence view. The entry's metadata holds type, title, department and the submitter's
 * metadata, so the receipt alone proves all of them.
 */
import type { Principal } from '../../core/http/auth.ts'
import type { Hasher } from '../../lib/merkle/index.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import { LedgerError, fromLibError } from './errors.ts'
import { MAX_META_BYTES, canonicalMeta, hashPayload, parseHashRef, type PayloadHashAlgorithm } from './leaf.ts'
import type { Receipt } from './receipt.ts'
import type { EntryRow } from './repo.ts'
import { prepareEntry, type PreparedEntry } from './sequencer.ts'

export const EVIDENCE_KIND = 'evidence'

/** One evidence item as submitted: a hash, the content (base64), or both. */
export interface EvidenceInput {
  hash?: string
  hashAlgorithm?: PayloadHashAlgorithm
  content?: string
  type: string
  title: string
  department: string
  metadata?: Record<string, unknown>
}

/** Stored evidence with its receipt. */
export interface Evidence {
  id: string
  index: number
  type: string
  title: string
  department: string
  metadata: Record<string, unknown>
  hash: string
  recordedAt: string
  submittedBy: string | null
  receipt: Receipt
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function payloadHash(item: EvidenceInput, keep: (bytes: Uint8Array) => void): string {
  let given: string | undefined
  if (item.hash !== undefined) {
    const bare = /^[0-9a-fA-F]{64}$/.test(item.hash)
    const parsed = parseHashRef(bare && item.hashAlgorithm ? `${item.hashAlgorithm}:${item.hash}` : item.hash)
    if (!parsed) throw new LedgerError.BAD_HASH(item.hash)
    given = `${parsed.algorithm}:${parsed.hex}`
  }
  if (item.content === undefined) {
    if (given === undefined) throw new LedgerError.NO_PAYLOAD()
    return given
  }
  if (!BASE64.test(item.content)) throw new LedgerError.BAD_CONTENT()
  const algorithm = given ? (given.split(':')[0] as PayloadHashAlgorithm) : item.hashAlgorithm ?? 'sm3'
  const bytes = Buffer.from(item.content, 'base64')
  const actual = hashPayload(algorithm, bytes)
  if (given !== undefined && given !== actual) throw new LedgerError.HASH_MISMATCH(actual, given)
  keep(bytes)
  return actual
}

/** Checks and measures entry metadata; returns it as parsed plain JSON. Throws LEDGER_METADATA_*. */
export function checkMeta(meta: unknown): Record<string, unknown> {
  let text: string
  try {
    text = canonicalMeta(meta)
  } catch (err) {
    throw fromLibError(err)
  }
  const bytes = Buffer.byteLength(text)
  if (bytes > MAX_META_BYTES) throw new LedgerError.METADATA_TOO_LARGE(bytes, MAX_META_BYTES)
  return JSON.parse(text) as Record<string, unknown>
}

/**
 * Turns a submitted item into a prepared entry; a file given as content is handed to `keep` with
 * the new entry's id once everything else checked out. Throws the LedgerError of the first problem.
 */
export function prepareEvidence(hasher: Hasher, ids: IdGenerator, now: number, principal: Principal, item: EvidenceInput, keep?: (id: string, bytes: Uint8Array) => void): PreparedEntry {
  let file: Uint8Array | undefined
  const hash = payloadHash(item, (bytes) => { file = bytes })
  const meta = checkMeta({ type: item.type, title: item.title, department: item.department, metadata: item.metadata ?? {} })
  const id = ids.next('ent')
  if (file) keep?.(id, file)
  return prepareEntry(hasher, { id, kind: EVIDENCE_KIND, hash, meta: meta as PreparedEntry['fields']['meta'], time: now }, principal.orgId ?? null, principal.id)
}

/** The row an integrated prepared entry now has (no database read needed). */
export function rowOf(e: PreparedEntry, seq: number): EntryRow {
  const [alg, hex] = e.fields.hash.split(':')
  return { seq, id: e.fields.id, kind: e.fields.kind, hash_alg: alg, payload_hash: hex, meta: e.metaText, created_at: e.fields.time, org_id: e.orgId, submitted_by: e.submittedBy }
}

/** Whether `principal` may see a row: same organisation, or a principal bound to none (platform staff). */
export function isVisible(principal: Principal, row: EntryRow): boolean {
  return principal.orgId === undefined || row.org_id === principal.orgId
}

/** The evidence view of an entry and its receipt. */
export function toEvidence(row: EntryRow, receipt: Receipt): Evidence {
  const meta = receipt.entry.meta as Record<string, any>
  return {
    id: row.id, index: Number(row.seq), type: String(meta.type), title: String(meta.title), department: String(meta.department),
    metadata: (meta.metadata ?? {}) as Record<string, unknown>, hash: receipt.entry.hash, recordedAt: receipt.recordedAt,
    submittedBy: row.submitted_by, receipt,
  }
}
