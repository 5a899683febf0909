import Flatbush from 'flatbush'
import type { AreaGeometry } from './types.ts'
import { bboxOf, containsPoint, distanceToBoundaryMeters } from './polygon.ts'
import { degreeBox } from './distance.ts'

export interface IndexedArea<K> {
  key: K
  geometry: AreaGeometry
}

export interface NearbyArea<K> {
  key: K
  /** 0 when the point is inside the area, else the distance to its nearest edge. */
  meters: number
}

/**
 * A static spatial index over polygons: a packed Hilbert R-tree (flatbush) over their bounding
 * boxes, then an exact point-in-polygon test on the few candidates. Built once from a snapshot;
 * rebuild it when the areas change (building 10,000 areas takes a few milliseconds).
 */
export class AreaIndex<K> {
  readonly size: number
  private readonly tree: Flatbush | undefined
  private readonly items: IndexedArea<K>[]
  private readonly contains: (g: AreaGeometry, lon: number, lat: number) => boolean

  /**
   * Indexes `items`; requires valid geometries (see `validateAreaGeometry`). `contains` replaces
   * the exact point-in-polygon test (the benchmark plugs turf in to compare).
   */
  constructor(items: readonly IndexedArea<K>[], opts: { contains?: (g: AreaGeometry, lon: number, lat: number) => boolean } = {}) {
    this.contains = opts.contains ?? containsPoint
    this.items = [...items]
    this.size = this.items.length
    if (this.size === 0) return
    this.tree = new Flatbush(this.size)
    for (const it of this.items) {
      const b = bboxOf(it.geometry)
      this.tree.add(b[0], b[1], b[2], b[3])
    }
    this.tree.finish()
  }

  /** Keys of every area containing the point, in index order. Never throws. */
  containing(lon: number, lat: number): K[] {
    if (!this.tree) return []
    const out: K[] = []
    const items = this.items
    const contains = this.contains
    this.tree.search(lon, lat, lon, lat, (i) => {
      if (contains(items[i]!.geometry, lon, lat)) out.push(items[i]!.key)
      return false
    })
    return out
  }

  /** The first area containing the point (the lowest index when areas overlap), or undefined. */
  locate(lon: number, lat: number): K | undefined {
    if (!this.tree) return undefined
    let best = -1
    const items = this.items
    const contains = this.contains
    this.tree.search(lon, lat, lon, lat, (i) => {
      if ((best === -1 || i < best) && contains(items[i]!.geometry, lon, lat)) best = i
      return false
    })
    return best === -1 ? undefined : items[best]!.key
  }

  /**
   * Areas within `maxMeters` of the point, nearest first (containing areas at 0 m), at most
   * `limit`. Candidates come from the bounding-box tree, distances from the exact outlines.
   */
  nearby(lon: number, lat: number, maxMeters: number, limit = 10): NearbyArea<K>[] {
    if (!this.tree) return []
    const { dLon, dLat } = degreeBox(lat, maxMeters)
    const found: NearbyArea<K>[] = []
    for (const i of this.tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const g = this.items[i]!.geometry
      const meters = this.contains(g, lon, lat) ? 0 : distanceToBoundaryMeters(g, lon, lat)
      if (meters <= maxMeters) found.push({ key: this.items[i]!.key, meters })
    }
    found.sort((a, b) => a.meters - b.meters)
    return found.slice(0, limit)
  }

  /** The geometry stored for `key` at index `i` (for callers that hold indexes). */
  geometryAt(i: number): AreaGeometry | undefined {
    return this.items[i]?.geometry
  }
}
