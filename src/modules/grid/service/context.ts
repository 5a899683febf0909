import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../../core/audit.ts'
import type { EventBus } from '../../../core/events.ts'
import type { Clock } from '../../../lib/time.ts'
import type { IdGenerator } from '../../../lib/ids.ts'
import type { GridsRepo } from '../repo/grids.ts'
import type { EventsRepo } from '../repo/events.ts'
import type { RegistryRepo } from '../repo/registry.ts'
import type { RegistersRepo } from '../repo/registers.ts'
import type { DepartmentDirectory } from './departments.ts'
import type { PiiKeyring } from './pii.ts'
import type { GridEventName, GridEventPayloads } from '../events.ts'

/** The ports every grid service part receives. */
export interface GridDeps {
  db: Kysely<any>
  clock: Clock
  ids: IdGenerator
  audit: AuditLog
  events: EventBus
  log: Logger
  grids: GridsRepo
  eventsRepo: EventsRepo
  registry: RegistryRepo
  registers: RegistersRepo
  /** identity's departments and the catalog duties bound to them */
  departments: DepartmentDirectory
  /** the data key of the registers' personal identifiers */
  pii: PiiKeyring
}

/** Publishes a typed grid event inside `trx`. */
export function publish<N extends GridEventName>(deps: GridDeps, trx: Kysely<any>, name: N, aggregateId: string, payload: GridEventPayloads[N], meta: { requestId?: string | null; actorId?: string | null }): Promise<string> {
  return deps.events.publish(trx, name, aggregateId, payload, meta)
}
