/**
 * The demo city's synthetic grid layout: the 24 towns and sub-districts of Zhongshan on a 6 × 4
 * block layout that roughly follows their real positions, each block split into 4 communities of
 * 4 unit grids, over a jittered lattice near 22.5°N 113.4°E. Deterministic.
 */
import { jitteredLattice, type BBox, type PolygonGeometry } from '../../../lib/geo/index.ts'
import { mulberry32 } from './prng.ts'

export const CITY_BOX: BBox = [113.15, 22.2, 113.65, 22.8]

/** Town division codes (last 3 digits of the town part), north row first, west to east. */
const ROWS: string[][] = [
  ['105', '118', '103', '111', '101', '109'],
  ['110', '004', '108', '112', '007', '003'],
  ['106', '001', '002', '005', '006', '008'],
  ['116', '115', '117', '114', '107', '400'],
]

const COMMUNITY_SUFFIX = ['东', '西', '南', '北']

export interface LayoutGrid {
  code: string
  parentCode: string | null
  level: 'city' | 'town' | 'community' | 'unit'
  name: string
  divisionCode: string | null
  geometry: PolygonGeometry
}

/** Short place name: 石岐街道 → 石岐, 黄圃镇 → 黄圃, 翠亨新区 → 翠亨. */
export function shortName(name: string): string {
  return name.replace(/(街道|镇|新区)$/, '')
}

/**
 * Builds the city, town, community and unit grids. `townNames` maps 12-digit division codes to
 * names (from the city module); towns missing from it are skipped.
 */
export function demoLayout(cityCode: string, cityName: string, townNames: Map<string, string>): LayoutGrid[] {
  const cols = ROWS[0]!.length * 4
  const rows = ROWS.length * 4
  const lattice = jitteredLattice(CITY_BOX, cols, rows, 0.32, mulberry32(442000))
  const out: LayoutGrid[] = [{ code: `${cityCode}00000000`, parentCode: null, level: 'city', name: cityName, divisionCode: cityCode, geometry: lattice.block(0, 0, cols, rows) }]
  ROWS.forEach((row, r) => {
    row.forEach((town3, c) => {
      const division = `${cityCode}${town3}000`
      const townName = townNames.get(division)
      if (!townName) return
      // Lattice rows count from the south; the first layout row is the northernmost.
      const c0 = c * 4
      const r0 = (ROWS.length - 1 - r) * 4
      const townCode = `${cityCode}${town3}00000`
      out.push({ code: townCode, parentCode: `${cityCode}00000000`, level: 'town', name: townName, divisionCode: division, geometry: lattice.block(c0, r0, c0 + 4, r0 + 4) })
      for (let k = 0; k < 4; k++) {
        const cc = c0 + (k % 2) * 2
        const cr = r0 + Math.floor(k / 2) * 2
        const community = `${cityCode}${town3}${String(k + 1).padStart(3, '0')}00`
        const communityName = `${shortName(townName)}${COMMUNITY_SUFFIX[k]}社区`
        out.push({ code: community, parentCode: townCode, level: 'community', name: communityName, divisionCode: null, geometry: lattice.block(cc, cr, cc + 2, cr + 2) })
        for (let u = 0; u < 4; u++) {
          const uc = cc + (u % 2)
          const ur = cr + Math.floor(u / 2)
          const seq = String(u + 1).padStart(2, '0')
          out.push({ code: `${community.slice(0, 12)}${seq}`, parentCode: community, level: 'unit', name: `${communityName}第${seq}网格`, divisionCode: null, geometry: lattice.cell(uc, ur) })
        }
      }
    })
  })
  return out
}
