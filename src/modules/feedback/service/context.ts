import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../../core/audit.ts'
import type { Lang } from '../../../core/errors.ts'
import type { EventBus } from '../../../core/events.ts'
import { can, type Principal } from '../../../core/http/auth.ts'
import type { IdGenerator } from '../../../lib/ids.ts'
import type { Clock } from '../../../lib/time.ts'
import type { ServicesApi } from '../../services/index.ts'
import type { FeedbackOptions } from '../config.ts'
import type { FeedbackRepo } from '../repo/index.ts'
import type { Directory } from './directory.ts'

/** The ports the feedback module works through. */
export interface FeedbackDeps {
  db: Kysely<any>
  repo: FeedbackRepo
  clock: Clock
  ids: IdGenerator
  audit: AuditLog
  events: EventBus
  log: Logger
  options: FeedbackOptions
  directory: Directory
  /** The services module's API (applications are read through it, never from its tables). */
  services: Pick<ServicesApi, 'applications'> | undefined
}

/** Where a call comes from: who, which request, which language. */
export interface CallContext { principal: Principal; requestId?: string; lang?: Lang }

/** The principal the module acts as in subscribers and sweeps. */
export const SYSTEM: Principal = { id: 'system:feedback', kind: 'system', name: '系统', permissions: new Set(['*']) }

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString())

export const DAY_MS = 86_400_000

export { can }
