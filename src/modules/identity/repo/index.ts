/** Every query of the identity module, grouped by resource. Each takes the executor first (db or trx). */
import { accountsRepo } from './accounts.ts'
import { orgRepo } from './org.ts'
import { sessionsRepo } from './sessions.ts'
import { enterprisesRepo } from './enterprises.ts'
import { logsRepo } from './logs.ts'
import { dictsRepo } from './dicts.ts'
import { oidcRepo } from './oidc.ts'
import { rateLimitRepo } from './rate-limit.ts'

export const identityRepo = { accounts: accountsRepo, org: orgRepo, sessions: sessionsRepo, enterprises: enterprisesRepo, logs: logsRepo, dicts: dictsRepo, oidc: oidcRepo, rateLimit: rateLimitRepo }
export type IdentityRepo = typeof identityRepo

export type { AccountRow, AccountFilter } from './accounts.ts'
export type { DepartmentRow, PostRow, RoleRow } from './org.ts'
export type { SessionRow, ChallengeRow } from './sessions.ts'
export type { EnterpriseRow } from './enterprises.ts'
export type { LoginLogRow, LoginLogFilter } from './logs.ts'
export type { DictTypeRow, DictItemRow } from './dicts.ts'
export type { OidcClientRow } from './oidc.ts'
