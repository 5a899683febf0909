import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Compile } from 'typebox/compile'
import { checkItemConsistency, checkItemDepartment } from './consistency.ts'
import { ItemData } from './schema/catalog.ts'
import { FEATURED, featuredItem } from './data/featured.ts'
import { CITY_DEPARTMENTS } from './data/departments.ts'

const place = { code: '442000', name: '中山市', department: CITY_DEPARTMENTS.scjgj }
const base = (): ItemData => featuredItem(FEATURED.find((f) => f.key === 'individual-business')!, place)
const codes = (item: ItemData) => checkItemConsistency(item).map((p) => `${p.path} ${p.code}`)

test('every featured demo item passes the schema and every consistency rule', () => {
  const schema = Compile(ItemData)
  for (const spec of FEATURED) {
    const item = featuredItem(spec, place)
    assert.ok(schema.Check(item), `${spec.key}: ${JSON.stringify([...schema.Errors(item)].slice(0, 2))}`)
    assert.deepEqual(checkItemConsistency(item), [], spec.key)
  }
})

test('online depth IV needs zero visits; visits need a reason; zero visits need depth III or post', () => {
  assert.deepEqual(codes({ ...base(), visits: 1, visitReason: '核验原件' }), ['/visits SVC_RULE_DEPTH4_VISITS'])
  assert.deepEqual(codes({ ...base(), onlineDepth: 3, visits: 2 }), ['/visitReason SVC_RULE_VISIT_REASON'])
  assert.deepEqual(codes({ ...base(), onlineDepth: 2, visits: 0 }), ['/visits SVC_RULE_ZERO_VISITS_DEPTH'])
  assert.deepEqual(codes({ ...base(), onlineDepth: 2, visits: 0, channels: ['online', 'post'] }), [])
  assert.deepEqual(codes({ ...base(), channels: ['window'] }), ['/channels SVC_RULE_ONLINE_CHANNEL'])
})

test('a fee needs fee items with basis and amount; a free item lists none', () => {
  assert.deepEqual(codes({ ...base(), charged: true }), ['/fees SVC_RULE_FEE_ITEMS'])
  assert.deepEqual(codes({ ...base(), charged: true, fees: [{ name: '工本费', amount: 0, basis: ' ' }] }), ['/fees/0/basis SVC_RULE_FEE_BASIS', '/fees/0/amount SVC_RULE_FEE_AMOUNT'])
  assert.deepEqual(codes({ ...base(), fees: [{ name: '工本费', amount: 10, basis: '某文件' }] }), ['/charged SVC_RULE_FREE_WITH_FEES'])
})

test('即办件 is same-day, 承诺件 takes at least a day and no more than the statutory limit', () => {
  assert.deepEqual(codes({ ...base(), kind: 'instant', promisedLimit: 1 }), ['/promisedLimit SVC_RULE_INSTANT_SAME_DAY'])
  assert.deepEqual(codes({ ...base(), kind: 'promised', promisedLimit: 0 }), ['/promisedLimit SVC_RULE_PROMISED_LIMIT'])
  assert.deepEqual(codes({ ...base(), promisedLimit: 20, statutoryLimit: 15 }), ['/promisedLimit SVC_RULE_PROMISED_OVER_STATUTORY'])
})

test('codes agree with the type and the division; themes with the audiences; materials and steps are unique', () => {
  const item = base()
  assert.deepEqual(codes({ ...item, type: 'benefit' }), ['/basicCode SVC_RULE_BASIC_CODE_TYPE'])
  assert.deepEqual(codes({ ...item, divisionCode: '442000118000' }), ['/implementationCode SVC_RULE_IMPLEMENTATION_CODE'])
  assert.deepEqual(codes({ ...item, themes: ['legal.start'] }), ['/themes/0 SVC_RULE_THEME_AUDIENCE'])
  assert.deepEqual(codes({ ...item, legalBasis: [] }), ['/legalBasis SVC_RULE_LEGAL_BASIS'])
  const m = item.materials[0]!
  assert.deepEqual(codes({ ...item, materials: [m, { ...m, source: 'licence', licenceType: undefined }] }), ['/materials/1/code SVC_RULE_DUPLICATE_CODE', '/materials/1/licenceType SVC_RULE_LICENCE_TYPE'])
  assert.deepEqual(codes({ ...item, workflow: [{ code: 'a', name: 'A', kind: 'single' }, { code: 'a', name: 'B', kind: 'countersign' }] }), ['/workflow/1/code SVC_RULE_DUPLICATE_CODE', '/workflow/1/signers SVC_RULE_COUNTERSIGN_SIGNERS'])
})

test('form definitions: required fields must exist, enum names match enums; messages follow the language', () => {
  const item = base()
  const form = structuredClone(item.form!)
  form.schema.required = [...form.schema.required!, 'nope']
  form.schema.properties.organization = { ...form.schema.properties.organization!, enumNames: ['个人经营'] }
  const problems = checkItemConsistency({ ...item, form }, 'en-US')
  assert.deepEqual(problems.map((p) => p.code), ['SVC_RULE_REQUIRED_UNKNOWN', 'SVC_RULE_ENUM_NAMES'])
  assert.equal(problems[0]!.message, 'Required field "nope" is not defined in the form')
  assert.equal(checkItemConsistency({ ...item, visits: 1, visitReason: 'x' }, 'zh-CN')[0]!.message, '网办深度为四级（全程网办）时，到现场次数必须为 0')
})

test('the implementing department must be known to identity; a town government serves its own division only', () => {
  const item = base()
  assert.deepEqual(checkItemDepartment(item, { kind: 'bureau', divisionCode: '442000' }), [])
  assert.deepEqual(checkItemDepartment(item, undefined, 'en-US'), [
    { path: '/departmentId', code: 'SVC_RULE_UNKNOWN_DEPARTMENT', message: 'Implementing department "zs-scjgj" is not one of the departments in identity' },
  ])
  assert.deepEqual(checkItemDepartment(item, { kind: 'town', divisionCode: '442000118000' }).map((p) => `${p.path} ${p.code}`), ['/divisionCode SVC_RULE_DEPARTMENT_DIVISION'])
  assert.deepEqual(checkItemDepartment({ ...item, divisionCode: '442000118000' }, { kind: 'town', divisionCode: '442000118000' }), [])
})
