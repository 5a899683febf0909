import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fieldOrder, mergeForms, pickFormData, validateFormData } from './form.ts'
import { buildForm } from './data/featured.ts'

const form = buildForm(['applicantName', 'idNumber', 'mobile', 'organization', 'employees', 'birthDate', 'employer'], ['employer'])
const good = { applicantName: '张三', idNumber: '11010519491231002X', mobile: '13800138000', organization: 'individual', employees: 3, birthDate: '2026-02-28' }

test('a complete, valid answer set has no problems', () => {
  assert.deepEqual(validateFormData(form, good), [])
})

test('missing required answers are problems on submit, not on a draft save', () => {
  const { mobile: _m, ...rest } = good
  assert.deepEqual(validateFormData(form, rest), [{ path: '/form/mobile', code: 'required', message: '请填写“联系电话”' }])
  assert.deepEqual(validateFormData(form, { ...rest, mobile: '  ' }, 'zh-CN', true), [])
})

test('formats, ranges, enums, types and unknown fields, in Chinese by default and in the asked language', () => {
  const bad = { ...good, idNumber: '110105194912310021', mobile: '12345', organization: 'corp', employees: 1.5, birthDate: '2026-02-30', extra: 1 }
  assert.deepEqual(validateFormData(form, bad).map((p) => [p.path, p.code, p.message]), [
    ['/form/extra', 'unknown', '表单中没有字段“extra”'],
    ['/form/idNumber', 'id-card', '“公民身份号码”不是有效的居民身份证号码'],
    ['/form/mobile', 'mobile', '“联系电话”不是有效的手机号码'],
    ['/form/organization', 'enum', '请从选项中选择“组成形式”'],
    ['/form/employees', 'type', '“从业人数”的格式不正确'],
    ['/form/birthDate', 'date', '“出生日期”应为日期，如 2026-01-31'],
  ])
  assert.equal(validateFormData(form, { ...good, applicantName: '张' }, 'en-US')[0]!.message, '"申请人姓名" needs at least 2 characters')
  assert.equal(validateFormData(form, { ...good, employees: -1 }, 'zh-TW')[0]!.message, '「从业人数」不能小於 0') // titles are catalog content (简体)
  assert.equal(validateFormData(form, { ...good, applicantName: 5 })[0]!.code, 'type')
})

test('field order, picking a form’s answers and merging forms for a bundle', () => {
  assert.deepEqual(fieldOrder(form).slice(0, 3), ['applicantName', 'idNumber', 'mobile'])
  assert.deepEqual(pickFormData(buildForm(['mobile']), good), { mobile: '13800138000' })
  const a = buildForm(['companyName', 'mobile'], ['mobile'])
  const b = buildForm(['mobile', 'sealCount'])
  const merged = mergeForms([a, b])
  assert.deepEqual(Object.keys(merged.schema.properties), ['companyName', 'mobile', 'sealCount'])
  assert.deepEqual(merged.schema.required, ['companyName', 'mobile', 'sealCount'])
  assert.deepEqual(merged.ui?.order, ['companyName', 'mobile', 'sealCount'])
})
