/**
 * Satisfaction arithmetic for service evaluation (GB/T 39735-2020 "好差评"): the five levels and
 * their scores, the rates published from level counts, and ranking with a minimum count (no group
 * is ranked, and its rates are not shown, on fewer ratings than the minimum — FixMyStreet's lesson
 * that small numbers mislead). Pure: no I/O.
 */

/** The five levels, best first. Scores are 5 (非常满意) down to 1 (非常不满意). */
export const LEVELS = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const
export type Level = (typeof LEVELS)[number]

/** The Chinese names of the levels, as GB/T 39735 writes them. */
export const LEVEL_NAMES: Record<Level, string> = {
  'very-satisfied': '非常满意', satisfied: '满意', basic: '基本满意', dissatisfied: '不满意', 'very-dissatisfied': '非常不满意',
}

/** The score of a level: 5 for 非常满意 … 1 for 非常不满意. */
export function levelScore(level: Level): number {
  return 5 - LEVELS.indexOf(level)
}

/** The level of a score 1..5. Throws RangeError on anything else. */
export function levelOf(score: number): Level {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`level score: got ${score}, want an integer 1..5`)
  return LEVELS[5 - score]!
}

/** True for a bad review (差评): 不满意 or 非常不满意. */
export function isBadScore(score: number): boolean {
  return score <= 2
}

/** Counts of ratings per level. */
export type LevelCounts = Record<Level, number>

export function emptyCounts(): LevelCounts {
  return { 'very-satisfied': 0, satisfied: 0, basic: 0, dissatisfied: 0, 'very-dissatisfied': 0 }
}

/** Adds `n` ratings of `score` to `counts` (mutates and returns it). */
export function addScore(counts: LevelCounts, score: number, n = 1): LevelCounts {
  counts[levelOf(score)] += n
  return counts
}

export function totalOf(counts: LevelCounts): number {
  return LEVELS.reduce((s, l) => s + counts[l], 0)
}

/** Rounds a ratio to four decimals (0.9876); null stays null. */
export function round4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10_000) / 10_000
}

/** A ratio, or null when the denominator is 0 (never NaN). */
export function ratio(num: number, den: number): number | null {
  return den > 0 ? round4(num / den) : null
}

/**
 * 满意率: (非常满意 + 满意 + 基本满意) ÷ all ratings. null without ratings.
 * 差评率: (不满意 + 非常不满意) ÷ all ratings. Mean score: average of the 1..5 scores.
 */
export function ratesOf(counts: LevelCounts): { total: number; satisfactionRate: number | null; badRate: number | null; meanScore: number | null } {
  const total = totalOf(counts)
  const good = counts['very-satisfied'] + counts.satisfied + counts.basic
  const bad = counts.dissatisfied + counts['very-dissatisfied']
  const sum = LEVELS.reduce((s, l) => s + counts[l] * levelScore(l), 0)
  return { total, satisfactionRate: ratio(good, total), badRate: ratio(bad, total), meanScore: total ? Math.round((sum / total) * 100) / 100 : null }
}

/** A group of ratings (a department, hall, window, clerk, item or period) before ranking. */
export interface Group { key: string; label: string; counts: LevelCounts }

/** A group as published: rates and rank only when it has at least the minimum count. */
export interface RankedGroup {
  key: string
  label: string
  count: number
  /** True when the group has fewer ratings than the minimum: no levels, rates or rank shown. */
  suppressed: boolean
  levels: LevelCounts | null
  satisfactionRate: number | null
  badRate: number | null
  meanScore: number | null
  /** 1 = best; ties share a rank (competition ranking); null when suppressed or not ranked. */
  rank: number | null
}

/**
 * Applies the minimum-count rule to `groups` and ranks the rest by satisfaction rate, then mean
 * score (both descending); equal pairs share a rank. Suppressed groups keep only their count.
 * Returns ranked groups first (by rank, then label), suppressed ones after (by count descending).
 * Requires minCount >= 1.
 */
export function rankGroups(groups: readonly Group[], minCount: number, opts: { rank?: boolean } = {}): RankedGroup[] {
  if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minimum count: got ${minCount}, want an integer >= 1`)
  const shown: RankedGroup[] = []
  const hidden: RankedGroup[] = []
  for (const g of groups) {
    const r = ratesOf(g.counts)
    if (r.total < minCount) {
      hidden.push({ key: g.key, label: g.label, count: r.total, suppressed: true, levels: null, satisfactionRate: null, badRate: null, meanScore: null, rank: null })
    } else {
      shown.push({ key: g.key, label: g.label, count: r.total, suppressed: false, levels: { ...g.counts }, satisfactionRate: r.satisfactionRate, badRate: r.badRate, meanScore: r.meanScore, rank: null })
    }
  }
  const cmp = (a: RankedGroup, b: RankedGroup) => (b.satisfactionRate! - a.satisfactionRate!) || (b.meanScore! - a.meanScore!)
  shown.sort((a, b) => cmp(a, b) || a.label.localeCompare(b.label, 'zh-CN'))
  if (opts.rank !== false) {
    shown.forEach((g, i) => {
      const prev = shown[i - 1]
      g.rank = prev && cmp(prev, g) === 0 ? prev.rank : i + 1
    })
  }
  hidden.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
  return [...shown, ...hidden]
}
