import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { FeedbackApi } from '../service/index.ts'
import { INDICATORS, TAGS, LEVEL_LABELS, CATEGORY_LABELS, TIER_LABELS, DECLINE_KINDS } from '../catalog.ts'
import { ExportQuerystring, GroupQuerystring, GroupStats, OverviewStats, PublicStats, RangeQuerystring } from '../schema/stats.ts'
import { ctx, errors, Problem, tags } from './common.ts'

/** Public statistics and vocabularies; console statistics and CSV export. */
export async function statsRoutes(app: FastifyInstance, api: FeedbackApi): Promise<void> {
  const { stats } = api

  app.get<{ Querystring: RangeQuerystring }>('/feedback/stats', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Public satisfaction statistics',
      description: 'What the government portal publishes: counts per level, satisfaction rate, bad-review rectification rate, by department and month. A group with fewer ratings than minCount shows its count only and no rank. Ratings excluded after an approved appeal are left out.',
      querystring: RangeQuerystring, response: { 200: PublicStats, 400: Problem, 429: Problem },
    },
  }, async (req) => stats.publicStats(req.query))

  app.get('/feedback/options', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Vocabularies', description: 'Levels, indicators per kind of service, tags, 办不成事 categories, tiers and out-of-scope kinds with their remedies, in three languages.', response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async () => ({
    levels: LEVEL_LABELS, indicators: INDICATORS, tags: TAGS, categories: CATEGORY_LABELS, tiers: TIER_LABELS,
    declineKinds: Object.fromEntries(Object.entries(DECLINE_KINDS).map(([k, v]) => [k, { label: v.label, remedy: v.remedy }])),
    ratingDays: api.deps.options.ratingDays, rectifyDays: api.deps.options.rectifyDays, minCount: api.deps.options.minCount,
  }))

  app.get<{ Querystring: RangeQuerystring }>('/feedback/stats/overview', {
    config: { permission: 'feedback:stats:read' },
    schema: { tags, summary: 'Statistics overview', description: 'Ratings (levels, defaults, exclusions, channels), rectification (rate, on-time, call-back, overdue), 办不成事 volumes and resolution times, 否定答复 waiting; for the caller\'s departments.', querystring: RangeQuerystring, response: { 200: OverviewStats, ...errors } },
  }, async (req) => stats.overview(ctx(req), req.query))

  app.get<{ Querystring: GroupQuerystring }>('/feedback/stats/groups', {
    config: { permission: 'feedback:stats:read' },
    schema: { tags, summary: 'Satisfaction by item, department, hall, window, clerk or period', description: 'Ranked with the minimum-count rule; rectification figures per department or month.', querystring: GroupQuerystring, response: { 200: GroupStats, ...errors } },
  }, async (req) => stats.groupStats(ctx(req), req.query))

  app.get<{ Querystring: ExportQuerystring }>('/feedback/export', {
    config: { permission: 'feedback:stats:read' },
    schema: { tags, summary: 'CSV export', description: 'Ratings, cases or matters in a range of at most 366 days, UTF-8 with BOM; names masked.', querystring: ExportQuerystring },
  }, async (req, reply) => {
    const out = await stats.exportCsv(ctx(req), req.query)
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${out.fileName}"`).send(out.csv)
  })
}
