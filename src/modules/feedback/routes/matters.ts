import type { FastifyInstance } from 'fastify'
import type { FeedbackApi } from '../service/index.ts'
import type { MatterStaffAction } from '../service/matters.ts'
import { IdParams } from '../schema/common.ts'
import {
  CheckBody, ClassifyBody, ConfirmBody, DeclineBody, FileBody, MatterFeedbackBody, MatterList, MatterListQuerystring, MatterView, NegativeReplyList,
  NegativeReplyQuerystring, NegativeReplyView, RegisterMatterBody, ResolveBody, ReviewReplyBody, TransferBody, WindowMatterBody,
} from '../schema/matters.ts'
import { ctx, errors, Problem, tags } from './common.ts'

const MatterParams = IdParams('bbc')
const NegParams = IdParams('neg')
type Id = { id: string }

const STEPS = [
  { path: 'decline', body: DeclineBody, summary: 'Decline as out of scope', description: '涉法涉诉, 信访 or private disputes: the person is told why and the right remedy (a default text per kind). Closes the matter (feedback.case.closed).' },
  { path: 'classify', body: ClassifyBody, summary: 'Classify (分类) and assign a coordinator', description: 'simple: the same working day; transfer ≤ 5; joint ≤ 10; hard ≤ 15 working days, counted from registration on the official calendar.' },
  { path: 'transfer', body: TransferBody, summary: 'Transfer to departments (转办)', description: 'Names the departments that must act; they then see the matter.' },
  { path: 'resolve', body: ResolveBody, summary: 'Record the result (办结)', description: 'What was done; on time when within the tier\'s limit.' },
  { path: 'feedback', body: MatterFeedbackBody, summary: 'Feed back to the person (反馈)', description: 'The person sees it and may say whether it solved their matter.' },
  { path: 'check', body: CheckBody, summary: 'Check (核查)', description: 'passed: ready to file; not passed: back to the departments.' },
  { path: 'file', body: FileBody, summary: 'File (备案)', description: 'Closes the matter (feedback.case.closed).' },
] as const

/** The 办不成事 window: registration (portal, window), the person's progress, the coordinators' workbench, 否定答复 review. */
export async function matterRoutes(app: FastifyInstance, api: FeedbackApi): Promise<void> {
  const { matters } = api

  app.post<{ Body: RegisterMatterBody }>('/feedback/matters', {
    config: { permission: 'authenticated', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Register a matter that could not be done (办不成事)', description: 'What, where, why and a category. With applicationId (one of the caller\'s own applications, 404 otherwise) it is linked to that application and its 否定答复.', body: RegisterMatterBody, response: { 201: MatterView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await matters.register(ctx(req), req.body)))

  app.post<{ Body: WindowMatterBody }>('/feedback/matters/window', {
    config: { permission: 'feedback:window:record' },
    schema: { tags, summary: 'Register a matter for a visitor at a window', body: WindowMatterBody, response: { 201: MatterView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await matters.registerAtWindow(ctx(req), req.body)))

  app.get('/feedback/my/matters', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My 办不成事 matters', response: { 200: MatterList, 401: Problem } },
  }, async (req) => matters.listMine(ctx(req)))

  app.get<{ Params: Id }>('/feedback/my/matters/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Progress of my matter', description: 'Every step, the feedback and, when declined, the remedy. 404 for a matter of someone else.', params: MatterParams, response: { 200: MatterView, ...errors } },
  }, async (req) => matters.mine(ctx(req), req.params.id))

  app.post<{ Params: Id; Body: ConfirmBody }>('/feedback/my/matters/:id/confirm', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Say whether the feedback solved it', description: 'Once, after the feedback.', params: MatterParams, body: ConfirmBody, response: { 200: MatterView, ...errors } },
  }, async (req) => matters.confirm(ctx(req), req.params.id, req.body))

  app.get<{ Querystring: MatterListQuerystring }>('/feedback/matters', {
    config: { permission: 'feedback:matter:handle' },
    schema: { tags, summary: '办不成事 workbench', description: 'Matters of the caller\'s departments (or all, with an all data scope), newest first; queues by status, warning and overdue.', querystring: MatterListQuerystring, response: { 200: MatterList, ...errors } },
  }, async (req) => matters.list(ctx(req), req.query.queue ?? 'active', req.query.page ?? 1, req.query.pageSize ?? 20))

  app.get<{ Params: Id }>('/feedback/matters/:id', {
    config: { permission: 'feedback:matter:handle' },
    schema: { tags, summary: 'One matter', params: MatterParams, response: { 200: MatterView, ...errors } },
  }, async (req) => matters.get(ctx(req), req.params.id))

  for (const step of STEPS) {
    app.post<{ Params: Id; Body: MatterStaffAction['body'] }>(`/feedback/matters/:id/${step.path}`, {
      config: { permission: 'feedback:matter:handle' },
      schema: { tags, summary: step.summary, description: `${step.description} Needs the version seen (409 when stale) and the matter in a status that allows it (409).`, params: MatterParams, body: step.body, response: { 200: MatterView, ...errors } },
    }, async (req) => matters.act(ctx(req), req.params.id, { type: step.path, body: req.body } as MatterStaffAction))
  }

  app.get<{ Querystring: NegativeReplyQuerystring }>('/feedback/negative-replies', {
    config: { permission: 'feedback:matter:handle' },
    schema: { tags, summary: '否定答复 records for review', description: 'Every 不予受理 and 不予许可 of the services module, newest first, with reason and remedy.', querystring: NegativeReplyQuerystring, response: { 200: NegativeReplyList, ...errors } },
  }, async (req) => matters.listNegativeReplies(ctx(req), req.query))

  app.post<{ Params: Id; Body: ReviewReplyBody }>('/feedback/negative-replies/:id/review', {
    config: { permission: 'feedback:matter:handle' },
    schema: { tags, summary: 'Review a 否定答复', description: 'upheld, or reopen: a 办不成事 matter is registered for the applicant.', params: NegParams, body: ReviewReplyBody, response: { 200: NegativeReplyView, ...errors } },
  }, async (req) => matters.reviewNegativeReply(ctx(req), req.params.id, req.body))
}
