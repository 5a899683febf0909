import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { GridApi } from '../service/index.ts'
import {
  AddressList, AddressSearchQuery, BuildingList, FacilityDetail, FacilityList, FacilityParams, GeocodeQuery, GeocodeReply, GridFilterQuery, IdParams,
  Open311KeyBody, Open311KeyList, Open311KeyReply, Problem, UpdateFacilityBody,
} from '../schema/index.ts'

const tags = ['grid']
const denied = { 400: Problem, 401: Problem, 403: Problem }

/** The base registry (四标四实 subset) and Open311 key management. */
export function registryRoutes(app: FastifyInstance, api: GridApi): void {
  app.get<{ Querystring: AddressSearchQuery }>('/grid/addresses', {
    config: { permission: 'grid:registry:read' },
    schema: { tags, summary: 'Search standard addresses', description: 'Every space-separated term must occur in the address text or an alias.', querystring: AddressSearchQuery, response: { 200: AddressList, ...denied } },
  }, async (req) => ({ items: await api.registry.searchAddresses(req.query.q, req.query.limit) }))

  app.get<{ Querystring: GeocodeQuery }>('/grid/geocode', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Geocode an address', description: 'The best matching standard address, its point and its grid.', querystring: GeocodeQuery, response: { 200: GeocodeReply, 400: Problem, 404: Problem } },
  }, async (req) => api.registry.geocode(req.query.q))

  app.get<{ Querystring: GridFilterQuery }>('/grid/buildings', {
    config: { permission: 'grid:registry:read' },
    schema: { tags, summary: 'Standard buildings', description: 'Buildings of a grid subtree, by code.', querystring: GridFilterQuery, response: { 200: BuildingList, ...denied } },
  }, async (req) => ({ items: await api.registry.listBuildings(req.query.gridCode, req.query.limit) }))

  app.get<{ Querystring: GridFilterQuery }>('/grid/facilities', {
    config: { permission: 'grid:registry:read' },
    schema: { tags, summary: 'Facilities (部件)', description: 'Parts with 16-digit codes, by grid subtree, class and state.', querystring: GridFilterQuery, response: { 200: FacilityList, ...denied } },
  }, async (req) => ({ items: await api.registry.listFacilities(req.query, req.query.limit) }))

  app.get<{ Params: FacilityParams }>('/grid/facilities/:code', {
    config: { permission: 'grid:registry:read' },
    schema: { tags, summary: 'One facility with its change history', params: FacilityParams, response: { 200: FacilityDetail, ...denied, 404: Problem } },
  }, async (req) => api.registry.getFacilityOrThrow(req.params.code))

  app.patch<{ Params: FacilityParams; Body: UpdateFacilityBody }>('/grid/facilities/:code', {
    config: { permission: 'grid:registry:manage' },
    schema: { tags, summary: 'Update a facility from the field', description: 'State, name or maintainer; every change is kept in the history.', params: FacilityParams, body: UpdateFacilityBody, response: { 200: FacilityDetail, ...denied, 404: Problem } },
  }, async (req) => api.registry.updateFacility(req.principal!, req.params.code, req.body, req.id))

  app.get('/grid/open311/keys', {
    config: { permission: 'grid:open311:manage' },
    schema: { tags, summary: 'Open311 API keys', response: { 200: Open311KeyList, 401: Problem, 403: Problem } },
  }, async () => ({ items: await api.open311Keys.listKeys() }))

  app.post<{ Body: Open311KeyBody }>('/grid/open311/keys', {
    config: { permission: 'grid:open311:manage' },
    schema: { tags, summary: 'Issue an Open311 API key', description: 'The key is shown once; only its hash is stored.', body: Open311KeyBody, response: { 201: Open311KeyReply, ...denied } },
  }, async (req, reply) => reply.status(201).send(await api.open311Keys.createKey(req.principal!, req.body.name, req.id)))

  app.delete<{ Params: IdParams }>('/grid/open311/keys/:id', {
    config: { permission: 'grid:open311:manage' },
    schema: { tags, summary: 'Revoke an Open311 API key', params: IdParams, response: { 204: Type.Null(), ...denied, 404: Problem } },
  }, async (req, reply) => {
    await api.open311Keys.revokeKey(req.principal!, req.params.id, req.id)
    return reply.status(204).send()
  })
}
