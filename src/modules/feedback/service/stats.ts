/**
 * Statistics of service evaluation and the 办不成事 window. Every rate comes with its definition;
 * a group with fewer ratings than `minCount` shows its count only and is never ranked
 * (`lib/satisfaction`). Ratings excluded after an approved appeal are left out of every figure.
 */
import { CoreError } from '../../../core/errors.ts'
import { can } from '../../../core/http/auth.ts'
import { toCsv } from '../../../lib/csv.ts'
import { maskName } from '../../../lib/mask.ts'
import { addScore, emptyCounts, LEVELS, levelOf, rankGroups, ratesOf, ratio, type Group, type LevelCounts } from '../../../lib/satisfaction/index.ts'
import { addCalendarDays, chinaDate, endOfChinaDay, startOfChinaDay } from '../../../lib/working-days.ts'
import { CATEGORY_LABELS, TIER_LABELS, type MatterCategory, type Tier } from '../catalog.ts'
import { FeedbackError } from '../errors.ts'
import type { RatingDimension, StatsFilter } from '../repo/index.ts'
import type { ExportQuerystring, GroupQuerystring, GroupStats, OverviewStats, PublicStats, RangeQuerystring } from '../schema/stats.ts'
import { iso, type CallContext, type FeedbackDeps } from './context.ts'

const STATS = 'feedback:stats:read'
const EXPORT_MAX_DAYS = 366
const EXPORT_MAX_ROWS = 100_000

export const DEFINITIONS: Record<string, string> = {
  satisfactionRate: '满意率 = (非常满意 + 满意 + 基本满意) ÷ 评价总数；经申诉复核剔除的评价不计入',
  badRate: '差评率 = (不满意 + 非常不满意) ÷ 评价总数',
  meanScore: '平均分：非常满意 5 分 … 非常不满意 1 分',
  rectificationRate: '差评整改率 = 已整改的差评 ÷ 应整改的差评（已整改 + 逾期未整改；仍在期限内的、申诉剔除的和评价人改评撤销的不计入）',
  onTimeRate: '按期整改率 = 期限内整改的差评 ÷ 应整改的差评',
  callbackRate: '回访率 = 已回访到评价人的差评 ÷ (差评总数 − 评价人改评撤销)',
  minCount: '评价数少于最小样本量的分组不公布满意率、不参与排名',
  default: '服务结束后 7 日内未评价的，默认为“基本满意”',
}

type CaseCounts = Awaited<ReturnType<FeedbackDeps['repo']['stats']['caseCounts']>>[number]

function caseRates(c: CaseCounts | undefined) {
  if (!c) return { badReviews: 0, rectificationRate: null, onTimeRate: null, callbackRate: null }
  return {
    badReviews: c.total,
    // 应整改: rectified, or past the deadline and not (cases still within their limit are not counted yet).
    rectificationRate: ratio(c.rectified, c.rectified + c.overdue),
    onTimeRate: ratio(c.onTime, c.rectified + c.overdue),
    callbackRate: ratio(c.calledBack, c.total - c.withdrawn),
  }
}

