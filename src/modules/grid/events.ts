/** Events the grid module publishes (outbox; NATS subject `zhicheng.<name>` when configured). */
export const GRID_EVENTS = {
  'grid.event.reported': 'An event was reported and placed in its grid (信息收集)',
  'grid.event.dispatched': 'A case was dispatched to a department (派遣), including re-dispatch and rework',
  'grid.event.closed': 'A case was closed (结案) with its closure type',
  'grid.event.reopened': 'A citizen said a closed case is not fixed; it went back to the department (返工)',
  'grid.event.escalated': 'A case ran over its stage limit and went up the grid hierarchy: community, town, city (超时升级)',
} as const

export type GridEventName = keyof typeof GRID_EVENTS

/** Payloads, by event name. Ids only plus what a dashboard or a notifier needs without a read. */
export interface GridEventPayloads {
  'grid.event.reported': { eventId: string; categoryCode: string; source: string; gridCode: string | null; townCode: string | null; lon: number; lat: number }
  'grid.event.dispatched': { eventId: string; departmentId: string; gridCode: string | null; dueAt: number; rework: boolean }
  'grid.event.closed': { eventId: string; closureType: string; gridCode: string | null; departmentId: string | null; onTime: boolean }
  'grid.event.reopened': { eventId: string; departmentId: string | null; gridCode: string | null }
  /** `gridCode` is the grid escalated to; `workerIds` and `departmentIds` are assigned to it (whom to notify). */
  'grid.event.escalated': {
    eventId: string; level: number; levelName: string; gridCode: string | null; stage: string; status: string; departmentId: string | null
    dueAt: number; overdueMinutes: number; workerIds: string[]; departmentIds: string[]
  }
}
