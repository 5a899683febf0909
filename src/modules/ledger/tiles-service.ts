/** Serves the log as C2SP tlog-tiles, up to the newest published checkpoint (read-only). */
import { LedgerError } from './errors.ts'
import { leafBytes } from './leaf.ts'
import { fieldsOf } from './proofs.ts'
import type { PublishedCheckpoint } from './publisher.ts'
import type { LedgerRepo } from './repo.ts'
import { TILE_HEIGHT, TILE_WIDTH, encodeEntryBundle, parseTilePath, tileAvailable } from './tiles.ts'

export function createTiles(deps: { repo: LedgerRepo; latest(): Promise<PublishedCheckpoint | undefined> }) {
  return {
    /** The newest published, cosigned checkpoint note. Throws LEDGER_NO_CHECKPOINT before the first. */
    async checkpoint(): Promise<string> {
      const cp = await deps.latest()
      if (!cp) throw new LedgerError.NO_CHECKPOINT()
      return cp.note
    },
    /**
     * A hash tile or entry bundle by its path after `tile/`; `full` says whether it can no longer
     * change (cacheable forever). Throws LEDGER_TILE_NOT_FOUND for a malformed path or a tile the
     * published tree does not have.
     */
    async tile(path: string): Promise<{ bytes: Uint8Array; full: boolean }> {
      const tile = parseTilePath(path)
      if (!tile) throw new LedgerError.TILE_NOT_FOUND(path)
      const size = (await deps.latest())?.size ?? 0
      const merkleLevel = tile.level === 'entries' ? 0 : tile.level * TILE_HEIGHT
      if (tileAvailable(size, merkleLevel, tile.index) < tile.width) throw new LedgerError.TILE_NOT_FOUND(path)
      const start = tile.index * TILE_WIDTH
      if (tile.level === 'entries') {
        const rows = await deps.repo.listEntriesRange(start, start + tile.width)
        if (rows.length !== tile.width) throw new LedgerError.TILE_NOT_FOUND(path)
        return { bytes: encodeEntryBundle(rows.map((r) => leafBytes(fieldsOf(r)))), full: tile.width === TILE_WIDTH }
      }
      const hashes = await deps.repo.getLevelRange(merkleLevel, start, tile.width)
      if (hashes.length !== tile.width) throw new LedgerError.TILE_NOT_FOUND(path)
      return { bytes: Buffer.concat(hashes), full: tile.width === TILE_WIDTH }
    },
  }
}
