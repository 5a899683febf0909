import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../../core/audit.ts'
import type { EventBus } from '../../../core/events.ts'
import { can, type Principal } from '../../../core/http/auth.ts'
import type { Lang } from '../../../core/errors.ts'
import type { IdGenerator } from '../../../lib/ids.ts'
import type { Clock } from '../../../lib/time.ts'
import type { CryptoService } from '../../crypto/index.ts'
import type { LedgerService } from '../../ledger/index.ts'
import type { IdentityService } from '../../identity/index.ts'
import type { ServicesApi } from '../../services/index.ts'
import type { LicensesRepo } from '../repo.ts'

/** The ports of the licences service. */
export interface LicensesDeps {
  db: Kysely<any>
  repo: LicensesRepo
  clock: Clock
  ids: IdGenerator
  events: EventBus
  audit: AuditLog
  log: Logger
  crypto: CryptoService
  ledger: LedgerService
  /** Departments (names, codes, tree) and enterprises (legal representative, agents); optional in narrow tests. */
  identity?: IdentityService
  /** Applications and items, for issuance on approval; optional in narrow tests. */
  services?: ServicesApi
  /** Entries per status list (≥ 131,072). */
  statusListSize: number
  /** Base URL for links inside licences (status list URLs, verification page); '' = relative. */
  publicUrl: string
}

/** Where a call comes from. */
export interface CallContext { principal: Principal; requestId?: string; lang?: Lang }

/** The module itself acting (issuer keys and certificates, issuance on approval, seeding). */
export const SYSTEM: Principal = {
  id: 'system:licenses', kind: 'system', name: '电子证照系统',
  permissions: new Set(['*']),
}

export const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString())

/** YYYY-MM-DD in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
}

/** True when `p` is the platform or holds every permission. */
export const isAllPowerful = (p: Principal): boolean => p.kind === 'system' || can(p, '*')
