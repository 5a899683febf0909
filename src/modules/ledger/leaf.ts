/**
 * What a log entry is, byte for byte. The leaf is the canonical JSON (RFC 8785) of
 * `{ v, id, kind, hash, meta, time }`, so every node and dialect hashes it the same, and a
 * receipt carries exactly the fields a verifier needs to rebuild it. Pure code: no I/O.
 */
import { createHash } from 'node:crypto'
import { canonicalBytes, canonicalize, type CanonicalJsonValue } from '../../lib/canonical-json.ts'

/** Hash functions a payload may be hashed with (GB/T 32905 SM3 is the default). */
export type PayloadHashAlgorithm = 'sm3' | 'sha256'
export const PAYLOAD_HASH_ALGORITHMS: readonly PayloadHashAlgorithm[] = ['sm3', 'sha256']

/** Leaf format version; a new version would be a new leaf shape, never a reinterpretation. */
export const LEAF_VERSION = 1

/** Largest canonical metadata the log accepts: tlog-tiles entry bundles cap an entry at 64 KiB. */
export const MAX_META_BYTES = 8192

/** The fields of a log entry that its leaf commits to. */
export interface EntryFields {
  readonly id: string
  readonly kind: string
  /** `<algorithm>:<lower-case hex>` of the anchored payload. */
  readonly hash: string
  readonly meta: { readonly [key: string]: CanonicalJsonValue }
  /** Submission time, epoch milliseconds (the log's clock). */
  readonly time: number
}

const HASH_REF = /^(sm3|sha256):([0-9a-f]{64})$/
const KIND = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/

/**
 * Parses a payload hash reference `<sm3|sha256>:<64 hex>`; bare 64 hex digits mean SM3.
 * Upper-case hex is accepted and lowered. Returns undefined for anything else; never throws.
 */
export function parseHashRef(text: unknown): { algorithm: PayloadHashAlgorithm; hex: string } | undefined {
  if (typeof text !== 'string') return undefined
  // The common case, already canonical, costs one match.
  const exact = HASH_REF.exec(text)
  if (exact) return { algorithm: exact[1] as PayloadHashAlgorithm, hex: exact[2] }
  const lowered = text.toLowerCase()
  const m = HASH_REF.exec(/^[0-9a-f]{64}$/.test(lowered) ? `sm3:${lowered}` : lowered)
  return m ? { algorithm: m[1] as PayloadHashAlgorithm, hex: m[2] } : undefined
}

/** Whether `kind` is lower-case dotted words (`evidence`, `licenses.license`). Never throws. */
export function isValidKind(kind: unknown): kind is string {
  return typeof kind === 'string' && kind.length <= 64 && KIND.test(kind)
}

/** Hashes `bytes` with a payload algorithm; returns `<algorithm>:<hex>`. */
export function hashPayload(algorithm: PayloadHashAlgorithm, bytes: Uint8Array): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
}

/** The canonical JSON text of metadata, as stored and as hashed. Throws CanonicalJsonError. */
export function canonicalMeta(meta: unknown): string {
  return canonicalize(meta ?? {})
}

/**
 * The leaf bytes of an entry: canonical JSON of `{ v: 1, id, kind, hash, meta, time }`.
 * Requires plain-JSON metadata; throws CanonicalJsonError otherwise.
 */
export function leafBytes(entry: EntryFields): Uint8Array {
  return canonicalBytes({ v: LEAF_VERSION, id: entry.id, kind: entry.kind, hash: entry.hash, meta: entry.meta, time: entry.time })
}

// Characters JSON.stringify and RFC 8785 escape alike: printable ASCII (ids, kinds, hash refs).
const PLAIN_ASCII = /^[\x20-\x7e]*$/

/**
 * The leaf as text: the same characters as `leafBytes(entry)` decodes to, built without walking
 * the entry object (the sequencer's hot path). `metaText` is `canonicalize(entry.meta)` when the
 * caller already has it. Falls back to the general serialiser for anything unusual (non-ASCII
 * fields, a time that is not a safe integer). Throws CanonicalJsonError on non-JSON metadata.
 */
export function leafText(entry: EntryFields, metaText?: string): string {
  const { id, kind, hash, time } = entry
  if (!PLAIN_ASCII.test(id) || !PLAIN_ASCII.test(kind) || !PLAIN_ASCII.test(hash) || !Number.isSafeInteger(time)) {
    return canonicalize({ v: LEAF_VERSION, id, kind, hash, meta: entry.meta, time })
  }
  // Member names in RFC 8785 order: hash < id < kind < meta < time < v.
  return `{"hash":${JSON.stringify(hash)},"id":${JSON.stringify(id)},"kind":${JSON.stringify(kind)},"meta":${metaText ?? canonicalize(entry.meta)},"time":${time},"v":${LEAF_VERSION}}`
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** Bytes of a lower-case hex string; requires even-length hex (callers validate first). */
export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
