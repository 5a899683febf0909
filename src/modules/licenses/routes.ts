/** The licences API: public catalogue and verification, the holder's wallet and consents, staff register. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { LicensesApi } from './service/index.ts'
import type { LicenseTypeDefinition } from './types.ts'
import {
  AccessList, ApplicationParams, ApplicationQuery, ConsentIdParams, ConsentList, ConsentQuery, ConsentView, DepartmentParams, DownloadQuery, FindQuery, GrantConsentBody,
  IdentifierParams, ImportErrors, ImportErrorsQuery, ImportIdParams, ImportQuery, ImportView, IssueBody, IssuerList, LentLicence, LicenseDetail, LicenseIdParams, LicenseList, LicenseTypeHistory, LicenseTypeInput, LicenseTypeList, LicenseTypeUpdate, LicenseTypeView, LookupView,
  PublishReply, ReplaceBody, Stats, StatusBody, StatusListParams, TypeCodeParams, TypeIssuerList, Verdict,
} from './schema.ts'

const Problem = { $ref: 'Problem#' }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const tags = ['licenses']
const ctx = (req: FastifyRequest) => ({ principal: req.principal!, requestId: req.id, lang: req.lang })

export async function licensesRoutes(app: FastifyInstance, api: LicensesApi, extra: { download: (api: LicensesApi, req: FastifyRequest, id: string, format: 'json' | 'vc' | 'pdf', lang: string) => Promise<{ type: string; filename: string; body: string | Uint8Array }> }): Promise<void> {
  // ── public ──
  app.get('/licenses/types', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Licence types (证照目录)', description: 'Every licence type: code, names in three languages, issuing departments, field schema, validity rule, status codes and rendering template.', response: { 200: LicenseTypeList } },
  }, async () => api.listTypes())

  app.get<{ Params: TypeCodeParams }>('/licenses/types/:code', {
    config: { permission: 'public' },
    schema: { tags, summary: 'One licence type', params: TypeCodeParams, response: { 200: LicenseTypeView, 404: Problem } },
  }, async (req) => api.getType(req.params.code))

  app.post('/licenses/verify', {
    config: { permission: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Verify a licence',
      description: 'Send the native licence JSON (`format: zhicheng-licence/v1`), `{ jwt }` (a W3C VC export) or `{ qr }` (the text of the licence\'s QR code: a full payload is verified like the JSON; a short link only by identifier and status). Checks its shape, the GB/T 36904 identifier and its MOD 37,36 check character, the issuer\'s SM2 signature over the canonical content, the ledger anchor and receipt, the status in the issuer\'s register and the validity dates. A bad licence answers 200 with `valid: false` and, per check, a code and a reason in your language.',
      body: { type: 'object' }, response: { 200: Verdict, 400: Problem },
    },
  }, async (req) => api.verify(req.body, req.lang))

  app.get<{ Params: IdentifierParams }>('/licenses/lookup/:identifier', {
    config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Status of a licence by identifier', description: 'What the QR code\'s short link shows online: type, issuer, status and validity — no holder data.', params: IdentifierParams, response: { 200: LookupView, 404: Problem } },
  }, async (req) => api.lookup(req.params.identifier))

  app.get<{ Params: StatusListParams }>('/licenses/status-lists/:id/:purpose', {
    config: { permission: 'public' },
    schema: { tags, summary: 'A status list (W3C Bitstring Status List)', description: 'The signed BitstringStatusListCredential (VC 2.0) of a list: `revocation` (revoked or replaced), `suspension`, or `message` (statusSize 2; statusMessages 0x0 valid, 0x1 suspended, 0x2 revoked, 0x3 replaced: tells revoked from replaced). `encodedList` is multibase base64url of the GZIP bitstring (131,072 entries or more); the proof is SM2 by the issuer (cryptosuite zhicheng-sm2-jcs); each published revision\'s head is anchored in the ledger.', params: StatusListParams, response: { 200: { type: 'object', additionalProperties: true }, 404: Problem } },
  }, async (req, reply) => {
    const c = await api.statusListCredential(req.params.id, req.params.purpose)
    if (!c) return reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `status list ${req.params.id} not found`, code: 'LIC_NOT_FOUND', requestId: req.id })
    return reply.header('cache-control', 'public, max-age=60').send(c)
  })

  app.get('/licenses/issuers', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Issuing departments and their certificates', description: 'For offline verification: each issuer\'s credit code, SM2 key id and certificate (PEM, from the platform CA), and the P-256 JWK that signs W3C VC exports.', response: { 200: IssuerList } },
  }, async () => api.listIssuers())

  app.get<{ Params: DepartmentParams }>('/licenses/issuers/:departmentId/certificate', {
    config: { permission: 'public' },
    schema: { tags, summary: 'An issuer\'s certificate (PEM)', description: 'Give it to `zhicheng verify licence.json --cert ISSUER.pem`.', params: DepartmentParams, response: { 200: { type: 'string' }, 404: Problem } },
  }, async (req, reply) => reply.type('application/x-pem-file').header('content-disposition', `attachment; filename="${req.params.departmentId}.pem"`).send(await api.issuerCertificate(req.params.departmentId)))

  // ── holder ──
  app.get('/licenses/mine', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My licences (wallet)', description: 'Your licences, and those of the enterprises you represent as legal representative or agent (or act as).', response: { 200: LicenseList, 401: Problem } },
  }, async (req) => api.mine(ctx(req)))

  app.get<{ Params: LicenseIdParams }>('/licenses/mine/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'One of my licences', description: 'Fields, the native signed document (with its ledger receipt once published), status history and consents.', params: LicenseIdParams, response: { 200: LicenseDetail, ...errors } },
  }, async (req) => api.getMine(ctx(req), req.params.id))

  app.get<{ Params: LicenseIdParams; Querystring: DownloadQuery }>('/licenses/mine/:id/download', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Download a licence', description: '`json`: the native signed licence (verify it with `zhicheng verify`); `vc`: a W3C VC 2.0 (`application/vc+jwt`, ES256); `pdf`: the printable licence with a QR code.', params: LicenseIdParams, querystring: DownloadQuery, response: { ...errors } },
  }, async (req, reply) => {
    const out = await extra.download(api, req, req.params.id, req.query.format ?? 'json', req.query.lang ?? req.lang)
    return reply.type(out.type).header('content-disposition', `attachment; filename="${out.filename}"`).send(typeof out.body === 'string' ? out.body : Buffer.from(out.body))
  })

  app.get<{ Params: LicenseIdParams }>('/licenses/mine/:id/accesses', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Who read my licence under a consent', params: LicenseIdParams, response: { 200: AccessList, ...errors } },
  }, async (req) => api.licenceAccesses(ctx(req), req.params.id))

  app.post<{ Body: GrantConsentBody }>('/licenses/consents', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Lend a licence to an application (免提交)', description: 'This licence, to the department handling this application of yours, for this purpose, until this time, disclosing these fields. The clerk then sees those fields instead of an uploaded copy.', body: GrantConsentBody, response: { 201: ConsentView, ...errors, 410: Problem } },
  }, async (req, reply) => reply.status(201).send(await api.grantConsent(ctx(req), req.body)))

  app.get<{ Querystring: ConsentQuery }>('/licenses/consents', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My consents', querystring: ConsentQuery, response: { 200: ConsentList, ...errors } },
  }, async (req) => api.listConsents(ctx(req), req.query.licenseId))

  app.post<{ Params: ConsentIdParams }>('/licenses/consents/:id/revoke', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Revoke a consent', description: 'The department can no longer read the licence.', params: ConsentIdParams, response: { 200: ConsentView, ...errors } },
  }, async (req) => api.revokeConsent(ctx(req), req.params.id))

  app.get<{ Params: ConsentIdParams }>('/licenses/consents/:id/accesses', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Reads under one consent', params: ConsentIdParams, response: { 200: AccessList, ...errors } },
  }, async (req) => api.consentAccesses(ctx(req), req.params.id))

  app.get<{ Params: ConsentIdParams; Querystring: ApplicationQuery }>('/licenses/consents/:id/licence', {
    config: { permission: 'licenses:consent:read' },
    schema: { tags, summary: 'Read a licence lent to an application', description: 'For a clerk of the department the consent names, while it is active: only the disclosed fields. Every read is logged and shown to the holder; a revoked consent answers 410.', params: ConsentIdParams, querystring: ApplicationQuery, response: { 200: LentLicence, ...errors, 410: Problem } },
  }, async (req) => api.readConsented(req.principal!, req.params.id, req.query.applicationId, req.id))

  app.get<{ Params: ApplicationParams }>('/licenses/applications/:applicationId/consents', {
    config: { permission: 'licenses:consent:read' },
    schema: { tags, summary: 'Consents given for an application', description: 'For a clerk: every consent the applicant gave for this application to your department — active, revoked or expired (`state`). Reading a licence is `GET /licenses/consents/:id/licence`.', params: ApplicationParams, response: { 200: ConsentList, ...errors } },
  }, async (req) => api.consentsForApplication(req.principal!, req.params.applicationId))

  // ── staff ──
  app.post<{ Body: LicenseTypeInput }>('/licenses/types', {
    config: { permission: 'licenses:type:manage' },
    schema: {
      tags, summary: 'Create a licence type',
      description: 'A new type at revision 1. Besides the shape, the parts must agree: required and holder fields are fields (holder fields required text), every label in zh-CN, zh-TW and en-US, patterns compile, enum labels match their values, a period validity ends, issuers are departments (city, bureau or town). 400 `LIC_TYPE_INVALID` lists each problem with its JSON pointer; 409 `LIC_TYPE_EXISTS` when the code or key is taken.',
      body: LicenseTypeInput, response: { 201: LicenseTypeView, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await api.createType(ctx(req), req.body as LicenseTypeDefinition)))

  app.put<{ Params: TypeCodeParams; Body: LicenseTypeUpdate }>('/licenses/types/:code', {
    config: { permission: 'licenses:type:manage' },
    schema: {
      tags, summary: 'Save the next revision of a licence type',
      description: 'The whole definition and `revision`, the revision you edited. Code and key never change. 409 `LIC_TYPE_STALE` when someone saved in between; once licences of the type exist, 409 `LIC_TYPE_IN_USE` refuses changing the holder kind or holder fields and removing or retyping a field (adding and relabelling are fine). Every revision is kept (`/history`).',
      params: TypeCodeParams, body: LicenseTypeUpdate, response: { 200: LicenseTypeView, ...errors },
    },
  }, async (req) => {
    const { revision, ...def } = req.body
    return api.updateType(ctx(req), req.params.code, def as LicenseTypeDefinition, revision)
  })

  app.get<{ Params: TypeCodeParams }>('/licenses/types/:code/history', {
    config: { permission: 'licenses:type:manage' },
    schema: { tags, summary: 'Every saved revision of a licence type', description: 'Newest first, with who saved it and when.', params: TypeCodeParams, response: { 200: LicenseTypeHistory, ...errors } },
  }, async (req) => api.typeHistory(req.params.code))

  app.get('/licenses/type-issuers', {
    config: { permission: 'licenses:type:manage' },
    schema: { tags, summary: 'Departments a licence type may name as issuers', description: 'The city, its bureaus and towns that are not disabled (identity departments), by code.', response: { 200: TypeIssuerList, ...errors } },
  }, async () => api.typeIssuers())

  app.post<{ Body: IssueBody }>('/licenses', {
    config: { permission: 'licenses:license:issue' },
    schema: { tags, summary: 'Issue a licence', description: 'Signed with the department\'s SM2 key and anchored in the ledger in the same transaction. The holder\'s name and identifier default to the type\'s holder fields.', body: IssueBody, response: { 201: LicenseDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await api.issueDirect(ctx(req), req.body)))

  app.get<{ Querystring: FindQuery }>('/licenses', {
    config: { permission: 'licenses:license:read' },
    schema: { tags, summary: 'Licences issued by my departments', querystring: FindQuery, response: { 200: LicenseList, ...errors } },
  }, async (req) => api.find(ctx(req), req.query))

  app.get('/licenses/stats', {
    config: { permission: 'licenses:stats:read' },
    schema: { tags, summary: 'Licence statistics', description: 'Issued per type and department, by status; reuse (consents, reads, submissions avoided); verification outcomes.', response: { 200: Stats, 401: Problem, 403: Problem } },
  }, async (req) => api.stats(ctx(req)))

  app.post('/licenses/status-lists/publish', {
    config: { permission: 'licenses:license:status' },
    schema: { tags, summary: 'Publish changed status lists now', description: 'Normally done within seconds of a status change.', response: { 200: PublishReply, 401: Problem, 403: Problem } },
  }, async () => api.publishStatusLists())

  // Imports read the body as a stream (no size limit, no buffering): their own content parsers.
  await app.register(async (imports) => {
    imports.removeAllContentTypeParsers()
    imports.addContentTypeParser('*', (_req, payload, done) => done(null, payload))
    imports.post<{ Querystring: ImportQuery }>('/licenses/imports', {
      config: { permission: 'licenses:license:import' },
      schema: {
        tags, summary: 'Bulk-import a licence register',
        description: 'The request body is the register, streamed: CSV (`text/csv`, first row = column names), NDJSON (`application/x-ndjson`) or a JSON array (`application/json`); `format` overrides the content type. Columns are the type\'s field keys, plus optional `number`, `validFrom`, `validUntil`, `issuedAt`, `holderName`, `holderIdentifier`, `holderKind`, `holderAccountId` (NDJSON/JSON rows may nest the fields under `fields`). Rows are signed and anchored in batches; bad rows are reported, not fatal. Sending the same `key` again resumes after the last committed row without duplicates.',
        querystring: ImportQuery, response: { 200: ImportView, ...errors },
      },
    }, async (req) => {
      const ct = String(req.headers['content-type'] ?? '')
      const format = req.query.format ?? (ct.includes('csv') ? 'csv' : ct.includes('ndjson') ? 'ndjson' : 'json')
      return api.imports.run(ctx(req), { ...req.query, format }, req.body as AsyncIterable<Uint8Array>)
    })
  })

  app.get<{ Params: ImportIdParams }>('/licenses/imports/:id', {
    config: { permission: 'licenses:license:import' },
    schema: { tags, summary: 'An import job', params: ImportIdParams, response: { 200: ImportView, ...errors } },
  }, async (req) => api.imports.get(ctx(req), req.params.id))

  app.get<{ Params: ImportIdParams; Querystring: ImportErrorsQuery }>('/licenses/imports/:id/errors', {
    config: { permission: 'licenses:license:import' },
    schema: { tags, summary: 'Per-row errors of an import', description: 'Ordered by row number; page with `after` (the last row seen).', params: ImportIdParams, querystring: ImportErrorsQuery, response: { 200: ImportErrors, ...errors } },
  }, async (req) => api.imports.errors(ctx(req), req.params.id, req.query.after, req.query.limit))

  app.get<{ Params: LicenseIdParams }>('/licenses/:id', {
    config: { permission: 'licenses:license:read' },
    schema: { tags, summary: 'One licence (staff)', params: LicenseIdParams, response: { 200: LicenseDetail, ...errors } },
  }, async (req) => api.getAsStaff(ctx(req), req.params.id))

  app.post<{ Params: LicenseIdParams; Body: StatusBody }>('/licenses/:id/status', {
    config: { permission: 'licenses:license:status' },
    schema: { tags, summary: 'Change a licence\'s status', description: 'valid ⇄ suspended, valid|suspended → revoked, with a reason. Revoked and replaced are final.', params: LicenseIdParams, body: StatusBody, response: { 200: LicenseDetail, ...errors } },
  }, async (req) => api.changeStatus(ctx(req), req.params.id, req.body.status, req.body.reason))

  app.post<{ Params: LicenseIdParams; Body: ReplaceBody }>('/licenses/:id/replace', {
    config: { permission: 'licenses:license:issue' },
    schema: { tags, summary: 'Issue a new version (换发)', description: 'Same number, version + 1, `replaces` the old identifier; the old licence becomes replaced.', params: LicenseIdParams, body: ReplaceBody, response: { 201: LicenseDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await api.replace(ctx(req), req.params.id, req.body)))
}
