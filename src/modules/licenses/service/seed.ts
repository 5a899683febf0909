/**
 * The demo seed: licence types, issuers (keys and certificates), and the demo licences of the
 * city's residents and enterprises, signed and anchored like any other. Idempotent: licences are
 * keyed `demo:<key>`; a second run changes nothing.
 */
import type { LicenseStatus, LicenseTypeDefinition } from '../types.ts'
import { SYSTEM, type LicensesDeps } from './context.ts'
import type { LicensesApi } from './index.ts'
import { seedDemoIdentity } from './demo-identity.ts'

export interface DemoIssuer { departmentId: string; name: { 'zh-CN': string }; creditCode: string }
export interface DemoLicence {
  key: string; type: string; issuer: string; number: string; version: number; replaces?: string
  holder: { kind: 'person' | 'organization'; name: string; identifier: string; username?: string }
  fields: Record<string, string | number>; issuedAt: string; validFrom: string; validUntil: string | null
  change?: { to: Exclude<LicenseStatus, 'valid' | 'expired' | 'replaced'>; reason: string; at: string }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export async function seedLicences(api: LicensesApi, deps: LicensesDeps, data: { types: readonly LicenseTypeDefinition[]; issuers: readonly DemoIssuer[]; licences: readonly DemoLicence[] }): Promise<{ types: number; licences: number; identityRows: number }> {
  const identityRows = deps.identity ? await seedDemoIdentity(deps.identity) : 0
  await api.seedTypes(data.types)
  for (const i of data.issuers) await api.issuers.ensure(i.departmentId, { name: i.name['zh-CN'], creditCode: i.creditCode })
  const byKey = new Map(data.types.map((t) => [t.key, t]))
  const accounts = new Map<string, string | null>()
  const accountOf = async (username?: string): Promise<string | null> => {
    if (!username || !deps.identity) return null
    if (!accounts.has(username)) {
      const found = await deps.identity.accounts.findAccounts(SYSTEM, { kind: 'citizen', q: username, limit: 10 }).catch(() => ({ items: [] as Array<{ id: string; username: string }> }))
      accounts.set(username, found.items.find((a) => a.username === username)?.id ?? null)
    }
    return accounts.get(username)!
  }
  let issued = 0
  const actor = { id: SYSTEM.id, kind: SYSTEM.kind, name: SYSTEM.name }
  for (const d of data.licences) {
    const sourceRef = `demo:${d.key}`
    if (await deps.repo.getLicenseBySource(deps.db, sourceRef)) continue
    const type = byKey.get(d.type)
    if (!type) throw new Error(`demo licence ${d.key}: unknown type ${d.type}`)
    const replaces = d.replaces ? await deps.repo.getLicenseBySource(deps.db, `demo:${d.replaces}`) : undefined
    const row = await api.issuance.issueOne({
      typeCode: type.code, departmentId: d.issuer, number: d.number, fields: d.fields, source: 'import', sourceRef, replaces,
      holder: { kind: d.holder.kind, name: d.holder.name, identifier: d.holder.identifier, accountId: await accountOf(d.holder.username) },
      issuedAt: Date.parse(d.issuedAt), validFrom: d.validFrom, validUntil: d.validUntil && DAY.test(d.validUntil) ? d.validUntil : null,
    }, actor)
    if (d.change) await api.changeStatus({ principal: SYSTEM }, row.id, d.change.to, d.change.reason)
    issued++
  }
  await api.publishStatusLists()
  return { types: data.types.length, licences: issued, identityRows }
}
