/**
 * W3C Bitstring Status List v1.0 (W3C Recommendation): a bitstring of at least 131,072 entries
 * (16 KiB, herd privacy), index 0 = the left-most (most significant) bit of the first byte,
 * GZIP-compressed and encoded as a multibase base64url string without padding (prefix `u`).
 * Pure code: builds, reads and encodes lists and the `BitstringStatusListCredential` shape.
 */
import { gunzipSync, gzipSync } from 'node:zlib'

/** The minimum number of entries the Recommendation requires (16 KiB of 1-bit entries). */
export const MIN_STATUS_LIST_ENTRIES = 131_072

/** Thrown for a malformed encoded list or an index outside the list. */
export class StatusListError extends Error {
  constructor(readonly code: 'STATUS_LIST_ENCODING' | 'STATUS_LIST_TOO_SHORT' | 'STATUS_LIST_RANGE' | 'STATUS_LIST_SIZE', message: string) {
    super(message)
    this.name = 'StatusListError'
  }
}

/** A mutable bitstring of `length` entries of `statusSize` bits each. */
export class Bitstring {
  readonly bytes: Uint8Array
  constructor(readonly length: number = MIN_STATUS_LIST_ENTRIES, readonly statusSize = 1, bytes?: Uint8Array) {
    if (!Number.isInteger(statusSize) || statusSize < 1 || statusSize > 8) throw new StatusListError('STATUS_LIST_SIZE', `statusSize ${statusSize} is outside 1..8`)
    if (!Number.isInteger(length) || length < 1) throw new StatusListError('STATUS_LIST_SIZE', `length ${length} must be a positive integer`)
    const nbytes = Math.ceil((length * statusSize) / 8)
    if (bytes && bytes.length < nbytes) throw new StatusListError('STATUS_LIST_TOO_SHORT', `bitstring holds ${bytes.length} bytes, ${nbytes} needed`)
    this.bytes = bytes ?? new Uint8Array(nbytes)
  }

  private check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) throw new StatusListError('STATUS_LIST_RANGE', `index ${index} is outside 0..${this.length - 1}`)
  }

  /** The status value at `index` (0 or 1 for 1-bit entries). */
  get(index: number): number {
    this.check(index)
    let v = 0
    const first = index * this.statusSize
    for (let b = 0; b < this.statusSize; b++) {
      const bit = first + b
      v = (v << 1) | ((this.bytes[bit >> 3] >> (7 - (bit & 7))) & 1)
    }
    return v
  }

  /** Sets the status value at `index` (a boolean is 1/0). */
  set(index: number, value: number | boolean): void {
    this.check(index)
    let v = typeof value === 'boolean' ? (value ? 1 : 0) : value
    if (!Number.isInteger(v) || v < 0 || v >= 1 << this.statusSize) throw new StatusListError('STATUS_LIST_RANGE', `value ${value} does not fit ${this.statusSize} bit(s)`)
    const first = index * this.statusSize
    for (let b = this.statusSize - 1; b >= 0; b--) {
      const bit = first + b
      const mask = 1 << (7 - (bit & 7))
      if (v & 1) this.bytes[bit >> 3] |= mask
      else this.bytes[bit >> 3] &= ~mask
      v >>= 1
    }
  }

  /** How many entries have a non-zero value. */
  countSet(): number {
    let n = 0
    for (let i = 0; i < this.length; i++) if (this.get(i) !== 0) n++
    return n
  }

  /** `u` + base64url(gzip(bits)), as `encodedList` wants. */
  encode(): string {
    return encodeBitstring(this.bytes)
  }

  /** Decodes an `encodedList`; requires at least `minEntries` entries of `statusSize` bits. */
  static decode(encoded: string, statusSize = 1, minEntries = MIN_STATUS_LIST_ENTRIES): Bitstring {
    const bytes = decodeBitstring(encoded)
    const length = Math.floor((bytes.length * 8) / statusSize)
    if (length < minEntries) throw new StatusListError('STATUS_LIST_TOO_SHORT', `the list has ${length} entries, at least ${minEntries} are required`)
    return new Bitstring(length, statusSize, bytes)
  }
}

