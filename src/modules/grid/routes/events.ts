import type { FastifyInstance } from 'fastify'
import type { GridApi } from '../service/index.ts'
import type { Command } from '../workflow.ts'
import { EVENT_CATEGORIES, EVENT_GROUPS, DEPARTMENTS } from '../catalog.ts'
import {
  ActionBody, AttachmentParams, CategoryList, CloseBody, DecisionBody, DispatchBody, DuplicatesQuery, DuplicatesReply, EventDetail, EventListQuery,
  EventPage, ExtensionBody, HandleBody, IdParams, MapPoints, MergeBody, MyTasksReply, Problem, QueueQuery, QueueReply, ReasonBody, ReportReply,
  StaffReportBody, SweepReply, VerifyBody,
} from '../schema/index.ts'

const tags = ['grid']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

/** One workflow action route: body → command, run, answer the event detail. */
interface ActionSpec<B> {
  path: string
  permission: `grid:event:${string}`
  summary: string
  body: unknown
  command(body: B): Command
}

/** Staff-side events: reporting, lists, detail, queues and the workflow actions. */
export function eventRoutes(app: FastifyInstance, api: GridApi): void {
  app.get('/grid/categories', {
    config: { permission: 'public' },
    schema: { tags, summary: 'The event catalog', description: 'GB/T 30428.2-style event classes with stage time limits (minutes), default department and required evidence.', response: { 200: CategoryList } },
  }, async () => ({
    items: EVENT_CATEGORIES.map((c) => ({
      code: c.code, group: c.group, groupName: EVENT_GROUPS[c.group]!, name: c.name, local: c.local, sla: c.sla, defaultDepartmentId: c.defaultDepartmentId,
      defaultDepartmentName: DEPARTMENTS[c.defaultDepartmentId] ?? null, evidence: c.evidence, attributes: c.attributes ?? [],
    })),
    departments: DEPARTMENTS,
  }))

  app.get<{ Querystring: DuplicatesQuery }>('/grid/duplicates', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Possible duplicates of a report', description: 'Open cases of the same category within 100 m reported in the last 72 hours, nearest first: join one instead of reporting again.', querystring: DuplicatesQuery, response: { 200: DuplicatesReply, 400: Problem } },
  }, async (req) => ({ items: await api.events.findDuplicates(req.query.categoryCode, req.query.lon, req.query.lat) }))

  app.post<{ Body: StaffReportBody }>('/grid/events', {
    config: { permission: 'grid:event:report' },
    schema: { tags, summary: 'Report an event (grid worker, sensor, camera, API)', description: 'Places the event in its grid by point-in-polygon, flags it near a grid edge, suggests a department and lists duplicates.', body: StaffReportBody, response: { 201: ReportReply, ...errors, 422: Problem } },
  }, async (req, reply) => {
    const p = req.principal!
    const source = req.body.source ?? (p.kind === 'service' ? 'api' : 'worker')
    const { source: _s, ...input } = req.body
    const r = await api.events.reportEvent(p, input, source, req.id)
    return reply.status(201).send({ event: api.queries.view(r.event), duplicates: r.duplicates, token: r.token })
  })

  app.get<{ Querystring: EventListQuery }>('/grid/events', {
    config: { permission: 'grid:event:read' },
    schema: { tags, summary: 'Find events', description: 'Newest first, filtered by status, category, grid subtree, department, source and report time; cursor-paginated.', querystring: EventListQuery, response: { 200: EventPage, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => {
    const q = req.query
    return api.queries.findEvents({ ...q, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined })
  })

  app.get('/grid/events/map', {
    config: { permission: 'grid:event:read' },
    schema: { tags, summary: 'Open events as map points', description: 'Every open case with its light (at most 1,000, soonest deadline first).', response: { 200: MapPoints, 401: Problem, 403: Problem } },
  }, async () => {
    const q = await api.queries.queue({ limit: 1000 })
    return { items: q.items.map((e) => ({ id: e.id, lon: e.lon, lat: e.lat, status: e.status, light: e.stage.light, categoryCode: e.categoryCode })) }
  })

  app.post('/grid/escalations/sweep', {
    config: { permission: 'grid:event:approve' },
    schema: {
      tags, summary: 'Run the escalation sweep now (超时升级)',
      description: 'Escalates every case whose stage ran over its limit up the grid hierarchy: community at the deadline, town after one more stage limit, city after two. The server also runs it every GRID_ESCALATION_SWEEP_SECONDS (60). Idempotent.',
      response: { 200: SweepReply, 401: Problem, 403: Problem },
    },
  }, async () => api.escalation.sweep())

  app.get<{ Querystring: QueueQuery }>('/grid/queue', {
    config: { permission: 'grid:event:read' },
    schema: { tags, summary: 'The dispatch queues', description: 'Open cases, soonest deadline first, with counts per status and per light (green, yellow after 2/3 of the time, red when overdue).', querystring: QueueQuery, response: { 200: QueueReply, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => api.queries.queue(req.query))

  app.get('/grid/my/tasks', {
    config: { permission: 'grid:event:read' },
    schema: { tags, summary: 'My tasks', description: 'Cases with my department to handle, handled cases in my grids to verify, and my own reports.', response: { 200: MyTasksReply, 401: Problem, 403: Problem } },
  }, async (req) => api.queries.myTasks(req.principal!, await api.grids.gridsOf(req.principal!.id)))

  app.get<{ Params: IdParams }>('/grid/events/:id', {
    config: { permission: 'grid:event:read' },
    schema: { tags, summary: 'One event with its timeline', description: 'The case, every transition of its log, its attachments and the actions its state allows.', params: IdParams, response: { 200: EventDetail, 400: Problem, 401: Problem, 403: Problem, 404: Problem } },
  }, async (req) => api.queries.getEventDetail(req.params.id))

  app.get<{ Params: AttachmentParams }>('/grid/events/:id/attachments/:attachmentId', {
    config: { permission: 'grid:event:read' },
    schema: { tags, summary: 'An attachment (photo) of an event', params: AttachmentParams },
  }, async (req, reply) => {
    const a = await api.queries.getAttachment(req.params.id, req.params.attachmentId)
    return reply.type(a.mime).header('cache-control', 'private, max-age=86400').header('content-disposition', 'inline').send(Buffer.from(a.data, 'base64'))
  })

  const actions: Array<ActionSpec<any>> = [
    { path: 'accept', permission: 'grid:event:accept', summary: 'Accept a report (受理)', body: ActionBody, command: () => ({ type: 'accept' }) },
    { path: 'reject', permission: 'grid:event:accept', summary: 'Reject a report (不予受理)', body: ReasonBody, command: (b: ReasonBody) => ({ type: 'reject', reason: b.reason }) },
    { path: 'merge', permission: 'grid:event:accept', summary: 'Merge a duplicate into an open case', body: MergeBody, command: (b: MergeBody) => ({ type: 'merge', intoEventId: b.intoEventId }) },
    { path: 'open', permission: 'grid:event:open', summary: 'Open the case (立案)', body: ActionBody, command: () => ({ type: 'open' }) },
    { path: 'dispatch', permission: 'grid:event:dispatch', summary: 'Dispatch to a department (派遣)', body: DispatchBody, command: (b: DispatchBody) => ({ type: 'dispatch', departmentId: b.departmentId }) },
    { path: 'return', permission: 'grid:event:handle', summary: 'Return a wrong dispatch (退回)', body: ReasonBody, command: (b: ReasonBody) => ({ type: 'return', reason: b.reason }) },
    { path: 'handle', permission: 'grid:event:handle', summary: 'Report the case handled, with evidence (处置反馈)', body: HandleBody, command: () => ({ type: 'handle' }) },
    { path: 'verify', permission: 'grid:event:verify', summary: 'Verify on site (核查); a failure sends it back as 返工', body: VerifyBody, command: (b: VerifyBody) => ({ type: 'verify', passed: b.passed }) },
    { path: 'close', permission: 'grid:event:close', summary: 'Close the case (结案) with a closure type', body: CloseBody, command: (b: CloseBody) => ({ type: 'close', closureType: b.closureType }) },
    { path: 'extension', permission: 'grid:event:handle', summary: 'Ask for more time (延期申请)', body: ExtensionBody, command: (b: ExtensionBody) => ({ type: 'request-extension', minutes: b.minutes, reason: b.reason }) },
    { path: 'suspension', permission: 'grid:event:handle', summary: 'Ask to suspend the case (挂账申请)', body: ReasonBody, command: (b: ReasonBody) => ({ type: 'request-suspension', reason: b.reason }) },
    { path: 'decision', permission: 'grid:event:approve', summary: 'Approve or refuse the pending extension or suspension', body: DecisionBody, command: (b: DecisionBody) => ({ type: 'decide', approved: b.approved }) },
    { path: 'resume', permission: 'grid:event:approve', summary: 'Resume a suspended case', body: ActionBody, command: () => ({ type: 'resume' }) },
    { path: 'reopen', permission: 'grid:event:close', summary: 'Reopen a closed case as 返工 (within 7 days)', body: ActionBody, command: () => ({ type: 'reopen' }) },
  ]
  for (const a of actions) {
    app.post<{ Params: IdParams; Body: { note?: string; version?: number; photos?: Array<{ name: string; mime: string; data: string }> } }>(`/grid/events/:id/${a.path}`, {
      config: { permission: a.permission },
      schema: { tags, summary: a.summary, description: `Requires ${a.permission}. 409 when the state does not allow it.`, params: IdParams, body: a.body, response: { 200: EventDetail, ...errors } },
    }, async (req) => {
      await api.events.act(req.principal!, req.params.id, a.command(req.body), { note: req.body.note, version: req.body.version, photos: req.body.photos, requestId: req.id })
      return api.queries.getEventDetail(req.params.id)
    })
  }
}
