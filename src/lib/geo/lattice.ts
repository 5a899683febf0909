import type { BBox, PolygonGeometry, Position } from './types.ts'

/**
 * A gap-free tiling of `box` into `cols × rows` quadrilateral cells whose interior vertices are
 * moved by up to `jitter` (0..0.45) of a cell, deterministically from `random` (a seeded PRNG in
 * [0, 1)). Neighbouring cells share their vertices exactly, so every point of the box lies in one
 * cell (or on a shared edge). Used for synthetic demo grids and for benchmarks.
 */
export function jitteredLattice(box: BBox, cols: number, rows: number, jitter: number, random: () => number) {
  if (!(cols >= 1 && rows >= 1)) throw new RangeError(`lattice size: got ${cols}x${rows}, want at least 1x1`)
  if (!(jitter >= 0 && jitter <= 0.45)) throw new RangeError(`jitter: got ${jitter}, want 0..0.45`)
  const [minX, minY, maxX, maxY] = box
  const dx = (maxX - minX) / cols
  const dy = (maxY - minY) / rows
  const vx = new Float64Array((cols + 1) * (rows + 1))
  const vy = new Float64Array((cols + 1) * (rows + 1))
  const round = (v: number) => Math.round(v * 1e7) / 1e7
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      const k = r * (cols + 1) + c
      const edgeX = c === 0 || c === cols
      const edgeY = r === 0 || r === rows
      vx[k] = round(minX + c * dx + (edgeX ? 0 : (random() * 2 - 1) * jitter * dx))
      vy[k] = round(minY + r * dy + (edgeY ? 0 : (random() * 2 - 1) * jitter * dy))
    }
  }
  const vertex = (c: number, r: number): Position => [vx[r * (cols + 1) + c]!, vy[r * (cols + 1) + c]!]

  /**
   * The outline of the block of cells [c0, c1) × [r0, r1) (counter-clockwise, closed), following
   * every shared lattice vertex on its edges so that blocks tile exactly like their cells.
   */
  function block(c0: number, r0: number, c1: number, r1: number): PolygonGeometry {
    const ring: Position[] = []
    for (let c = c0; c < c1; c++) ring.push(vertex(c, r0))
    for (let r = r0; r < r1; r++) ring.push(vertex(c1, r))
    for (let c = c1; c > c0; c--) ring.push(vertex(c, r1))
    for (let r = r1; r > r0; r--) ring.push(vertex(c0, r))
    ring.push(ring[0]!)
    return { type: 'Polygon', coordinates: [ring] }
  }

  return { cols, rows, cell: (c: number, r: number) => block(c, r, c + 1, r + 1), block }
}
