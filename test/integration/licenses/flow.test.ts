/**
 * The 免提交 journey through the API: an application for 个体工商户设立登记 is approved → the
 * 营业执照 is issued to the applicant's wallet (from the services event) → the applicant lends it by
 * consent to another application → the clerk sees the disclosed fields there without an upload
 * (each read logged for the holder) → the applicant revokes the consent → the clerk no longer can.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { itemData, multipart, PDF, PNG } from '../services/helpers.ts'
import { licenseTypeByKey } from '../../../src/modules/licenses/data/types.ts'
import { ALICE_ID, as, buildLicensesApp, ok, type LicensesTestApp } from './helpers.ts'

/** What 个体工商户设立登记 (an item for persons) yields: the 营业执照 its operator holds. */
const INDIVIDUAL = licenseTypeByKey('individual-business-licence')

type Who = Parameters<typeof as>[0]
const ANSWERS = { operatorName: '王小丽', idNumber: ALICE_ID, mobile: '13800138000', tradeName: '小丽便利店', organization: 'individual', businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2 }

async function publish(app: FastifyInstance, key: string): Promise<string> {
  const created = ok(await app.inject({ method: 'POST', url: '/api/v1/services/catalog', headers: as('editor'), payload: itemData(key) }), 201)
  ok(await app.inject({ method: 'POST', url: `/api/v1/services/catalog/${created.id}/publish`, headers: as('editor'), payload: { version: 1 } }))
  return created.id
}

/** Opens a draft, answers, provides every material (files, or by licence with `consents[code]`). */
async function draft(app: FastifyInstance, who: Who, itemId: string, answers: Record<string, unknown>): Promise<{ id: string; materials: Array<{ code: string; source: string; accept: string[]; licenceType: string | null }> }> {
  const d = ok(await app.inject({ method: 'POST', url: '/api/v1/services/applications', headers: as(who), payload: { itemId } }), 201)
  ok(await app.inject({ method: 'PATCH', url: `/api/v1/services/applications/${d.id}/form`, headers: as(who), payload: { version: d.version, data: answers } }))
  return d as { id: string; materials: Array<{ code: string; source: string; accept: string[]; licenceType: string | null }> }
}

async function provide(app: FastifyInstance, who: Who, d: { id: string; materials: Array<{ code: string; source: string; accept: string[] }> }, consents: Record<string, string> = {}): Promise<number> {
  let v = 0
  for (const m of d.materials) {
    if (m.source === 'department') continue
    let r
    if (m.source === 'licence') r = await app.inject({ method: 'POST', url: `/api/v1/services/applications/${d.id}/materials/${m.code}/licence${consents[m.code] ? `?consentId=${consents[m.code]}` : ''}`, headers: as(who) })
    else {
      const body = m.accept.includes('pdf') ? multipart(PDF, `${m.code}.pdf`) : multipart(PNG, `${m.code}.png`)
      r = await app.inject({ method: 'PUT', url: `/api/v1/services/applications/${d.id}/materials/${m.code}`, headers: { ...as(who), ...body.headers }, payload: body.payload })
    }
    v = ok(r).version
  }
  return v
}

/** Plays the staff side until the application is approved (claim, accept, claim, approve …). */
async function approve(app: FastifyInstance, id: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    for (const who of ['clerk', 'approver'] as const) {
      const view = ok(await app.inject({ url: `/api/v1/services/applications/${id}`, headers: as(who) }))
      if (view.status === 'approved') return
      const action = ['accept', 'approve', 'claim'].find((a) => view.actions.includes(a))
      if (action) ok(await app.inject({ method: 'POST', url: `/api/v1/services/applications/${id}/${action}`, headers: as(who), payload: { version: view.version } }))
    }
  }
  assert.fail('the application did not reach approval')
}

