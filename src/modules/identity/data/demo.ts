/**
 * The demo city's organisation: the city government, its data bureau (市政务服务数据管理局) and a few
 * functional bureaus, one government per town and sub-district (from the city module's divisions),
 * posts, roles following the "three officers" split (系统管理员 / 安全管理员 / 安全审计员), staff per role,
 * citizens and enterprises with valid synthetic identifiers. Everything is keyed by code or user
 * name, so seeding twice changes nothing.
 */
import { createHash } from 'node:crypto'
import { makeCnId } from '../../../lib/cn-id.ts'
import { makeUsccFromParts } from '../../../lib/uscc.ts'

export const DEMO_PASSWORDS = { staff: 'Staff@Zhongshan2026', citizen: 'Citizen@Zhongshan2026', enterprise: 'Enterprise@Zhongshan2026' } as const

export interface DepartmentSeed { code: string; parent: string | null; name: string; nameEn: string; kind: 'city' | 'town' | 'bureau' | 'department' | 'section'; divisionCode?: string }

export const CITY_DEPARTMENTS: DepartmentSeed[] = [
  { code: 'zs', parent: null, name: '中山市人民政府', nameEn: 'Zhongshan Municipal Government', kind: 'city', divisionCode: '442000' },
  { code: 'zs-zsj', parent: 'zs', name: '中山市政务服务数据管理局', nameEn: 'Government Services and Data Administration', kind: 'bureau', divisionCode: '442000' },
  { code: 'zs-zsj-zwfw', parent: 'zs-zsj', name: '政务服务科', nameEn: 'Government Services Section', kind: 'section' },
  { code: 'zs-zsj-sjzy', parent: 'zs-zsj', name: '数据资源科', nameEn: 'Data Resources Section', kind: 'section' },
  { code: 'zs-zsj-wlaq', parent: 'zs-zsj', name: '网络安全科', nameEn: 'Cybersecurity Section', kind: 'section' },
  { code: 'zs-gaj', parent: 'zs', name: '中山市公安局', nameEn: 'Public Security Bureau', kind: 'bureau', divisionCode: '442000' },
  { code: 'zs-scjgj', parent: 'zs', name: '中山市市场监督管理局', nameEn: 'Administration for Market Regulation', kind: 'bureau', divisionCode: '442000' },
  { code: 'zs-rsj', parent: 'zs', name: '中山市人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau', kind: 'bureau', divisionCode: '442000' },
  { code: 'zs-wjj', parent: 'zs', name: '中山市卫生健康局', nameEn: 'Health Commission', kind: 'bureau', divisionCode: '442000' },
]

/** Sections added under one town (小榄镇) to show a deeper tree. */
export const TOWN_SECTIONS = [
  { town: '442000118000', suffix: 'zwfw', name: '政务服务中心', nameEn: 'Government Services Centre' },
  { town: '442000118000', suffix: 'zz', name: '综合治理办公室', nameEn: 'Comprehensive Governance Office' },
]

/** The government of a town or sub-district, named after its division. */
export function townGovernment(d: { code: string; kind: string; name: { 'zh-CN': string; 'en-US': string } }): DepartmentSeed {
  const [zh, en] = d.kind === 'subdistrict' ? [`${d.name['zh-CN']}办事处`, `${d.name['en-US']} Office`]
    : d.kind === 'zone' ? [`${d.name['zh-CN']}管理委员会`, `${d.name['en-US']} Administrative Committee`]
      : [`${d.name['zh-CN']}人民政府`, `${d.name['en-US']} Government`]
  return { code: `zs-${d.code.slice(6, 9)}`, parent: 'zs', name: zh, nameEn: en, kind: 'town', divisionCode: d.code }
}

export const POSTS = [
  { code: 'director', name: '局长' }, { code: 'section-chief', name: '科长' }, { code: 'clerk', name: '科员' },
  { code: 'window-clerk', name: '窗口受理员' }, { code: 'grid-worker', name: '网格员' },
]

export interface RoleSeed { code: string; name: string; description: string; permissions: string[]; dataScope: 'all' | 'custom' | 'department' | 'department_and_below' | 'self'; requireMfa: boolean; gridScope?: string[] }

