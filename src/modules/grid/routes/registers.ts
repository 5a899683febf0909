import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { GridApi } from '../service/index.ts'
import {
  CreateHousingBody, CreatePersonBody, CreateUnitBody, HousingDetail, HousingPage, IdParams, PersonDetail, PersonPage, Problem, RegisterQuery,
  UnitDetail, UnitPage, UpdateHousingBody, UpdatePersonBody, UpdateUnitBody,
} from '../schema/index.ts'

const tags = ['grid']
const denied = { 400: Problem, 401: Problem, 403: Problem }

interface RegisterSpec {
  kind: 'housing' | 'person' | 'unit'
  path: string
  what: string
  page: unknown
  detail: unknown
  create: unknown
  update: unknown
  masking: string
}

const SPECS: RegisterSpec[] = [
  { kind: 'housing', path: 'housing', what: 'dwellings and premises (实有房屋)', page: HousingPage, detail: HousingDetail, create: CreateHousingBody, update: UpdateHousingBody, masking: '' },
  {
    kind: 'person', path: 'people', what: 'residents (实有人口)', page: PersonPage, detail: PersonDetail, create: CreatePersonBody, update: UpdatePersonBody,
    masking: ' Names, ID numbers and mobiles are masked; one record is answered in clear to holders of grid:registry:pii, and that read is audited.',
  },
  {
    kind: 'unit', path: 'units', what: 'units and businesses (实有单位)', page: UnitPage, detail: UnitDetail, create: CreateUnitBody, update: UpdateUnitBody,
    masking: ' Legal persons and contact mobiles are masked; one record is answered in clear to holders of grid:registry:pii, and that read is audited.',
  },
]

/** The actual registers (四实): housing, people and units; CRUD with search, history and masking. */
export function registerRoutes(app: FastifyInstance, api: GridApi): void {
  const svc = api.registers
  for (const s of SPECS) {
    app.get<{ Querystring: RegisterQuery }>(`/grid/${s.path}`, {
      config: { permission: 'grid:registry:read' },
      schema: { tags, summary: `Find ${s.what}`, description: `By text (name or address part, or a whole identifier), grid subtree${s.kind === 'person' ? ' or dwelling' : ''}; ordered by id, cursor-paginated.${s.masking}`, querystring: RegisterQuery, response: { 200: s.page, ...denied } },
    }, async (req) => svc.find(s.kind, req.query))

    // The same search with the query in the body: an ID number typed as `q` then stays out of URLs,
    // and so out of proxies' access logs and browser history.
    app.post<{ Body: RegisterQuery }>(`/grid/${s.path}/search`, {
      config: { permission: 'grid:registry:read' },
      schema: { tags, summary: `Find ${s.what} (query in the body)`, description: `As GET /grid/${s.path}, with the query as a JSON body, so that identifiers searched for stay out of URLs and access logs. Reads only.${s.masking}`, body: RegisterQuery, response: { 200: s.page, ...denied } },
    }, async (req) => svc.find(s.kind, req.body))

    app.get<{ Params: IdParams }>(`/grid/${s.path}/:id`, {
      config: { permission: 'grid:registry:read' },
      schema: { tags, summary: `One of the ${s.what} with its change history`, description: s.masking.trim() || undefined, params: IdParams, response: { 200: s.detail, ...denied, 404: Problem } },
    }, async (req) => svc.get(s.kind, req.principal!, req.params.id, req.id))

    app.post<{ Body: Record<string, unknown> }>(`/grid/${s.path}`, {
      config: { permission: 'grid:registry:manage' },
      schema: { tags, summary: `Register one of the ${s.what}`, description: 'On a standard address, which gives its grid. Identifiers are checked by their check characters.', body: s.create, response: { 201: s.detail, ...denied, 409: Problem } },
    }, async (req, reply) => reply.status(201).send(await svc.create(s.kind, req.principal!, req.body as never, req.id)))

    app.patch<{ Params: IdParams; Body: Record<string, unknown> }>(`/grid/${s.path}/:id`, {
      config: { permission: 'grid:registry:manage' },
      schema: { tags, summary: `Change one of the ${s.what} from the field`, description: 'Every change is kept in the history; give `version` to refuse a stale edit.', params: IdParams, body: s.update, response: { 200: s.detail, ...denied, 404: Problem, 409: Problem } },
    }, async (req) => svc.update(s.kind, req.principal!, req.params.id, req.body as never, req.id))

    app.delete<{ Params: IdParams }>(`/grid/${s.path}/:id`, {
      config: { permission: 'grid:registry:manage' },
      schema: { tags, summary: `Remove one of the ${s.what} (moved away, demolished, closed)`, description: 'The history keeps the removal.', params: IdParams, response: { 204: Type.Null(), ...denied, 404: Problem, 409: Problem } },
    }, async (req, reply) => {
      await svc.remove(s.kind, req.principal!, req.params.id, req.id)
      return reply.status(204).send()
    })
  }
}
