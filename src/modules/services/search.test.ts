import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_DIVISIONS } from '../city/data/zhongshan.ts'
import { buildDemoCatalog, DEMO_ITEM_COUNT } from './data/catalog.ts'
import { createSearchEngine } from './service/search.ts'

const towns = DEMO_DIVISIONS.map((d) => ({ code: d.code, name: d.zhHans, kind: d.kind }))
const catalog = buildDemoCatalog(towns)
const engine = createSearchEngine()
engine.load(catalog.map((c, i) => ({ id: `itm_${String(i).padStart(26, '0')}`, data: c.data, popularity: c.popularity })))
const names = (q: string, extra = {}) => engine.search({ q, ...extra }).items.map((h) => h.name)

test('the demo catalog has exactly 3,407 items with unique implementation codes, and is deterministic', () => {
  assert.equal(catalog.length, DEMO_ITEM_COUNT)
  assert.equal(new Set(catalog.map((c) => c.data.implementationCode)).size, DEMO_ITEM_COUNT)
  assert.deepEqual(buildDemoCatalog(towns).map((c) => [c.data.implementationCode, c.popularity]).slice(-50), catalog.map((c) => [c.data.implementationCode, c.popularity]).slice(-50))
  assert.equal(engine.size, DEMO_ITEM_COUNT)
})

test('Chinese queries: segmentation, stop words, ranking by coverage and popularity', () => {
  assert.equal(names('居住证')[0], '居住证申领')
  assert.equal(names('我想办理居住证')[0], '居住证申领')
  assert.equal(names('个体工商户登记')[0], '个体工商户设立登记')
  assert.equal(names('生育登记')[0], '生育登记')
  assert.equal(names('建设工程规划许可')[0], '建设工程规划许可证核发')
  const r = engine.search({ q: '居住证怎么办理' })
  assert.ok(!r.terms.includes('怎么') && !r.terms.includes('办理'), `stop words kept: ${r.terms}`)
})

test('synonyms: 开公司 and 执照 find company registration; 暂住证 finds 居住证; 驾照 finds 驾驶证', () => {
  assert.ok(names('我想开公司').slice(0, 3).includes('有限责任公司设立登记'), names('我想开公司').join())
  assert.ok(names('执照').slice(0, 3).some((n) => n.includes('设立登记')), names('执照').join())
  assert.equal(names('暂住证')[0], '居住证申领')
  assert.ok(names('驾照').some((n) => n.includes('驾驶证')))
  assert.ok(names('低保').includes('最低生活保障申请'))
})

test('pinyin initials and full pinyin; bigram fallback for words the dictionary splits', () => {
  assert.equal(names('jzz')[0], '居住证申领')
  assert.equal(names('gtgshsldj')[0], '个体工商户设立登记')
  assert.equal(names('juzhuzheng')[0], '居住证申领')
  assert.ok(names('工商户设').includes('个体工商户设立登记'))
})

test('filters by theme, audience, department and town; collapse across towns counts the places', () => {
  const r = engine.search({ q: '居住证申领' })
  assert.equal(r.items[0]!.places, 24)
  const town = engine.search({ q: '居住证申领', town: '442000118000' })
  assert.deepEqual(town.items.map((h) => [h.name, h.divisionName, h.places]).slice(0, 1), [['居住证申领', '小榄镇', 1]])
  for (const h of engine.search({ theme: 'legal.start', pageSize: 50 }).items) assert.ok(h.themes.includes('legal.start'))
  for (const h of engine.search({ q: '登记', audience: 'legal', pageSize: 50 }).items) assert.ok(h.audiences.includes('legal'))
  for (const h of engine.search({ department: 'zs-scjgj', pageSize: 50 }).items) assert.equal(h.departmentId, 'zs-scjgj')
  const all = engine.search({ pageSize: 5 })
  assert.ok(all.total > 500 && all.total < DEMO_ITEM_COUNT, `collapsed total ${all.total}`)
  assert.equal(engine.search({ q: 'zzzz不存在的事项qqq' }).total, 0)
  assert.equal(engine.search({ q: '居住证', page: 2, pageSize: 1 }).items.length, 1)
})

test('suggestions while typing: prefix, substring, pinyin, then search hits; one per name', () => {
  const s = engine.suggest('居住')
  assert.equal(s[0]!.text, '居住证申领')
  assert.equal(s[0]!.places, 24)
  assert.equal(new Set(s.map((x) => x.text)).size, s.length)
  assert.equal(engine.suggest('jzz')[0]!.text, '居住证申领')
  assert.ok(engine.suggest('开公司').some((x) => x.text === '有限责任公司设立登记'))
  assert.deepEqual(engine.suggest('  '), [])
})

test('upsert, remove, bump popularity, places, theme counts and departments', () => {
  const id = engine.search({ q: '生育登记', town: '442000118000' }).items[0]!.id
  assert.equal(engine.places(id).length, 24)
  const before = engine.get(id)!.popularity
  engine.bump(id)
  assert.equal(engine.get(id)!.popularity, before + 1)
  engine.remove(id)
  assert.equal(engine.search({ q: '生育登记', town: '442000118000' }).items[0]?.name === '生育登记', false)
  engine.upsert({ id, data: catalog.find((c) => c.key === 'birth-registration@442000118000')!.data, popularity: 1 })
  assert.equal(engine.search({ q: '生育登记', town: '442000118000' }).items[0]!.id, id)
  assert.ok((engine.themeCounts().get('legal.start') ?? 0) >= 5)
  assert.ok(engine.departments().some((d) => d.id === 'zs-scjgj' && d.count > 50))
})
