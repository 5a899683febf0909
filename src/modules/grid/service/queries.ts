import type { Principal } from '../../../core/http/auth.ts'
import { GridError } from '../errors.ts'
import { codePrefix } from '../codes.ts'
import { lightOf, type EventStatus } from '../workflow.ts'
import type { EventFilter, EventSource, GridEventRecord } from '../repo/events.ts'
import type { GridDeps } from './context.ts'
import { actionsOf, toAttachment, toCitizenView, toTimeline, toView, type EventView } from './view.ts'

export interface EventQuery {
  status?: EventStatus[]
  categoryCode?: string
  gridCode?: string
  departmentId?: string
  source?: EventSource
  from?: number
  to?: number
  cursor?: string
  limit?: number
}

/** Cursor: `<reportedAt>.<id>` of the last row of the previous page. */
function parseCursor(c: string | undefined): EventFilter['cursor'] {
  if (!c) return undefined
  const m = /^(\d+)\.(\S+)$/.exec(c)
  return m ? { reportedAt: Number(m[1]), id: m[2]! } : undefined
}

/** Reading events: lists, detail with timeline, queues with lights, a worker's tasks. */
export function createEventQueries(deps: GridDeps) {
  const repo = deps.eventsRepo
  const now = () => deps.clock.now()
  const names = deps.departments.nameOf

  return {
    /** The API view of one event at the current time. */
    view: (e: GridEventRecord): EventView => toView(e, now(), names),

    /** Events as stored (for protocol adapters such as Open311), newest first. */
    findRaw: (f: Partial<EventFilter> & { limit: number }) => repo.findEvents(f),
    byOpen311Token: (token: string) => repo.getByOpen311Token(token),
    /** Status changes in [from, to), oldest first (Open311 servicerequestupdates). */
    updatesBetween: (from: number, to: number, limit: number) => repo.logBetween(from, to, limit),

    async findEvents(q: EventQuery): Promise<{ items: EventView[]; nextCursor: string | null }> {
      await deps.departments.warm()
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 500)
      const rows = await repo.findEvents({
        statuses: q.status, categoryCode: q.categoryCode, gridPrefix: q.gridCode ? codePrefix(q.gridCode) : undefined, departmentId: q.departmentId, source: q.source,
        reportedFrom: q.from, reportedTo: q.to, cursor: parseCursor(q.cursor), limit: limit + 1,
      })
      const items = rows.slice(0, limit)
      const last = items.at(-1)
      return { items: items.map((e) => toView(e, now(), names)), nextCursor: rows.length > limit && last ? `${last.reportedAt}.${last.id}` : null }
    },

    async getEventDetail(id: string) {
      await deps.departments.warm()
      const e = await repo.getEvent(id)
      if (!e) throw new GridError.EVENT_NOT_FOUND(id)
      const [log, attachments] = await Promise.all([repo.listLog(id), repo.listAttachments(id)])
      return { ...toView(e, now(), names), timeline: log.map(toTimeline), attachments: attachments.map(toAttachment), actions: actionsOf(e, now()) }
    },

    async getAttachment(eventId: string, attachmentId: string) {
      const a = await repo.getAttachment(attachmentId)
      if (!a || a.eventId !== eventId) throw new GridError.ATTACHMENT_NOT_FOUND(attachmentId)
      return a
    },

    /**
     * The dispatch queues: open cases per status with their lights, soonest deadline first, and
     * counts per status and light. `departmentId` narrows to one department's cases.
     */
    async queue(opts: { departmentId?: string; limit?: number } = {}) {
      await deps.departments.warm()
      const active: EventStatus[] = ['reported', 'accepted', 'opened', 'dispatched', 'handled', 'verified', 'suspended']
      const rows = await repo.listActive(active, Math.min(opts.limit ?? 200, 1000), opts.departmentId)
      const t = now()
      const items = rows.map((e) => toView(e, t, names))
      const lights = { green: 0, yellow: 0, red: 0, none: 0 }
      for (const e of rows) lights[lightOf(e, t)]++
      return { counts: await repo.countByStatus(), lights, items }
    },

    /** Cases waiting for `p`: handling for their department, verification in the grids they work in. */
    async myTasks(p: Principal, gridCodes: string[]) {
      await deps.departments.warm()
      const t = now()
      const handling = p.departmentId ? await repo.listActive(['dispatched'], 200, p.departmentId) : []
      const verify = gridCodes.length ? (await repo.listActive(['handled'], 500)).filter((e) => e.gridCode && gridCodes.includes(e.gridCode)) : []
      const reported = await repo.findEvents({ reporterId: p.id, limit: 50 })
      return { handling: handling.map((e) => toView(e, t, names)), verifying: verify.map((e) => toView(e, t, names)), reported: reported.map((e) => toView(e, t, names)) }
    },

    async citizenView(id: string, e: Awaited<ReturnType<typeof repo.getEvent>>) {
      if (!e) throw new GridError.EVENT_NOT_FOUND(id)
      await deps.departments.warm()
      return toCitizenView(e, await repo.listLog(id), now(), names)
    },
  }
}

export type EventQueries = ReturnType<typeof createEventQueries>
