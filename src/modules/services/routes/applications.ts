import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { ServicesApi } from '../service/index.ts'
import { ServicesError } from '../errors.ts'
import {
  ApplicationList, ApplicationParams, ApplicationView, CreateApplicationBody, MaterialParams, SaveFormBody, VersionOnlyBody,
} from '../schema/applications.ts'

const Problem = { $ref: 'Problem#' }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const tags = ['services']
export const ctx = (req: FastifyRequest) => ({ principal: req.principal!, requestId: req.id, lang: req.lang })

/** The applicant's routes: drafts, form, materials, submission, corrections, withdrawal, my applications. */
export async function applicationRoutes(app: FastifyInstance, api: ServicesApi): Promise<void> {
  app.post<{ Body: CreateApplicationBody }>('/services/applications', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Start an application', description: 'Opens a draft for a published item ({ itemId }) or a 一件事 bundle ({ bundleCode }). The form is pinned to the item version published now.', body: CreateApplicationBody, response: { 201: ApplicationView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await api.applications.createDraft(ctx(req), req.body)))

  app.get('/services/applications/mine', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My applications', description: 'The caller\'s applications and bundles, newest first.', response: { 200: ApplicationList, 401: Problem } },
  }, async (req) => api.applications.listMine(ctx(req)))

  app.get<{ Params: ApplicationParams }>('/services/applications/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'One application', description: 'For its applicant, or staff of its department. Anyone else gets 404.', params: ApplicationParams, response: { 200: ApplicationView, ...errors } },
  }, async (req) => {
    const view = await api.applications.view(ctx(req), req.params.id)
    // Staff see the e-licences lent to the application by consent (免提交) instead of an upload.
    const licences = api.licenceProvider()
    if (!licences || view.applicantId === req.principal!.id) return view
    return { ...view, lentLicences: await licences.forApplication(req.principal!, view.id) }
  })

  app.patch<{ Params: ApplicationParams; Body: SaveFormBody }>('/services/applications/:id/form', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Save answers', description: 'Merges answers into a draft (or an application in correction). Wrong values answer 400 with field errors in the caller\'s language; missing ones are checked at submission. null or "" clears an answer.', params: ApplicationParams, body: SaveFormBody, response: { 200: ApplicationView, ...errors } },
  }, async (req) => api.applications.saveForm(ctx(req), req.params.id, req.body.version, req.body.data))

  app.put<{ Params: MaterialParams }>('/services/applications/:id/materials/:code', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Upload a material', description: 'multipart/form-data with one `file`. The kind is read from the content (PDF, JPEG, PNG) and must be one the material accepts (else 415); the size must be within its limit (else 413). Stored content-addressed.',
      params: MaterialParams, consumes: ['multipart/form-data'], response: { 200: ApplicationView, ...errors, 413: Problem, 415: Problem },
    },
  }, async (req) => {
    if (!req.isMultipart()) throw new ServicesError.FILE_MISSING()
    const file = await req.file()
    if (!file) throw new ServicesError.FILE_MISSING()
    const bytes = await file.toBuffer()
    return api.applications.uploadMaterial(ctx(req), req.params.id, req.params.code, { bytes, fileName: file.filename || req.params.code, truncated: file.file.truncated })
  })

  app.post<{ Params: MaterialParams; Querystring: { consentId?: string } }>('/services/applications/:id/materials/:code/licence', {
    config: { permission: 'authenticated' },
    schema: {
      tags, summary: 'Provide a material from an e-licence', description: 'Marks a material whose source is an e-licence as 免提交: the licence module fills it in later. With `consentId` (a consent granted for this application in the wallet), the consent is checked first; the clerk then sees the lent licence in the application.',
      params: MaterialParams, querystring: Type.Object({ consentId: Type.Optional(Type.String({ pattern: '^lcs_[0-9A-HJKMNP-TV-Z]{26}$' })) }, { additionalProperties: false }), response: { 200: ApplicationView, ...errors, 410: Problem },
    },
  }, async (req) => {
    const licences = api.licenceProvider()
    if (req.query.consentId && licences) await licences.checkConsent(ctx(req), req.query.consentId, req.params.id)
    return api.applications.provideByLicence(ctx(req), req.params.id, req.params.code)
  })

  app.delete<{ Params: MaterialParams }>('/services/applications/:id/materials/:code', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Remove a material', params: MaterialParams, response: { 200: ApplicationView, ...errors } },
  }, async (req) => api.applications.removeMaterial(ctx(req), req.params.id, req.params.code))

  app.get<{ Params: MaterialParams }>('/services/applications/:id/materials/:code/file', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Download a material', params: MaterialParams, response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...errors } },
  }, async (req, reply) => {
    const f = await api.applications.materialFile(ctx(req), req.params.id, req.params.code)
    return reply.type(f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.bytes)
  })

  app.post<{ Params: ApplicationParams; Body: VersionOnlyBody }>('/services/applications/:id/submit', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Submit', description: 'Checks the whole form and every required material (400 with field errors), then submits: the promised time starts. A bundle fans out into one application per item. The answer carries the query code for the public progress query, once. Emits services.application.submitted.', params: ApplicationParams, body: VersionOnlyBody, response: { 200: ApplicationView, ...errors } },
  }, async (req) => api.applications.submit(ctx(req), req.params.id, req.body.version))

  app.post<{ Params: ApplicationParams; Body: VersionOnlyBody }>('/services/applications/:id/resubmit', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Send corrections (补正)', description: 'After corrections were requested: checks again and returns the application to acceptance; the clock resumes.', params: ApplicationParams, body: VersionOnlyBody, response: { 200: ApplicationView, ...errors } },
  }, async (req) => api.applications.resubmit(ctx(req), req.params.id, req.body.version))

  app.post<{ Params: ApplicationParams; Body: VersionOnlyBody }>('/services/applications/:id/withdraw', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Withdraw', description: 'Before acceptance (draft, submitted, correction).', params: ApplicationParams, body: VersionOnlyBody, response: { 200: ApplicationView, ...errors } },
  }, async (req) => api.applications.withdraw(ctx(req), req.params.id, req.body.version))
}
