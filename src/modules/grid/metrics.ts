/**
 * Evaluation metrics (综合评价) computed from the event log alone, so that any figure can be
 * recomputed from the rows it came from. Pure: give it log entries, get numbers and definitions.
 *
 * The cohort is every case opened (立案) in [from, to); its state is replayed from the log up to
 * `asOf`. The platform's headline "work-order completion rate" is 结案率 (closeRate).
 */
import type { Localized } from './catalog.ts'

export interface MetricLogEntry {
  eventId: string
  seq: number
  action: string
  toStatus: string
  at: number
  actorId: string
  actorKind: string
  departmentId: string | null
  gridCode: string | null
  communityCode: string | null
  townCode: string | null
  categoryCode: string
  overdue: boolean
}

export const METRIC_GROUPINGS = ['all', 'town', 'community', 'grid', 'department', 'worker', 'category', 'month'] as const
export type MetricGrouping = (typeof METRIC_GROUPINGS)[number]

export interface MetricCounts {
  opened: number
  suspended: number
  shouldClose: number
  closed: number
  closedOnTime: number
  dispatched: number
  shouldHandle: number
  handled: number
  handledOnTime: number
  dispatchActions: number
  returns: number
  reworked: number
}

export interface MetricRates {
  closeRate: number | null
  onTimeCloseRate: number | null
  handleRate: number | null
  onTimeHandleRate: number | null
  accurateDispatchRate: number | null
  reworkRate: number | null
  avgHandleMinutes: number | null
}

export interface MetricGroup { key: string; counts: MetricCounts; rates: MetricRates }

export interface MetricDefinition { key: keyof MetricRates; name: Localized; formula: Localized }

/** The definitions returned with every metrics answer. */
export const METRIC_DEFINITIONS: MetricDefinition[] = [
  { key: 'closeRate', name: { 'zh-CN': '结案率', 'zh-TW': '結案率', 'en-US': 'Closure rate' },
    formula: { 'zh-CN': '结案数 ÷ 应结案数；应结案数 = 本期立案数 − 挂账数；结案数 = 其中截至统计时点已结案（未被返工重开）的案件数', 'zh-TW': '結案數 ÷ 應結案數；應結案數 = 本期立案數 − 掛賬數；結案數 = 其中截至統計時點已結案（未被返工重開）的案件數', 'en-US': 'closed ÷ should-close; should-close = cases opened in the period − suspended (挂账) cases; closed = those closed as of the evaluation time (and not reopened)' } },
  { key: 'onTimeCloseRate', name: { 'zh-CN': '按期结案率', 'zh-TW': '按期結案率', 'en-US': 'On-time closure rate' },
    formula: { 'zh-CN': '按期结案数 ÷ 应结案数；按期结案 = 已结案且每个环节都在时限内完成', 'zh-TW': '按期結案數 ÷ 應結案數；按期結案 = 已結案且每個環節都在時限內完成', 'en-US': 'closed on time ÷ should-close; on time = closed with every stage finished within its limit' } },
  { key: 'handleRate', name: { 'zh-CN': '处置率', 'zh-TW': '處置率', 'en-US': 'Handling rate' },
    formula: { 'zh-CN': '处置数 ÷ 应处置数；应处置数 = 已派遣案件数 − 挂账数；处置数 = 处置部门已反馈处置结果的案件数', 'zh-TW': '處置數 ÷ 應處置數；應處置數 = 已派遣案件數 − 掛賬數；處置數 = 處置部門已回饋處置結果的案件數', 'en-US': 'handled ÷ should-handle; should-handle = dispatched cases − suspended cases; handled = cases the department reported as handled' } },
  { key: 'onTimeHandleRate', name: { 'zh-CN': '按期处置率', 'zh-TW': '按期處置率', 'en-US': 'On-time handling rate' },
    formula: { 'zh-CN': '按期处置数 ÷ 应处置数；按期处置 = 每次处置反馈都在处置时限（含批准的延期）内', 'zh-TW': '按期處置數 ÷ 應處置數；按期處置 = 每次處置回饋都在處置時限（含核准的延期）內', 'en-US': 'handled on time ÷ should-handle; on time = every handling report came within the limit (approved extensions included)' } },
  { key: 'accurateDispatchRate', name: { 'zh-CN': '准确派遣率', 'zh-TW': '準確派遣率', 'en-US': 'Accurate dispatch rate' },
    formula: { 'zh-CN': '（派遣次数 − 退回次数）÷ 派遣次数；退回 = 处置部门以非本部门职责退回', 'zh-TW': '（派遣次數 − 退回次數）÷ 派遣次數；退回 = 處置部門以非本部門職責退回', 'en-US': '(dispatches − returns) ÷ dispatches; a return is a department sending a case back as not its responsibility' } },
  { key: 'reworkRate', name: { 'zh-CN': '返工率', 'zh-TW': '返工率', 'en-US': 'Rework rate' },
    formula: { 'zh-CN': '返工案件数 ÷ 处置数；返工 = 核查不通过或市民在结案 7 天内反映未解决', 'zh-TW': '返工案件數 ÷ 處置數；返工 = 核查不通過或市民在結案 7 天內反映未解決', 'en-US': 'reworked cases ÷ handled; rework = failed verification, or a citizen said "not fixed" within 7 days of closing' } },
  { key: 'avgHandleMinutes', name: { 'zh-CN': '平均处置时长（分钟）', 'zh-TW': '平均處置時長（分鐘）', 'en-US': 'Average handling time (minutes)' },
    formula: { 'zh-CN': '已处置案件在“处置中”状态停留的总时长的平均值（挂账期间不计）', 'zh-TW': '已處置案件在「處置中」狀態停留的總時長的平均值（掛賬期間不計）', 'en-US': 'mean over handled cases of the total time spent with the department (suspended time excluded)' } },
]

