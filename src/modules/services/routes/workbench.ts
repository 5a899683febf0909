import type { FastifyInstance } from 'fastify'
import type { ServicesApi } from '../service/index.ts'
import type { StaffActInput } from '../service/actions.ts'
import type { Action } from '../workflow.ts'
import {
  ActBody, ApplicationList, ApplicationParams, ApplicationView, CorrectionBody, PageQuerystring, QueueCounts, QueueParams, ReasonBody, RefuseBody,
  ReturnBody, StatsQuerystring, StatsReply, TransferBody,
} from '../schema/applications.ts'
import { ctx } from './applications.ts'

const Problem = { $ref: 'Problem#' }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const tags = ['services']

const ACTIONS: Array<{ path: string; type: Action['type']; permission: 'services:application:accept' | 'services:application:approve' | 'services:application:read'; body: object; summary: string; description: string }> = [
  { path: 'claim', type: 'claim', permission: 'services:application:read', body: ActBody, summary: 'Claim', description: 'Takes the application from the queue so that only you act on it (acceptance and single-officer steps). Someone else\'s claim, or a stale version, answers 409.' },
  { path: 'release', type: 'release', permission: 'services:application:read', body: ActBody, summary: 'Release', description: 'Puts a claimed application back in its queue.' },
  { path: 'accept', type: 'accept', permission: 'services:application:accept', body: ActBody, summary: 'Accept (受理)', description: 'Accepts a claimed application; it enters the first approval step. Emits services.application.accepted.' },
  { path: 'reject', type: 'reject', permission: 'services:application:accept', body: ReasonBody, summary: 'Do not accept (不予受理)', description: 'Ends the application with a reason (and remedy); records a negative reply. Emits services.application.rejected and completed.' },
  { path: 'request-correction', type: 'request-correction', permission: 'services:application:accept', body: CorrectionBody, summary: 'Request corrections (补正)', description: 'Returns the application to the applicant with what to correct; the clock pauses.' },
  { path: 'approve', type: 'approve', permission: 'services:application:approve', body: ActBody, summary: 'Approve the current step', description: 'Single step: the claimant approves and the next step begins (or, after the last, the application is approved with its result document). Countersign: adds your signature; the step completes when enough officers signed.' },
  { path: 'refuse', type: 'refuse', permission: 'services:application:approve', body: RefuseBody, summary: 'Refuse', description: 'Refuses with reason and remedy; records a negative reply (否定答复). Emits services.application.refused and completed.' },
  { path: 'return', type: 'return', permission: 'services:application:approve', body: ReturnBody, summary: 'Return to an earlier step', description: 'To the previous step by default, any earlier step, or -1 for acceptance.' },
  { path: 'transfer', type: 'transfer', permission: 'services:application:read', body: TransferBody, summary: 'Transfer', description: 'Hands your claim to another officer.' },
]

/** Officers' routes: queues, actions on applications, statistics. */
export async function workbenchRoutes(app: FastifyInstance, api: ServicesApi): Promise<void> {
  app.get('/services/workbench/counts', {
    config: { permission: 'services:application:read' },
    schema: { tags, summary: 'Queue sizes', description: 'How many applications of your departments wait in each queue.', response: { 200: QueueCounts, 401: Problem, 403: Problem } },
  }, async (req) => api.actions.queueCounts(ctx(req)))

  app.get<{ Params: QueueParams; Querystring: PageQuerystring }>('/services/workbench/:queue', {
    config: { permission: 'services:application:read' },
    schema: { tags, summary: 'A work queue', description: 'acceptance (待受理), review (审批中), mine (我认领的), correction (补正中), warning (临近期限), overdue (已超期), done (已办结); your departments only.', params: QueueParams, querystring: PageQuerystring, response: { 200: ApplicationList, ...errors } },
  }, async (req) => api.actions.queue(ctx(req), req.params.queue, req.query.page, req.query.pageSize))

  app.get<{ Querystring: StatsQuerystring }>('/services/stats', {
    config: { permission: 'services:application:read' },
    schema: { tags, summary: 'Statistics', description: 'Submitted, completed, approved, refused, not accepted; on-time rate and average handling time, overall, per department and per item; active, warning and overdue counts.', querystring: StatsQuerystring, response: { 200: StatsReply, ...errors } },
  }, async (req) => {
    await api.ready() // department names come from the catalog index
    return api.actions.stats(ctx(req), req.query.from ? Date.parse(req.query.from) : undefined, req.query.to ? Date.parse(req.query.to) : undefined)
  })

  for (const a of ACTIONS) {
    app.post<{ Params: ApplicationParams; Body: StaffActInput }>(`/services/applications/:id/${a.path}`, {
      config: { permission: a.permission },
      schema: { tags, summary: a.summary, description: `${a.description} Requires the version you saw; every action is audited and committed with its events in one transaction.`, params: ApplicationParams, body: a.body, response: { 200: ApplicationView, ...errors } },
    }, async (req) => api.actions.act(ctx(req), req.params.id, a.type, req.body))
  }
}
