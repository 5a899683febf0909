import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { areaSquareMeters, bboxOf, containsPoint, distanceToBoundaryMeters, validateAreaGeometry } from './polygon.ts'
import type { PolygonGeometry, Position } from './types.ts'
import { haversineMeters } from './distance.ts'

const square = (x: number, y: number, s: number): PolygonGeometry => ({
  type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
})

test('a closed square is valid; its bbox, area and containment are right', () => {
  const g = square(113.4, 22.5, 0.01)
  assert.deepEqual(validateAreaGeometry(g), [])
  assert.deepEqual(bboxOf(g), [113.4, 22.5, 113.4 + 0.01, 22.5 + 0.01])
  assert.equal(containsPoint(g, 113.405, 22.505), true)
  assert.equal(containsPoint(g, 113.415, 22.505), false)
  // 0.01° x 0.01° at 22.5°N is about 1,113 m x 1,028 m.
  const area = areaSquareMeters(g)
  assert.ok(Math.abs(area - 1_113_195 * 1_028_450 / 1_000_000) / area < 0.01, `area ${area}`)
})

test('validation names the problem and where it is', () => {
  const open = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }
  assert.deepEqual(validateAreaGeometry(open).map((p) => [p.path, p.code]), [['geometry/coordinates/0', 'ring-not-closed']])
  const short = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }
  assert.deepEqual(validateAreaGeometry(short).map((p) => p.code), ['ring-too-short'])
  const range = { type: 'Polygon', coordinates: [[[0, 0], [181, 0], [1, 1], [0, 0]]] }
  assert.deepEqual(validateAreaGeometry(range).map((p) => [p.path, p.code]), [['geometry/coordinates/0/1', 'out-of-range']])
  const bow = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }
  assert.deepEqual(validateAreaGeometry(bow).map((p) => p.code), ['self-intersection'])
  assert.deepEqual(validateAreaGeometry({ type: 'Point', coordinates: [0, 0] }).map((p) => p.code), ['type'])
  assert.deepEqual(validateAreaGeometry(null).map((p) => p.code), ['type'])
  assert.deepEqual(validateAreaGeometry({ type: 'Polygon', coordinates: [[[0, 0], ['a', 1], [1, 1], [0, 0]]] }).map((p) => p.code), ['not-a-position'])
})

test('holes and multipolygons', () => {
  const withHole: PolygonGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10).coordinates[0]!, square(4, 4, 2).coordinates[0]!] }
  assert.equal(containsPoint(withHole, 1, 1), true)
  assert.equal(containsPoint(withHole, 5, 5), false)
  const multi = { type: 'MultiPolygon' as const, coordinates: [square(0, 0, 1).coordinates, square(5, 5, 1).coordinates] }
  assert.deepEqual(validateAreaGeometry(multi), [])
  assert.equal(containsPoint(multi, 5.5, 5.5), true)
  assert.equal(containsPoint(multi, 3, 3), false)
})

test('distance to the boundary in metres', () => {
  const g = square(113.4, 22.5, 0.01)
  const d = distanceToBoundaryMeters(g, 113.405, 22.5)
  assert.ok(d < 0.01)
  const inside = distanceToBoundaryMeters(g, 113.401, 22.505)
  const want = haversineMeters(113.4, 22.505, 113.401, 22.505)
  assert.ok(Math.abs(inside - want) < 1, `${inside} vs ${want}`)
})

test('point-in-polygon agrees with turf on random star polygons and points off the boundary', () => {
  const star = fc.record({
    n: fc.integer({ min: 3, max: 24 }),
    radii: fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }),
    px: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
    py: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
  })
  fc.assert(fc.property(star, ({ n, radii, px, py }) => {
    const ring: Position[] = []
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n
      ring.push([radii[i]! * Math.cos(a), radii[i]! * Math.sin(a)])
    }
    ring.push(ring[0]!)
    const g: PolygonGeometry = { type: 'Polygon', coordinates: [ring] }
    if (validateAreaGeometry(g).length) return true
    // Skip points within a hair of an edge, where the boundary rules may differ.
    let near = Infinity
    for (let i = 0; i < n; i++) {
      const [ax, ay] = ring[i]!, [bx, by] = ring[i + 1]!
      const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
      near = Math.min(near, Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay)))
    }
    if (near < 1e-9) return true
    return containsPoint(g, px, py) === booleanPointInPolygon([px, py], g)
  }), { numRuns: 2000, seed: 42 })
})
