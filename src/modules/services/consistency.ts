/**
 * Consistency rules of the service catalog, as provincial 实施清单 checkers apply them on top of the
 * schema: each rule looks at several fields together and reports the field to fix. Pure: the same
 * item gives the same problems, in the caller's language.
 */
import type { ItemData } from './schema/catalog.ts'
import { ITEM_TYPES } from './schema/catalog.ts'

export type Lang = 'zh-CN' | 'zh-TW' | 'en-US'

/** One problem, pointing at a field by JSON pointer (`/fees/0/basis`). */
export interface FieldProblem { path: string; code: string; message: string }

type Messages = Record<Lang, string>

/** Rule codes and their texts; `{0}` is filled from the rule's arguments. */
export const RULES: Record<string, Messages> = {
  DEPTH4_VISITS: { 'zh-CN': '网办深度为四级（全程网办）时，到现场次数必须为 0', 'zh-TW': '網辦深度為四級（全程網辦）時，到現場次數必須為 0', 'en-US': 'Online depth IV (fully online) requires zero visits' },
  ZERO_VISITS_DEPTH: { 'zh-CN': '到现场次数为 0 时，网办深度至少为三级或可邮寄办理', 'zh-TW': '到現場次數為 0 時，網辦深度至少為三級或可郵寄辦理', 'en-US': 'Zero visits requires online depth III or higher, or the post channel' },
  VISIT_REASON: { 'zh-CN': '需到现场办理时，必须说明到现场的理由', 'zh-TW': '需到現場辦理時，必須說明到現場的理由', 'en-US': 'Visits above zero need a reason' },
  FEE_ITEMS: { 'zh-CN': '收费事项必须列明收费项目', 'zh-TW': '收費事項必須列明收費項目', 'en-US': 'A charged item must list its fees' },
  FEE_BASIS: { 'zh-CN': '收费项目必须填写收费依据', 'zh-TW': '收費項目必須填寫收費依據', 'en-US': 'Each fee needs its legal basis' },
  FEE_AMOUNT: { 'zh-CN': '收费标准必须大于 0', 'zh-TW': '收費標準必須大於 0', 'en-US': 'A fee amount must be above zero' },
  FREE_WITH_FEES: { 'zh-CN': '不收费事项不应列出收费项目', 'zh-TW': '不收費事項不應列出收費項目', 'en-US': 'An item that charges nothing lists no fees' },
  INSTANT_SAME_DAY: { 'zh-CN': '即办件的承诺时限必须为 0（当场办结）', 'zh-TW': '即辦件的承諾時限必須為 0（當場辦結）', 'en-US': 'An instant item (即办件) must be done the same day: promised limit 0' },
  PROMISED_LIMIT: { 'zh-CN': '承诺件的承诺时限至少为 1 个工作日', 'zh-TW': '承諾件的承諾時限至少為 1 個工作日', 'en-US': 'A promised item needs a promised limit of at least one working day' },
  PROMISED_OVER_STATUTORY: { 'zh-CN': '承诺时限不得超过法定时限（{0} 个工作日）', 'zh-TW': '承諾時限不得超過法定時限（{0} 個工作日）', 'en-US': 'The promised limit may not exceed the statutory limit ({0} working days)' },
  ONLINE_CHANNEL: { 'zh-CN': '网办深度二级及以上时，办理渠道必须包含网上办理', 'zh-TW': '網辦深度二級及以上時，辦理渠道必須包含網上辦理', 'en-US': 'Online depth II or higher requires the online channel' },
  LICENCE_TYPE: { 'zh-CN': '来源为电子证照的材料必须指明证照类型', 'zh-TW': '來源為電子證照的材料必須指明證照類型', 'en-US': 'A material taken from an e-licence must name the licence type' },
  DUPLICATE_CODE: { 'zh-CN': '编码“{0}”重复', 'zh-TW': '編碼「{0}」重複', 'en-US': 'Code "{0}" appears twice' },
  BASIC_CODE_TYPE: { 'zh-CN': '基本编码的前两位应为事项类型代码 {0}', 'zh-TW': '基本編碼的前兩位應為事項類型代碼 {0}', 'en-US': 'The basic code must start with the item type code {0}' },
  IMPLEMENTATION_CODE: { 'zh-CN': '实施编码应以基本编码和实施区划代码开头（{0}）', 'zh-TW': '實施編碼應以基本編碼和實施區劃代碼開頭（{0}）', 'en-US': 'The implementation code must start with the basic code and the division code ({0})' },
  THEME_AUDIENCE: { 'zh-CN': '主题“{0}”与服务对象不符', 'zh-TW': '主題「{0}」與服務對象不符', 'en-US': 'Theme "{0}" does not match the audiences' },
  REQUIRED_UNKNOWN: { 'zh-CN': '必填字段“{0}”未在表单中定义', 'zh-TW': '必填欄位「{0}」未在表單中定義', 'en-US': 'Required field "{0}" is not defined in the form' },
  ENUM_NAMES: { 'zh-CN': '选项名称的数量应与选项数量一致', 'zh-TW': '選項名稱的數量應與選項數量一致', 'en-US': 'enumNames must have as many entries as enum' },
  COUNTERSIGN_SIGNERS: { 'zh-CN': '会签环节必须指定至少 2 名会签人', 'zh-TW': '會簽環節必須指定至少 2 名會簽人', 'en-US': 'A countersign step needs at least two signers' },
  UNKNOWN_DEPARTMENT: { 'zh-CN': '实施部门“{0}”不在统一身份认证的组织机构中', 'zh-TW': '實施部門「{0}」不在統一身分認證的組織機構中', 'en-US': 'Implementing department "{0}" is not one of the departments in identity' },
  DEPARTMENT_DIVISION: { 'zh-CN': '实施区划应与实施部门所在区划一致（{0}）', 'zh-TW': '實施區劃應與實施部門所在區劃一致（{0}）', 'en-US': 'The division must be the implementing department\'s division ({0})' },
  LEGAL_BASIS: { 'zh-CN': '行政权力事项必须填写设定依据', 'zh-TW': '行政權力事項必須填寫設定依據', 'en-US': 'An administrative power item needs its legal basis' },
}

