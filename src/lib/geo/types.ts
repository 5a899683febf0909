/** A WGS84 position `[longitude, latitude]` in degrees (GeoJSON order). */
export type Position = [number, number]

/** A GeoJSON Polygon: an outer ring then holes; every ring closed (first position = last). */
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: Position[][]
}

/** A GeoJSON MultiPolygon. */
export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry

/** `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [number, number, number, number]

/** One thing wrong with a geometry, located by a JSON-pointer-like path (`coordinates/0/3`). */
export interface GeoProblem {
  path: string
  code: 'type' | 'ring-too-short' | 'ring-not-closed' | 'not-a-position' | 'out-of-range' | 'self-intersection' | 'outside-frame'
  message: string
}
