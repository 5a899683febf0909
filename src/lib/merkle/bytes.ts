/** Small byte helpers shared by the Merkle code. */

/** Whether two byte arrays hold the same bytes. Not constant-time: use only on public data. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Lower-case hex of `bytes`; a non-Uint8Array value is described instead of encoded. */
export function toHex(bytes: unknown): string {
  if (!(bytes instanceof Uint8Array)) return `<${typeof bytes}>`
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}
