/**
 * Validates an applicant's answers against an item's form (the JSON Schema subset in
 * `FormDefinition`), with messages in the applicant's language that name the field by its title.
 * Pure; never throws.
 */
import { isCnId } from '../../lib/cn-id.ts'
import { isUscc } from '../../lib/uscc.ts'
import type { FieldProblem, Lang } from './consistency.ts'
import type { FormDefinition, FormField } from './schema/catalog.ts'

export type FormData = Record<string, unknown>

const MESSAGES: Record<string, Record<Lang, string>> = {
  required: { 'zh-CN': '请填写“{0}”', 'zh-TW': '請填寫「{0}」', 'en-US': '"{0}" is required' },
  type: { 'zh-CN': '“{0}”的格式不正确', 'zh-TW': '「{0}」的格式不正確', 'en-US': '"{0}" has the wrong type' },
  minLength: { 'zh-CN': '“{0}”至少需要 {1} 个字', 'zh-TW': '「{0}」至少需要 {1} 個字', 'en-US': '"{0}" needs at least {1} characters' },
  maxLength: { 'zh-CN': '“{0}”不能超过 {1} 个字', 'zh-TW': '「{0}」不能超過 {1} 個字', 'en-US': '"{0}" may have at most {1} characters' },
  pattern: { 'zh-CN': '“{0}”的格式不正确', 'zh-TW': '「{0}」的格式不正確', 'en-US': '"{0}" is not in the expected format' },
  enum: { 'zh-CN': '请从选项中选择“{0}”', 'zh-TW': '請從選項中選擇「{0}」', 'en-US': 'Choose "{0}" from the options' },
  minimum: { 'zh-CN': '“{0}”不能小于 {1}', 'zh-TW': '「{0}」不能小於 {1}', 'en-US': '"{0}" must be at least {1}' },
  maximum: { 'zh-CN': '“{0}”不能大于 {1}', 'zh-TW': '「{0}」不能大於 {1}', 'en-US': '"{0}" must be at most {1}' },
  date: { 'zh-CN': '“{0}”应为日期，如 2026-01-31', 'zh-TW': '「{0}」應為日期，如 2026-01-31', 'en-US': '"{0}" must be a date such as 2026-01-31' },
  email: { 'zh-CN': '“{0}”不是有效的电子邮箱', 'zh-TW': '「{0}」不是有效的電子郵箱', 'en-US': '"{0}" is not a valid e-mail address' },
  mobile: { 'zh-CN': '“{0}”不是有效的手机号码', 'zh-TW': '「{0}」不是有效的手機號碼', 'en-US': '"{0}" is not a valid mobile number' },
  'id-card': { 'zh-CN': '“{0}”不是有效的居民身份证号码', 'zh-TW': '「{0}」不是有效的居民身分證號碼', 'en-US': '"{0}" is not a valid resident ID number' },
  uscc: { 'zh-CN': '“{0}”不是有效的统一社会信用代码', 'zh-TW': '「{0}」不是有效的統一社會信用代碼', 'en-US': '"{0}" is not a valid unified social credit code' },
  unknown: { 'zh-CN': '表单中没有字段“{0}”', 'zh-TW': '表單中沒有欄位「{0}」', 'en-US': 'The form has no field "{0}"' },
}

function say(key: string, lang: Lang, ...args: unknown[]): string {
  return MESSAGES[key]![lang].replace(/\{(\d)\}/g, (_m, i: string) => String(args[Number(i)] ?? ''))
}

const FORMATS: Record<string, (v: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  mobile: (v) => /^1[3-9]\d{9}$/.test(v),
  'id-card': (v) => isCnId(v),
  uscc: (v) => isUscc(v),
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

function checkField(name: string, f: FormField, value: unknown, lang: Lang): FieldProblem | undefined {
  const path = `/form/${name}`
  const problem = (code: string, ...args: unknown[]) => ({ path, code, message: say(code, lang, f.title, ...args) })
  switch (f.type) {
    case 'string':
      if (typeof value !== 'string') return problem('type')
      if (f.minLength !== undefined && [...value].length < f.minLength) return problem('minLength', f.minLength)
      if (f.maxLength !== undefined && [...value].length > f.maxLength) return problem('maxLength', f.maxLength)
      if (f.pattern && !new RegExp(f.pattern, 'u').test(value)) return problem('pattern')
      if (f.format && !FORMATS[f.format]!(value)) return problem(f.format)
      break
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (f.type === 'integer' && !Number.isInteger(value))) return problem('type')
      if (f.minimum !== undefined && value < f.minimum) return problem('minimum', f.minimum)
      if (f.maximum !== undefined && value > f.maximum) return problem('maximum', f.maximum)
      break
    case 'boolean':
      if (typeof value !== 'boolean') return problem('type')
      break
  }
  if (f.enum && !f.enum.includes(value as string | number)) return problem('enum')
  return undefined
}

/**
 * Checks `data` against `form`. With `partial` (saving a draft) missing required answers are not
 * problems; unknown fields and wrong values always are. Returns the problems in form order.
 */
export function validateFormData(form: FormDefinition, data: FormData, lang: Lang = 'zh-CN', partial = false): FieldProblem[] {
  const out: FieldProblem[] = []
  const props = form.schema.properties
  const required = new Set(form.schema.required ?? [])
  for (const name of Object.keys(data)) {
    if (!(name in props)) out.push({ path: `/form/${name}`, code: 'unknown', message: say('unknown', lang, name) })
  }
  for (const name of fieldOrder(form)) {
    const f = props[name]!
    const value = data[name]
    if (isBlank(value)) {
      if (required.has(name) && !partial) out.push({ path: `/form/${name}`, code: 'required', message: say('required', lang, f.title) })
      continue
    }
    const p = checkField(name, f, value, lang)
    if (p) out.push(p)
  }
  return out
}

/** The fields of `form` in display order: `ui.order` first, then the rest as declared. */
export function fieldOrder(form: FormDefinition): string[] {
  const names = Object.keys(form.schema.properties)
  const order = (form.ui?.order ?? []).filter((n) => names.includes(n))
  return [...order, ...names.filter((n) => !order.includes(n))]
}

/** Keeps only the answers `form` defines (a bundle's merged answers split per item). */
export function pickFormData(form: FormDefinition, data: FormData): FormData {
  const out: FormData = {}
  for (const name of Object.keys(form.schema.properties)) if (name in data) out[name] = data[name]
  return out
}

/**
 * Merges several forms into one (a bundle's 一表申请): fields with the same name are asked once
 * (the first definition wins), and a field is required when any form requires it.
 */
export function mergeForms(forms: readonly FormDefinition[]): FormDefinition {
  const properties: Record<string, FormField> = {}
  const required = new Set<string>()
  const order: string[] = []
  const hints: NonNullable<NonNullable<FormDefinition['ui']>['fields']> = {}
  for (const f of forms) {
    for (const [name, hint] of Object.entries(f.ui?.fields ?? {})) hints[name] ??= hint
    for (const name of fieldOrder(f)) {
      if (!(name in properties)) {
        properties[name] = f.schema.properties[name]!
        order.push(name)
      }
    }
    for (const r of f.schema.required ?? []) required.add(r)
  }
  return { schema: { type: 'object', properties, required: [...required].filter((r) => r in properties) }, ui: { order, fields: hints } }
}