function say(code: string, lang: Lang, args: unknown[]): string {
  return RULES[code]![lang].replace(/\{(\d)\}/g, (_m, i: string) => String(args[Number(i)] ?? ''))
}

/**
 * Checks an item that already passed the schema against the cross-field rules. Returns every
 * problem found (empty when consistent), in `lang`. Never throws.
 */
export function checkItemConsistency(item: ItemData, lang: Lang = 'zh-CN'): FieldProblem[] {
  const out: FieldProblem[] = []
  const add = (path: string, code: string, ...args: unknown[]) => out.push({ path, code: `SVC_RULE_${code}`, message: say(code, lang, args) })

  if (item.onlineDepth === 4 && item.visits !== 0) add('/visits', 'DEPTH4_VISITS')
  if (item.visits === 0 && item.onlineDepth < 3 && !item.channels.includes('post')) add('/visits', 'ZERO_VISITS_DEPTH')
  if (item.visits > 0 && !item.visitReason?.trim()) add('/visitReason', 'VISIT_REASON')
  if (item.onlineDepth >= 2 && !item.channels.includes('online')) add('/channels', 'ONLINE_CHANNEL')

  if (item.charged && item.fees.length === 0) add('/fees', 'FEE_ITEMS')
  if (!item.charged && item.fees.length > 0) add('/charged', 'FREE_WITH_FEES')
  if (item.charged) {
    item.fees.forEach((f, i) => {
      if (!f.basis.trim()) add(`/fees/${i}/basis`, 'FEE_BASIS')
      if (!(f.amount > 0)) add(`/fees/${i}/amount`, 'FEE_AMOUNT')
    })
  }

  if (item.kind === 'instant' && item.promisedLimit !== 0) add('/promisedLimit', 'INSTANT_SAME_DAY')
  if (item.kind === 'promised' && item.promisedLimit < 1) add('/promisedLimit', 'PROMISED_LIMIT')
  if (item.promisedLimit > item.statutoryLimit && item.statutoryLimit > 0) add('/promisedLimit', 'PROMISED_OVER_STATUTORY', item.statutoryLimit)

  const typeCode = ITEM_TYPES[item.type]
  if (!item.basicCode.startsWith(typeCode)) add('/basicCode', 'BASIC_CODE_TYPE', typeCode)
  const prefix = `${item.basicCode}${item.divisionCode}`
  if (!item.implementationCode.startsWith(prefix)) add('/implementationCode', 'IMPLEMENTATION_CODE', prefix)
  if (item.type !== 'public_service' && item.legalBasis.length === 0) add('/legalBasis', 'LEGAL_BASIS')

  item.themes.forEach((t, i) => {
    const audience = t.startsWith('person.') ? 'person' : 'legal'
    if (!item.audiences.includes(audience)) add(`/themes/${i}`, 'THEME_AUDIENCE', t)
  })

  const seen = new Set<string>()
  item.materials.forEach((m, i) => {
    if (seen.has(m.code)) add(`/materials/${i}/code`, 'DUPLICATE_CODE', m.code)
    seen.add(m.code)
    if (m.source === 'licence' && !m.licenceType?.trim()) add(`/materials/${i}/licenceType`, 'LICENCE_TYPE')
  })

  if (item.form) {
    const props = item.form.schema.properties
    ;(item.form.schema.required ?? []).forEach((name, i) => {
      if (!(name in props)) add(`/form/schema/required/${i}`, 'REQUIRED_UNKNOWN', name)
    })
    for (const [name, f] of Object.entries(props)) {
      if (f.enumNames && (!f.enum || f.enumNames.length !== f.enum.length)) add(`/form/schema/properties/${name}/enumNames`, 'ENUM_NAMES')
    }
  }

  const stepCodes = new Set<string>()
  ;(item.workflow ?? []).forEach((s, i) => {
    if (stepCodes.has(s.code)) add(`/workflow/${i}/code`, 'DUPLICATE_CODE', s.code)
    stepCodes.add(s.code)
    if (s.kind === 'countersign' && (s.signers ?? 0) < 2) add(`/workflow/${i}/signers`, 'COUNTERSIGN_SIGNERS')
  })
  return out
}

/** What the department rule needs of an identity department (see `service/directory.ts`). */
export interface DepartmentFacts { kind: string; divisionCode: string | null }

/**
 * The department rules: the implementing department must be a department of identity (by code),
 * and a town government implements items of its own division only. `department` undefined means
 * identity does not know the code. Never throws.
 */
export function checkItemDepartment(item: ItemData, department: DepartmentFacts | undefined, lang: Lang = 'zh-CN'): FieldProblem[] {
  if (!department) return [{ path: '/departmentId', code: 'SVC_RULE_UNKNOWN_DEPARTMENT', message: say('UNKNOWN_DEPARTMENT', lang, [item.departmentId]) }]
  if (department.kind === 'town' && department.divisionCode && department.divisionCode !== item.divisionCode) {
    return [{ path: '/divisionCode', code: 'SVC_RULE_DEPARTMENT_DIVISION', message: say('DEPARTMENT_DIVISION', lang, [department.divisionCode]) }]
  }
  return []
}
