import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, buildServicesApp, countRows, eventsOf, itemData, json, type ServicesTestApp } from './helpers.ts'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const url = '/api/v1/services/catalog'

for (const dialect of DIALECTS) {
  describe(`services catalog [${dialect}]`, () => {
    let t: ServicesTestApp
    before(async () => { t = await buildServicesApp(dialect) })
    after(async () => { await t?.close() })

    it('401 without credentials, 403 without the permission', async () => {
      assertProblem(await t.app.inject({ method: 'POST', url, payload: itemData('seal-filing') }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ method: 'POST', url, headers: as('reader'), payload: itemData('seal-filing') }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ url, headers: as('nobody') }), 403, 'CORE_FORBIDDEN')
    })

    it('400 with per-field problems for schema and consistency errors, in the caller\'s language; nothing is written', async () => {
      const before = await countRows(t.app, 'services_item')
      const schema = assertProblem(await t.app.inject({ method: 'POST', url, headers: as('editor'), payload: { ...itemData('seal-filing'), onlineDepth: 7 } }), 400, 'CORE_VALIDATION')
      assert.deepEqual(schema.errors.map((e: { path: string }) => e.path), ['body/onlineDepth'])
      const bad = { ...itemData('seal-filing'), visits: 2, kind: 'instant' as const, promisedLimit: 3, charged: true }
      const rules = assertProblem(await t.app.inject({ method: 'POST', url, headers: as('editor'), payload: bad }), 400, 'SVC_ITEM_INVALID')
      assert.deepEqual(rules.errors, [
        { path: '/visits', code: 'SVC_RULE_DEPTH4_VISITS', message: '网办深度为四级（全程网办）时，到现场次数必须为 0' },
        { path: '/visitReason', code: 'SVC_RULE_VISIT_REASON', message: '需到现场办理时，必须说明到现场的理由' },
        { path: '/fees', code: 'SVC_RULE_FEE_ITEMS', message: '收费事项必须列明收费项目' },
        { path: '/promisedLimit', code: 'SVC_RULE_INSTANT_SAME_DAY', message: '即办件的承诺时限必须为 0（当场办结）' },
        { path: '/promisedLimit', code: 'SVC_RULE_PROMISED_OVER_STATUTORY', message: '承诺时限不得超过法定时限（1 个工作日）' },
      ])
      const en = assertProblem(await t.app.inject({ method: 'POST', url, headers: { ...as('editor'), 'accept-language': 'en-US' }, payload: bad }), 400, 'SVC_ITEM_INVALID')
      assert.equal(en.errors[0].message, 'Online depth IV (fully online) requires zero visits')
      assert.equal(en.detail, 'The service item breaks 5 consistency rule(s)')
      const v = json(await t.app.inject({ method: 'POST', url: `${url}/validate`, headers: as('reader'), payload: bad }))
      assert.equal(v.ok, false)
      assert.equal(v.errors.length, 5)
      assert.equal(await countRows(t.app, 'services_item'), before)
    })

    it('creates draft 1, saves it, publishes it, opens draft 2, publishes it (1 retires), retires the item — history kept', async () => {
      const data = itemData('first-invoice')
      const created = await t.app.inject({ method: 'POST', url, headers: as('editor'), payload: data })
      assert.equal(created.statusCode, 201, created.body)
      const item = json(created)
      assert.match(item.id, /^itm_[0-9A-HJKMNP-TV-Z]{26}$/)
      assert.deepEqual(item, {
        id: item.id, status: 'draft', publishedVersion: null, draftVersion: 1, popularity: 0, data,
        versions: [{ version: 1, status: 'draft', createdBy: 'stf_editor', createdAt: item.versions[0].createdAt, publishedAt: null, retiredAt: null }],
      })
      assert.match(item.versions[0].createdAt, ISO)
      // Not public while a draft.
      assertProblem(await t.app.inject({ url: `/api/v1/services/items/${item.id}` }), 404, 'SVC_ITEM_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url: `${url}/${item.id}/publish`, headers: as('editor'), payload: { version: 2 } }), 409, 'SVC_ITEM_NO_DRAFT')
      const p1 = json(await t.app.inject({ method: 'POST', url: `${url}/${item.id}/publish`, headers: as('editor'), payload: { version: 1 } }))
      assert.deepEqual([p1.status, p1.publishedVersion, p1.draftVersion], ['published', 1, null])
      const guide = json(await t.app.inject({ url: `/api/v1/services/items/${item.id}` }))
      assert.deepEqual([guide.version, guide.data.name], [1, '首次申领发票'])
      const hit = json(await t.app.inject({ url: `/api/v1/services/items?q=${encodeURIComponent('首次申领发票')}` }))
      assert.equal(hit.items[0].id, item.id, 'the index follows a publish')

      t.clock.advance(60_000)
      const d2 = json(await t.app.inject({ method: 'PUT', url: `${url}/${item.id}/draft`, headers: as('editor'), payload: { ...data, name: '发票首次申领', promisedLimit: 0 } }))
      assert.deepEqual([d2.status, d2.publishedVersion, d2.draftVersion, d2.data.name], ['published', 1, 2, '发票首次申领'])
      assert.equal(json(await t.app.inject({ url: `/api/v1/services/items/${item.id}` })).data.name, '首次申领发票', 'the public sees the published version')
      const p2 = json(await t.app.inject({ method: 'POST', url: `${url}/${item.id}/publish`, headers: as('editor'), payload: { version: 2 } }))
      assert.deepEqual(p2.versions.map((v: { version: number; status: string }) => [v.version, v.status]), [[1, 'retired'], [2, 'published']])
      assert.match(p2.versions[0].retiredAt, ISO)
      const retired = json(await t.app.inject({ method: 'POST', url: `${url}/${item.id}/retire`, headers: as('editor') }))
      assert.deepEqual([retired.status, retired.publishedVersion], ['retired', null])
      assert.deepEqual(retired.versions.map((v: { status: string }) => v.status), ['retired', 'retired'])
      assertProblem(await t.app.inject({ url: `/api/v1/services/items/${item.id}` }), 404, 'SVC_ITEM_NOT_FOUND')
      assert.equal(json(await t.app.inject({ url: `/api/v1/services/items?q=${encodeURIComponent('发票首次申领')}` })).items.some((h: { id: string }) => h.id === item.id), false)
      assertProblem(await t.app.inject({ method: 'POST', url: `${url}/${item.id}/retire`, headers: as('editor') }), 409, 'SVC_ITEM_NOT_PUBLISHED')

      // Side effects: audit rows for each write, outbox events for publish and retire.
      const audit = await t.app.kernel.audit.query({ targetId: item.id })
      assert.deepEqual(audit.items.map((a) => a.action).reverse(), ['services.item.created', 'services.item.published', 'services.item.draft-saved', 'services.item.published', 'services.item.retired'])
      assert.deepEqual(await eventsOf(t.app, item.id), ['services.item.published', 'services.item.published', 'services.item.retired'])
    })

    it('refuses a second item with the same implementation code (409), and lists the catalog', async () => {
      const data = itemData('employer-housing-fund')
      assert.equal((await t.app.inject({ method: 'POST', url, headers: as('editor'), payload: data })).statusCode, 201)
      assertProblem(await t.app.inject({ method: 'POST', url, headers: as('editor'), payload: data }), 409, 'SVC_ITEM_CODE_TAKEN')
      const list = json(await t.app.inject({ url: `${url}?q=${encodeURIComponent('公积金')}`, headers: as('reader') }))
      assert.equal(list.total, 1)
      assert.deepEqual(Object.keys(list.items[0]).sort(), ['departmentId', 'divisionCode', 'draftVersion', 'id', 'implementationCode', 'name', 'publishedVersion', 'status', 'updatedAt'])
    })

    it('imports JSON and CSV: one result per item, valid ones saved (and published), invalid ones reported and not saved', async () => {
      const good = itemData('pollution-permit')
      const bad = { ...itemData('public-hygiene'), visits: 0, onlineDepth: 2 }
      const before = await countRows(t.app, 'services_item')
      const r = json(await t.app.inject({ method: 'POST', url: `${url}/import`, headers: as('editor'), payload: { format: 'json', content: JSON.stringify([good, bad, { name: 'x' }]), publish: true } }))
      assert.deepEqual([r.created, r.updated, r.failed], [1, 0, 2])
      assert.deepEqual(r.results.map((x: { ok: boolean; code?: string }) => [x.ok, x.code ?? null]), [[true, null], [false, 'SVC_ITEM_INVALID'], [false, 'SVC_ITEM_INVALID']])
      assert.deepEqual(r.results[1].errors, [{ path: '/visits', code: 'SVC_RULE_ZERO_VISITS_DEPTH', message: '到现场次数为 0 时，网办深度至少为三级或可邮寄办理' }])
      assert.equal(await countRows(t.app, 'services_item'), before + 1)
      assert.equal(json(await t.app.inject({ url: `/api/v1/services/items/${r.results[0].id}` })).data.name, '排污许可证核发')

      // Export as CSV, change one item, import it back: the same item gets a new draft.
      const csv = await t.app.inject({ url: `${url}/export?format=csv&status=published`, headers: as('reader') })
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      const edited = csv.body.replace('排污许可证核发', '排污许可证核发（新办）')
      const back = json(await t.app.inject({ method: 'POST', url: `${url}/import`, headers: as('editor'), payload: { format: 'csv', content: edited } }))
      assert.equal(back.updated, back.results.length)
      assert.equal(back.failed, 0)
      const item = json(await t.app.inject({ url: `${url}/${r.results[0].id}`, headers: as('reader') }))
      assert.deepEqual([item.publishedVersion, item.draftVersion, item.data.name], [1, 2, '排污许可证核发（新办）'])
      const exported = JSON.parse((await t.app.inject({ url: `${url}/export`, headers: as('reader') })).body)
      assert.ok(Array.isArray(exported) && exported.length >= 3)

      assertProblem(await t.app.inject({ method: 'POST', url: `${url}/import`, headers: as('editor'), payload: { format: 'json', content: '{nope' } }), 400, 'SVC_IMPORT_UNREADABLE')
      assertProblem(await t.app.inject({ method: 'POST', url: `${url}/import`, headers: as('editor'), payload: { format: 'csv', content: 'a,b\n1,2' } }), 400, 'SVC_IMPORT_UNREADABLE')
      assertProblem(await t.app.inject({ method: 'POST', url: `${url}/import`, headers: as('reader'), payload: { format: 'csv', content: 'a' } }), 403, 'CORE_FORBIDDEN')
    })
  })
}
