import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { encodeEntryBundle, formatTileIndex, formatTilePath, parseTilePath, tileAvailable } from './tiles.ts'

describe('tlog-tiles paths', () => {
  it('encodes indexes in 3-digit groups, all but the last prefixed by x', () => {
    assert.equal(formatTileIndex(0), '000')
    assert.equal(formatTileIndex(5), '005')
    assert.equal(formatTileIndex(1000), 'x001/000')
    assert.equal(formatTileIndex(1234067), 'x001/x234/067')
    assert.equal(formatTilePath({ level: 0, index: 1234067, width: 256 }), 'tile/0/x001/x234/067')
    assert.equal(formatTilePath({ level: 'entries', index: 3, width: 17 }), 'tile/entries/003.p/17')
  })

  it('parses exactly the canonical spelling and round-trips', () => {
    for (const tile of [{ level: 0, index: 0, width: 256 }, { level: 2, index: 1234067, width: 5 }, { level: 'entries' as const, index: 999, width: 255 }]) {
      assert.deepEqual(parseTilePath(formatTilePath(tile).slice('tile/'.length)), tile)
    }
    for (const bad of ['', '0', '0/', '0/1', '0/0000', '0/x000/001', '0/001/x002', '0/x1/000', '01/000', '64/000', '0/000.p/0', '0/000.p/256', '0/000.p/01', '0/000.p', 'entry/000', '0/000/', '0/-01']) {
      assert.equal(parseTilePath(bad), undefined, bad)
    }
  })

  it('counts the complete hashes a tree has in a tile', () => {
    assert.equal(tileAvailable(300, 0, 0), 256)
    assert.equal(tileAvailable(300, 0, 1), 44)
    assert.equal(tileAvailable(300, 0, 2), 0)
    assert.equal(tileAvailable(300, 8, 0), 1)
    assert.equal(tileAvailable(255, 8, 0), 0)
  })

  it('bundles entries as uint16 big-endian length and bytes', () => {
    assert.deepEqual([...encodeEntryBundle([Uint8Array.of(7), new Uint8Array(0), Uint8Array.of(1, 2)])], [0, 1, 7, 0, 0, 0, 2, 1, 2])
  })
})
