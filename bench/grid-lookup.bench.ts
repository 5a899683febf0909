/**
 * Point-to-grid lookup: which of 10,000 grid polygons contains a point. The index (flatbush over
 * bounding boxes + exact point-in-polygon on the candidates) against turf's brute-force
 * point-in-polygon over every polygon, in the same run. Target: >= 200,000 points/s.
 * Prints `name: value unit (ratio x baseline)`; BENCH_JSON=path also writes the figures as JSON.
 */
import { writeFileSync } from 'node:fs'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { AreaIndex, containsPoint, jitteredLattice, type PolygonGeometry } from '../src/lib/geo/index.ts'
import { mulberry32 } from '../src/modules/grid/seed/prng.ts'

const SIDE = 100 // 100 x 100 = 10,000 polygons
const BOX: [number, number, number, number] = [113.15, 22.2, 113.65, 22.8]
const random = mulberry32(20261128)
const lattice = jitteredLattice(BOX, SIDE, SIDE, 0.35, random)
const polygons: PolygonGeometry[] = []
for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE; c++) polygons.push(lattice.cell(c, r))

const points = Array.from({ length: 200_000 }, () => [BOX[0] + random() * (BOX[2] - BOX[0]), BOX[1] + random() * (BOX[3] - BOX[1])] as const)

function rate(label: string, n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 2000); i++) fn(i) // warm up
  const t0 = process.hrtime.bigint()
  let found = 0
  for (let i = 0; i < n; i++) if (fn(i) !== undefined) found++
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  if (found !== n) throw new Error(`${label}: ${n - found} of ${n} points found no polygon`)
  return n / seconds
}

const tBuild = performance.now()
const index = new AreaIndex(polygons.map((geometry, key) => ({ key, geometry })))
const buildMs = performance.now() - tBuild

// Baseline: turf over every polygon (first hit wins), as a naive implementation would do.
const turfScan = rate('turf brute force', 400, (i) => {
  const p = points[i]!
  for (let k = 0; k < polygons.length; k++) if (booleanPointInPolygon([p[0], p[1]], polygons[k]!)) return k
  return undefined
})
const ownScan = rate('linear scan', 2000, (i) => {
  const p = points[i]!
  for (let k = 0; k < polygons.length; k++) if (containsPoint(polygons[k]!, p[0], p[1])) return k
  return undefined
})
const indexed = rate('index', points.length, (i) => index.locate(points[i]![0], points[i]![1]))
const turfIndex = new AreaIndex(polygons.map((geometry, key) => ({ key, geometry })), { contains: (g, lon, lat) => booleanPointInPolygon([lon, lat], g) })
const indexedTurf = rate('index+turf', points.length, (i) => turfIndex.locate(points[i]![0], points[i]![1]))

// Every method must agree on a sample.
for (let i = 0; i < 300; i++) {
  const p = points[i]!
  const want = polygons.findIndex((g) => booleanPointInPolygon([p[0], p[1]], g))
  const got = index.locate(p[0], p[1])
  if (!booleanPointInPolygon([p[0], p[1]], polygons[got!]!)) throw new Error(`point ${i}: index answered ${got}, turf says ${want}`)
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(`turf brute-force point-in-polygon (10,000 polygons): ${fmt(turfScan)} points/s (1.00x baseline)`)
console.log(`linear scan, own point-in-polygon: ${fmt(ownScan)} points/s (${(ownScan / turfScan).toFixed(1)}x baseline)`)
console.log(`grid index locate (flatbush + exact PIP): ${fmt(indexed)} points/s (${(indexed / turfScan).toFixed(0)}x baseline)`)
console.log(`grid index with turf as the exact test: ${fmt(indexedTurf)} points/s (${(indexedTurf / turfScan).toFixed(0)}x baseline)`)
console.log(`index build, 10,000 polygons: ${buildMs.toFixed(1)} ms`)
const ok = indexed >= 200_000
console.log(`target >= 200,000 points/s: ${ok ? 'met' : 'MISSED'}`)
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ turfScan, ownScan, indexed, indexedTurf, buildMs }, null, 2))
if (!ok) process.exitCode = 1
