/**
 * Building blocks of the demo licence types: labels in three languages, field constructors that
 * produce `LicenseFieldSchema` properties, the common fields many types share, and the status
 * wording (each type may reword a status, e.g. 营业执照 "吊销" for revoked).
 */
import type { Labels, LicenseFieldSchema, LicenseStatus, StatusCodeDefinition } from '../types.ts'

/** Labels in 简体 / 繁體 / English. */
export const L = (cn: string, tw: string, en: string): Labels => ({ 'zh-CN': cn, 'zh-TW': tw, 'en-US': en })

type Options = Partial<Omit<LicenseFieldSchema, 'type' | 'title'>>

export const text = (title: Labels, o: Options = {}): LicenseFieldSchema => ({ type: 'string', title, maxLength: 200, ...o })
export const longText = (title: Labels, o: Options = {}): LicenseFieldSchema => ({ type: 'string', title, maxLength: 2000, ...o })
export const date = (title: Labels, o: Options = {}): LicenseFieldSchema => ({ type: 'string', format: 'date', title, ...o })
export const int = (title: Labels, minimum: number, maximum: number, o: Options = {}): LicenseFieldSchema => ({ type: 'integer', title, minimum, maximum, ...o })
export const num = (title: Labels, minimum: number, maximum: number, o: Options = {}): LicenseFieldSchema => ({ type: 'number', title, minimum, maximum, ...o })

/** A closed list: values with their labels, in order. */
export function choice(title: Labels, values: Array<[string, Labels]>, o: Options = {}): LicenseFieldSchema {
  return { type: 'string', title, enum: values.map(([v]) => v), enumLabels: values.map(([, l]) => l), ...o }
}

/** Fields that recur across types (personal data is marked sensitive: the holder may withhold it). */
export const F = {
  name: text(L('姓名', '姓名', 'Name'), { minLength: 2, maxLength: 30 }),
  gender: choice(L('性别', '性別', 'Sex'), [['1', L('男', '男', 'Male')], ['2', L('女', '女', 'Female')]]),
  ethnicity: text(L('民族', '民族', 'Ethnic group'), { maxLength: 10 }),
  birthDate: date(L('出生日期', '出生日期', 'Date of birth'), { sensitive: true }),
  idNumber: text(L('公民身份号码', '公民身分號碼', 'Citizen ID number'), { format: 'id-card', sensitive: true }),
  address: text(L('住址', '住址', 'Address'), { sensitive: true, maxLength: 120 }),
  creditCode: text(L('统一社会信用代码', '統一社會信用代碼', 'Unified social credit code'), { format: 'uscc' }),
  legalRep: text(L('法定代表人', '法定代表人', 'Legal representative'), { minLength: 2, maxLength: 30 }),
  entityName: text(L('名称', '名稱', 'Name of entity'), { minLength: 4, maxLength: 100 }),
  premises: text(L('经营场所', '經營場所', 'Business premises'), { maxLength: 120 }),
  residence: text(L('住所', '住所', 'Registered address'), { maxLength: 120 }),
  issuedOn: date(L('发证日期', '發證日期', 'Date of issue')),
  scope: longText(L('经营范围', '經營範圍', 'Business scope')),
  nationality: text(L('国籍', '國籍', 'Nationality'), { maxLength: 30 }),
}

const STATUS_WORDS: Record<LicenseStatus, Labels> = {
  valid: L('有效', '有效', 'Valid'),
  suspended: L('暂停', '暫停', 'Suspended'),
  revoked: L('撤销', '撤銷', 'Revoked'),
  expired: L('过期', '過期', 'Expired'),
  replaced: L('已换发', '已換發', 'Replaced'),
}

/**
 * The status codes a type uses, in the fixed order valid, suspended, revoked, expired, replaced,
 * with optional rewording; `omit` drops statuses the type never takes (a permanent licence never expires).
 */
export function statuses(reword: Partial<Record<LicenseStatus, Labels>> = {}, omit: LicenseStatus[] = []): StatusCodeDefinition[] {
  return (Object.keys(STATUS_WORDS) as LicenseStatus[])
    .filter((s) => !omit.includes(s))
    .map((code) => ({ code, label: reword[code] ?? STATUS_WORDS[code] }))
}

/** Common rewordings. */
export const WORDS = {
  revokedPermit: L('吊销', '吊銷', 'Revoked'),
  suspendedPermit: L('暂扣', '暫扣', 'Withheld'),
  cancelled: L('注销', '註銷', 'Cancelled'),
  reissued: L('已补发', '已補發', 'Reissued'),
  void: L('作废', '作廢', 'Void'),
}
