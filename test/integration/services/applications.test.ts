import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, buildServicesApp, countRows, eventsOf, itemData, json, multipart, PDF, PNG, publishItem, type ServicesTestApp } from './helpers.ts'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const ANSWERS = {
  operatorName: '王小丽', idNumber: '11010519491231002X', mobile: '13800138000', tradeName: '小丽', organization: 'individual',
  businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2,
}

for (const dialect of DIALECTS) {
  describe(`services applications [${dialect}]`, () => {
    let t: ServicesTestApp
    let itemId: string
    let appId: string
    const api = (path = '') => `/api/v1/services/applications${path}`
    const view = async (who: 'alice' | 'clerk' = 'alice') => json(await t.app.inject({ url: api(`/${appId}`), headers: as(who) }))

    before(async () => {
      t = await buildServicesApp(dialect)
      itemId = await publishItem(t.app, itemData('individual-business'))
      const r = await t.app.inject({ method: 'POST', url: api(), headers: as('alice'), payload: { itemId } })
      assert.equal(r.statusCode, 201, r.body)
      appId = json(r).id
    })
    after(async () => { await t?.close() })

    it('401 without credentials', async () => {
      assertProblem(await t.app.inject({ method: 'POST', url: api(), payload: { itemId } }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: api('/mine') }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: api(`/${appId}`) }), 401, 'CORE_UNAUTHENTICATED')
    })

    it('404 for another applicant\'s application, and for staff while it is a draft', async () => {
      assertProblem(await t.app.inject({ url: api(`/${appId}`), headers: as('bob') }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('bob'), payload: { version: 1, data: {} } }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url: api(`/${appId}/submit`), headers: as('bob'), payload: { version: 1 } }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await t.app.inject({ url: api(`/${appId}`), headers: as('clerk') }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assert.deepEqual(json(await t.app.inject({ url: api('/mine'), headers: as('bob') })).items, [])
      assertProblem(await t.app.inject({ method: 'POST', url: api(), headers: as('alice'), payload: { itemId: 'itm_00000000000000000000000000' } }), 404, 'SVC_ITEM_NOT_FOUND')
    })

    it('400 with field errors in Chinese for wrong answers; missing answers and materials block submission; nothing changes', async () => {
      const v0 = await view()
      assert.deepEqual(v0.formData, { operatorName: '王小丽' }, 'the name is prefilled')
      const bad = assertProblem(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('alice'), payload: { version: v0.version, data: { idNumber: '110105194912310021', mobile: '123', organization: 'corp', extra: 'x' } } }), 400, 'SVC_FORM_INVALID')
      assert.equal(bad.detail, '申请表有 4 处需要修改')
      assert.deepEqual(bad.errors, [
        { path: '/form/extra', code: 'unknown', message: '表单中没有字段“extra”' },
        { path: '/form/idNumber', code: 'id-card', message: '“公民身份号码”不是有效的居民身份证号码' },
        { path: '/form/mobile', code: 'mobile', message: '“联系电话”不是有效的手机号码' },
        { path: '/form/organization', code: 'enum', message: '请从选项中选择“组成形式”' },
      ])
      const schema = assertProblem(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('alice'), payload: { data: {} } }), 400, 'CORE_VALIDATION')
      assert.deepEqual(schema.errors.map((e: { path: string }) => e.path), ['body/version'])
      assertProblem(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('alice'), payload: { version: 99, data: {} } }), 409, 'SVC_VERSION_CONFLICT')

      const partial = json(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('alice'), payload: { version: v0.version, data: { mobile: '13800138000' } } }))
      const missing = assertProblem(await t.app.inject({ method: 'POST', url: api(`/${appId}/submit`), headers: as('alice'), payload: { version: partial.version } }), 400, 'SVC_FORM_INVALID')
      assert.deepEqual(missing.errors.map((e: { path: string; message: string }) => [e.path, e.message]).slice(0, 2), [['/form/idNumber', '请填写“公民身份号码”'], ['/form/tradeName', '请填写“字号名称”']])
      const filled = json(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('alice'), payload: { version: partial.version, data: ANSWERS } }))
      const noMaterials = assertProblem(await t.app.inject({ method: 'POST', url: api(`/${appId}/submit`), headers: as('alice'), payload: { version: filled.version } }), 400, 'SVC_MATERIALS_MISSING')
      assert.deepEqual(noMaterials.errors, [
        { path: '/materials/id-card', code: 'required', message: '请上传“申请人居民身份证”' },
        { path: '/materials/premises', code: 'required', message: '请上传“经营场所使用证明”' },
        { path: '/materials/application', code: 'required', message: '请上传“个体工商户登记（备案）申请书”' },
      ])
      const after = await view()
      assert.deepEqual([after.status, after.version], ['draft', filled.version])
      assert.equal(await eventsOf(t.app, appId).then((e) => e.length), 0)
    })

    it('uploads: the kind is read from the bytes (415), the size is checked (413), unknown materials 404; nothing is stored then', async () => {
      const before = await view()
      const objects = await countRows(t.app, 'services_object')
      const txt = multipart(Buffer.from('just text, named like a pdf'), 'fake.pdf', 'application/pdf')
      const wrong = assertProblem(await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/premises`), headers: { ...as('alice'), ...txt.headers }, payload: txt.payload }), 415, 'SVC_FILE_TYPE')
      assert.equal(wrong.detail, '文件类型不符合要求（允许：pdf, jpg, png）')
      const big = multipart(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf')
      assertProblem(await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/premises`), headers: { ...as('alice'), ...big.headers }, payload: big.payload }), 413, 'SVC_FILE_TOO_LARGE')
      const ok = multipart(PDF, 'a.pdf')
      assertProblem(await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/nope`), headers: { ...as('alice'), ...ok.headers }, payload: ok.payload }), 404, 'SVC_MATERIAL_UNKNOWN')
      assertProblem(await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/premises`), headers: { ...as('bob'), ...ok.headers }, payload: ok.payload }), 404, 'SVC_APPLICATION_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/premises`), headers: as('alice'), payload: { file: 'x' } }), 400, 'SVC_FILE_MISSING')
      assertProblem(await t.app.inject({ method: 'POST', url: api(`/${appId}/materials/premises/licence`), headers: as('alice') }), 409, 'SVC_MATERIAL_NOT_BY_LICENCE')
      const after = await view()
      assert.deepEqual([after.version, after.materials.filter((m: { provided: unknown }) => m.provided).length], [before.version, 0])
      assert.equal(await countRows(t.app, 'services_object'), objects)
    })

    it('happy path: materials uploaded or left to the e-licence, submitted into acceptance with its deadline and query code', async () => {
      const png = multipart(PNG, '场所证明.png', 'image/png')
      let r = await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/premises`), headers: { ...as('alice'), ...png.headers }, payload: png.payload })
      assert.equal(r.statusCode, 200, r.body)
      const pdf = multipart(PDF, '申请书.pdf', 'application/pdf')
      r = await t.app.inject({ method: 'PUT', url: api(`/${appId}/materials/application`), headers: { ...as('alice'), ...pdf.headers }, payload: pdf.payload })
      r = await t.app.inject({ method: 'POST', url: api(`/${appId}/materials/id-card/licence`), headers: as('alice') })
      const ready = json(r)
      assert.deepEqual(ready.materials.map((m: { code: string; provided: string | null; mime: string | null }) => [m.code, m.provided, m.mime]), [['id-card', 'licence', null], ['premises', 'file', 'image/png'], ['application', 'file', 'application/pdf']])
      const file = await t.app.inject({ url: api(`/${appId}/materials/premises/file`), headers: as('alice') })
      assert.deepEqual([file.statusCode, file.headers['content-type'], file.rawPayload.equals(PNG)], [200, 'image/png', true])

      t.clock.set(Date.parse('2026-09-24T02:00:00Z')) // Thursday 10:00 in Beijing
      r = await t.app.inject({ method: 'POST', url: api(`/${appId}/submit`), headers: as('alice'), payload: { version: ready.version } })
      assert.equal(r.statusCode, 200, r.body)
      const s = json(r)
      assert.match(s.queryCode, /^\d{6}$/)
      assert.match(s.number, /^ZS20261125\d{6}$/)
      assert.deepEqual(s, {
        id: appId, number: s.number, kind: 'item', itemId, itemName: '个体工商户设立登记', bundleCode: null, applicantName: '王小丽', departmentId: 'zs-scjgj',
        divisionCode: '442000', status: 'submitted', stepIndex: -1, assigneeId: null, assigneeName: null, version: ready.version + 1, warning: 'none',
        dueAt: '2026-09-28T15:59:59.999Z', createdAt: s.createdAt, submittedAt: '2026-09-24T02:00:00.000Z', completedAt: null,
        itemVersion: 1, parentId: null, applicantId: 'cit_alice', stepName: null, steps: [{ code: 'review', name: '审核', kind: 'single' }], signatures: [],
        form: s.form, formData: { ...ANSWERS }, materials: s.materials,
        deadline: { limitDays: 1, startedAt: '2026-09-24T02:00:00.000Z', dueAt: '2026-09-28T15:59:59.999Z', warnAt: '2026-09-27T16:00:00.000Z', pausedDays: 0, paused: false, warning: 'none', workingDaysLeft: 1 },
        result: null,
        timeline: [{ action: 'submit', fromStatus: 'draft', toStatus: 'submitted', stepIndex: -1, actorName: '王小丽', comment: null, at: '2026-09-24T02:00:00.000Z' }],
        children: [], actions: ['withdraw'], updatedAt: '2026-09-24T02:00:00.000Z', acceptedAt: null, queryCode: s.queryCode,
      })
      assert.match(s.createdAt, ISO)
      // Staff of the department now see it; other departments do not.
      assert.deepEqual(json(await t.app.inject({ url: api(`/${appId}`), headers: as('clerk') })).actions, ['claim'])
      assertProblem(await t.app.inject({ url: api(`/${appId}`), headers: as('outsider') }), 404, 'SVC_APPLICATION_NOT_FOUND')
      // Public progress with the query code; a wrong code is 404.
      const p = json(await t.app.inject({ url: `/api/v1/services/progress?number=${s.number}&code=${s.queryCode}` }))
      assert.deepEqual(p, { number: s.number, itemName: '个体工商户设立登记', applicantName: '王**', status: 'submitted', submittedAt: '2026-09-24T02:00:00.000Z', dueAt: '2026-09-28T15:59:59.999Z', completedAt: null, result: null, timeline: [{ action: 'submit', toStatus: 'submitted', at: '2026-09-24T02:00:00.000Z' }], children: [] })
      const wrongCode = s.queryCode === '000000' ? '000001' : '000000'
      assertProblem(await t.app.inject({ url: `/api/v1/services/progress?number=${s.number}&code=${wrongCode}` }), 404, 'SVC_PROGRESS_NOT_FOUND')
      assertProblem(await t.app.inject({ url: `/api/v1/services/progress?number=x&code=1` }), 400, 'CORE_VALIDATION')
      // My applications.
      const mine = json(await t.app.inject({ url: api('/mine'), headers: as('alice') }))
      assert.deepEqual(mine.items.map((a: { id: string; status: string }) => [a.id, a.status]), [[appId, 'submitted']])
      // A submitted application is no longer editable; a second submit is an illegal transition.
      assertProblem(await t.app.inject({ method: 'PATCH', url: api(`/${appId}/form`), headers: as('alice'), payload: { version: s.version, data: { employees: 3 } } }), 409, 'SVC_NOT_EDITABLE')
      assertProblem(await t.app.inject({ method: 'POST', url: api(`/${appId}/submit`), headers: as('alice'), payload: { version: s.version } }), 409, 'SVC_ILLEGAL_TRANSITION')
    })

    it('side effects: one audit row per write, the submitted event in the outbox, popularity counted', async () => {
      const audit = await t.app.kernel.audit.query({ targetId: appId, limit: 50 })
      assert.deepEqual(audit.items.map((a) => a.action).reverse(), [
        'services.application.created', 'services.application.form-saved', 'services.application.form-saved',
        'services.application.material-uploaded', 'services.application.material-uploaded', 'services.application.material-by-licence', 'services.application.submit',
      ])
      assert.deepEqual(await eventsOf(t.app, appId), ['services.application.submitted'])
      const ev = await t.app.kernel.db.selectFrom('core_event').select(['payload', 'actor_id']).where('aggregate_id', '=', appId).executeTakeFirstOrThrow()
      const payload = JSON.parse(String(ev.payload))
      assert.deepEqual(payload, { applicationId: appId, number: payload.number, itemId, itemName: '个体工商户设立登记', applicantId: 'cit_alice', departmentId: 'zs-scjgj', status: 'submitted', stepIndex: -1, bundleId: null })
      assert.equal(json(await t.app.inject({ url: `/api/v1/services/items/${itemId}` })).popularity, 1)
      assert.equal(await countRows(t.app, 'services_object'), 2, 'content-addressed: two distinct files')
    })

    it('withdraws before acceptance; a withdrawn application takes no more actions', async () => {
      const d = json(await t.app.inject({ method: 'POST', url: api(), headers: as('bob'), payload: { itemId } }))
      const w = json(await t.app.inject({ method: 'POST', url: api(`/${d.id}/withdraw`), headers: as('bob'), payload: { version: d.version } }))
      assert.deepEqual([w.status, w.result], ['withdrawn', { outcome: 'withdrawn' }])
      assertProblem(await t.app.inject({ method: 'POST', url: api(`/${d.id}/submit`), headers: as('bob'), payload: { version: w.version } }), 409, 'SVC_ILLEGAL_TRANSITION')
      assert.deepEqual(await eventsOf(t.app, d.id), ['services.application.withdrawn'])
    })
  })
}
