import type { FastifyInstance } from 'fastify'
import type { LedgerService } from './service.ts'
import { fromLibError } from './errors.ts'
import {
  AuditReply, EvidenceBatchBody, EvidenceBatchReply, EvidenceItem, EvidenceList, EvidenceParams, EvidenceQuery,
  EvidenceSchema, LogInfoReply, VerifyBody, VerifyReply,
} from './schema.ts'

const Problem = { $ref: 'Problem#' }
const tags = ['ledger']

/** /api/v1 routes of the ledger: evidence, verification, the log description and the audit. */
export async function ledgerRoutes(app: FastifyInstance, ledger: LedgerService): Promise<void> {
  app.post<{ Body: EvidenceItem }>('/ledger/evidence', {
    config: { permission: 'ledger:evidence:submit' },
    schema: {
      tags, summary: 'Submit evidence (存证)',
      description: 'Records a file hash (or the file, base64, hashed here and kept in the object store, see GET /ledger/evidence/{id}/content) with its type, title and department. Answers once a checkpoint covering the entry has been cosigned by the witness quorum, with a receipt anyone can verify offline.',
      body: EvidenceItem, response: { 201: EvidenceSchema, 400: Problem, 401: Problem, 403: Problem, 422: Problem, 503: Problem },
    },
  }, async (req, reply) => reply.status(201).send(await ledger.submitEvidence(req.principal!, req.body, req.id)))

  app.post<{ Body: EvidenceBatchBody }>('/ledger/evidence/batch', {
    config: { permission: 'ledger:evidence:submit' },
    schema: {
      tags, summary: 'Submit a batch of evidence',
      description: 'Up to LEDGER_MAX_BATCH items (default 1000) in one request; larger batches answer 413 LEDGER_BATCH_TOO_LARGE. One result per item, in order: an item that fails (hash and content disagree, metadata too large) is reported and the others are recorded.',
      body: EvidenceBatchBody, response: { 200: EvidenceBatchReply, 400: Problem, 401: Problem, 403: Problem, 413: Problem, 503: Problem },
    },
  }, async (req) => ({ items: await ledger.submitEvidenceBatch(req.principal!, req.body.items, req.id) }))

  app.get<{ Querystring: EvidenceQuery }>('/ledger/evidence', {
    config: { permission: 'ledger:evidence:read' },
    schema: { tags, summary: 'Find evidence by hash', description: "The organisation's evidence with this payload hash, oldest first, each with a fresh receipt.", querystring: EvidenceQuery, response: { 200: EvidenceList, 400: Problem, 401: Problem, 403: Problem, 409: Problem } },
  }, async (req) => ({ items: await ledger.findEvidenceByHash(req.principal!, req.query.hash) }))

  app.get<{ Params: EvidenceParams }>('/ledger/evidence/:id', {
    config: { permission: 'ledger:evidence:read' },
    schema: { tags, summary: 'Evidence by id', description: 'The evidence with a receipt against the newest checkpoint. 409 LEDGER_ENTRY_TAMPERED when its stored row no longer matches the log.', params: EvidenceParams, response: { 200: EvidenceSchema, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem } },
  }, async (req) => ledger.getEvidence(req.principal!, req.params.id))

  app.get<{ Params: EvidenceParams }>('/ledger/evidence/:id/content', {
    config: { permission: 'ledger:evidence:read' },
    schema: { tags, summary: 'The evidence file', description: 'The file of evidence submitted with its content, as stored. 404 LEDGER_CONTENT_NOT_FOUND for evidence recorded by its hash only (even when another submission of the same file holds one).', params: EvidenceParams, response: { 400: Problem, 401: Problem, 403: Problem, 404: Problem } },
  }, async (req, reply) => reply.type('application/octet-stream').header('cache-control', 'private, max-age=0').send(await ledger.getEvidenceContent(req.principal!, req.params.id)))

  app.post<{ Body: VerifyBody }>('/ledger/verify', {
    config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Verify a receipt (and a file)',
      description: 'Checks the file (or its hash) against the receipt, the leaf, the inclusion proof, the log signature and the witness quorum, as `zhicheng verify` does offline. A malformed receipt answers 400, one that fails a check 422 with the failing check as code.',
      body: VerifyBody, response: { 200: VerifyReply, 400: Problem, 422: Problem },
    },
  }, async (req) => {
    try {
      return { verified: true as const, ...(await ledger.verify(req.body)) }
    } catch (err) {
      throw fromLibError(err)
    }
  })

  app.get('/ledger/log', {
    config: { permission: 'public' },
    schema: { tags, summary: 'The log', description: 'Origin, tree hash, verifier keys, witnesses and quorum, and the newest published checkpoint: what an offline verifier needs.', response: { 200: LogInfoReply } },
  }, async () => ledger.info())

  app.post('/ledger/audit', {
    config: { permission: 'ledger:log:audit' },
    schema: { tags, summary: 'Tamper audit', description: 'Recomputes the tree from every stored entry and compares leaves, nodes and every checkpoint root; names the entries that no longer match.', response: { 200: AuditReply, 401: Problem, 403: Problem } },
  }, async () => ledger.audit())
}

/** C2SP tlog-tiles, read-only and public, outside /api/v1 as monitors expect them. */
export async function ledgerRootRoutes(app: FastifyInstance, ledger: LedgerService): Promise<void> {
  // Sequencing starts once the app is ready, i.e. after migrations.
  app.addHook('onReady', async () => ledger.start())

  app.get('/ledger/checkpoint', {
    schema: { tags, summary: 'Newest checkpoint (tlog-tiles)', description: 'The newest cosigned checkpoint as a C2SP signed note.' },
  }, async (_req, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(await ledger.tiles.checkpoint()))

  app.get<{ Params: { '*': string } }>('/ledger/tile/*', {
    schema: { tags, summary: 'Hash tiles and entry bundles (tlog-tiles)', description: '`tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`; full tiles are immutable.' },
  }, async (req, reply) => {
    const tile = await ledger.tiles.tile(req.params['*'])
    return reply.type('application/octet-stream')
      .header('cache-control', tile.full ? 'public, max-age=31536000, immutable' : 'public, max-age=5')
      .send(Buffer.from(tile.bytes.buffer, tile.bytes.byteOffset, tile.bytes.byteLength))
  })
}
