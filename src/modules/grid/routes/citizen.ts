import type { FastifyInstance } from 'fastify'
import type { GridApi } from '../service/index.ts'
import { CitizenFeedbackBody, CitizenQuery, CitizenReportBody, CitizenView, IdParams, Problem, ReportReply } from '../schema/index.ts'

const tags = ['grid']

/** The portal's citizen side: report a problem, follow it with its token, say whether it is fixed. */
export function citizenRoutes(app: FastifyInstance, api: GridApi): void {
  app.post<{ Body: CitizenReportBody }>('/grid/reports', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Report a problem (citizen)', description: 'Anonymous or signed-in. Answers the case, possible duplicates and a follow-up token shown only once; the contact is stored masked.',
      body: CitizenReportBody, response: { 201: ReportReply, 400: Problem, 422: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    const p = req.principal?.kind === 'citizen' ? req.principal : undefined
    const r = await api.events.reportEvent(p, req.body, 'citizen', req.id)
    return reply.status(201).send({ event: api.queries.view(r.event), duplicates: r.duplicates, token: r.token })
  })

  app.get<{ Params: IdParams; Querystring: CitizenQuery }>('/grid/reports/:id', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Follow my report', description: 'Status and public timeline of a report, for the holder of its follow-up token.', params: IdParams, querystring: CitizenQuery, response: { 200: CitizenView, 400: Problem, 403: Problem, 404: Problem } },
  }, async (req) => api.queries.citizenView(req.params.id, await api.events.checkCitizenToken(req.params.id, req.query.token)))

  app.post<{ Params: IdParams; Body: CitizenFeedbackBody }>('/grid/reports/:id/feedback', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Say whether it is fixed', description: '"Not fixed" within 7 days of closing reopens the case as 返工.', params: IdParams, body: CitizenFeedbackBody, response: { 200: CitizenView, 400: Problem, 403: Problem, 404: Problem, 409: Problem } },
  }, async (req) => {
    const e = await api.events.citizenFeedback(req.params.id, req.body.token, req.body.fixed, req.body.note, req.id)
    return api.queries.citizenView(req.params.id, e)
  })
}
