/**
 * The demo seed: every licence type, the demo licences signed and anchored (each verifies, or
 * fails with the reason its demo status implies), the officers and clerks able to log in, the
 * citizens' wallets filled by ID number, and a second seed run changing nothing.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, ADMIN, type TestApp } from '../../helpers/build-test-app.ts'
import { DIALECTS } from '../../helpers/dialects.ts'
import { DEMO_LICENCES } from '../../../src/modules/licenses/data/demo.ts'
import { LICENSE_TYPES } from '../../../src/modules/licenses/data/types.ts'
import type { LicensesApi } from '../../../src/modules/licenses/index.ts'
import { withDependencies } from '../services/helpers.ts'

const login = async (t: TestApp, name: string, password: string) => {
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: name, password, mode: 'token' } })
  assert.equal(r.statusCode, 200, r.body)
  return { authorization: `Bearer ${r.json().accessToken}` }
}

for (const dialect of DIALECTS) {
  describe(`licences demo seed [${dialect}]`, () => {
    let t: TestApp
    // Only the modules licences needs (and their seeds): this suite does not depend on the others' demo data.
    before(async () => { t = await buildTestApp(dialect, { seed: true, modules: withDependencies(['ops', 'licenses']) }) })
    after(() => t.close())

    it('seeds every type and every demo licence, signed and anchored; each verifies or fails for its status', async () => {
      const api = t.app.kernel.apis.licenses as LicensesApi
      assert.equal((await api.listTypes()).items.length, LICENSE_TYPES.length)
      const rows = await t.app.kernel.db.selectFrom('licenses_license').select(['id', 'source_ref', 'status']).where('source_ref', 'like', 'demo:%').execute()
      assert.equal(rows.length, DEMO_LICENCES.length)
      const statuses = new Set<string>()
      for (const r of rows) {
        const doc = (await api.getAsStaff({ principal: api.system }, r.id)).document
        const v = await api.verify(doc)
        statuses.add(v.status)
        if (v.status === 'valid') assert.equal(v.valid, true, `${r.source_ref}: ${JSON.stringify(v.checks)}`)
        else assert.equal(v.code, `LIC_VERIFY_${v.status.toUpperCase()}`, `${r.source_ref}: ${JSON.stringify(v.checks)}`)
      }
      for (const s of ['valid', 'suspended', 'revoked', 'replaced', 'expired']) assert.ok(statuses.has(s), `some demo licence is ${s}`)
    })

    it('is idempotent', async () => {
      // Let issuance on the services demo's approvals finish first: it is not part of the seed.
      await t.app.kernel.events.drain()
      await (t.app.kernel.apis.licenses as LicensesApi).onApproval.drain()
      const before = await t.app.kernel.db.selectFrom('licenses_license').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      await t.app.kernel.seedDemo()
      const after = await t.app.kernel.db.selectFrom('licenses_license').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n))
    })

    it('gives demo citizens their licences and the officers their register', async () => {
      const zhang = await login(t, 'zhang.san', 'Citizen@Zhongshan2026')
      const mine = (await t.app.inject({ url: '/api/v1/licenses/mine', headers: zhang })).json()
      const expected = DEMO_LICENCES.filter((d) => d.holder.username === 'zhang.san').length
      assert.ok(mine.items.length >= expected && expected > 0, `${mine.items.length} ≥ ${expected}`)
      const officer = await login(t, 'scj.licence', 'Staff@Zhongshan2026')
      const reg = (await t.app.inject({ url: '/api/v1/licenses?limit=200', headers: officer })).json()
      assert.ok(reg.items.length > 0)
      assert.ok(reg.items.every((i: { issuerDepartmentId: string }) => i.issuerDepartmentId === 'zs-scjgj'))
      const stats = await t.app.inject({ url: '/api/v1/licenses/stats', headers: ADMIN })
      // The demo licences, and those issued for the services demo's approved applications.
      assert.ok(stats.json().total >= DEMO_LICENCES.length)
    })
  })
}
