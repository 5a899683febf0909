/**
 * The holder's wallet: a citizen's own licences (issued to the account, or to the ID number), and
 * licences of the enterprises the caller represents as legal representative or authorised agent,
 * or acts as. Anything else answers 404.
 */
import type { Principal } from '../../../core/http/auth.ts'
import { LicenseError } from '../errors.ts'
import type { LicenseRow } from '../repo.ts'
import type { CallContext, LicensesDeps } from './context.ts'
import { holderKeyOf } from './issue.ts'
import type { TypeRegistry } from './types-registry.ts'
import { toSummary } from './views.ts'

interface Holdings { accountIds: string[]; keys: Map<string, string | null> }

export function createWallet(deps: LicensesDeps, types: TypeRegistry) {
  // A citizen's ID number is read (audited by identity) once per process and period, not per page view.
  const idKeys = new Map<string, { key: string | null; at: number }>()
  const ID_CACHE_MS = 10 * 60_000

  async function personKey(p: Principal, requestId?: string): Promise<string | null> {
    const hit = idKeys.get(p.id)
    if (hit && deps.clock.now() - hit.at < ID_CACHE_MS) return hit.key
    let key: string | null = null
    try {
      const ids = await deps.identity?.accounts.revealIdentifiers(p, p.id, { requestId })
      key = ids?.idNumber ? holderKeyOf(ids.idNumber) : null
    } catch { key = null } // not an identity account (tests, tokens): account id matching only
    idKeys.set(p.id, { key, at: deps.clock.now() })
    return key
  }

  /** Whose licences `p` holds: account ids and identifier keys (key → enterprise id for organisations). */
  async function holdings(p: Principal, requestId?: string): Promise<Holdings> {
    const keys = new Map<string, string | null>()
    // Acting for an enterprise shows the enterprise's licences, not the person's own.
    const accountIds = p.kind === 'enterprise' ? [] : [p.id]
    const enterprises = new Map<string, string>()
    if (deps.identity) {
      if (p.kind === 'enterprise' && p.orgId) {
        try { const e = await deps.identity.enterprises.get(p, p.orgId); enterprises.set(e.id, e.creditCode) } catch { /* not visible */ }
      }
      if (p.kind === 'citizen') {
        for (const e of await deps.identity.enterprises.listMine(p).catch(() => [])) if (e.status === 'active') enterprises.set(e.id, e.creditCode)
        const k = await personKey(p, requestId)
        if (k) keys.set(k, null)
      }
    }
    for (const [id, code] of enterprises) keys.set(holderKeyOf(code), id)
    return { accountIds, keys }
  }

  const enterpriseOf = (row: LicenseRow, h: Holdings) => (row.holderKind === 'organization' ? h.keys.get(row.holderKey) ?? null : null)

  async function visible(c: CallContext, id: string): Promise<{ row: LicenseRow; h: Holdings }> {
    const row = await deps.repo.getLicense(deps.db, id)
    if (!row) throw new LicenseError.NOT_FOUND(id)
    const h = await holdings(c.principal, c.requestId)
    if (!(row.holderAccountId && h.accountIds.includes(row.holderAccountId)) && !h.keys.has(row.holderKey)) throw new LicenseError.NOT_FOUND(id)
    return { row, h }
  }

  return {
    holdings,
    visible,
    async mine(c: CallContext) {
      const h = await holdings(c.principal, c.requestId)
      const rows = await deps.repo.listHolderLicenses(deps.db, h.accountIds, [...h.keys.keys()])
      const now = deps.clock.now()
      const items = []
      for (const r of rows) items.push(toSummary(r, await types.get(r.typeCode), now, enterpriseOf(r, h)))
      return { items }
    },
    enterpriseOf,
  }
}

export type Wallet = ReturnType<typeof createWallet>
