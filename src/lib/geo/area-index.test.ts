import { test } from 'node:test'
import assert from 'node:assert/strict'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { AreaIndex } from './area-index.ts'
import { jitteredLattice } from './lattice.ts'
import { validateAreaGeometry } from './polygon.ts'
import type { BBox, PolygonGeometry } from './types.ts'

function seeded(seed: number): () => number {
  let s = seed
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648)
}

const BOX: BBox = [113.3, 22.4, 113.5, 22.6]

test('a jittered lattice tiles its box: every random point lies in exactly one cell, as turf agrees', () => {
  const random = seeded(7)
  const lattice = jitteredLattice(BOX, 12, 9, 0.4, random)
  const cells: PolygonGeometry[] = []
  for (let r = 0; r < 9; r++) for (let c = 0; c < 12; c++) cells.push(lattice.cell(c, r))
  for (const g of cells) assert.deepEqual(validateAreaGeometry(g), [])
  const index = new AreaIndex(cells.map((geometry, key) => ({ key, geometry })))
  assert.equal(index.size, 108)
  for (let i = 0; i < 3000; i++) {
    const lon = BOX[0] + random() * 0.2
    const lat = BOX[1] + random() * 0.2
    const hits = index.containing(lon, lat)
    assert.equal(hits.length, 1, `point ${lon},${lat} in ${hits.length} cells`)
    assert.ok(booleanPointInPolygon([lon, lat], cells[hits[0]!]!))
    assert.equal(index.locate(lon, lat), hits[0])
  }
  assert.equal(index.locate(113.6, 22.5), undefined)
  assert.deepEqual(index.containing(0, 0), [])
})

test('a block outline follows its cells, so blocks tile like cells do', () => {
  const lattice = jitteredLattice(BOX, 4, 4, 0.3, seeded(3))
  const blocks = [lattice.block(0, 0, 2, 2), lattice.block(2, 0, 4, 2), lattice.block(0, 2, 2, 4), lattice.block(2, 2, 4, 4)]
  for (const b of blocks) assert.deepEqual(validateAreaGeometry(b), [])
  const index = new AreaIndex(blocks.map((geometry, key) => ({ key, geometry })))
  const cellIndex = new AreaIndex([0, 1, 2, 3].flatMap((r) => [0, 1, 2, 3].map((c) => ({ key: `${c},${r}`, geometry: lattice.cell(c, r) }))))
  const random = seeded(11)
  for (let i = 0; i < 1000; i++) {
    const lon = BOX[0] + random() * 0.2
    const lat = BOX[1] + random() * 0.2
    const block = index.locate(lon, lat)
    const [c, r] = cellIndex.locate(lon, lat)!.split(',').map(Number) as [number, number]
    assert.equal(block, (r >= 2 ? 2 : 0) + (c >= 2 ? 1 : 0))
  }
})

test('nearby lists areas within the radius, nearest first, the containing one at 0 m', () => {
  const lattice = jitteredLattice(BOX, 10, 10, 0, seeded(1))
  const index = new AreaIndex([0, 1, 2].map((c) => ({ key: c, geometry: lattice.cell(c, 0) })))
  // Cell 0 spans 113.30–113.32; a point in it, 500 m from cell 1's edge.
  const near = index.nearby(113.315, 22.41, 1500)
  assert.deepEqual(near.map((n) => n.key), [0, 1])
  assert.equal(near[0]!.meters, 0)
  assert.ok(near[1]!.meters > 450 && near[1]!.meters < 560, String(near[1]!.meters))
  assert.deepEqual(index.nearby(113.315, 22.41, 100).map((n) => n.key), [0])
  assert.deepEqual(index.nearby(114, 23, 1000), [])
  assert.deepEqual(new AreaIndex([]).nearby(0, 0, 10), [])
})

test('lattice arguments are checked', () => {
  assert.throws(() => jitteredLattice(BOX, 0, 1, 0, Math.random), /lattice size/)
  assert.throws(() => jitteredLattice(BOX, 1, 1, 0.5, Math.random), /jitter/)
})
