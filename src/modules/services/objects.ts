/**
 * The content-addressed object store for uploaded materials: each file is stored once under
 * `<root>/<sha256[0..2]>/<sha256>`, written to a temporary name and renamed, so a reader never sees
 * half a file. Content addressing makes a retried upload idempotent; a file whose transaction
 * rolled back stays as an unreferenced object (harmless, collectable).
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ObjectStore {
  /** Stores `bytes`; returns their SHA-256 (hex). Idempotent. */
  put(bytes: Buffer): string
  /** The bytes stored under `hash`, or undefined. */
  get(hash: string): Buffer | undefined
}

const HASH = /^[0-9a-f]{64}$/

export function createObjectStore(root: string): ObjectStore {
  const pathOf = (hash: string) => join(root, hash.slice(0, 2), hash)
  return {
    put(bytes) {
      const hash = createHash('sha256').update(bytes).digest('hex')
      const path = pathOf(hash)
      if (!existsSync(path)) {
        mkdirSync(join(root, hash.slice(0, 2)), { recursive: true })
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
        writeFileSync(tmp, bytes, { mode: 0o640 })
        renameSync(tmp, path)
      }
      return hash
    },
    get(hash) {
      if (!HASH.test(hash)) return undefined
      const path = pathOf(hash)
      return existsSync(path) ? readFileSync(path) : undefined
    },
  }
}

/** Detects the file kind from its first bytes (never from the name or the declared type). */
export function sniffKind(bytes: Buffer): 'pdf' | 'jpg' | 'png' | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  return undefined
}

export const MIME: Record<'pdf' | 'jpg' | 'png', string> = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' }
