import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { ADMIN, buildServicesApp, countRows, json, type ServicesTestApp } from './helpers.ts'

const q = (s: string) => encodeURIComponent(s)

for (const dialect of DIALECTS) {
  describe(`services search and the demo catalog [${dialect}]`, () => {
    let t: ServicesTestApp
    const get = async (path: string) => {
      const r = await t.app.inject({ url: `/api/v1/services${path}` })
      assert.equal(r.statusCode, 200, r.body)
      return json(r)
    }
    before(async () => { t = await buildServicesApp(dialect, { seed: true }) })
    after(async () => { await t?.close() })

    it('the seed publishes exactly 3,407 items, two bundles, 25 halls and demo applications in every state; a second run adds nothing', async () => {
      assert.equal(await countRows(t.app, 'services_item'), 3407)
      assert.equal(await countRows(t.app, 'services_bundle'), 2)
      assert.equal(await countRows(t.app, 'services_hall'), 25)
      const rows = await t.app.kernel.db.selectFrom('services_application').select('status').distinct().execute()
      assert.deepEqual(rows.map((r) => r.status).sort(), ['approved', 'correction', 'draft', 'refused', 'rejected', 'reviewing', 'submitted', 'waiting', 'withdrawn'])
      const apps = await countRows(t.app, 'services_application')
      await t.app.kernel.seedDemo()
      assert.equal(await countRows(t.app, 'services_item'), 3407)
      assert.equal(await countRows(t.app, 'services_application'), apps)
      const counts = json(await t.app.inject({ url: '/api/v1/services/workbench/counts', headers: ADMIN }))
      for (const k of ['acceptance', 'review', 'correction', 'overdue', 'done']) assert.ok(counts[k] > 0, `${k}: ${counts[k]}`)
    })

    it('the kiosk keyboard’s pinyin input answers Chinese candidates, and refuses what is not pinyin', async () => {
      const r = await get('/ime?q=ZhongShanShi&limit=5')
      assert.deepEqual(r.syllables, ['zhong', 'shan', 'shi'])
      assert.deepEqual(r.candidates[0], { text: '中山市', consumed: 12 })
      assert.ok(r.candidates.some((c: { text: string; consumed: number }) => c.text === '中' && c.consumed === 5), JSON.stringify(r.candidates))
      assert.equal(r.candidates.length, 5)
      const id = await get(`/ime?q=${q("shen'fen'zheng")}`)
      assert.deepEqual(id.candidates[0], { text: '身份证', consumed: 14 })
      const partial = await get('/ime?q=zh')
      assert.deepEqual(partial.syllables, ['zh'])
      assert.ok(partial.candidates.length >= 20 && partial.candidates.every((c: { consumed: number }) => c.consumed === 2))
      assert.deepEqual(await get('/ime?q=qqqq'), { syllables: [], candidates: [] })
      for (const bad of ['zh1', '张', '', 'a'.repeat(41)]) {
        const res = await t.app.inject({ url: `/api/v1/services/ime?q=${q(bad)}` })
        assertProblem(res, 400, 'CORE_VALIDATION')
      }
      assertProblem(await t.app.inject({ url: '/api/v1/services/ime?q=zhang&limit=0' }), 400, 'CORE_VALIDATION')
    })

    it('searches in Chinese with synonyms and stop words, by pinyin initials, and ranks by relevance and popularity', async () => {
      const r = await get(`/items?q=${q('我想开公司')}`)
      assert.equal(r.items[0].name, '有限责任公司设立登记')
      assert.ok(r.terms.includes('营业执照') && !r.terms.includes('我想'), `terms ${r.terms}`)
      assert.equal((await get(`/items?q=${q('居住证怎么办理')}`)).items[0].name, '居住证申领')
      assert.equal((await get('/items?q=jzz')).items[0].name, '居住证申领')
      assert.equal((await get(`/items?q=${q('建设工程规划许可')}`)).items[0].name, '建设工程规划许可证核发')
      assert.equal((await get(`/items?q=${q('生育登记')}`)).items[0].name, '生育登记')
      const hit = (await get(`/items?q=${q('个体工商户登记')}`)).items[0]
      assert.deepEqual(Object.keys(hit).sort(), ['audiences', 'charged', 'departmentId', 'departmentName', 'divisionCode', 'divisionName', 'id', 'kind', 'onlineDepth', 'places', 'popularity', 'promisedLimit', 'themes', 'type', 'visits'].concat('name').sort())
      assert.equal(hit.name, '个体工商户设立登记')
    })

    it('filters by town, theme, audience, department and type; collapses across towns; pages', async () => {
      const all = await get(`/items?q=${q('居住证申领')}`)
      assert.deepEqual([all.items[0].name, all.items[0].places], ['居住证申领', 24])
      const town = await get(`/items?q=${q('居住证申领')}&town=442000118000`)
      assert.deepEqual([town.items[0].divisionName, town.items[0].places], ['小榄镇', 1])
      const theme = await get('/items?theme=legal.start&pageSize=50')
      assert.ok(theme.items.length > 3 && theme.items.every((h: { themes: string[] }) => h.themes.includes('legal.start')))
      const legal = await get(`/items?q=${q('登记')}&audience=legal&type=licensing&pageSize=50`)
      assert.ok(legal.items.every((h: { audiences: string[]; type: string }) => h.audiences.includes('legal') && h.type === 'licensing'))
      const dept = await get('/items?department=zs-gaj&pageSize=50')
      assert.ok(dept.total > 5 && dept.items.every((h: { departmentId: string }) => h.departmentId === 'zs-gaj'))
      const p2 = await get('/items?pageSize=5&page=2')
      assert.deepEqual([p2.page, p2.pageSize, p2.items.length], [2, 5, 5])
      assert.equal((await get(`/items?q=${q('xyzzy火星')}`)).total, 0)
      assertProblem(await t.app.inject({ url: '/api/v1/services/items?pageSize=500' }), 400, 'CORE_VALIDATION')
      assertProblem(await t.app.inject({ url: '/api/v1/services/items?theme=bad' }), 400, 'CORE_VALIDATION')
    })

    it('suggests while typing, lists themes, departments, the other towns of an item, the guide and the bundles', async () => {
      const s = await get(`/items/suggest?q=${q('居住')}`)
      assert.deepEqual(s.suggestions[0], { text: '居住证申领', id: s.suggestions[0].id, places: 24 })
      assert.equal((await get('/items/suggest?q=gtgsh')).suggestions[0].text, '个体工商户设立登记')
      const themes = await get('/themes')
      assert.equal(themes.themes.length, 19)
      assert.deepEqual(themes.themes.find((x: { code: string }) => x.code === 'person.birth').name, { 'zh-CN': '生育收养', 'zh-TW': '生育收養', 'en-US': 'Birth and adoption' })
      assert.ok(themes.themes.every((x: { count: number }) => x.count > 0))
      const depts = await get('/departments')
      assert.ok(depts.departments.some((d: { id: string; count: number }) => d.id === 'zs-scjgj' && d.count > 50))
      const places = await get(`/items/${s.suggestions[0].id}/places`)
      assert.equal(places.places.length, 24)
      const guide = await get(`/items/${s.suggestions[0].id}`)
      assert.deepEqual([guide.version, guide.data.name, guide.data.kind, guide.data.materials.length], [1, '居住证申领', 'promised', 4])
      const bundles = await get('/bundles')
      assert.deepEqual(bundles.bundles.map((b: { code: string; items: unknown[] }) => [b.code, b.items.length]), [['birth', 4], ['company-start', 5]])
      assert.equal(bundles.bundles[1].items[0].name, '有限责任公司设立登记')
    })
  })
}
