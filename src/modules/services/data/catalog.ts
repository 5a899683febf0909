/**
 * The demo catalog: the featured items (at the city, or at every town) and generated items until
 * there are exactly DEMO_ITEM_COUNT. Deterministic: a seeded PRNG picks limits, depth and
 * popularity, so two runs give identical catalogs.
 */
import type { ItemData, ItemType } from '../schema/catalog.ts'
import { CITY_DEPARTMENTS, townDepartment, type DepartmentSeed, type TownRef } from './departments.ts'
import { buildForm, FEATURED, featuredItem, itemCodes, material, WORKFLOWS, type Place } from './featured.ts'
import { cityLicenceItems, cityServices, townItems, type TownItemSeed } from './generated.ts'

/** The number of service items the seed document says the city put online. */
export const DEMO_ITEM_COUNT = 3407

export const CITY_PLACE_CODE = '442000'

/** mulberry32: a small, fast, seedable PRNG (deterministic demo data, not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const LIMITS: Record<ItemType, [number, number]> = {
  licensing: [20, 10], levy: [15, 5], benefit: [20, 10], inspection: [30, 15], confirmation: [10, 5],
  reward: [30, 20], adjudication: [60, 30], other_power: [5, 2], public_service: [5, 1],
}
const LEGAL: Record<ItemType, string> = {
  licensing: '《中华人民共和国行政许可法》第十二条', levy: '《中华人民共和国税收征收管理法》', benefit: '《社会救助暂行办法》',
  inspection: '《中华人民共和国行政处罚法》', confirmation: '《广东省政务服务数据管理办法》', reward: '《广东省见义勇为人员奖励和保障条例》',
  adjudication: '《中华人民共和国劳动争议调解仲裁法》', other_power: '《广东省行政备案管理办法》', public_service: '《广东省政务服务条例》',
}

export interface DemoItem { key?: string; data: ItemData; popularity: number }

function generatedItem(seed: TownItemSeed, serial: number, place: Place, random: () => number): ItemData {
  const person = seed.audience === 'p'
  const [statutory, promisedBase] = LIMITS[seed.type]
  const instant = random() < 0.18
  const depthRoll = random()
  const onlineDepth = (depthRoll < 0.55 ? 4 : depthRoll < 0.85 ? 3 : 2) as 2 | 3 | 4
  const visits = onlineDepth === 4 ? 0 : onlineDepth === 3 ? (random() < 0.5 ? 0 : 1) : 1
  const reissue = seed.name.includes('补证')
  const d = place.department
  return {
    ...itemCodes(seed.type, serial, place.code),
    name: seed.name, type: seed.type, departmentId: d.id, departmentName: d.name, divisionCode: place.code, divisionName: place.name,
    legalBasis: [{ title: LEGAL[seed.type] }], audiences: [person ? 'person' : 'legal'], themes: [`${person ? 'person' : 'legal'}.${seed.theme}`], keywords: [],
    conditions: person ? '符合本事项办理条件的自然人。' : '依法设立、符合本事项办理条件的法人或其他组织。',
    materials: [
      person ? material('id-card', '申请人居民身份证', { source: 'licence', licenceType: '居民身份证' }) : material('business-licence', '营业执照', { source: 'licence', licenceType: '营业执照' }),
      material('application', `${seed.name}申请表`, { blankForm: '/forms/generic-application.pdf' }),
      material('supporting', '其他证明材料', { required: false }),
    ],
    steps: [{ name: '申请', description: '提交申请及材料。' }, { name: '受理', description: '审查材料并作出受理决定。' }, { name: '办结', description: '作出决定并送达结果。' }],
    statutoryLimit: statutory, promisedLimit: instant ? 0 : Math.max(1, Math.min(statutory, promisedBase - Math.floor(random() * 3))), kind: instant ? 'instant' : 'promised',
    charged: reissue, fees: reissue ? [{ name: '证件工本费', amount: 10, basis: '《广东省行政事业性收费项目目录清单》' }] : [],
    place: d.place, hours: '周一至周五 9:00-12:00，13:30-17:30（法定节假日除外）', consultPhone: d.phone, complaintPhone: '12345',
    channels: ['online', 'window', 'mobile'], onlineDepth, visits, ...(visits > 0 ? { visitReason: '需现场核验原件' } : {}), faq: [],
    resultName: `${seed.name.replace(/（.*）$/, '')}决定书`,
    form: buildForm(person ? ['applicantName', 'idNumber', 'mobile', 'address', 'reason'] : ['companyName', 'uscc', 'legalRep', 'mobile', 'reason']),
    workflow: seed.type === 'licensing' ? WORKFLOWS.two : WORKFLOWS.simple,
  }
}

/** Builds the demo catalog for the city and its `towns` (the 24 divisions). Exactly DEMO_ITEM_COUNT items. */
export function buildDemoCatalog(towns: readonly TownRef[]): DemoItem[] {
  const random = mulberry32(20261128)
  const popularity = (base: number) => Math.max(1, Math.round(base * (0.4 + random())))
  const cityPlace = (dept: DepartmentSeed): Place => ({ code: CITY_PLACE_CODE, name: '中山市', department: dept })
  const townPlaces: Place[] = towns.map((t) => ({ code: t.code, name: t.name, department: townDepartment(t) }))
  const out: DemoItem[] = []
  for (const spec of FEATURED) {
    if (spec.level === 'city') {
      out.push({ key: spec.key, data: featuredItem(spec, cityPlace(CITY_DEPARTMENTS[spec.dept as keyof typeof CITY_DEPARTMENTS]!)), popularity: spec.popularity })
    } else {
      for (const p of townPlaces) out.push({ key: `${spec.key}@${p.code}`, data: featuredItem(spec, p), popularity: popularity(spec.popularity / 24) })
    }
  }
  let serial = 1000
  for (const seed of townItems()) {
    serial++
    for (const p of townPlaces) out.push({ data: generatedItem(seed, serial, p, random), popularity: popularity(60) })
  }
  const city = [...cityServices(), ...cityLicenceItems()]
  for (const seed of city) {
    if (out.length >= DEMO_ITEM_COUNT) break
    serial++
    const dept = CITY_DEPARTMENTS[seed.dept as keyof typeof CITY_DEPARTMENTS]
    if (!dept) throw new Error(`demo department ${seed.dept} is not defined`)
    out.push({ data: generatedItem(seed, serial, cityPlace(dept), random), popularity: popularity(seed.type === 'licensing' ? 80 : 300) })
  }
  return out
}
