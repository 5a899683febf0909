import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AreaIndex, validateAreaGeometry } from '../../lib/geo/index.ts'
import { DEMO_CITY, DEMO_DIVISIONS } from '../city/data/zhongshan.ts'
import { demoLayout, CITY_BOX } from './seed/layout.ts'
import { gridCodeProblem } from './codes.ts'
import { mulberry32 } from './seed/prng.ts'

const names = new Map(DEMO_DIVISIONS.map((d) => [d.code, d.zhHans]))

test('the demo layout: 1 city, 24 towns, 96 communities, 384 unit grids with valid codes and outlines', () => {
  const grids = demoLayout(DEMO_CITY.code, DEMO_CITY.zhHans, names)
  const count = (level: string) => grids.filter((g) => g.level === level).length
  assert.deepEqual([count('city'), count('town'), count('community'), count('unit')], [1, 24, 96, 384])
  assert.equal(new Set(grids.map((g) => g.code)).size, grids.length)
  for (const g of grids) {
    assert.equal(gridCodeProblem(g.code, g.level, g.parentCode), undefined, g.code)
    assert.deepEqual(validateAreaGeometry(g.geometry), [], g.code)
  }
  const towns = grids.filter((g) => g.level === 'town')
  assert.deepEqual(new Set(towns.map((t) => t.divisionCode)), new Set(DEMO_DIVISIONS.map((d) => d.code)))
  assert.equal(grids.find((g) => g.code === '44200000100000')!.name, '石岐街道')
  assert.equal(grids.find((g) => g.code === '44200000100101')!.name, '石岐东社区第01网格')
})

test('unit grids tile the city without gaps or overlaps, and each lies inside its community and town', () => {
  const grids = demoLayout(DEMO_CITY.code, DEMO_CITY.zhHans, names)
  const index = (level: string) => new AreaIndex(grids.filter((g) => g.level === level).map((g) => ({ key: g.code, geometry: g.geometry })))
  const units = index('unit'), communities = index('community'), towns = index('town')
  const random = mulberry32(1)
  for (let i = 0; i < 5000; i++) {
    const lon = CITY_BOX[0] + random() * (CITY_BOX[2] - CITY_BOX[0])
    const lat = CITY_BOX[1] + random() * (CITY_BOX[3] - CITY_BOX[1])
    const hits = units.containing(lon, lat)
    assert.equal(hits.length, 1, `${lon},${lat}`)
    const unit = hits[0]!
    assert.equal(communities.locate(lon, lat), `${unit.slice(0, 12)}00`)
    assert.equal(towns.locate(lon, lat), `${unit.slice(0, 9)}00000`)
  }
})

test('the layout is deterministic', () => {
  assert.deepEqual(demoLayout(DEMO_CITY.code, DEMO_CITY.zhHans, names), demoLayout(DEMO_CITY.code, DEMO_CITY.zhHans, names))
})
