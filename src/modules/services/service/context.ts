import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../../core/audit.ts'
import type { EventBus } from '../../../core/events.ts'
import { can, type Principal } from '../../../core/http/auth.ts'
import type { IdGenerator } from '../../../lib/ids.ts'
import type { Clock } from '../../../lib/time.ts'
import type { Lang } from '../consistency.ts'
import type { ObjectStore } from '../objects.ts'
import type { ServicesRepo } from '../repo/index.ts'
import type { SearchEngine } from './search.ts'

/** The ports the services module works through. */
export interface ServicesDeps {
  db: Kysely<any>
  repo: ServicesRepo
  clock: Clock
  ids: IdGenerator
  audit: AuditLog
  events: EventBus
  objects: ObjectStore
  search: SearchEngine
  log: Logger
}

/** Where a call comes from: who, which request, which language. */
export interface CallContext { principal: Principal; requestId?: string; lang?: Lang }

export const STAFF_APPLICATION_PERMISSIONS = ['services:application:read', 'services:application:accept', 'services:application:approve'] as const

/** True when the principal may work on applications at all (any staff permission of the module). */
export function isApplicationStaff(p: Principal): boolean {
  return STAFF_APPLICATION_PERMISSIONS.some((code) => can(p, code))
}

/**
 * The departments whose applications `p` may see: undefined for all (system principals, `all`
 * data scope, or no scope information), else the listed department ids.
 */
export function visibleDepartments(p: Principal): readonly string[] | undefined {
  if (p.kind === 'system' || !p.dataScope || p.dataScope.all) return undefined
  const ids = new Set(p.dataScope.departmentIds)
  if (p.departmentId) ids.add(p.departmentId)
  return [...ids]
}

/** True when staff principal `p` may see applications of `departmentId`. */
export function seesDepartment(p: Principal, departmentId: string): boolean {
  const ids = visibleDepartments(p)
  return !ids || ids.includes(departmentId)
}

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString())