/** `u` + base64url (no padding) of the GZIP-compressed bytes. */
export function encodeBitstring(bytes: Uint8Array): string {
  return 'u' + Buffer.from(gzipSync(bytes, { level: 9 })).toString('base64url')
}

/** Reverses {@link encodeBitstring}. Throws STATUS_LIST_ENCODING for anything else. */
export function decodeBitstring(encoded: string): Uint8Array {
  if (typeof encoded !== 'string' || encoded.length < 2 || encoded[0] !== 'u' || !/^[A-Za-z0-9_-]+$/.test(encoded.slice(1))) {
    throw new StatusListError('STATUS_LIST_ENCODING', 'encodedList must be multibase base64url (prefix "u")')
  }
  const gz = Buffer.from(encoded.slice(1), 'base64url')
  try {
    // Bound the output so a hostile list cannot expand without limit (16 MiB = 134M entries).
    return new Uint8Array(gunzipSync(gz, { maxOutputLength: 16 * 1024 * 1024 }))
  } catch {
    throw new StatusListError('STATUS_LIST_ENCODING', 'encodedList is not valid GZIP data')
  }
}

export type StatusPurpose = 'revocation' | 'suspension' | 'refresh' | 'message'

/** A `BitstringStatusListEntry` (the `credentialStatus` of a credential). */
export interface BitstringStatusListEntry {
  id: string
  type: 'BitstringStatusListEntry'
  statusPurpose: StatusPurpose
  statusListIndex: string
  statusListCredential: string
}

/** The unsigned `BitstringStatusListCredential` (VC Data Model 2.0). */
export interface BitstringStatusListCredential {
  '@context': string[]
  id: string
  type: ['VerifiableCredential', 'BitstringStatusListCredential']
  issuer: string
  validFrom: string
  validUntil?: string
  credentialSubject: {
    id: string
    type: 'BitstringStatusList'
    statusPurpose: StatusPurpose
    encodedList: string
    ttl?: number
    /** Bits per entry (> 1 only for purpose `message`). */
    statusSize?: number
    /** What each value means (purpose `message`): `status` is the value in hex (`0x0`, `0x1`, …). */
    statusMessages?: Array<{ status: string; message: string }>
  }
}

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'

/** Builds the credential for a list (sign it separately). */
export function statusListCredential(a: { id: string; issuer: string; validFrom: Date | string; validUntil?: Date | string; purpose: StatusPurpose; list: Bitstring; ttlMs?: number; messages?: string[] }): BitstringStatusListCredential {
  const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString())
  const c: BitstringStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: a.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: a.issuer,
    validFrom: iso(a.validFrom),
    credentialSubject: { id: `${a.id}#list`, type: 'BitstringStatusList', statusPurpose: a.purpose, encodedList: a.list.encode() },
  }
  if (a.validUntil) c.validUntil = iso(a.validUntil)
  if (a.ttlMs !== undefined) c.credentialSubject.ttl = a.ttlMs
  if (a.list.statusSize > 1 || a.messages) {
    c.credentialSubject.statusSize = a.list.statusSize
    c.credentialSubject.statusMessages = (a.messages ?? []).map((message, i) => ({ status: `0x${i.toString(16)}`, message }))
  }
  return c
}

/**
 * Reads the status of `index` from a status list credential (shape-checked, not signature-checked).
 * Throws StatusListError for a malformed list or an index outside it.
 */
export function statusFromCredential(credential: unknown, index: number, statusSize = 1): { purpose: StatusPurpose; value: number } {
  const c = credential as Partial<BitstringStatusListCredential> | null
  const s = c?.credentialSubject
  if (!s || typeof s !== 'object' || s.type !== 'BitstringStatusList' || typeof s.encodedList !== 'string') {
    throw new StatusListError('STATUS_LIST_ENCODING', 'not a BitstringStatusListCredential (credentialSubject.type / encodedList)')
  }
  return { purpose: s.statusPurpose as StatusPurpose, value: Bitstring.decode(s.encodedList, statusSize).get(index) }
}
