/** Mean Earth radius in metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8

const RAD = Math.PI / 180

/** Great-circle distance in metres between two WGS84 points (haversine). Never throws. */
export function haversineMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/**
 * The half-sizes in degrees of a box of `meters` around latitude `lat`: a cheap prefilter for
 * radius queries (the box contains the circle for |lat| < 85°).
 */
export function degreeBox(lat: number, meters: number): { dLon: number; dLat: number } {
  const dLat = meters / (EARTH_RADIUS_M * RAD)
  const dLon = dLat / Math.max(0.01, Math.cos(lat * RAD))
  return { dLon, dLat }
}

/**
 * Distance in metres from a point to the segment a–b, in a local equirectangular projection
 * around the point (accurate to well under 1 % over a few kilometres).
 */
export function pointSegmentMeters(lon: number, lat: number, aLon: number, aLat: number, bLon: number, bLat: number): number {
  const kx = Math.cos(lat * RAD) * EARTH_RADIUS_M * RAD
  const ky = EARTH_RADIUS_M * RAD
  const ax = (aLon - lon) * kx
  const ay = (aLat - lat) * ky
  const bx = (bLon - lon) * kx
  const by = (bLat - lat) * ky
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2
  t = Math.max(0, Math.min(1, t))
  return Math.hypot(ax + t * dx, ay + t * dy)
}
