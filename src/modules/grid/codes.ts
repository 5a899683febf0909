/**
 * 14-digit grid codes as in GB/T 30428.1 practice: county (6, GB/T 2260) + town/sub-district (3)
 * + community (3) + unit grid sequence (2). Zeros mark the levels above: a town's code ends in
 * `00000`, a community's in `00`. A town grid's code is its 12-digit division code + `00`.
 */
export const GRID_LEVELS = ['city', 'town', 'community', 'unit'] as const
export type GridLevel = (typeof GRID_LEVELS)[number]

const CODE = /^\d{14}$/

/** The level a well-formed code denotes, or undefined when it is malformed. Never throws. */
export function levelOfCode(code: string): GridLevel | undefined {
  if (!CODE.test(code)) return undefined
  const town = code.slice(6, 9), community = code.slice(9, 12), unit = code.slice(12)
  if (town === '000') return community === '000' && unit === '00' ? 'city' : undefined
  if (community === '000') return unit === '00' ? 'town' : undefined
  return unit === '00' ? 'community' : 'unit'
}

/** The code of the grid one level up (undefined for the city or a malformed code). */
export function parentCodeOf(code: string): string | undefined {
  switch (levelOfCode(code)) {
    case 'unit': return `${code.slice(0, 12)}00`
    case 'community': return `${code.slice(0, 9)}00000`
    case 'town': return `${code.slice(0, 6)}00000000`
    default: return undefined
  }
}

/** The town and community codes a unit or community code belongs to. */
export function ancestorsOf(code: string): { townCode: string | null; communityCode: string | null } {
  const level = levelOfCode(code)
  if (level === 'unit') return { townCode: `${code.slice(0, 9)}00000`, communityCode: `${code.slice(0, 12)}00` }
  if (level === 'community') return { townCode: `${code.slice(0, 9)}00000`, communityCode: code }
  if (level === 'town') return { townCode: code, communityCode: null }
  return { townCode: null, communityCode: null }
}

/**
 * Why `code` cannot be a grid of `level` under `parentCode` (null for the city), or undefined
 * when it can.
 */
export function gridCodeProblem(code: string, level: GridLevel, parentCode: string | null): string | undefined {
  const actual = levelOfCode(code)
  if (!actual) return 'want 14 digits: county(6) + town(3) + community(3) + unit(2), zeros for the levels above'
  if (actual !== level) return `the code denotes a ${actual} grid, not a ${level}`
  if ((parentCodeOf(code) ?? null) !== parentCode) return `a ${level} grid under ${parentCode ?? 'nothing'} must have parent ${parentCodeOf(code) ?? 'none'}`
  return undefined
}

/** The town grid code of a 12-digit town division code (`442000001000` → `44200000100000`). */
export function townGridCode(divisionCode: string): string {
  return `${divisionCode}00`
}

/** The prefix every grid code under `code` (itself included) starts with; the code itself when malformed. */
export function codePrefix(code: string): string {
  switch (levelOfCode(code)) {
    case 'city': return code.slice(0, 6)
    case 'town': return code.slice(0, 9)
    case 'community': return code.slice(0, 12)
    default: return code
  }
}
