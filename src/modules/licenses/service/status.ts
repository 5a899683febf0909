/**
 * Status changes by the issuer, each with a reason: valid ⇄ suspended, valid|suspended → revoked.
 * Revoked and replaced are final; expiry follows from validUntil. A change bumps the revision of the
 * licence's status list, which is then republished (signed, head anchored in the ledger).
 */
import { withTransaction } from '../../../core/db/transaction.ts'
import { LicenseError } from '../errors.ts'
import type { LicensesEventPayloads } from '../events.ts'
import type { LicenseRow } from '../repo.ts'
import type { LicenseStatus } from '../types.ts'
import type { CallContext, LicensesDeps } from './context.ts'
import type { StatusLists } from './status-lists.ts'

const ALLOWED: Record<LicenseStatus, LicenseStatus[]> = {
  valid: ['suspended', 'revoked'],
  suspended: ['valid', 'revoked'],
  revoked: [],
  replaced: [],
  expired: [],
}

export function createStatusChanges(deps: LicensesDeps, lists: StatusLists) {
  return {
    /** Changes the status of `row` (already checked visible to the caller). Throws SAME_STATUS / BAD_STATUS_CHANGE. */
    async change(c: CallContext, row: LicenseRow, to: LicenseStatus, reason: string): Promise<void> {
      if (row.status === to) throw new LicenseError.SAME_STATUS(to)
      if (!ALLOWED[row.status].includes(to)) throw new LicenseError.BAD_STATUS_CHANGE(row.status, to)
      const now = deps.clock.now()
      await withTransaction(deps.db, async (trx) => {
        if (!(await deps.repo.setStatus(trx, row.id, row.status, to, reason, now))) {
          const fresh = (await deps.repo.getLicense(trx, row.id))!
          throw new LicenseError.BAD_STATUS_CHANGE(fresh.status, to)
        }
        await deps.repo.insertStatusChange(trx, { id: deps.ids.next('lsc'), licenseId: row.id, from: row.status, to, reason, actorId: c.principal.id, actorName: c.principal.name, at: now })
        await deps.repo.bumpRevision(trx, row.statusListId)
        await deps.audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'licenses.license.status-changed', targetType: 'licenses_license', targetId: row.id, requestId: c.requestId ?? null, detail: { identifier: row.identifier, from: row.status, to, reason } })
        await deps.events.publish(trx, 'licenses.license.status-changed', row.id, { licenseId: row.id, identifier: row.identifier, from: row.status, to, reason } satisfies LicensesEventPayloads['licenses.license.status-changed'], { requestId: c.requestId ?? null, actorId: c.principal.id })
        lists.kick(trx)
      })
    },
  }
}
