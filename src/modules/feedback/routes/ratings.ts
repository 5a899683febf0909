import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { FeedbackApi } from '../service/index.ts'
import { IdParams } from '../schema/common.ts'
import {
  ApplicationFeedbackView, ApplicationParams, CodeOccurrenceView, CodeParams, CodeRateBody, HallRatingBody, OccurrenceList, OccurrenceView, RateBody,
  RatingView, ResultBody, WindowServiceBody,
} from '../schema/ratings.ts'
import { ctx, errors, Problem, tags } from './common.ts'

const OccurrenceParams = IdParams('occ')
const RatingParams = IdParams('rat')
const CaseParams = IdParams('rec')
type Id = { id: string }

/** The person's routes (rate, amend, my services), the public code routes, window and hall-system routes. */
export async function ratingRoutes(app: FastifyInstance, api: FeedbackApi): Promise<void> {
  const { ratings, cases } = api

  app.get('/feedback/my/occurrences', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My services and ratings', description: 'Services of the caller that may be rated (open, with the rating code for a kiosk), rated ones with the rating, and defaulted ones; with the rectification case of a bad rating (its feedback).', response: { 200: OccurrenceList, 401: Problem } },
  }, async (req) => ratings.myOccurrences(ctx(req)))

  app.get<{ Params: Id }>('/feedback/occurrences/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'One of my services', description: 'Only for the person served; anyone else gets 404.', params: OccurrenceParams, response: { 200: OccurrenceView, ...errors } },
  }, async (req) => ratings.myOccurrence(ctx(req), req.params.id))

  app.get<{ Params: Id }>('/feedback/applications/:id', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Rate a completed application: its facts and occurrence',
      description: 'For the applicant only (404 for anyone else, staff included). A completed application (approved, refused, not accepted) gets its occurrence now if the services event has not arrived yet; an unfinished one has none. The refusal reason and remedy prefill a 办不成事 registration.',
      params: ApplicationParams, response: { 200: ApplicationFeedbackView, ...errors },
    },
  }, async (req) => ratings.applicationFeedback(ctx(req), req.params.id))

  app.post<{ Params: Id; Body: RateBody }>('/feedback/occurrences/:id/rating', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Rate one of my services (一事一评)',
      description: 'Five levels, indicator scores of the service\'s kind, tags and a comment; channel web. One rating per service: a second answers 409 and changes nothing; so does a rating after the window (then the default applies). 404 for a service of someone else. 不满意 and 非常不满意 open a rectification case (feedback.case.opened).',
      params: OccurrenceParams, body: RateBody, response: { 201: OccurrenceView, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await ratings.rate(ctx(req), req.params.id, req.body)))

  app.patch<{ Params: Id; Body: RateBody }>('/feedback/ratings/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Amend my rating (once)', description: 'Once, within the rating window; not a default rating. A bad rating amended to 基本满意 or better withdraws its open case; the reverse opens one.', params: RatingParams, body: RateBody, response: { 200: RatingView, ...errors } },
  }, async (req) => ratings.amend(ctx(req), req.params.id, req.body))

  app.post<{ Params: Id; Body: ResultBody }>('/feedback/my/cases/:id/result', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Rate the rectification of my bad review', description: 'After the department fed back its rectification; closes the case. 404 for a case of someone else.', params: CaseParams, body: ResultBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await cases.rateResult(ctx(req), req.params.id, req.body)
    return reply.status(204).send()
  })

  app.get<{ Params: { code: string } }>('/feedback/codes/:code', {
    config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: 'What a rating code is for', description: 'The service behind a code from a window receipt or a message link, the person\'s name masked. 404 for an unknown, used or expired code. Rate-limited.', params: CodeParams, response: { 200: CodeOccurrenceView, 400: Problem, 404: Problem, 429: Problem } },
  }, async (req) => ratings.codeOccurrence(req.params.code))

  app.post<{ Params: { code: string }; Body: CodeRateBody }>('/feedback/codes/:code/rating', {
    config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Rate with a code (kiosk, message link)', description: 'The code stands for the person it was given to (real-name: the service already names them). One rating; 409 after. Rate-limited.', params: CodeParams, body: CodeRateBody, response: { 201: RatingView, 400: Problem, 404: Problem, 409: Problem, 429: Problem } },
  }, async (req, reply) => {
    const { channel, ...body } = req.body
    return reply.status(201).send(await ratings.rateByCode(req.params.code, body, channel, req.id))
  })

  app.post<{ Body: WindowServiceBody }>('/feedback/window-services', {
    config: { permission: 'feedback:window:record' },
    schema: { tags, summary: 'Record a window service', description: 'A clerk records serving someone at a hall window; the answer carries the rating code for the receipt (kiosk or message). The clerk\'s name and department are taken from the session.', body: WindowServiceBody, response: { 201: OccurrenceView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await ratings.recordWindowService(ctx(req), req.body)))

  app.get('/feedback/window-services', {
    config: { permission: 'feedback:window:record' },
    schema: { tags, summary: 'My recorded window services', description: 'The last 50 services the calling clerk recorded, with codes while open and ratings once given.', response: { 200: OccurrenceList, 401: Problem, 403: Problem } },
  }, async (req) => ratings.myWindowServices(ctx(req)))

  app.post<{ Body: HallRatingBody }>('/feedback/hall-ratings', {
    config: { permission: 'feedback:hall:post', rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Post a window-service rating from a hall system or device',
      description: 'An external hall (queueing) system or rating pad reports a service and its rating together (channel device). One rating per externalId and caller: a repeat answers 409 and changes nothing. servedAt must lie within the rating window.',
      body: HallRatingBody, response: { 201: RatingView, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await ratings.postHallRating(ctx(req), req.body)))
}
