/**
 * Where submitted evidence files are kept: a content-addressed folder, one file per payload hash
 * under `<root>/<algorithm>/<hex[0..2]>/<hex>`, written to a temporary name and renamed, so a
 * reader never sees half a file and a retried submission stores nothing twice. A file whose
 * batch then failed stays as an unreferenced object (harmless; its hash is all it reveals).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const REF = /^(sm3|sha256):([0-9a-f]{64})$/

export interface EvidenceObjects {
  /** Stores `bytes` under the payload hash `<alg>:<hex>` they hash to (the caller checked it). Idempotent. */
  put(hash: string, bytes: Uint8Array): void
  /** The bytes stored under `hash`, or undefined. Never throws on a malformed hash. */
  get(hash: string): Buffer | undefined
}

export function createEvidenceObjects(root: string): EvidenceObjects {
  const pathOf = (hash: string): string | undefined => {
    const m = REF.exec(hash)
    return m ? join(root, m[1], m[2].slice(0, 2), m[2]) : undefined
  }
  return {
    put(hash, bytes) {
      const path = pathOf(hash)
      if (!path) throw new TypeError(`payload hash: got ${hash}, want <sm3|sha256>:<64 hex>`)
      if (existsSync(path)) return
      mkdirSync(join(path, '..'), { recursive: true })
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
      writeFileSync(tmp, bytes, { mode: 0o640 })
      renameSync(tmp, path)
    },
    get(hash) {
      const path = pathOf(hash)
      return path && existsSync(path) ? readFileSync(path) : undefined
    },
  }
}
