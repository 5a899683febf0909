import type { FastifyInstance } from 'fastify'
import type { GridApi } from '../service/index.ts'
import { MetricsQuery, MetricsReply, Problem } from '../schema/index.ts'

/** Evaluation metrics (综合评价). */
export function metricsRoutes(app: FastifyInstance, api: GridApi): void {
  app.get<{ Querystring: MetricsQuery }>('/grid/metrics', {
    config: { permission: 'grid:metrics:read' },
    schema: {
      tags: ['grid'], summary: 'Evaluation metrics with their definitions',
      description: '结案率, 按期结案率, 处置率, 按期处置率, 准确派遣率, 返工率 and 平均处置时长 of cases opened in [from, to), replayed from the event log as of now, per town, community, grid, department, worker, category or month. Each answer carries the definitions.',
      querystring: MetricsQuery, response: { 200: MetricsReply, 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (req) => api.metrics.getMetrics({ from: Date.parse(req.query.from), to: Date.parse(req.query.to), groupBy: req.query.groupBy ?? 'all' }))
}
