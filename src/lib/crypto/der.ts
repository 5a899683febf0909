/**
 * The small, strict DER subset used by SM2 signatures (SEQUENCE of two INTEGERs), GM/T 0009
 * ciphertexts and PKCS#8/SEC1/SPKI keys. Strict means: definite minimal lengths, minimal
 * non-negative INTEGERs and no trailing bytes, so one value has exactly one encoding.
 *
 * Internal to `src/lib/crypto`; parse failures throw the `code` the caller passes in.
 */
import { CryptoError, type CryptoErrorCode } from './errors.ts'

export const TAG_INTEGER = 0x02
export const TAG_BIT_STRING = 0x03
export const TAG_OCTET_STRING = 0x04
export const TAG_OID = 0x06
export const TAG_SEQUENCE = 0x30

/** One decoded TLV: its tag, its content bytes and the offset just past it. */
export interface Tlv {
  tag: number
  content: Uint8Array
  end: number
}

/** A strict DER reader bound to the error code its caller reports. */
export class DerReader {
  private offset = 0

  constructor(
    private readonly bytes: Uint8Array,
    private readonly code: CryptoErrorCode,
    private readonly what: string,
  ) {}

  fail(reason: string): never {
    throw new CryptoError(this.code, `${this.what}: ${reason}`)
  }

  get isDone(): boolean {
    return this.offset === this.bytes.length
  }

  /** Requires that all bytes were consumed. */
  end(): void {
    if (!this.isDone) this.fail(`${this.bytes.length - this.offset} trailing bytes`)
  }

  peekTag(): number | undefined {
    return this.bytes[this.offset]
  }

  /** Reads one TLV and requires its tag to be `tag`. */
  read(tag: number): Uint8Array {
    const b = this.bytes
    if (this.offset + 2 > b.length) this.fail('truncated')
    const got = b[this.offset]
    if (got !== tag) this.fail(`tag 0x${got.toString(16)} where 0x${tag.toString(16)} was expected`)
    let at = this.offset + 1
    let length = b[at++]
    if (length & 0x80) {
      const count = length & 0x7f
      // 0x80 is BER's indefinite length; more than 4 length bytes is never needed here.
      if (count === 0 || count > 4) this.fail('unsupported length form')
      if (at + count > b.length) this.fail('truncated length')
      if (b[at] === 0) this.fail('non-minimal length')
      length = 0
      for (let i = 0; i < count; i++) length = length * 256 + b[at++]
      if (length < 0x80) this.fail('non-minimal length')
    }
    if (at + length > b.length) this.fail('truncated content')
    this.offset = at + length
    return b.subarray(at, at + length)
  }

  /** Reads a SEQUENCE (or `tag`) and returns a reader over its content. */
  sequence(tag = TAG_SEQUENCE): DerReader {
    return new DerReader(this.read(tag), this.code, this.what)
  }

  /** Reads a minimal, non-negative INTEGER. */
  integer(): bigint {
    const c = this.read(TAG_INTEGER)
    if (c.length === 0) this.fail('empty INTEGER')
    if (c[0] & 0x80) this.fail('negative INTEGER')
    if (c.length > 1 && c[0] === 0 && !(c[1] & 0x80)) this.fail('non-minimal INTEGER')
    let n = 0n
    for (const byte of c) n = (n << 8n) | BigInt(byte)
    return n
  }

  /** Reads a BIT STRING with no unused bits and returns its bytes. */
  bitString(): Uint8Array {
    const c = this.read(TAG_BIT_STRING)
    if (c.length === 0 || c[0] !== 0) this.fail('BIT STRING with unused bits')
    return c.subarray(1)
  }
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  const out: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256)
  return Uint8Array.of(0x80 | out.length, ...out)
}

/** Encodes one TLV; `content` parts are concatenated. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const length = content.reduce((sum, part) => sum + part.length, 0)
  return Buffer.concat([Uint8Array.of(tag), encodeLength(length), ...content])
}

/** Encodes a non-negative bigint as a minimal DER INTEGER. */
export function derInteger(n: bigint): Uint8Array {
  if (n < 0n) throw new CryptoError('CRYPTO_BAD_INPUT', 'DER INTEGER must be non-negative')
  let hex = n.toString(16)
  if (hex.length % 2) hex = '0' + hex
  // A leading byte >= 0x80 would read as negative: prefix a zero byte.
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex
  return tlv(TAG_INTEGER, Buffer.from(hex, 'hex'))
}

/** Encodes a BIT STRING with no unused bits. */
export function derBitString(bytes: Uint8Array): Uint8Array {
  return tlv(TAG_BIT_STRING, Uint8Array.of(0), bytes)
}

/** Encodes a dotted OBJECT IDENTIFIER. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number)
  const out = [arcs[0] * 40 + arcs[1]]
  for (const arc of arcs.slice(2)) {
    const base128: number[] = []
    for (let n = arc; ; n = Math.floor(n / 128)) {
      base128.unshift((n % 128) | (base128.length ? 0x80 : 0))
      if (n < 128) break
    }
    out.push(...base128)
  }
  return tlv(TAG_OID, Uint8Array.from(out))
}
