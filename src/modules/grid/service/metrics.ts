import { DEPARTMENTS, getCategory } from '../catalog.ts'
import { GridError } from '../errors.ts'
import { computeMetrics, METRIC_DEFINITIONS, type MetricGrouping } from '../metrics.ts'
import type { GridDeps } from './context.ts'

const MAX_SPAN_MS = 400 * 86_400_000

/** Evaluation metrics (综合评价) of cases opened in a period, computed from the event log. */
export function createMetricsService(deps: GridDeps) {
  return {
    /**
     * Metrics of cases opened in [from, to) as of now, grouped by `groupBy`, with their
     * definitions and a display name per group key. Throws GRID_BAD_PERIOD for an empty or
     * over-long period.
     */
    async getMetrics(q: { from: number; to: number; groupBy: MetricGrouping }) {
      if (!(q.to > q.from)) throw new GridError.BAD_PERIOD('to must be after from', { errors: [{ path: 'querystring/to', code: 'period', message: 'to must be after from' }] })
      if (q.to - q.from > MAX_SPAN_MS) throw new GridError.BAD_PERIOD('at most 400 days', { errors: [{ path: 'querystring/from', code: 'period', message: 'at most 400 days' }] })
      const asOf = deps.clock.now()
      const entries = await deps.eventsRepo.logForCohort(q.from, q.to)
      const { total, groups } = computeMetrics(entries, { ...q, asOf })
      const names = q.groupBy === 'town' || q.groupBy === 'community' || q.groupBy === 'grid' ? await gridNames(groups.map((g) => g.key)) : new Map<string, string>()
      return {
        from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), asOf: new Date(asOf).toISOString(), groupBy: q.groupBy,
        definitions: METRIC_DEFINITIONS,
        total,
        groups: groups.map((g) => ({ ...g, name: groupName(q.groupBy, g.key, names) })),
      }
    },
  }


  /** Display name of a group key (zh-CN: place and department names are Chinese proper nouns). */
  function groupName(groupBy: MetricGrouping, key: string, names: Map<string, string>): string {
    if (groupBy === 'department') return DEPARTMENTS[key]?.['zh-CN'] ?? key
    if (groupBy === 'category') return getCategory(key)?.name['zh-CN'] ?? key
    return names.get(key) ?? key
  }

  function gridNames(codes: string[]): Promise<Map<string, string>> {
    return codes.length ? deps.grids.names(codes.filter((c) => c !== '-')) : Promise.resolve(new Map())
  }
}

export type MetricsService = ReturnType<typeof createMetricsService>
