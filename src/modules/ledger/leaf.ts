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

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** Bytes of a lower-case hex string; requires even-length hex (callers validate first). */
export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
