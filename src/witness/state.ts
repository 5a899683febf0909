/** The witness's state file: one JSON object of origin → last cosigned checkpoint, written atomically. */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { WitnessStateStore, WitnessedCheckpoint } from './witness.ts'

/**
 * Opens (or starts) a state file. set() writes a temporary file, fsyncs it and renames it over
 * the old one, then fsyncs the directory, so a crash leaves either the old or the new state.
 */
export function openStateFile(path: string): WitnessStateStore {
  const state: Record<string, WitnessedCheckpoint> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).logs ?? {} : {}
  return {
    get: (origin) => state[origin],
    set(origin, checkpoint) {
      state[origin] = checkpoint
      const tmp = `${path}.tmp`
      const fd = openSync(tmp, 'w', 0o600)
      try {
        writeSync(fd, JSON.stringify({ logs: state }, null, 2))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(tmp, path)
      const dir = openSync(dirname(path), 'r')
      try { fsyncSync(dir) } finally { closeSync(dir) }
    },
  }
}
