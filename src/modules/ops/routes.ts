import type { FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'
import { Type } from 'typebox'
import { APP_VERSION } from '../../core/version.ts'
import { CoreError } from '../../core/errors.ts'
import type { OpsService } from './service.ts'
import { AuditPage, AuditQuerystring, EventStats, HealthReply, ReadyReply, RetryParams, VersionReply } from './schema.ts'

const Problem = { $ref: 'Problem#' }

/** /api/v1 routes of ops. */
export async function opsRoutes(app: FastifyInstance, ops: OpsService, info: { dialect: 'sqlite' | 'postgres'; modules: string[] }): Promise<void> {
  app.get('/version', {
    config: { permission: 'public' },
    schema: { tags: ['ops'], summary: 'Platform version', description: 'Version, runtime and the modules this process runs.', response: { 200: VersionReply } },
  }, async () => ({ name: 'zhicheng' as const, version: APP_VERSION, node: process.version, dialect: info.dialect, modules: info.modules }))

  app.get<{ Querystring: AuditQuerystring }>('/ops/audit', {
    config: { permission: 'ops:audit:read' },
    schema: {
      tags: ['ops'], summary: 'Query the audit log', description: 'Newest first; cursor-paginated. Every write in the platform leaves one record here.',
      querystring: AuditQuerystring, response: { 200: AuditPage, 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (req) => {
    const q = req.query
    const page = await ops.queryAudit({
      ...q,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
    })
    return { items: page.items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })), nextCursor: page.nextCursor }
  })

  app.get('/ops/events', {
    config: { permission: 'ops:event:read' },
    schema: { tags: ['ops'], summary: 'Event delivery state', description: 'Outbox deliveries by status and the newest dead letters.', response: { 200: EventStats, 401: Problem, 403: Problem } },
  }, async () => ops.eventStats())

  app.post<{ Params: RetryParams }>('/ops/events/:eventId/deliveries/:subscriber/retry', {
    config: { permission: 'ops:event:retry' },
    schema: {
      tags: ['ops'], summary: 'Retry a dead letter', description: 'Re-queues a dead-lettered delivery with a fresh attempt budget.',
      params: RetryParams, response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    await ops.retryDelivery(req.principal!, req.params.eventId, req.params.subscriber, req.id)
    return reply.status(204).send()
  })
}

/** Probes and metrics outside /api/v1, as load balancers and Prometheus expect them. */
export async function opsRootRoutes(app: FastifyInstance, ops: OpsService, metrics: Registry): Promise<void> {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: HealthReply } } }, async () => ({ status: 'ok' as const }))
  app.get('/readyz', {
    schema: { tags: ['ops'], summary: 'Readiness', description: 'Database reachable and migrations applied.', response: { 200: ReadyReply, 503: Problem } },
  }, async () => {
    const r = await ops.readiness()
    if (!r.ready) throw new CoreError.NOT_READY(Object.entries(r.checks).filter(([, ok]) => !ok).map(([k]) => k).join(', '))
    return { status: 'ready' as const, checks: r.checks }
  })
  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics' } }, async (_req, reply) => {
    return reply.type(metrics.contentType).send(await metrics.metrics())
  })
}