export function createStatsService(deps: FeedbackDeps) {
  const { db, repo, clock, options, directory } = deps

  /** [from, to) in epoch ms from civil dates; default the last 12 months up to today. */
  function range(q: RangeQuerystring): StatsFilter & { fromDay: string; toDay: string } {
    const today = chinaDate(clock.now())
    const toDay = q.to ?? today
    const fromDay = q.from ?? `${addCalendarDays(`${today.slice(0, 7)}-01`, -335).slice(0, 7)}-01`
    if (fromDay > toDay) throw new CoreError.VALIDATION('from is after to', { errors: [{ path: '/from', code: 'range', message: '开始日期不能晚于结束日期' }] })
    return { from: startOfChinaDay(fromDay), to: endOfChinaDay(toDay) + 1, fromDay, toDay }
  }

  /** Rows of (key, score, n) folded into groups with labels. */
  async function groupsOf(rows: Array<{ key: string; label: string | null; score: number; n: number }>, dim: RatingDimension): Promise<Group[]> {
    const byKey = new Map<string, Group>()
    for (const r of rows) {
      let g = byKey.get(r.key)
      if (!g) {
        g = { key: r.key, label: r.label ?? r.key, counts: emptyCounts() }
        byKey.set(r.key, g)
      }
      addScore(g.counts, r.score, r.n)
    }
    const groups = [...byKey.values()]
    for (const g of groups) {
      if (dim === 'department') g.label = await directory.departmentName(g.key)
      if (dim === 'hall') g.label = await directory.hallName(g.key)
      if (dim === 'window') {
        const [hall, win] = g.key.split('#')
        g.label = `${await directory.hallName(hall!)} ${win}号窗口`
      }
    }
    return groups
  }

  const fold = (rows: Array<{ score: number; n: number }>): LevelCounts => rows.reduce((c, r) => addScore(c, r.score, r.n), emptyCounts())

  async function scopeFor(c: CallContext) {
    if (!can(c.principal, STATS)) throw new CoreError.FORBIDDEN(STATS)
    return directory.scopeOf(c.principal)
  }

  const matterBucket = (b: Awaited<ReturnType<typeof repo.stats.matterCounts>>[number], label?: string) => ({
    key: label ?? b.key, total: b.total, resolved: b.resolved, onTimeRate: ratio(b.onTime, b.withDue),
    avgResolutionHours: b.avgMs === null ? null : Math.round((b.avgMs / 3_600_000) * 10) / 10,
  })

  return {
    range,

    /** The public satisfaction page's figures (what a government portal publishes). */
    async publicStats(q: RangeQuerystring): Promise<PublicStats> {
      const r = range(q)
      const now = clock.now()
      const [all, byDept, byMonth, cases, casesByDept] = await Promise.all([
        repo.stats.ratingCounts(db, r, 'none'), repo.stats.ratingCounts(db, r, 'department'), repo.stats.ratingCounts(db, r, 'month'),
        repo.stats.caseCounts(db, r, 'none', now), repo.stats.caseCounts(db, r, 'department', now),
      ])
      const levels = fold(all)
      const rates = ratesOf(levels)
      const caseByDept = new Map(casesByDept.map((x) => [x.key, x]))
      const departments = rankGroups(await groupsOf(byDept, 'department'), options.minCount).map((g) => {
        const cr = caseRates(caseByDept.get(g.key))
        return { ...g, badReviews: cr.badReviews, rectificationRate: g.suppressed ? null : cr.rectificationRate }
      })
      const periods = rankGroups(await groupsOf(byMonth, 'month'), options.minCount, { rank: false }).sort((a, b) => a.key.localeCompare(b.key))
      return {
        from: r.fromDay, to: r.toDay, minCount: options.minCount, generatedAt: iso(now)!,
        totals: { count: rates.total, levels, satisfactionRate: rates.satisfactionRate, badRate: rates.badRate, meanScore: rates.meanScore, badReviews: cases[0]?.total ?? 0, rectificationRate: caseRates(cases[0]).rectificationRate },
        byDepartment: departments, byPeriod: periods, definitions: DEFINITIONS,
      }
    },

    /** Satisfaction by one dimension for staff (their departments), with rectification figures per department. */
    async groupStats(c: CallContext, q: GroupQuerystring): Promise<GroupStats> {
      const scope = await scopeFor(c)
      const r = { ...range(q), departmentIds: scope }
      const by = (q.by ?? 'department') as RatingDimension
      const rows = await repo.stats.ratingCounts(db, r, by)
      const ranked = rankGroups(await groupsOf(rows, by), options.minCount, { rank: !['month', 'day', 'channel', 'kind'].includes(by) })
      if (by === 'month' || by === 'day') ranked.sort((a, b) => a.key.localeCompare(b.key))
      const caseDim = by === 'department' ? 'department' : by === 'month' ? 'month' : undefined
      const cases = caseDim ? new Map((await repo.stats.caseCounts(db, r, caseDim, clock.now())).map((x) => [x.key, x])) : undefined
      return {
        from: r.fromDay, to: r.toDay, by, minCount: options.minCount,
        groups: ranked.map((g) => ({ ...g, cases: cases ? caseRates(cases.get(g.key)) : null })),
      }
    },

    /** Totals for the console: ratings, rectification, 办不成事, 否定答复 waiting for review. */
    async overview(c: CallContext, q: RangeQuerystring): Promise<OverviewStats> {
      const scope = await scopeFor(c)
      const r = { ...range(q), departmentIds: scope }
      const now = clock.now()
      const [all, flags, channels, cases, mStatus, mCategory, mTier, mMonth, pending] = await Promise.all([
        repo.stats.ratingCounts(db, r, 'none'), repo.stats.ratingFlags(db, r), repo.stats.ratingCounts(db, r, 'channel'), repo.stats.caseCounts(db, r, 'none', now),
        repo.stats.matterCounts(db, r, 'status'), repo.stats.matterCounts(db, r, 'category'), repo.stats.matterCounts(db, r, 'tier'), repo.stats.matterCounts(db, r, 'registered_month'),
        repo.findNegativeReplies(db, { status: 'pending', departmentIds: scope, page: 1, pageSize: 1 }),
      ])
      const levels = fold(all)
      const rates = ratesOf(levels)
      const byChannel = new Map<string, number>()
      for (const x of channels) byChannel.set(x.key, (byChannel.get(x.key) ?? 0) + x.n)
      const k = cases[0]
      const mt = mStatus.reduce((s, b) => ({ total: s.total + b.total, resolved: s.resolved + b.resolved, onTime: s.onTime + b.onTime, withDue: s.withDue + b.withDue, ms: s.ms + (b.avgMs ?? 0) * b.resolved }), { total: 0, resolved: 0, onTime: 0, withDue: 0, ms: 0 })
      return {
        from: r.fromDay, to: r.toDay, minCount: options.minCount,
        ratings: {
          count: rates.total, levels, satisfactionRate: rates.satisfactionRate, badRate: rates.badRate, meanScore: rates.meanScore,
          defaults: flags.defaults, excluded: flags.excluded, amended: flags.amended, byChannel: [...byChannel].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count),
        },
        cases: { ...caseRates(k), active: k?.active ?? 0, overdue: k?.overdue ?? 0, appealing: k?.appealing ?? 0, excluded: k?.excluded ?? 0 },
        matters: {
          total: mt.total, resolved: mt.resolved, onTimeRate: ratio(mt.onTime, mt.withDue), avgResolutionHours: mt.resolved ? Math.round((mt.ms / mt.resolved / 3_600_000) * 10) / 10 : null,
          byStatus: mStatus.map((b) => matterBucket(b)),
          byCategory: mCategory.map((b) => matterBucket(b, CATEGORY_LABELS[b.key as MatterCategory]?.['zh-CN'])),
          byTier: mTier.map((b) => matterBucket(b, b.key === '-' ? '未分类' : TIER_LABELS[b.key as Tier]?.['zh-CN'])),
          byMonth: mMonth.map((b) => matterBucket(b)).sort((a, b) => a.key.localeCompare(b.key)),
        },
        negativeReplies: { pending: pending.total },
        definitions: DEFINITIONS,
      }
    },

    /** CSV (UTF-8 with BOM, for spreadsheet programs) of ratings, cases or matters in the range; names masked. */
    async exportCsv(c: CallContext, q: ExportQuerystring): Promise<{ fileName: string; csv: string }> {
      const scope = await scopeFor(c)
      const r = { ...range(q), departmentIds: scope }
      if (r.to - r.from > EXPORT_MAX_DAYS * 86_400_000) throw new FeedbackError.EXPORT_RANGE(EXPORT_MAX_DAYS)
      const type = q.type ?? 'ratings'
      const t = (ms: number | null) => (ms === null ? '' : iso(ms)!)
      let rows: unknown[][]
      if (type === 'ratings') {
        const list = await repo.listRatings(db, r, EXPORT_MAX_ROWS)
        rows = [['评价编号', '服务编号', '办件编号', '事项', '部门', '大厅', '窗口', '工作人员', '评价人', '评价等级', '分值', '渠道', '默认评价', '标签', '评价内容', '评价时间', '修改时间', '已剔除'],
          ...list.map((x) => [x.id, x.occurrence_id, x.application_id ?? '', x.item_name, x.department_id, x.hall_id ?? '', x.window_no ?? '', x.clerk_name ?? '', maskName(x.rater_name),
            LEVEL_ZH[levelOf(x.score)], x.score, x.channel, x.is_default ? '是' : '否', (JSON.parse(x.tags) as string[]).join(' '), x.comment ?? '', t(x.rated_at), t(x.amended_at), x.excluded ? '是' : '否'])]
      } else if (type === 'cases') {
        const list = await repo.listCases(db, r, EXPORT_MAX_ROWS)
        rows = [['工单编号', '评价编号', '部门', '事项', '评价人', '评价等级', '状态', '结果', '开单时间', '整改期限', '回访时间', '核实结论', '整改时间', '按期', '整改评价'],
          ...list.map((x) => [x.id, x.rating_id, x.department_id, x.item_name, maskName(x.person_name), LEVEL_ZH[levelOf(x.score)], x.status, x.resolution ?? '', t(x.opened_at), t(x.due_at),
            t(x.callback_at), x.finding ?? '', t(x.rectified_at), x.rectified_at === null ? '' : x.rectified_at <= x.due_at ? '是' : '否', x.result_score === null ? '' : LEVEL_ZH[levelOf(x.result_score)]])]
      } else {
        const list = await repo.listMatters(db, r, EXPORT_MAX_ROWS)
        rows = [['编号', '来源', '诉求', '类别', '分类', '状态', '登记时间', '期限', '办结时间', '反馈时间', '按期', '申请人满意'],
          ...list.map((x) => [x.number, x.source, x.title, CATEGORY_LABELS[x.category as MatterCategory]?.['zh-CN'] ?? x.category, x.tier ?? '', x.status, t(x.registered_at), t(x.due_at),
            t(x.resolved_at), t(x.fed_back_at), x.resolved_at !== null && x.due_at !== null ? (x.resolved_at <= x.due_at ? '是' : '否') : '', x.person_satisfied === null ? '' : x.person_satisfied ? '是' : '否'])]
      }
      return { fileName: `feedback-${type}-${r.fromDay}-${r.toDay}.csv`, csv: `\ufeff${toCsv(rows)}` }
    },
  }
}

const LEVEL_ZH: Record<string, string> = Object.fromEntries(LEVELS.map((l, i) => [l, ['非常满意', '满意', '基本满意', '不满意', '非常不满意'][i]!]))

export type StatsService = ReturnType<typeof createStatsService>
