// The demo licence catalogue and demo licences: complete labels, coherent schemas, valid codes,
// and every demo licence valid against its type (formats, patterns, enums, ranges, required).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isCnId } from '../../../lib/cn-id.ts'
import { isUscc } from '../../../lib/uscc.ts'
import type { Labels, LicenseFieldSchema, LicenseTypeDefinition } from '../types.ts'
import { CITIZENS, DEMO_LICENCES, ENTERPRISES } from './demo.ts'
import { ISSUERS, issuerOf } from './issuers.ts'
import { LICENSE_TYPES, licenseTypeByKey } from './types.ts'

const LANGS = ['zh-CN', 'zh-TW', 'en-US'] as const
const labelsOk = (l: Labels | undefined) => !!l && LANGS.every((k) => typeof l[k] === 'string' && l[k].trim().length > 0)

/** Problems of one value against its field schema (empty when valid). */
function fieldProblems(key: string, f: LicenseFieldSchema, v: unknown): string[] {
  const out: string[] = []
  if (f.type === 'string' && typeof v !== 'string') return [`${key}: want a string`]
  if ((f.type === 'number' || f.type === 'integer') && typeof v !== 'number') return [`${key}: want a number`]
  if (f.type === 'integer' && !Number.isInteger(v)) out.push(`${key}: want an integer`)
  if (typeof v === 'string') {
    if (f.pattern && !new RegExp(f.pattern).test(v)) out.push(`${key}: ${v} does not match ${f.pattern}`)
    if (f.minLength !== undefined && [...v].length < f.minLength) out.push(`${key}: shorter than ${f.minLength}`)
    if (f.maxLength !== undefined && [...v].length > f.maxLength) out.push(`${key}: longer than ${f.maxLength}`)
    if (f.format === 'date' && !(/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)))) out.push(`${key}: ${v} is not a date`)
    if (f.format === 'id-card' && !isCnId(v, Date.UTC(2026, 11, 31))) out.push(`${key}: ${v} is not a valid ID number`)
    if (f.format === 'uscc' && !isUscc(v)) out.push(`${key}: ${v} is not a valid credit code`)
  }
  if (typeof v === 'number') {
    if (f.minimum !== undefined && v < f.minimum) out.push(`${key}: below ${f.minimum}`)
    if (f.maximum !== undefined && v > f.maximum) out.push(`${key}: above ${f.maximum}`)
  }
  if (f.enum && !f.enum.includes(v as string)) out.push(`${key}: ${String(v)} not in ${f.enum.join('/')}`)
  return out
}

test('at least 30 licence types, each with a unique GB/T 36903-form code and key', () => {
  assert.ok(LICENSE_TYPES.length >= 30, `only ${LICENSE_TYPES.length} types`)
  assert.equal(new Set(LICENSE_TYPES.map((t) => t.code)).size, LICENSE_TYPES.length)
  assert.equal(new Set(LICENSE_TYPES.map((t) => t.key)).size, LICENSE_TYPES.length)
  for (const t of LICENSE_TYPES) {
    assert.match(t.code, /^[0-9A-Z]{18}\d{3}$/, t.key)
    assert.ok(isUscc(t.code.slice(0, 18)), `${t.key}: the defining authority part is not a valid credit code`)
    assert.match(t.key, /^[a-z][a-z0-9-]{2,40}$/)
  }
})

test('the brief\u2019s types are all there', () => {
  const names = new Set(LICENSE_TYPES.map((t) => t.name['zh-CN']))
  for (const n of ['营业执照', '居民身份证', '广东省居住证', '出生医学证明', '结婚证', '离婚证', '不动产权证书', '食品经营许可证', '药品经营许可证', '道路运输经营许可证',
    '建筑业企业资质证书', '中华人民共和国残疾人证', '社会保障卡', '医师执业证书', '教师资格证书', '机动车驾驶证', '机动车行驶证', '排污许可证', '公共场所卫生许可证', '烟草专卖零售许可证', '个体工商户营业执照']) {
    assert.ok(names.has(n), `missing ${n}`)
  }
  assert.equal(licenseTypeByKey('resident-id-card').reference, true)
})

