/**
 * The wallet: a citizen's own licences (by account, and by ID number for licences issued before
 * they had an account), and an enterprise's licences for its legal representative, its agents and
 * the enterprise acting itself — nobody else.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { Principal } from '../../../src/core/http/auth.ts'
import { makeCnId } from '../../../src/lib/cn-id.ts'
import { makeUsccFromParts } from '../../../src/lib/uscc.ts'
import type { IdentityService } from '../../../src/modules/identity/index.ts'
import { licenseTypeByKey } from '../../../src/modules/licenses/data/types.ts'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { PRINCIPALS, as, buildLicensesApp, businessLicenceBody, ok, type LicensesTestApp } from './helpers.ts'

const ID_CARD = licenseTypeByKey('resident-id-card')
const PASSWORD = 'Wallet#Test2026x'

for (const dialect of DIALECTS) {
  describe(`wallet: own and enterprise licences [${dialect}]`, () => {
    let t: LicensesTestApp
    let identity: IdentityService
    let enterpriseId = ''
    const repId = makeCnId('442000', '19800202', 311)
    const creditCode = makeUsccFromParts('91', '442000', 'MA4WT001')
    const citizen = (id: string, name: string): Principal => ({ id, kind: 'citizen', name, orgId: id, permissions: new Set() })

    before(async () => {
      t = await buildLicensesApp(dialect)
      identity = t.app.kernel.apis.identity as IdentityService
      const meta = { requestId: 'wallet-test' }
      const rep = await identity.accounts.registerCitizen({ username: 'wallet.rep', password: PASSWORD, realName: '周立', idNumber: repId, mobile: '13900000001' }, meta)
      const agent = await identity.accounts.registerCitizen({ username: 'wallet.agent', password: PASSWORD, realName: '吴敏', idNumber: makeCnId('442000', '19920303', 422), mobile: '13900000002' }, meta)
      const stranger = await identity.accounts.registerCitizen({ username: 'wallet.other', password: PASSWORD, realName: '郑强', idNumber: makeCnId('442000', '19850404', 533), mobile: '13900000003' }, meta)
      PRINCIPALS.rep = citizen(rep.id, '周立')
      PRINCIPALS.agent = citizen(agent.id, '吴敏')
      PRINCIPALS.stranger = citizen(stranger.id, '郑强')
      const ent = await identity.enterprises.register(PRINCIPALS.rep, { name: '中山市钱包测试有限公司', creditCode, password: PASSWORD }, meta)
      enterpriseId = ent.id
      await identity.enterprises.addAgent(PRINCIPALS.rep, ent.id, 'wallet.agent', meta)
      PRINCIPALS.enterprise = { id: rep.id, kind: 'enterprise', name: '周立（中山市钱包测试有限公司）', orgId: ent.id, permissions: new Set() }
    })
    after(() => t.close())

    let companyLicence = ''
    let idCard = ''

    it('shows a licence issued to an enterprise to its legal representative, its agent and the enterprise itself', async () => {
      companyLicence = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses', headers: as('officer'), payload: businessLicenceBody(90, { creditCode, companyName: '中山市钱包测试有限公司', legalRep: '周立' }) }), 201).id
      idCard = ok(await t.app.inject({
        method: 'POST', url: '/api/v1/licenses', headers: as('gaj'),
        payload: { typeCode: ID_CARD.code, validUntil: '2036-02-01', fields: { name: '周立', gender: '1', ethnicity: '汉', birthDate: '1980-02-02', address: '广东省中山市东区中山路1号', idNumber: repId, issuingAuthority: '中山市公安局东区分局', validFrom: '2016-02-01', validUntil: '2036-02-01' } },
      }), 201).id
      const rep = ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('rep') }))
      assert.deepEqual(rep.items.map((i: { id: string; enterpriseId: string | null }) => [i.id, i.enterpriseId]).sort(), [[companyLicence, enterpriseId], [idCard, null]].sort())
      const agent = ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('agent') }))
      assert.deepEqual(agent.items.map((i: { id: string }) => i.id), [companyLicence])
      const ent = ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('enterprise') }))
      assert.deepEqual(ent.items.map((i: { id: string }) => i.id), [companyLicence], 'acting for the enterprise shows its licences, not the person\'s')
      assert.deepEqual(ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('stranger') })).items, [])
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/mine/${companyLicence}`, headers: as('stranger') }), 404, 'LIC_NOT_FOUND')
      assertProblem(await t.app.inject({ url: '/api/v1/licenses/mine' }), 401, 'CORE_UNAUTHENTICATED')
      const detail = ok(await t.app.inject({ url: `/api/v1/licenses/mine/${idCard}`, headers: as('rep') }))
      assert.equal(detail.fields.idNumber, repId, 'the holder sees their own licence in full')
      assert.equal(detail.document.licence.holder.identifier, repId)
    })

    it('stops showing the enterprise licence to an agent whose authorisation is removed', async () => {
      await identity.enterprises.removeAgent(PRINCIPALS.rep, enterpriseId, PRINCIPALS.agent.id, { requestId: 'wallet-test' })
      assert.deepEqual(ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('agent') })).items, [])
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/mine/${companyLicence}/download`, headers: as('agent') }), 404, 'LIC_NOT_FOUND')
    })
  })
}
