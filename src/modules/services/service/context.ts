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
import type { DepartmentDirectory } from './directory.ts'
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
  /** Identity's departments as the catalog names them (codes): turns data scopes into department codes. */
  directory: DepartmentDirectory
  /** How often (ms) a search looks for catalogue changes made by other instances; 0 = every search. Default 2,000. */
  indexSyncMs?: number
}

/** Where a call comes from: who, which request, which language. */
export interface CallContext { principal: Principal; requestId?: string; lang?: Lang }

export const STAFF_APPLICATION_PERMISSIONS = ['services:application:read', 'services:application:accept', 'services:application:approve'] as const

/** True when the principal may work on applications at all (any staff permission of the module). */
export function isApplicationStaff(p: Principal): boolean {
  return STAFF_APPLICATION_PERMISSIONS.some((code) => can(p, code))
}

/**
 * The department codes whose applications `p` may see: undefined for all (system principals, an
 * `all` data scope), else the codes identity's data scope resolves to (see `directory.ts`).
 */
export function visibleDepartments(deps: Pick<ServicesDeps, 'directory'>, p: Principal): Promise<readonly string[] | undefined> {
  return deps.directory.scopeOf(p)
}

/** True when staff principal `p` may see applications of department `code`. */
export async function seesDepartment(deps: Pick<ServicesDeps, 'directory'>, p: Principal, code: string): Promise<boolean> {
  const codes = await deps.directory.scopeOf(p)
  return !codes || codes.includes(code)
}

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString())
