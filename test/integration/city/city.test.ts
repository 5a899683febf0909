import { describe, it, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { buildTestApp, type TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'

for (const dialect of DIALECTS) {
  describe(`city and divisions [${dialect}]`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(dialect) })
    after(async () => { await t?.close() })

    it('says the city is not configured before the demo seed', async () => {
      assertProblem(await t.app.inject({ url: '/api/v1/city' }), 404, 'CITY_NOT_SEEDED')
    })

    it('seeds Zhongshan and its 24 towns and sub-districts, deterministically and idempotently', async () => {
      await t.app.kernel.seedDemo()
      const first = (await t.app.inject({ url: '/api/v1/city' })).json()
      await t.app.kernel.seedDemo()
      const second = (await t.app.inject({ url: '/api/v1/city' })).json()
      assert.deepEqual(second, first)
      assert.equal(first.code, '442000')
      assert.deepEqual(first.name, { 'zh-CN': '中山市', 'zh-TW': '中山市', 'en-US': 'Zhongshan' })
      assert.equal(first.divisions.length, 24)
      assert.equal(new Set(first.divisions.map((d: { code: string }) => d.code)).size, 24)
      for (const d of first.divisions) {
        assert.match(d.code, /^442000\d{6}$/)
        assert.equal(d.parentCode, '442000')
      }
      assert.deepEqual(first.divisions[0], { code: '442000001000', parentCode: '442000', kind: 'subdistrict', name: { 'zh-CN': '石岐街道', 'zh-TW': '石岐街道', 'en-US': 'Shiqi Subdistrict' } })
      const kinds = first.divisions.reduce((acc: Record<string, number>, d: { kind: string }) => ({ ...acc, [d.kind]: (acc[d.kind] ?? 0) + 1 }), {})
      assert.deepEqual(kinds, { subdistrict: 8, town: 15, zone: 1 })
      // The seed is audited once: the second run wrote nothing.
      const audit = await t.app.kernel.audit.query({ action: 'city.division.seeded' })
      assert.equal(audit.items.length, 1)
      assert.deepEqual(audit.items[0].detail, { inserted: 25 })
    })

    it('reads one division, refuses a malformed code with 400 and an unknown one with 404', async () => {
      const d = await t.app.inject({ url: '/api/v1/city/divisions/442000118000' })
      assert.equal(d.statusCode, 200)
      assert.equal(d.json().name['zh-CN'], '小榄镇')
      const bad = assertProblem(await t.app.inject({ url: '/api/v1/city/divisions/44x' }), 400, 'CORE_VALIDATION')
      assert.equal(bad.errors[0].path, 'params/code')
      assertProblem(await t.app.inject({ url: '/api/v1/city/divisions/442000999000' }), 404, 'CITY_DIVISION_NOT_FOUND')
    })
  })
}
