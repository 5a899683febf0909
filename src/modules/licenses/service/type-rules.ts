/**
 * The rules a licence type definition must meet before it is stored (console editor, seed): what the
 * HTTP schema cannot say — cross references between parts (required and holder fields, template
 * order, application mapping), labels in all three languages, patterns that compile, enum labels
 * that match their values, a validity that ends — and, once licences of the type exist, what may no
 * longer change. Pure: answers field errors with JSON-pointer paths, never throws.
 */
import type { FieldError } from '../../../core/errors.ts'
import { LICENSE_STATUSES, type Labels, type LicenseTypeDefinition } from '../types.ts'

const LANGS = ['zh-CN', 'zh-TW', 'en-US'] as const
const TYPE_CODE = /^[0-9A-Z]{1,32}$/
const KEY = /^[a-z][a-z0-9-]{1,59}$/
const FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/
const DEPARTMENT = /^[a-z0-9][a-z0-9-]{0,59}$/
const COLOUR = /^#[0-9a-fA-F]{6}$/
const FORMATS = new Set(['date', 'id-card', 'uscc', 'division-code', 'mobile'])
const FIELD_TYPES = new Set(['string', 'integer', 'number', 'boolean'])
const LAYOUTS = new Set(['a4-portrait', 'a4-landscape', 'card'])
const MAX_FIELDS = 80
const MAX_LABEL = 200

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')

