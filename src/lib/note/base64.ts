/** Standard base64 (RFC 4648 §4) with strict, canonical decoding. */

const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Encodes bytes as padded standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/**
 * Decodes padded standard base64; returns undefined for anything else. Rejects non-alphabet
 * characters, missing padding and non-zero padding bits, so each byte string has exactly
 * one accepted encoding (no malleable signature lines).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!SHAPE.test(text)) return undefined
  const bytes = new Uint8Array(Buffer.from(text, 'base64'))
  return encodeBase64(bytes) === text ? bytes : undefined
}
