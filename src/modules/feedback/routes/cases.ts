import type { FastifyInstance } from 'fastify'
import type { FeedbackApi } from '../service/index.ts'
import { IdParams } from '../schema/common.ts'
import { CallbackBody, CaseCounts, CaseList, CaseListQuerystring, CaseView, RectifyBody, ReviewBody, VerifyBody } from '../schema/cases.ts'
import { ctx, errors, Problem, tags } from './common.ts'

const CaseParams = IdParams('rec')
type Id = { id: string }

/** The rectification workbench (差评整改) and appeal review. */
export async function caseRoutes(app: FastifyInstance, api: FeedbackApi): Promise<void> {
  const { cases } = api

  app.get<{ Querystring: CaseListQuerystring }>('/feedback/cases', {
    config: { permission: 'feedback:case:handle' },
    schema: { tags, summary: 'Rectification queue', description: 'Cases of the caller\'s departments (data scope), deadline first; queues by status, or warning (yellow) and overdue (red).', querystring: CaseListQuerystring, response: { 200: CaseList, ...errors } },
  }, async (req) => cases.list(ctx(req), req.query.queue ?? 'active', req.query.page ?? 1, req.query.pageSize ?? 20))

  app.get('/feedback/cases/counts', {
    config: { permission: 'feedback:case:handle' },
    schema: { tags, summary: 'Rectification queue counts', response: { 200: CaseCounts, 401: Problem, 403: Problem } },
  }, async (req) => cases.counts(ctx(req)))

  app.get<{ Querystring: CaseListQuerystring }>('/feedback/appeals', {
    config: { permission: 'feedback:appeal:review' },
    schema: { tags, summary: 'Appeals to review', description: 'Cases whose department found the rating untrue or mistaken, waiting for a second person\'s decision.', querystring: CaseListQuerystring, response: { 200: CaseList, ...errors } },
  }, async (req) => cases.list(ctx(req), 'appealing', req.query.page ?? 1, req.query.pageSize ?? 20))

  app.get<{ Params: Id }>('/feedback/cases/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'One rectification case', description: 'For holders of feedback:case:handle or feedback:appeal:review whose data scope covers its department (404 otherwise): the rating, the deadline and light, every step, and the actions open to the caller.', params: CaseParams, response: { 200: CaseView, ...errors } },
  }, async (req) => cases.view(ctx(req), req.params.id))

  app.post<{ Params: Id; Body: CallbackBody }>('/feedback/cases/:id/callback', {
    config: { permission: 'feedback:case:handle' },
    schema: { tags, summary: 'Record a call-back (回访)', description: 'Each attempt is logged; reached: true moves the case on to verification.', params: CaseParams, body: CallbackBody, response: { 200: CaseView, ...errors } },
  }, async (req) => cases.act(ctx(req), req.params.id, { type: 'callback', body: req.body }))

  app.post<{ Params: Id; Body: VerifyBody }>('/feedback/cases/:id/verify', {
    config: { permission: 'feedback:case:handle' },
    schema: { tags, summary: 'Verify the review (核实)', description: 'After the call-back (409 before). valid 属实 → rectify; invalid 不属实 or mistaken 误评 need an appeal reason and go to a second role.', params: CaseParams, body: VerifyBody, response: { 200: CaseView, ...errors } },
  }, async (req) => cases.act(ctx(req), req.params.id, { type: 'verify', body: req.body }))

  app.post<{ Params: Id; Body: ReviewBody }>('/feedback/cases/:id/review', {
    config: { permission: 'feedback:appeal:review' },
    schema: { tags, summary: 'Decide an appeal (复核)', description: 'By someone other than who appealed (403 FEEDBACK_SAME_REVIEWER). approve: the rating is excluded from statistics and the case closes; reject: the department must rectify.', params: CaseParams, body: ReviewBody, response: { 200: CaseView, ...errors } },
  }, async (req) => cases.act(ctx(req), req.params.id, { type: 'review', body: req.body }))

  app.post<{ Params: Id; Body: RectifyBody }>('/feedback/cases/:id/rectify', {
    config: { permission: 'feedback:case:handle' },
    schema: { tags, summary: 'Rectify and feed back (整改反馈)', description: 'Records the measures and what the person is told; on time when within the working-day limit. The person may then rate the result.', params: CaseParams, body: RectifyBody, response: { 200: CaseView, ...errors } },
  }, async (req) => cases.act(ctx(req), req.params.id, { type: 'rectify', body: req.body }))
}
