import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { LICENSE_TYPES, licenseTypeByKey } from '../data/types.ts'
import type { LicenseTypeDefinition } from '../types.ts'
import { typeChangeErrors, typeDefinitionErrors } from './type-rules.ts'

const BUSINESS = licenseTypeByKey('business-licence')
const copy = (t: LicenseTypeDefinition): LicenseTypeDefinition => structuredClone(t)
const paths = (def: LicenseTypeDefinition) => typeDefinitionErrors(def).map((e) => `${e.path} ${e.code}`).sort()

describe('licence type rules', () => {
  it('accepts every demo type', () => {
    for (const t of LICENSE_TYPES) assert.deepEqual(typeDefinitionErrors(t), [], t.key)
  })

  it('names each broken part by its JSON pointer', () => {
    const t = copy(BUSINESS)
    t.name['en-US'] = ' '
    t.issuers = ['zs-scjgj', 'zs-scjgj']
    t.schema.properties.companyName.title['zh-TW'] = ''
    t.schema.properties.registeredCapital.format = 'date'
    t.schema.properties['a/b'] = { type: 'string', title: { 'zh-CN': '甲', 'zh-TW': '甲', 'en-US': 'A' }, pattern: '([a-z' }
    t.schema.properties.entityType.enumLabels = t.schema.properties.entityType.enumLabels!.slice(1)
    t.schema.required = [...t.schema.required, 'nope']
    t.validity = { kind: 'period', years: 0, months: 0 }
    t.statusCodes = t.statusCodes.filter((s) => s.code !== 'valid')
    t.template = { ...t.template, colour: 'red', fields: ['ghost'] }
    t.applicationMapping = { ghost: 'x' }
    assert.deepEqual(paths(t), [
      '/applicationMapping/ghost unknown',
      '/issuers/1 unique',
      '/name/en-US required',
      '/schema/properties/a~1b pattern',
      '/schema/properties/a~1b/pattern pattern',
      '/schema/properties/companyName/title/zh-TW required',
      '/schema/properties/entityType/enumLabels length',
      '/schema/properties/registeredCapital/format enum',
      `/schema/required/${t.schema.required.length - 1} unknown`,
      '/statusCodes required',
      '/template/colour pattern',
      '/template/fields/0 unknown',
      '/validity range',
    ])
  })

  it('wants holder fields that are required text fields', () => {
    const t = copy(BUSINESS)
    t.schema.required = t.schema.required.filter((k) => k !== t.holderFields.name)
    t.holderFields = { ...t.holderFields, identifier: 'registeredCapital' }
    assert.deepEqual(paths(t), ['/holderFields/identifier type', '/holderFields/name required'])
  })

  it('once licences exist: holder kind, holder fields and existing fields stay; adding and relabelling are fine', () => {
    const added = copy(BUSINESS)
    added.schema.properties.website = { type: 'string', title: { 'zh-CN': '网址', 'zh-TW': '網址', 'en-US': 'Website' } }
    added.schema.properties.companyName.title['en-US'] = 'Company name'
    assert.deepEqual(typeChangeErrors(BUSINESS, added), [])
    const broken = copy(BUSINESS)
    broken.holderKind = 'person'
    delete (broken.schema.properties as Record<string, unknown>).businessScope
    broken.schema.properties.registeredCapital = { ...broken.schema.properties.registeredCapital, type: 'string' }
    broken.holderFields = { ...broken.holderFields, name: 'legalRep' }
    assert.deepEqual(typeChangeErrors(BUSINESS, broken).map((e) => e.path).sort(), ['/holderFields/name', '/holderKind', '/schema/properties/businessScope', '/schema/properties/registeredCapital/type'])
  })
})