interface EventFacts {
  key: Record<Exclude<MetricGrouping, 'all'>, string>
  status: string
  dispatched: boolean
  handled: boolean
  handledOnTime: boolean
  anyOverdue: boolean
  dispatchActions: number
  returns: number
  reworked: boolean
  handleMs: number
}

const CST = 8 * 3_600_000 // Asia/Shanghai has no daylight saving: months are bucketed at UTC+8.

function monthOf(at: number): string {
  return new Date(at + CST).toISOString().slice(0, 7)
}

function replay(entries: MetricLogEntry[], openedAt: number): EventFacts {
  const last = entries.at(-1)!
  const reporter = entries.find((e) => e.action === 'reported')
  let lastDept: string | null = null
  let enteredDispatched: number | null = null
  const f: EventFacts = {
    key: { town: '', community: '', grid: '', department: '', worker: '', category: last.categoryCode, month: monthOf(openedAt) },
    status: last.toStatus, dispatched: false, handled: false, handledOnTime: true, anyOverdue: false,
    dispatchActions: 0, returns: 0, reworked: false, handleMs: 0,
  }
  let status: string | null = null
  for (const e of entries) {
    if (e.overdue) f.anyOverdue = true
    if (status === 'dispatched' && e.toStatus !== 'dispatched' && enteredDispatched !== null) {
      f.handleMs += e.at - enteredDispatched
      enteredDispatched = null
    }
    if (e.toStatus === 'dispatched' && status !== 'dispatched') enteredDispatched = e.at
    if (e.action === 'dispatched') { f.dispatched = true; f.dispatchActions++; lastDept = e.departmentId }
    if (e.action === 'returned') f.returns++
    if (e.action === 'handled') { f.handled = true; if (e.overdue) f.handledOnTime = false }
    if (e.action === 'reworked' || e.action === 'reopened') f.reworked = true
    status = e.toStatus
  }
  f.key.town = last.townCode ?? '-'
  f.key.community = last.communityCode ?? '-'
  f.key.grid = last.gridCode ?? '-'
  f.key.department = lastDept ?? '-'
  f.key.worker = reporter && reporter.actorKind === 'staff' ? reporter.actorId : '-'
  return f
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000)

function summarize(key: string, facts: EventFacts[]): MetricGroup {
  const c: MetricCounts = { opened: facts.length, suspended: 0, shouldClose: 0, closed: 0, closedOnTime: 0, dispatched: 0, shouldHandle: 0, handled: 0, handledOnTime: 0, dispatchActions: 0, returns: 0, reworked: 0 }
  let handleMs = 0
  for (const f of facts) {
    const suspended = f.status === 'suspended'
    if (suspended) c.suspended++
    if (f.status === 'closed') { c.closed++; if (!f.anyOverdue) c.closedOnTime++ }
    if (f.dispatched) { c.dispatched++; if (!suspended) c.shouldHandle++ }
    if (f.handled) { c.handled++; handleMs += f.handleMs; if (f.handledOnTime) c.handledOnTime++ }
    c.dispatchActions += f.dispatchActions
    c.returns += f.returns
    if (f.reworked) c.reworked++
  }
  c.shouldClose = c.opened - c.suspended
  return {
    key,
    counts: c,
    rates: {
      closeRate: ratio(c.closed, c.shouldClose),
      onTimeCloseRate: ratio(c.closedOnTime, c.shouldClose),
      handleRate: ratio(c.handled, c.shouldHandle),
      onTimeHandleRate: ratio(c.handledOnTime, c.shouldHandle),
      accurateDispatchRate: ratio(c.dispatchActions - c.returns, c.dispatchActions),
      reworkRate: ratio(c.reworked, c.handled),
      avgHandleMinutes: c.handled === 0 ? null : Math.round((handleMs / c.handled / 60_000) * 10) / 10,
    },
  }
}

/**
 * Computes the metrics of cases opened in [from, to), as of `asOf`, grouped by `groupBy`
 * (`all` gives one group). Entries after `asOf` are ignored; entries may arrive in any order.
 * Groups are sorted by key; `total` covers the whole cohort.
 */
export function computeMetrics(entries: readonly MetricLogEntry[], q: { from: number; to: number; asOf: number; groupBy: MetricGrouping }): { total: MetricGroup; groups: MetricGroup[] } {
  const byEvent = new Map<string, MetricLogEntry[]>()
  for (const e of entries) {
    if (e.at > q.asOf) continue
    let list = byEvent.get(e.eventId)
    if (!list) byEvent.set(e.eventId, (list = []))
    list.push(e)
  }
  const facts: EventFacts[] = []
  for (const list of byEvent.values()) {
    list.sort((a, b) => a.seq - b.seq)
    const opened = list.find((e) => e.action === 'opened')
    if (!opened || opened.at < q.from || opened.at >= q.to) continue
    facts.push(replay(list, opened.at))
  }
  const total = summarize('all', facts)
  if (q.groupBy === 'all') return { total, groups: [total] }
  const buckets = new Map<string, EventFacts[]>()
  for (const f of facts) {
    const k = f.key[q.groupBy]
    let list = buckets.get(k)
    if (!list) buckets.set(k, (list = []))
    list.push(f)
  }
  const groups = [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => summarize(k, list))
  return { total, groups }
}
