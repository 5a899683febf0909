/**
 * Where files submitted as evidence content are kept: one file per entry, under
 * `<root>/<id[-2..]>/<entry id>`, written to a temporary name and renamed so a reader never sees
 * half a file. Keyed by entry, not by hash: evidence recorded by its hash alone must not hand out
 * a file that another organisation submitted with the same hash. A file whose batch then failed
 * stays as an unreferenced object (harmless; collectable).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const ENTRY_ID = /^ent_[0-9A-HJKMNP-TV-Z]{26}$/

export interface EvidenceObjects {
  /** Stores the file of entry `id`. Requires an entry id. Idempotent. */
  put(id: string, bytes: Uint8Array): void
  /** The file of entry `id`, or undefined. Never throws on a malformed id. */
  get(id: string): Buffer | undefined
}

export function createEvidenceObjects(root: string): EvidenceObjects {
  const pathOf = (id: string): string | undefined => (ENTRY_ID.test(id) ? join(root, id.slice(-2), id) : undefined)
  return {
    put(id, bytes) {
      const path = pathOf(id)
      if (!path) throw new TypeError(`entry id: got ${id}, want ent_<ULID>`)
      if (existsSync(path)) return
      mkdirSync(join(path, '..'), { recursive: true })
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
      writeFileSync(tmp, bytes, { mode: 0o640 })
      renameSync(tmp, path)
    },
    get(id) {
      const path = pathOf(id)
      return path && existsSync(path) ? readFileSync(path) : undefined
    },
  }
}
