import type { AreaGeometry, BBox, GeoProblem, Position } from './types.ts'
import { EARTH_RADIUS_M, pointSegmentMeters } from './distance.ts'

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1])
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
  const o1 = o(a, b, c)
  const o2 = o(a, b, d)
  const o3 = o(c, d, a)
  const o4 = o(c, d, b)
  // Proper crossings only: touching at a shared vertex is how neighbouring edges meet.
  return o1 * o2 < 0 && o3 * o4 < 0
}

function ringProblems(ring: unknown, path: string, out: GeoProblem[]): void {
  if (!Array.isArray(ring)) {
    out.push({ path, code: 'type', message: 'a ring must be an array of positions' })
    return
  }
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]
    if (!isPosition(p)) {
      out.push({ path: `${path}/${i}`, code: 'not-a-position', message: 'a position is [longitude, latitude] in finite numbers' })
      return
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      out.push({ path: `${path}/${i}`, code: 'out-of-range', message: `position [${p[0]}, ${p[1]}] is outside longitude -180..180 / latitude -90..90` })
      return
    }
  }
  if (ring.length < 4) {
    out.push({ path, code: 'ring-too-short', message: `a ring needs at least 4 positions (got ${ring.length})` })
    return
  }
  const first = ring[0] as Position
  const last = ring[ring.length - 1] as Position
  if (first[0] !== last[0] || first[1] !== last[1]) {
    out.push({ path, code: 'ring-not-closed', message: 'a ring must end at the position it starts from' })
    return
  }
  if (ring.length > 2000) return // O(n²) check below; very long rings come from trusted imports
  const pts = ring as Position[]
  for (let i = 0; i < pts.length - 1; i++) {
    for (let j = i + 2; j < pts.length - 1; j++) {
      if (i === 0 && j === pts.length - 2) continue
      if (segmentsCross(pts[i]!, pts[i + 1]!, pts[j]!, pts[j + 1]!)) {
        out.push({ path, code: 'self-intersection', message: `edges ${i} and ${j} of the ring cross` })
        return
      }
    }
  }
}

/**
 * Checks that `geometry` is a GeoJSON Polygon or MultiPolygon with closed rings of at least four
 * WGS84 positions and no self-crossing ring. Returns the problems found (empty when valid);
 * never throws.
 */
export function validateAreaGeometry(geometry: unknown, path = 'geometry'): GeoProblem[] {
  const out: GeoProblem[] = []
  const g = geometry as { type?: unknown; coordinates?: unknown }
  if (!g || typeof g !== 'object') return [{ path, code: 'type', message: 'geometry must be a GeoJSON Polygon or MultiPolygon' }]
  if (g.type === 'Polygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return [{ path: `${path}/coordinates`, code: 'type', message: 'a Polygon needs at least one ring' }]
    g.coordinates.forEach((ring, i) => ringProblems(ring, `${path}/coordinates/${i}`, out))
    return out
  }
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return [{ path: `${path}/coordinates`, code: 'type', message: 'a MultiPolygon needs at least one polygon' }]
    g.coordinates.forEach((poly, i) => {
      if (!Array.isArray(poly) || poly.length === 0) out.push({ path: `${path}/coordinates/${i}`, code: 'type', message: 'a polygon needs at least one ring' })
      else poly.forEach((ring, j) => ringProblems(ring, `${path}/coordinates/${i}/${j}`, out))
    })
    return out
  }
  return [{ path: `${path}/type`, code: 'type', message: `geometry type must be Polygon or MultiPolygon (got ${JSON.stringify(g.type)})` }]
}

/** The polygons of an area geometry as lists of rings. */
export function polygonsOf(g: AreaGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
}

/** The bounding box of a valid area geometry. */
export function bboxOf(g: AreaGeometry): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const poly of polygonsOf(g)) {
    for (const p of poly[0]!) {
      if (p[0] < minX) minX = p[0]
      if (p[0] > maxX) maxX = p[0]
      if (p[1] < minY) minY = p[1]
      if (p[1] > maxY) maxY = p[1]
    }
  }
  return [minX, minY, maxX, maxY]
}

/** True when every position of `g` lies inside `box` (used to keep grids inside their city's frame). */
export function withinBBox(g: AreaGeometry, box: BBox): boolean {
  const b = bboxOf(g)
  return b[0] >= box[0] && b[1] >= box[1] && b[2] <= box[2] && b[3] <= box[3]
}

function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0], yi = ring[i]![1], xj = ring[j]![0], yj = ring[j]![1]
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/**
 * Even-odd point-in-polygon with holes (points exactly on an edge may fall either way; callers
 * that need a boundary rule use `distanceToBoundaryMeters`). Requires a valid geometry.
 */
export function containsPoint(g: AreaGeometry, lon: number, lat: number): boolean {
  for (const poly of polygonsOf(g)) {
    if (!ringContains(poly[0]!, lon, lat)) continue
    let inHole = false
    for (let h = 1; h < poly.length; h++) if (ringContains(poly[h]!, lon, lat)) { inHole = true; break }
    if (!inHole) return true
  }
  return false
}

/** Distance in metres from a point to the nearest edge of `g` (0 on an edge). */
export function distanceToBoundaryMeters(g: AreaGeometry, lon: number, lat: number): number {
  let best = Infinity
  for (const poly of polygonsOf(g)) {
    for (const ring of poly) {
      for (let i = 0; i < ring.length - 1; i++) {
        const d = pointSegmentMeters(lon, lat, ring[i]![0], ring[i]![1], ring[i + 1]![0], ring[i + 1]![1])
        if (d < best) best = d
      }
    }
  }
  return best
}

/** Area in square metres (spherical excess approximation, holes subtracted). */
export function areaSquareMeters(g: AreaGeometry): number {
  const ringArea = (ring: Position[]): number => {
    let sum = 0
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i]!
      const [x2, y2] = ring[i + 1]!
      sum += ((x2 - x1) * Math.PI / 180) * (2 + Math.sin(y1 * Math.PI / 180) + Math.sin(y2 * Math.PI / 180))
    }
    return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2)
  }
  let total = 0
  for (const poly of polygonsOf(g)) {
    total += ringArea(poly[0]!)
    for (let h = 1; h < poly.length; h++) total -= ringArea(poly[h]!)
  }
  return total
}

/** A label point: the bounding-box centre, or the mean of the first ring's vertices when the centre falls outside (rounded to 1e-7°). */
export function labelPoint(g: AreaGeometry): Position {
  const [minX, minY, maxX, maxY] = bboxOf(g)
  const round = (v: number) => Math.round(v * 1e7) / 1e7
  const c: Position = [round((minX + maxX) / 2), round((minY + maxY) / 2)]
  if (containsPoint(g, c[0], c[1])) return c
  const ring = polygonsOf(g)[0]![0]!
  let sx = 0, sy = 0
  for (let i = 0; i < ring.length - 1; i++) { sx += ring[i]![0]; sy += ring[i]![1] }
  return [round(sx / (ring.length - 1)), round(sy / (ring.length - 1))]
}
