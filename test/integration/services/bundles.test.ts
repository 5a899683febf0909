import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { ADMIN, as, buildServicesApp, eventsOf, fillDraft, json, type ServicesTestApp } from './helpers.ts'

const COMPANY = {
  companyName: '中山市小丽贸易有限公司', legalRep: '王小丽', idNumber: '11010519491231002X', mobile: '13800138000', registeredCapital: 50,
  businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货批发零售', employees: 5, uscc: '91442000MA4WC0017F', sealCount: 2,
  invoiceType: 'general', staffCount: 5, bankAccount: '6222021234567890123',
}
const BIRTH = {
  babyName: '王小满', babyGender: 'F', birthDate: '2026-11-10', birthPlace: '中山市博爱医院', motherName: '王小丽', motherId: '11010519491231002X',
  mobile: '13800138000', fatherName: '赵大海', fatherId: '11010519491231002X', address: '中山市石岐街道民生路8号', applicantName: '王小丽', idNumber: '11010519491231002X',
}

for (const dialect of DIALECTS) {
  describe(`services 一件事 bundles [${dialect}]`, () => {
    let t: ServicesTestApp
    const api = (path = '') => `/api/v1/services/applications${path}`
    const get = async (id: string, headers: Record<string, string> = as('alice')) => json(await t.app.inject({ url: api(`/${id}`), headers }))
    async function staffDo(id: string, ...actions: string[]): Promise<Record<string, any>> {
      let a = await get(id, ADMIN)
      for (const action of actions) {
        const r = await t.app.inject({ method: 'POST', url: api(`/${id}/${action}`), headers: ADMIN, payload: action === 'refuse' ? { version: a.version, reason: '不符合条件', remedy: '补齐后重新申请' } : { version: a.version } })
        assert.equal(r.statusCode, 200, `${action}: ${r.body}`)
        a = json(r)
      }
      return a
    }
    async function submitBundle(code: string, answers: Record<string, unknown>): Promise<Record<string, any>> {
      const d = json(await t.app.inject({ method: 'POST', url: api(), headers: as('alice'), payload: { bundleCode: code } }))
      const v = await fillDraft(t.app, 'alice', d.id, answers)
      const r = await t.app.inject({ method: 'POST', url: api(`/${d.id}/submit`), headers: as('alice'), payload: { version: v } })
      assert.equal(r.statusCode, 200, r.body)
      return json(r)
    }

    before(async () => { t = await buildServicesApp(dialect, { seed: true }) })
    after(async () => { await t?.close() })

    it('a bundle draft has one merged form and one set of materials; 404 for others; unknown bundle 404', async () => {
      assertProblem(await t.app.inject({ method: 'POST', url: api(), headers: as('alice'), payload: { bundleCode: 'nope' } }), 404, 'SVC_BUNDLE_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url: api(), payload: { bundleCode: 'birth' } }), 401, 'CORE_UNAUTHENTICATED')
      const d = json(await t.app.inject({ method: 'POST', url: api(), headers: as('alice'), payload: { bundleCode: 'company-start' } }))
      assert.deepEqual([d.kind, d.itemName, d.bundleCode, d.status], ['bundle', '开办企业一件事', 'company-start', 'draft'])
      const fields = Object.keys(d.form.schema.properties)
      assert.deepEqual(new Set(fields), new Set(Object.keys(COMPANY)), 'each question asked once')
      assert.equal(d.materials.filter((m: { code: string }) => m.code === 'business-licence').length, 1, 'shared materials once')
      assertProblem(await t.app.inject({ url: api(`/${d.id}`), headers: as('bob') }), 404, 'SVC_APPLICATION_NOT_FOUND')
    })

    it('开办企业一件事 (parallel): one submission fans out to five applications; the bundle completes when all are approved', async () => {
      const b = await submitBundle('company-start', COMPANY)
      assert.equal(b.children.length, 5)
      assert.deepEqual(b.children.map((c: { status: string }) => c.status), ['submitted', 'submitted', 'submitted', 'submitted', 'submitted'])
      const first = await get(b.children[0].id)
      assert.deepEqual([first.parentId, first.bundleCode, first.itemName, first.actions], [b.id, 'company-start', '有限责任公司设立登记', []])
      assert.equal(first.formData.companyName, COMPANY.companyName)
      assert.equal(first.formData.sealCount, undefined, 'each child gets only its own answers')
      assert.ok(first.materials.every((m: { required: boolean; provided: string | null; source: string }) => !m.required || m.source === 'department' || m.provided), 'materials copied')
      assertProblem(await t.app.inject({ method: 'POST', url: api(`/${first.id}/withdraw`), headers: as('alice'), payload: { version: first.version } }), 409, 'SVC_NOT_EDITABLE')
      assert.deepEqual(await eventsOf(t.app, b.id), ['services.application.submitted', 'services.bundle.submitted'])
      for (const c of b.children.slice(0, 4)) await staffDo(c.id, 'claim', 'accept', 'claim', 'approve')
      assert.equal((await get(b.id)).status, 'submitted', 'not done while a child is open')
      await staffDo(b.children[4].id, 'claim', 'accept', 'claim', 'approve')
      const done = await get(b.id)
      assert.deepEqual([done.status, done.result, done.children.map((c: { status: string }) => c.status)], ['approved', { outcome: 'approved' }, ['approved', 'approved', 'approved', 'approved', 'approved']])
      assert.deepEqual((await eventsOf(t.app, b.id)).at(-1), 'services.bundle.completed')
      const mine = json(await t.app.inject({ url: api('/mine'), headers: as('alice') }))
      assert.ok(mine.items.some((a: { id: string }) => a.id === b.id) && !mine.items.some((a: { id: string }) => a.id === b.children[0].id), 'children live inside their bundle')
    })

    it('出生一件事 (in order): the next item starts when the previous is approved; a refusal stops the rest and ends the bundle', async () => {
      const b = await submitBundle('birth', BIRTH)
      assert.deepEqual(b.children.map((c: { itemName: string; status: string }) => [c.itemName, c.status]), [
        ['出生医学证明首次签发', 'submitted'], ['新生儿入户（出生登记）', 'waiting'], ['城乡居民基本医疗保险参保登记', 'waiting'], ['社会保障卡申领', 'waiting'],
      ])
      await staffDo(b.children[0].id, 'claim', 'accept', 'claim', 'approve')
      let now = await get(b.id)
      assert.deepEqual(now.children.map((c: { status: string }) => c.status), ['approved', 'submitted', 'waiting', 'waiting'])
      await staffDo(b.children[1].id, 'claim', 'accept', 'claim', 'refuse')
      now = await get(b.id)
      assert.deepEqual([now.status, now.children.map((c: { status: string }) => c.status)], ['refused', ['approved', 'refused', 'withdrawn', 'withdrawn']])
      const code = b.queryCode as string
      const p = json(await t.app.inject({ url: `/api/v1/services/progress?number=${b.number}&code=${code}` }))
      assert.deepEqual(p.children.map((c: { status: string }) => c.status), ['approved', 'refused', 'withdrawn', 'withdrawn'])
    })
  })
}
