import type { FastifyInstance } from 'fastify'
import type { GridApi } from '../service/index.ts'
import type { Grid } from '../repo/grids.ts'
import { GridError } from '../errors.ts'
import { codePrefix } from '../codes.ts'
import {
  CreateGridBody, FeatureCollection, GridList, GridListQuery, GridParams, GridSchema, ImportBody, ImportReply, LocateReply, NearbyQuery, NearbyReply,
  PointQuery, Problem, UpdateGridBody, DutyList, DutyParams, DutySchema, BindDutyBody,
} from '../schema/index.ts'

const tags = ['grid']

function view(g: Grid) {
  return { ...g, createdAt: new Date(g.createdAt).toISOString(), updatedAt: new Date(g.updatedAt).toISOString() }
}

/** Grids: CRUD, GeoJSON import/export, point location and nearby search. */
export function gridRoutes(app: FastifyInstance, api: GridApi): void {
  app.get('/grid/duties', {
    config: { permission: 'grid:grid:read' },
    schema: { tags, summary: 'Duties of the event catalog and the departments that carry them', description: 'Each duty (职责, e.g. dep_urban) may be bound to one of identity\'s departments; a dispatch to a bound duty lands with that department.', response: { 200: DutyList, 401: Problem, 403: Problem } },
  }, async () => ({ items: await api.departments.listDuties() }))

  app.put<{ Params: DutyParams; Body: BindDutyBody }>('/grid/duties/:duty', {
    config: { permission: 'grid:grid:manage' },
    schema: { tags, summary: 'Bind a duty to an identity department', description: 'null unbinds. Audited.', params: DutyParams, body: BindDutyBody, response: { 200: DutySchema, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => api.departments.bindDuty(req.principal!, req.params.duty, req.body.departmentId, req.id))

  app.get<{ Querystring: GridListQuery }>('/grid/grids', {
    config: { permission: 'grid:grid:read' },
    schema: { tags, summary: 'List grids', description: 'Grids by parent, level or subtree (`within` a grid code), ordered by code, with outlines and assignments.', querystring: GridListQuery, response: { 200: GridList, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => ({ items: (await api.grids.listGrids({ parentCode: req.query.parentCode, level: req.query.level, codePrefix: req.query.within ? codePrefix(req.query.within) : undefined })).map(view) }))

  app.get<{ Querystring: GridListQuery }>('/grid/grids.geojson', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Grid outlines as GeoJSON (public)', description: 'A FeatureCollection of grid outlines with code, name, level and parent; no assignments. For maps.', querystring: GridListQuery, response: { 200: FeatureCollection, 400: Problem } },
  }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=60')
    return api.grids.exportGrids({ level: req.query.level, parentCode: req.query.parentCode, codePrefix: req.query.within ? codePrefix(req.query.within) : undefined }, false)
  })

  app.get<{ Querystring: GridListQuery }>('/grid/export', {
    config: { permission: 'grid:grid:read' },
    schema: { tags, summary: 'Export grids as GeoJSON', description: 'The grids with their outlines, workers and departments; importable with POST /grid/import.', querystring: GridListQuery, response: { 200: FeatureCollection, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req, reply) => {
    reply.header('content-disposition', 'attachment; filename="grids.geojson"')
    return api.grids.exportGrids({ level: req.query.level, parentCode: req.query.parentCode, codePrefix: req.query.within ? codePrefix(req.query.within) : undefined })
  })

  app.post<{ Body: ImportBody }>('/grid/import', {
    config: { permission: 'grid:grid:manage' },
    bodyLimit: 50 * 1024 * 1024,
    schema: {
      tags, summary: 'Import grids from GeoJSON', description: 'Creates or updates one grid per feature (properties: code, name, level?, workerIds?, departmentIds?). Never fails half-way: one result per feature.',
      body: ImportBody, response: { 200: ImportReply, 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (req) => {
    const results = await api.grids.importGrids(req.principal!, req.body, req.id)
    return {
      created: results.filter((r) => r.ok && r.created).length, updated: results.filter((r) => r.ok && !r.created).length,
      failed: results.filter((r) => !r.ok).length, results,
    }
  })

  app.post<{ Body: CreateGridBody }>('/grid/grids', {
    config: { permission: 'grid:grid:manage' },
    schema: { tags, summary: 'Create a grid', description: 'The 14-digit code must match the level and extend the parent; the outline must be a valid polygon.', body: CreateGridBody, response: { 201: GridSchema, 400: Problem, 401: Problem, 403: Problem, 409: Problem } },
  }, async (req, reply) => reply.status(201).send(view(await api.grids.createGrid(req.principal!, req.body, req.id))))

  app.get<{ Params: GridParams }>('/grid/grids/:code', {
    config: { permission: 'grid:grid:read' },
    schema: { tags, summary: 'One grid', params: GridParams, response: { 200: GridSchema, 400: Problem, 401: Problem, 403: Problem, 404: Problem } },
  }, async (req) => view(await api.grids.getGridOrThrow(req.params.code)))

  app.patch<{ Params: GridParams; Body: UpdateGridBody }>('/grid/grids/:code', {
    config: { permission: 'grid:grid:manage' },
    schema: { tags, summary: 'Change a grid', description: 'Name, outline, workers (usr_…) or departments (dep_…).', params: GridParams, body: UpdateGridBody, response: { 200: GridSchema, 400: Problem, 401: Problem, 403: Problem, 404: Problem } },
  }, async (req) => view(await api.grids.updateGrid(req.principal!, req.params.code, req.body, req.id)))

  app.get<{ Querystring: PointQuery }>('/grid/locate', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Which grid contains a point', description: 'The unit grid, community and town containing the point, the distance to the grid edge and whether it is near enough to need a human check. 422 outside the city.', querystring: PointQuery, response: { 200: LocateReply, 400: Problem, 422: Problem } },
  }, async (req) => {
    const loc = await api.grids.locate(req.query.lon, req.query.lat)
    if (!loc) throw new GridError.OUTSIDE_CITY(req.query.lon, req.query.lat)
    const unit = await api.grids.getGrid(loc.unitCode)
    return { ...loc, unitName: unit?.name ?? loc.unitCode }
  })

  app.get<{ Querystring: NearbyQuery }>('/grid/nearby', {
    config: { permission: 'grid:grid:read' },
    schema: { tags, summary: 'Unit grids near a point', description: 'Within `meters` (default 300), nearest first; the containing grid at 0 m.', querystring: NearbyQuery, response: { 200: NearbyReply, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => ({ items: await api.grids.nearby(req.query.lon, req.query.lat, req.query.meters ?? 300, req.query.limit ?? 10) }))
}