/** Problems of a licence type definition itself; empty when it may be stored. */
export function typeDefinitionErrors(def: LicenseTypeDefinition): FieldError[] {
  const out: FieldError[] = []
  const add = (path: string, code: string, message: string) => out.push({ path, code, message })
  const labels = (path: string, l: Labels | undefined, required: boolean) => {
    if (l === undefined || l === null) {
      if (required) add(path, 'required', 'labels in zh-CN, zh-TW and en-US are required')
      return
    }
    for (const lang of LANGS) {
      const v = (l as Partial<Labels>)[lang]
      if (typeof v !== 'string' || !v.trim()) add(`${path}/${lang}`, 'required', `the ${lang} text is required`)
      else if (v.length > MAX_LABEL) add(`${path}/${lang}`, 'maxLength', `at most ${MAX_LABEL} characters`)
    }
  }

  if (!TYPE_CODE.test(def.code ?? '')) add('/code', 'pattern', 'a GB/T 36904 type code: 1-32 of 0-9 A-Z')
  if (!KEY.test(def.key ?? '')) add('/key', 'pattern', 'a lower-case slug: a-z, 0-9 and -, 2-60 characters, starting with a letter')
  labels('/name', def.name, true)
  labels('/description', def.description, false)
  if (def.holderKind !== 'person' && def.holderKind !== 'organization') add('/holderKind', 'enum', 'person or organization')

  const issuers = def.issuers ?? []
  if (!issuers.length) add('/issuers', 'minItems', 'at least one issuing department')
  issuers.forEach((d, i) => {
    if (!DEPARTMENT.test(d)) add(`/issuers/${i}`, 'pattern', 'a department code')
    else if (issuers.indexOf(d) !== i) add(`/issuers/${i}`, 'unique', `${d} is listed twice`)
  })

  const props = def.schema?.properties ?? {}
  const keys = Object.keys(props)
  if (def.schema?.type !== 'object') add('/schema/type', 'const', 'the field schema is an object')
  if (!keys.length) add('/schema/properties', 'minProperties', 'at least one field')
  if (keys.length > MAX_FIELDS) add('/schema/properties', 'maxProperties', `at most ${MAX_FIELDS} fields`)
  for (const key of keys) {
    const p = props[key]
    const at = `/schema/properties/${escapePointer(key)}`
    if (!FIELD_KEY.test(key)) add(at, 'pattern', 'a field key: a letter, then letters and digits, at most 40')
    if (!FIELD_TYPES.has(p?.type)) { add(`${at}/type`, 'enum', 'string, integer, number or boolean'); continue }
    labels(`${at}/title`, p.title, true)
    labels(`${at}/description`, p.description, false)
    if (p.format !== undefined && (p.type !== 'string' || !FORMATS.has(p.format))) add(`${at}/format`, 'enum', `a string format: ${[...FORMATS].join(', ')}`)
    if (p.pattern !== undefined) {
      if (p.type !== 'string') add(`${at}/pattern`, 'type', 'only a string field has a pattern')
      else {
        try { new RegExp(p.pattern, 'u') } catch (err) { add(`${at}/pattern`, 'pattern', `not a regular expression: ${(err as Error).message}`) }
      }
    }
    if (p.minLength !== undefined && p.maxLength !== undefined && p.minLength > p.maxLength) add(`${at}/minLength`, 'range', 'minLength is above maxLength')
    if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) add(`${at}/minimum`, 'range', 'minimum is above maximum')
    if (p.enum !== undefined) {
      if (!p.enum.length) add(`${at}/enum`, 'minItems', 'at least one value, or no list')
      p.enum.forEach((v, i) => {
        const ok = p.type === 'string' ? typeof v === 'string' : p.type !== 'boolean' && typeof v === 'number'
        if (!ok) add(`${at}/enum/${i}`, 'type', `a value of the field's type (${p.type})`)
        else if (p.enum!.indexOf(v) !== i) add(`${at}/enum/${i}`, 'unique', `${v} is listed twice`)
      })
      if (p.enumLabels !== undefined) {
        if (p.enumLabels.length !== p.enum.length) add(`${at}/enumLabels`, 'length', 'one label per enum value')
        p.enumLabels.forEach((l, i) => labels(`${at}/enumLabels/${i}`, l, true))
      }
    } else if (p.enumLabels !== undefined) add(`${at}/enumLabels`, 'dependency', 'labels without enum values')
  }

  const required = def.schema?.required ?? []
  required.forEach((r, i) => {
    if (!props[r]) add(`/schema/required/${i}`, 'unknown', `${r} is not a field`)
    else if (required.indexOf(r) !== i) add(`/schema/required/${i}`, 'unique', `${r} is listed twice`)
  })
  for (const which of ['name', 'identifier'] as const) {
    const f = def.holderFields?.[which]
    if (!f || !props[f]) add(`/holderFields/${which}`, 'unknown', `the holder's ${which} must be one of the fields`)
    else if (props[f].type !== 'string') add(`/holderFields/${which}`, 'type', `the holder's ${which} must be a text field`)
    else if (!required.includes(f)) add(`/holderFields/${which}`, 'required', `the holder's ${which} field must be required`)
  }

  const v = def.validity
  if (!v || !['permanent', 'period', 'issuer-set'].includes(v.kind)) add('/validity/kind', 'enum', 'permanent, period or issuer-set')
  else if (v.kind === 'period') {
    const years = v.years ?? 0
    const months = v.months ?? 0
    if (!Number.isInteger(years) || years < 0 || years > 100) add('/validity/years', 'range', '0-100 whole years')
    if (!Number.isInteger(months) || months < 0 || months > 1200) add('/validity/months', 'range', '0-1200 whole months')
    if (years === 0 && months === 0) add('/validity', 'range', 'a period of at least one month')
  }

  const statuses = def.statusCodes ?? []
  statuses.forEach((s, i) => {
    if (!LICENSE_STATUSES.includes(s.code)) add(`/statusCodes/${i}/code`, 'enum', LICENSE_STATUSES.join(', '))
    else if (statuses.findIndex((x) => x.code === s.code) !== i) add(`/statusCodes/${i}/code`, 'unique', `${s.code} is listed twice`)
    labels(`/statusCodes/${i}/label`, s.label, true)
  })
  if (!statuses.some((s) => s.code === 'valid')) add('/statusCodes', 'required', 'the wording of the valid status is required')

  const t = def.template
  if (!t || !LAYOUTS.has(t.layout)) add('/template/layout', 'enum', [...LAYOUTS].join(', '))
  if (t) {
    if (typeof t.emblem !== 'boolean') add('/template/emblem', 'type', 'true or false')
    if (t.colour !== undefined && !COLOUR.test(t.colour)) add('/template/colour', 'pattern', 'a colour #rrggbb')
    labels('/template/title', t.title, false)
    labels('/template/footer', t.footer, false)
    ;(t.fields ?? []).forEach((f, i) => { if (!props[f]) add(`/template/fields/${i}`, 'unknown', `${f} is not a field`) })
  }
  for (const key of Object.keys(def.applicationMapping ?? {})) {
    if (!props[key]) add(`/applicationMapping/${escapePointer(key)}`, 'unknown', `${key} is not a field`)
  }
  return out
}

/**
 * What may not change once licences of a type exist: the holder kind and holder fields (the wallet
 * and the register find holders by them) and the fields themselves (a licence already signed holds
 * them; fields may be added and relabelled, not removed or retyped). Answers field errors.
 */
export function typeChangeErrors(before: LicenseTypeDefinition, after: LicenseTypeDefinition): FieldError[] {
  const out: FieldError[] = []
  if (before.holderKind !== after.holderKind) out.push({ path: '/holderKind', code: 'in-use', message: 'licences of this type exist: the holder kind cannot change' })
  for (const which of ['name', 'identifier'] as const) {
    if (before.holderFields[which] !== after.holderFields?.[which]) out.push({ path: `/holderFields/${which}`, code: 'in-use', message: `licences of this type exist: the holder's ${which} field cannot change` })
  }
  for (const [key, p] of Object.entries(before.schema.properties)) {
    const now = after.schema?.properties?.[key]
    const at = `/schema/properties/${escapePointer(key)}`
    if (!now) out.push({ path: at, code: 'in-use', message: `licences of this type hold ${key}: it cannot be removed` })
    else if (now.type !== p.type) out.push({ path: `${at}/type`, code: 'in-use', message: `licences of this type hold ${key} as ${p.type}: its type cannot change` })
  }
  return out
}