test('every type is labelled in three languages and its schema, holder fields and template agree', () => {
  for (const t of LICENSE_TYPES) {
    assert.ok(labelsOk(t.name), `${t.key}: name`)
    if (t.description) assert.ok(labelsOk(t.description), `${t.key}: description`)
    if (t.template.title) assert.ok(labelsOk(t.template.title), `${t.key}: template title`)
    if (t.template.footer) assert.ok(labelsOk(t.template.footer), `${t.key}: footer`)
    const props = t.schema.properties
    assert.equal(t.schema.type, 'object')
    for (const [k, f] of Object.entries(props)) {
      assert.match(k, /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, `${t.key}.${k}`)
      assert.ok(labelsOk(f.title), `${t.key}.${k}: title`)
      if (f.enum) {
        assert.ok(f.enumLabels && f.enumLabels.length === f.enum.length, `${t.key}.${k}: enumLabels`)
        for (const l of f.enumLabels!) assert.ok(labelsOk(l), `${t.key}.${k}: enum label`)
      }
      if (f.pattern) new RegExp(f.pattern)
    }
    for (const r of t.schema.required) assert.ok(r in props, `${t.key}: required ${r} is not a property`)
    for (const h of [t.holderFields.name, t.holderFields.identifier]) {
      assert.ok(h in props && t.schema.required.includes(h), `${t.key}: holder field ${h} must be a required property`)
    }
    const idFormat = props[t.holderFields.identifier]!.format
    assert.equal(idFormat, t.holderKind === 'person' ? 'id-card' : 'uscc', `${t.key}: holder identifier format`)
    for (const k of t.template.fields ?? []) assert.ok(k in props, `${t.key}: template field ${k}`)
    assert.match(t.template.colour ?? '#000000', /^#[0-9a-f]{6}$/)
    assert.ok(t.issuers.length > 0 && t.issuers.every((d) => issuerOf(d)), `${t.key}: issuers ${t.issuers.join(',')}`)
    const codes = t.statusCodes.map((s) => s.code)
    assert.ok(codes.includes('valid') && codes.includes('revoked'), `${t.key}: status codes`)
    if (t.validity.kind === 'permanent') assert.ok(!codes.includes('expired'), `${t.key}: a permanent licence cannot expire`)
    for (const s of t.statusCodes) assert.ok(labelsOk(s.label), `${t.key}: status label ${s.code}`)
  }
})

test('issuers have valid, distinct credit codes and three-language names', () => {
  assert.equal(new Set(ISSUERS.map((i) => i.creditCode)).size, ISSUERS.length)
  for (const i of ISSUERS) {
    assert.ok(isUscc(i.creditCode), i.departmentId)
    assert.ok(labelsOk(i.name), i.departmentId)
  }
})

test('every demo licence is valid against its type; every type has one', () => {
  const keys = new Set<string>()
  for (const d of DEMO_LICENCES) {
    assert.ok(!keys.has(d.key), `duplicate key ${d.key}`)
    keys.add(d.key)
    const t: LicenseTypeDefinition = licenseTypeByKey(d.type)
    assert.ok(t.issuers.includes(d.issuer), `${d.key}: ${d.issuer} does not issue ${d.type}`)
    assert.equal(d.holder.kind, t.holderKind, `${d.key}: holder kind`)
    assert.match(d.number, /^[0-9A-Z]{1,40}$/, `${d.key}: number`)
    const problems: string[] = []
    for (const r of t.schema.required) if (d.fields[r] === undefined) problems.push(`${r}: missing`)
    for (const [k, v] of Object.entries(d.fields)) {
      const f = t.schema.properties[k]
      if (!f) problems.push(`${k}: not in the schema`)
      else problems.push(...fieldProblems(k, f, v))
    }
    assert.deepEqual(problems, [], d.key)
    assert.equal(d.fields[t.holderFields.identifier], d.holder.identifier, `${d.key}: holder identifier field`)
    assert.equal(d.fields[t.holderFields.name], d.holder.name, `${d.key}: holder name field`)
    if (t.validity.kind === 'permanent') assert.equal(d.validUntil, null, `${d.key}: permanent`)
    if (t.validity.kind === 'period' && d.validUntil) assert.ok(d.validUntil > d.validFrom, `${d.key}: validity`)
    assert.ok(!Number.isNaN(Date.parse(d.issuedAt)) && d.issuedAt.startsWith(d.validFrom.slice(0, 4)), `${d.key}: issuedAt`)
    if (d.replaces) {
      const prev = DEMO_LICENCES.find((p) => p.key === d.replaces)
      assert.ok(prev && prev.number === d.number && prev.version === d.version - 1 && prev.type === d.type, `${d.key}: replaces`)
    } else assert.equal(d.version, 1, d.key)
  }
  const covered = new Set(DEMO_LICENCES.map((d) => d.type))
  assert.deepEqual(LICENSE_TYPES.filter((t) => !covered.has(t.key)).map((t) => t.key), [])
})

test('demo holders match the identity module\u2019s demo citizens and enterprises', () => {
  for (const c of Object.values(CITIZENS)) assert.ok(isCnId(c.identifier) && c.username, c.name)
  for (const e of Object.values(ENTERPRISES)) assert.ok(isUscc(e.identifier), e.name)
  // zhang.san gets his 营业执照 in the browser test, not from the seed.
  assert.ok(!DEMO_LICENCES.some((d) => d.holder.username === 'zhang.san' && /business-licence/.test(d.type)))
})