export const ROLES: RoleSeed[] = [
  {
    code: 'security-admin', name: '安全管理员', description: 'Accounts, roles, sessions and clients; no audit reading', dataScope: 'all', requireMfa: true,
    permissions: ['identity:account:read', 'identity:account:write', 'identity:department:read', 'identity:department:write', 'identity:post:read', 'identity:post:write',
      'identity:role:read', 'identity:role:write', 'identity:session:read', 'identity:session:revoke', 'identity:oidc-client:read', 'identity:oidc-client:write',
      'identity:enterprise:read', 'identity:dict:write'],
  },
  { code: 'security-auditor', name: '安全审计员', description: 'Reads the login and operation logs', dataScope: 'all', requireMfa: true, permissions: ['identity:log:read', 'identity:session:read', 'ops:audit:read'] },
  {
    code: 'town-admin', name: '镇街管理员', description: 'Manages staff and departments of one town', dataScope: 'department_and_below', requireMfa: true,
    permissions: ['identity:account:read', 'identity:account:write', 'identity:department:read', 'identity:department:write', 'identity:post:read', 'identity:role:read'],
  },
  { code: 'clerk', name: '窗口办事员', description: 'Serves citizens at a service window', dataScope: 'department', requireMfa: true, permissions: ['identity:account:read', 'identity:department:read'] },
  { code: 'data-officer', name: '数据专员', description: 'May see personal identifiers unmasked (audited)', dataScope: 'all', requireMfa: true, permissions: ['identity:account:read', 'identity:pii:read', 'identity:enterprise:read'] },
  { code: 'grid-worker', name: '网格员', description: 'Works the grids of one town', dataScope: 'self', requireMfa: false, permissions: [], gridScope: ['442000118000'] },
]

export interface StaffSeed { username: string; displayName: string; department: string; roles: string[]; posts: string[]; totp: boolean; mobile: string }

export const STAFF: StaffSeed[] = [
  { username: 'admin', displayName: '系统管理员', department: 'zs-zsj-wlaq', roles: ['admin'], posts: ['section-chief'], totp: true, mobile: '13800000001' },
  { username: 'secadmin', displayName: '安全管理员 周宁', department: 'zs-zsj-wlaq', roles: ['security-admin'], posts: ['clerk'], totp: true, mobile: '13800000002' },
  { username: 'auditor', displayName: '安全审计员 孙悦', department: 'zs-zsj-wlaq', roles: ['security-auditor'], posts: ['clerk'], totp: true, mobile: '13800000003' },
  { username: 'clerk.li', displayName: '李明', department: 'zs-zsj-zwfw', roles: ['clerk'], posts: ['window-clerk'], totp: true, mobile: '13800000004' },
  { username: 'data.zhao', displayName: '赵倩', department: 'zs-zsj-sjzy', roles: ['data-officer'], posts: ['clerk'], totp: true, mobile: '13800000005' },
  { username: 'xl.admin', displayName: '小榄镇管理员 何伟', department: 'zs-118', roles: ['town-admin'], posts: ['section-chief'], totp: true, mobile: '13800000006' },
  { username: 'xl.clerk', displayName: '陈芳', department: 'zs-118-zwfw', roles: ['clerk'], posts: ['window-clerk'], totp: true, mobile: '13800000007' },
  { username: 'xl.grid', displayName: '王强', department: 'zs-118-zz', roles: ['grid-worker'], posts: ['grid-worker'], totp: false, mobile: '13800000008' },
  { username: 'tz.clerk', displayName: '黄丽', department: 'zs-107', roles: ['clerk'], posts: ['window-clerk'], totp: true, mobile: '13800000009' },
]

export interface CitizenSeed { username: string; realName: string; idNumber: string; mobile: string }

export const CITIZENS: CitizenSeed[] = [
  { username: 'zhang.san', realName: '张三', idNumber: makeCnId('442000', '19850312', 101), mobile: '13900000001' },
  { username: 'li.si', realName: '李四', idNumber: makeCnId('442000', '19900721', 202), mobile: '13900000002' },
  { username: 'wang.wu', realName: '王五', idNumber: makeCnId('442000', '19781105', 313), mobile: '13900000003' },
  { username: 'chen.mei', realName: '陈美', idNumber: makeCnId('442000', '19950218', 424), mobile: '13900000004' },
  { username: 'huang.min', realName: '黄敏', idNumber: makeCnId('442000', '20010930', 536), mobile: '13900000005' },
]