for (const dialect of DIALECTS) {
  describe(`免提交: issued on approval, lent by consent, revoked [${dialect}]`, () => {
    let t: LicensesTestApp
    let business: string
    let food: string
    before(async () => {
      t = await buildLicensesApp(dialect)
      business = await publish(t.app, 'individual-business')
      food = await publish(t.app, 'food-business')
    })
    after(() => t.close())

    let licenseId = ''
    let foodApp = ''
    let consentId = ''
    let creditCode = ''

    it('issues the 营业执照 to the applicant when the 个体工商户 application is approved', async () => {
      const d = await draft(t.app, 'alice', business, ANSWERS)
      const v = await provide(t.app, 'alice', d)
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${d.id}/submit`, headers: as('alice'), payload: { version: v } }))
      assert.deepEqual(ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('alice') })).items, [])
      await approve(t.app, d.id)
      await t.app.kernel.events.drain()
      await t.api.onApproval.drain()
      const req = await t.api.issueRequest(d.id)
      assert.equal(req?.state, 'done', req?.lastError ?? '')
      const mine = ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('alice') }))
      assert.equal(mine.items.length, 1)
      const lic = mine.items[0]
      assert.equal(lic.typeCode, INDIVIDUAL.code)
      assert.equal(lic.holderName, '王小丽')
      assert.equal(lic.holderKind, 'person')
      assert.equal(lic.source, 'application')
      assert.equal(lic.issuerDepartmentId, 'zs-scjgj')
      licenseId = lic.id
      const detail = ok(await t.app.inject({ url: `/api/v1/licenses/mine/${licenseId}`, headers: as('alice') }))
      assert.equal(detail.fields.tradeName, '小丽便利店')
      assert.equal(detail.fields.operatorName, '王小丽')
      assert.match(detail.fields.creditCode, /^92442000/)
      creditCode = detail.fields.creditCode
      // Redelivery of the event does not issue twice.
      await t.api.onApproval.onApproved({ applicationId: d.id } as never, t.app.kernel.db).catch(() => undefined)
      await t.api.onApproval.drain()
      assert.equal(ok(await t.app.inject({ url: '/api/v1/licenses/mine', headers: as('alice') })).items.length, 1)
      // Nobody else holds it.
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/mine/${licenseId}`, headers: as('bob') }), 404, 'LIC_NOT_FOUND')
      // It verifies, and downloads as native JSON and as a W3C VC.
      const json = await t.app.inject({ url: `/api/v1/licenses/mine/${licenseId}/download?format=json`, headers: as('alice') })
      assert.equal(json.statusCode, 200)
      assert.equal(ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify', payload: json.json() })).valid, true)
      const vc = await t.app.inject({ url: `/api/v1/licenses/mine/${licenseId}/download?format=vc`, headers: as('alice') })
      assert.equal(vc.statusCode, 200)
      assert.match(String(vc.headers['content-type']), /^application\/vc\+jwt/)
      const verdict = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify', payload: { jwt: vc.body } }))
      assert.equal(verdict.valid, true, JSON.stringify(verdict.checks))
    })

    it('lends it by consent to the food permit application; the clerk sees only the disclosed fields, logged', async () => {
      const d = await draft(t.app, 'alice', food, { companyName: '小丽便利店', uscc: creditCode, legalRep: '王小丽', mobile: '13800138000', businessAddress: '中山市石岐街道民生路8号', businessScope: '预包装食品销售' })
      foodApp = d.id
      const expiresAt = new Date(t.clock.now() + 7 * 86_400_000).toISOString()
      const body = { licenseId, applicationId: foodApp, purpose: '食品经营许可证核发：核验营业执照', fields: ['tradeName', 'creditCode', 'businessScope'], expiresAt }
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/consents', headers: as('bob'), payload: body }), 404, 'LIC_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/consents', headers: as('alice'), payload: { ...body, fields: ['nope'] } }), 400, 'LIC_CONSENT_BAD_FIELDS')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/consents', headers: as('alice'), payload: { ...body, expiresAt: new Date(t.clock.now() - 1000).toISOString() } }), 400, 'LIC_CONSENT_BAD_EXPIRY')
      const consent = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/consents', headers: as('alice'), payload: body }), 201)
      assert.equal(consent.state, 'active')
      assert.equal(consent.departmentId, 'zs-scjgj')
      consentId = consent.id
      const v = await provide(t.app, 'alice', d, { 'business-licence': consentId })
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/services/applications/${foodApp}/submit`, headers: as('alice'), payload: { version: v } }))

      const view = ok(await t.app.inject({ url: `/api/v1/services/applications/${foodApp}`, headers: as('clerk') }))
      assert.equal(view.lentLicences.length, 1)
      const lent = view.lentLicences[0]
      assert.deepEqual(Object.keys(lent.fields).sort(), ['businessScope', 'creditCode', 'tradeName'])
      assert.equal(lent.fields.tradeName, '小丽便利店')
      assert.equal(lent.fields.idNumber, undefined, 'undisclosed fields stay with the holder')
      assert.equal(lent.verified, true)
      assert.equal(lent.status, 'valid')
      // The applicant's own view reads nothing on her behalf.
      assert.equal(ok(await t.app.inject({ url: `/api/v1/services/applications/${foodApp}`, headers: as('alice') })).lentLicences, undefined)
      // The clerk's direct read; another department cannot.
      const direct = ok(await t.app.inject({ url: `/api/v1/licenses/consents/${consentId}/licence?applicationId=${foodApp}`, headers: as('clerk') }))
      assert.equal(direct.identifier, lent.identifier)
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/consents/${consentId}/licence?applicationId=${foodApp}`, headers: as('gajClerk') }), 404, 'LIC_CONSENT_NOT_FOUND')
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/consents/${consentId}/licence?applicationId=app_01KAAAAAAAAAAAAAAAAAAAAAAA`, headers: as('clerk') }), 404, 'LIC_CONSENT_WRONG_APPLICATION')
      // Every read is visible to the holder.
      const accesses = ok(await t.app.inject({ url: `/api/v1/licenses/mine/${licenseId}/accesses`, headers: as('alice') }))
      assert.equal(accesses.items.length, 2)
      assert.deepEqual(new Set(accesses.items.map((a: { actorName: string }) => a.actorName)), new Set(['市场监管窗口 刘洋']))
      assert.deepEqual(accesses.items[0].fields, ['tradeName', 'creditCode', 'businessScope'])
      const consents = ok(await t.app.inject({ url: `/api/v1/licenses/consents?licenseId=${licenseId}`, headers: as('alice') }))
      assert.equal(consents.items[0].accessCount, 2)
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/consents/${consentId}/accesses`, headers: as('bob') }), 404, 'LIC_CONSENT_NOT_FOUND')
    })

    it('stops access once the holder revokes the consent', async () => {
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/consents/${consentId}/revoke`, headers: as('bob') }), 404, 'LIC_CONSENT_NOT_FOUND')
      const revoked = ok(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/consents/${consentId}/revoke`, headers: as('alice') }))
      assert.equal(revoked.state, 'revoked')
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/consents/${consentId}/revoke`, headers: as('alice') }), 409, 'LIC_CONSENT_ALREADY_REVOKED')
      const view = ok(await t.app.inject({ url: `/api/v1/services/applications/${foodApp}`, headers: as('clerk') }))
      assert.deepEqual(view.lentLicences, [])
      const listed = ok(await t.app.inject({ url: `/api/v1/licenses/applications/${foodApp}/consents`, headers: as('clerk') }))
      assert.deepEqual(listed.items.map((c: { id: string; state: string }) => [c.id, c.state]), [[consentId, 'revoked']])
      assert.deepEqual(ok(await t.app.inject({ url: `/api/v1/licenses/applications/${foodApp}/consents`, headers: as('gajClerk') })).items, [])
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/consents/${consentId}/licence?applicationId=${foodApp}`, headers: as('clerk') }), 410, 'LIC_CONSENT_REVOKED')
      assert.equal(ok(await t.app.inject({ url: `/api/v1/licenses/mine/${licenseId}/accesses`, headers: as('alice') })).items.length, 2, 'no read after the revocation')
      const stats = ok(await t.app.inject({ url: '/api/v1/licenses/stats', headers: as('officer') }))
      assert.deepEqual(stats.reuse, { consents: 1, accesses: 2, submissionsAvoided: 1 })
      assert.ok(stats.issued.some((r: { typeCode: string; count: number }) => r.typeCode === INDIVIDUAL.code && r.count === 1))
    })
  })
}
