import type { FastifyInstance } from 'fastify'
import type { ServicesApi } from '../service/index.ts'
import {
  CatalogItem, CatalogPage, CatalogQuerystring, ExportQuerystring, ImportBody, ImportReply, ItemData, ItemParams, ValidateReply, VersionBody,
} from '../schema/catalog.ts'

const Problem = { $ref: 'Problem#' }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const tags = ['services']

/** Console routes of the catalog: list, edit drafts, publish, retire, validate, import, export. */
export async function catalogRoutes(app: FastifyInstance, api: ServicesApi): Promise<void> {
  const ctx = (req: { principal?: any; id: string; lang: any }) => ({ principal: req.principal!, requestId: req.id, lang: req.lang })

  app.get<{ Querystring: CatalogQuerystring }>('/services/catalog', {
    config: { permission: 'services:item:read' },
    schema: { tags, summary: 'List catalog items', description: 'Every item with its status, drafts and retired ones included; newest change first.', querystring: CatalogQuerystring, response: { 200: CatalogPage, ...errors } },
  }, async (req) => api.catalog.findCatalog(req.query))

  app.post<{ Body: ItemData }>('/services/catalog', {
    config: { permission: 'services:item:manage' },
    schema: { tags, summary: 'Create an item', description: 'Creates draft version 1. The consistency rules run first: 400 SVC_ITEM_INVALID lists each problem with the field it concerns. Audited.', body: ItemData, response: { 201: CatalogItem, ...errors } },
  }, async (req, reply) => reply.status(201).send(await api.catalog.createItem(ctx(req), req.body)))

  app.post('/services/catalog/validate', {
    config: { permission: 'services:item:read' },
    schema: { tags, summary: 'Check an item', description: 'Runs the schema and the consistency rules on a candidate item without saving it, for the editor to show problems inline. Messages in the caller\'s language.', response: { 200: ValidateReply, ...errors } },
  }, async (req) => {
    const errs = await api.catalog.validate(req.body, req.lang)
    return { ok: errs.length === 0, errors: errs }
  })

  app.get<{ Params: ItemParams }>('/services/catalog/:id', {
    config: { permission: 'services:item:read' },
    schema: { tags, summary: 'One item with its versions', params: ItemParams, response: { 200: CatalogItem, ...errors } },
  }, async (req) => api.catalog.getCatalogItem(req.params.id))

  app.put<{ Params: ItemParams; Body: ItemData }>('/services/catalog/:id/draft', {
    config: { permission: 'services:item:manage' },
    schema: { tags, summary: 'Save the draft', description: 'Updates the open draft version, or opens a new one after the published version. Consistency rules enforced (400). Audited.', params: ItemParams, body: ItemData, response: { 200: CatalogItem, ...errors } },
  }, async (req) => api.catalog.saveDraft(ctx(req), req.params.id, req.body))

  app.post<{ Params: ItemParams; Body: VersionBody }>('/services/catalog/:id/publish', {
    config: { permission: 'services:item:manage' },
    schema: { tags, summary: 'Publish the draft', description: 'The draft version becomes the published one; the previously published version retires (history kept); the search index follows. Emits services.item.published.', params: ItemParams, body: VersionBody, response: { 200: CatalogItem, ...errors } },
  }, async (req) => api.catalog.publish(ctx(req), req.params.id, req.body.version))

  app.post<{ Params: ItemParams }>('/services/catalog/:id/retire', {
    config: { permission: 'services:item:manage' },
    schema: { tags, summary: 'Take an item offline', description: 'Retires the published version; the item leaves search. Emits services.item.retired.', params: ItemParams, response: { 200: CatalogItem, ...errors } },
  }, async (req) => api.catalog.retire(ctx(req), req.params.id))

  app.post<{ Body: ImportBody }>('/services/catalog/import', {
    config: { permission: 'services:item:manage' },
    schema: { tags, summary: 'Import items (JSON or CSV)', description: 'Creates items, or saves drafts of items with the same implementation code; optionally publishes. One result per item: invalid ones carry their field errors and change nothing.', body: ImportBody, response: { 200: ImportReply, ...errors } },
    bodyLimit: 6_000_000,
  }, async (req) => api.catalog.importItems(ctx(req), req.body))

  app.get<{ Querystring: ExportQuerystring }>('/services/catalog/export', {
    config: { permission: 'services:item:read' },
    schema: { tags, summary: 'Export the catalog', description: 'Every item\'s newest version as a JSON array or CSV (nested fields as JSON cells).', querystring: ExportQuerystring },
  }, async (req, reply) => {
    const out = await api.catalog.exportItems(req.query)
    const name = `catalog.${req.query.format ?? 'json'}`
    return reply.type(out.contentType).header('content-disposition', `attachment; filename="${name}"`).send(out.body)
  })
}