export interface EnterpriseSeed { name: string; creditCode: string; legalRep: string; agents: string[] }

export const ENTERPRISES: EnterpriseSeed[] = [
  { name: '中山市智城科技有限公司', creditCode: makeUsccFromParts('91', '442000', 'MA4WC001'), legalRep: 'zhang.san', agents: ['li.si'] },
  { name: '中山市小榄五金制品有限公司', creditCode: makeUsccFromParts('91', '442000', 'MA4WC002'), legalRep: 'wang.wu', agents: [] },
  { name: '中山市岐江餐饮管理有限公司', creditCode: makeUsccFromParts('91', '442000', 'MA4WC003'), legalRep: 'chen.mei', agents: ['huang.min'] },
]

/** Dictionaries the identity module owns. */
export const DICTS = [
  {
    code: 'account_kind', name: { 'zh-CN': '账号类型', 'zh-TW': '帳號類型', 'en-US': 'Account kind' },
    items: [
      { value: 'citizen', label: { 'zh-CN': '自然人', 'zh-TW': '自然人', 'en-US': 'Citizen' }, color: 'primary' },
      { value: 'enterprise', label: { 'zh-CN': '法人', 'zh-TW': '法人', 'en-US': 'Enterprise' }, color: 'success' },
      { value: 'staff', label: { 'zh-CN': '工作人员', 'zh-TW': '工作人員', 'en-US': 'Staff' }, color: 'warning' },
    ],
  },
  {
    code: 'account_status', name: { 'zh-CN': '账号状态', 'zh-TW': '帳號狀態', 'en-US': 'Account status' },
    items: [
      { value: 'active', label: { 'zh-CN': '正常', 'zh-TW': '正常', 'en-US': 'Active' }, color: 'success' },
      { value: 'disabled', label: { 'zh-CN': '停用', 'zh-TW': '停用', 'en-US': 'Disabled' }, color: 'info' },
    ],
  },
  {
    code: 'data_scope', name: { 'zh-CN': '数据范围', 'zh-TW': '資料範圍', 'en-US': 'Data scope' },
    items: [
      { value: 'all', label: { 'zh-CN': '全部数据', 'zh-TW': '全部資料', 'en-US': 'All data' }, color: 'danger' },
      { value: 'custom', label: { 'zh-CN': '自定义部门', 'zh-TW': '自訂部門', 'en-US': 'Custom departments' }, color: 'warning' },
      { value: 'department', label: { 'zh-CN': '本部门', 'zh-TW': '本部門', 'en-US': 'Own department' }, color: 'primary' },
      { value: 'department_and_below', label: { 'zh-CN': '本部门及以下', 'zh-TW': '本部門及以下', 'en-US': 'Own department and below' }, color: 'primary' },
      { value: 'self', label: { 'zh-CN': '仅本人', 'zh-TW': '僅本人', 'en-US': 'Self only' }, color: 'info' },
    ],
  },
  {
    code: 'login_outcome', name: { 'zh-CN': '登录结果', 'zh-TW': '登入結果', 'en-US': 'Login outcome' },
    items: [
      { value: 'success', label: { 'zh-CN': '成功', 'zh-TW': '成功', 'en-US': 'Success' }, color: 'success' },
      { value: 'challenge', label: { 'zh-CN': '待二次验证', 'zh-TW': '待二次驗證', 'en-US': 'Second factor asked' }, color: 'warning' },
      { value: 'failure', label: { 'zh-CN': '失败', 'zh-TW': '失敗', 'en-US': 'Failure' }, color: 'danger' },
    ],
  },
]

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** The demo TOTP secret of a staff user: base32 of SHA-1("zhicheng-demo-totp:" + user name). Printed at seed. */
export function demoTotpSecret(username: string): string {
  const bytes = createHash('sha1').update(`zhicheng-demo-totp:${username}`).digest()
  let bits = 0
  let value = 0
  let out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}
