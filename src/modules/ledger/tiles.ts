/**
 * C2SP tlog-tiles paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, with N in
 * zero-padded 3-digit path elements, all but the last prefixed by `x` (1234067 → x001/x234/067).
 * Parsing accepts only the canonical spelling, so each tile has exactly one URL. Pure code.
 */

/** Tile height: a tile holds 2^8 = 256 hashes of one Merkle level. */
export const TILE_HEIGHT = 8
export const TILE_WIDTH = 256

/** A parsed tile path: `level` is the tile level (Merkle level 8·level), or 'entries' for an entry bundle. */
export interface TilePath {
  readonly level: number | 'entries'
  readonly index: number
  /** 1…255 for a partial tile, 256 for a full one. */
  readonly width: number
}

const ELEMENT = /^\d{3}$/

/** Encodes a tile index as path elements (`x001/x234/067`). Requires a safe integer >= 0. */
export function formatTileIndex(index: number): string {
  const groups: string[] = []
  let n = index
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'))
    n = Math.floor(n / 1000)
  } while (n > 0)
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/')
}

/** Formats a tile path (without the `tile/` prefix's leading part). */
export function formatTilePath(tile: TilePath): string {
  const suffix = tile.width < TILE_WIDTH ? `.p/${tile.width}` : ''
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${suffix}`
}

/** Parses the part after `tile/`; returns undefined for any non-canonical or malformed path. */
export function parseTilePath(rest: string): TilePath | undefined {
  const parts = rest.split('/')
  const head = parts.shift()
  let level: number | 'entries'
  if (head === 'entries') level = 'entries'
  else if (head !== undefined && /^(0|[1-9]\d?)$/.test(head) && Number(head) < 64) level = Number(head)
  else return undefined
  let width = TILE_WIDTH
  if (parts.length >= 2 && parts[parts.length - 2].endsWith('.p')) {
    const w = parts.pop()!
    if (!/^[1-9]\d{0,2}$/.test(w) || Number(w) >= TILE_WIDTH) return undefined
    width = Number(w)
    parts[parts.length - 1] = parts[parts.length - 1].slice(0, -2)
  }
  if (parts.length === 0 || parts.length > 6) return undefined
  let index = 0
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1
    const el = last ? parts[i] : parts[i].startsWith('x') ? parts[i].slice(1) : ''
    if (!ELEMENT.test(el)) return undefined
    if (i === 0 && !last && el === '000') return undefined // no leading zero groups
    index = index * 1000 + Number(el)
  }
  return Number.isSafeInteger(index) ? { level, index, width } : undefined
}

/** How many hashes of Merkle level `merkleLevel` a tree of `size` has completed in tile `index`. */
export function tileAvailable(size: number, merkleLevel: number, index: number): number {
  const complete = Math.floor(size / 2 ** merkleLevel)
  return Math.max(0, Math.min(TILE_WIDTH, complete - index * TILE_WIDTH))
}

/** Encodes entries as an entry bundle: each as a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  const total = entries.reduce((n, e) => n + 2 + e.length, 0)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  let at = 0
  for (const e of entries) {
    view.setUint16(at, e.length)
    out.set(e, at + 2)
    at += 2 + e.length
  }
  return out
}
