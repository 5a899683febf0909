/**
 * The event catalog: GB/T 30428.2-style event classes (大类 2 digits + 小类 2 digits) plus local
 * extensions under 大类 06, each with its time limit per stage, default department and the
 * evidence it requires; the part (部件) classes of the facility register; and the demo
 * departments the catalog routes to (ids `dep_…` to be bound to identity's departments).
 */
export type Localized = { 'zh-CN': string; 'zh-TW': string; 'en-US': string }

/** Stages with a timer, in flow order: 受理(核实) 立案 派遣 处置 核查 结案. */
export const TIMED_STAGES = ['accept', 'open', 'dispatch', 'handle', 'verify', 'close'] as const
export type TimedStage = (typeof TIMED_STAGES)[number]

export type EvidenceKind = 'description' | 'photo'

export interface OpenAttribute {
  code: string
  datatype: 'string' | 'number' | 'singlevaluelist'
  required: boolean
  description: string
  values?: Array<{ key: string; name: string }>
}

export interface EventCategory {
  /** 4 digits: 大类 + 小类. */
  code: string
  name: Localized
  /** 大类 code (2 digits). */
  group: string
  /** Minutes allowed per stage. */
  sla: Record<TimedStage, number>
  defaultDepartmentId: string
  evidence: { report: EvidenceKind[]; handle: EvidenceKind[] }
  /** A local extension rather than a GB/T 30428.2 class. */
  local: boolean
  keywords: string
  /** Open311 service-definition attributes (metadata = true when present). */
  attributes?: OpenAttribute[]
}

export const EVENT_GROUPS: Record<string, Localized> = {
  '01': { 'zh-CN': '市容环境', 'zh-TW': '市容環境', 'en-US': 'City appearance' },
  '02': { 'zh-CN': '宣传广告', 'zh-TW': '宣傳廣告', 'en-US': 'Advertising' },
  '03': { 'zh-CN': '施工管理', 'zh-TW': '施工管理', 'en-US': 'Construction' },
  '04': { 'zh-CN': '突发事件', 'zh-TW': '突發事件', 'en-US': 'Emergencies' },
  '05': { 'zh-CN': '街面秩序', 'zh-TW': '街面秩序', 'en-US': 'Street order' },
  '06': { 'zh-CN': '扩展事件', 'zh-TW': '擴展事件', 'en-US': 'Local extensions' },
}

/** Time limits shared by every class except for handling (处置), which varies. */
const BASE = { accept: 30, open: 15, dispatch: 15, verify: 30, close: 15 }
const D = { report: ['description'] as EvidenceKind[], handle: ['description', 'photo'] as EvidenceKind[] }
const PHOTO_REPORT = { report: ['description', 'photo'] as EvidenceKind[], handle: ['description', 'photo'] as EvidenceKind[] }

function cat(code: string, zhCN: string, zhTW: string, en: string, handle: number, dep: string, keywords: string, extra: Partial<EventCategory> = {}): EventCategory {
  return {
    code, group: code.slice(0, 2), name: { 'zh-CN': zhCN, 'zh-TW': zhTW, 'en-US': en },
    sla: { ...BASE, handle }, defaultDepartmentId: dep, evidence: D, local: code.startsWith('06'), keywords, ...extra,
  }
}

const SIZE: OpenAttribute = {
  code: 'size', datatype: 'singlevaluelist', required: true, description: 'How large is it? / 面积大小',
  values: [{ key: 'small', name: '< 1 m²' }, { key: 'medium', name: '1–5 m²' }, { key: 'large', name: '> 5 m²' }],
}

export const EVENT_CATEGORIES: EventCategory[] = [
  cat('0101', '私搭乱建', '私搭亂建', 'Illegal structure', 7200, 'dep_urban', '违建,搭建', { evidence: PHOTO_REPORT }),
  cat('0102', '暴露垃圾', '暴露垃圾', 'Exposed rubbish', 120, 'dep_urban', '垃圾,rubbish,litter'),
  cat('0103', '积存垃圾渣土', '積存垃圾渣土', 'Accumulated waste and muck', 480, 'dep_urban', '渣土,建筑垃圾'),
  cat('0104', '道路不洁', '道路不潔', 'Dirty road', 120, 'dep_urban', '保洁,清扫'),
  cat('0105', '水域不洁', '水域不潔', 'Polluted water surface', 480, 'dep_water', '河涌,漂浮物'),
  cat('0106', '绿地脏乱', '綠地髒亂', 'Untidy green space', 240, 'dep_parks', '绿化带'),
  cat('0107', '废弃家具设备', '廢棄家具設備', 'Dumped furniture', 480, 'dep_urban', '大件垃圾'),
  cat('0201', '非法小广告', '非法小廣告', 'Illegal flyers', 240, 'dep_urban', '牛皮癣,小广告'),
  cat('0202', '违章张贴悬挂广告牌匾', '違章張貼懸掛廣告牌匾', 'Unauthorised signboard', 2880, 'dep_urban', '招牌,广告牌'),
  cat('0301', '施工扰民', '施工擾民', 'Construction noise', 240, 'dep_env', '噪音,夜间施工'),
  cat('0302', '工地扬尘', '工地揚塵', 'Construction dust', 240, 'dep_env', '扬尘,粉尘'),
  cat('0303', '道路破损', '道路破損', 'Damaged road', 1440, 'dep_works', '坑洼,路面', { attributes: [SIZE] }),
  cat('0401', '路面塌陷', '路面塌陷', 'Road collapse', 240, 'dep_works', '塌陷,坑', { attributes: [SIZE], evidence: PHOTO_REPORT }),
  cat('0402', '自来水管破裂', '自來水管破裂', 'Burst water main', 240, 'dep_water', '爆管,漏水'),
  cat('0403', '下水道堵塞', '下水道堵塞', 'Blocked sewer', 480, 'dep_water', '污水,堵塞'),
  cat('0404', '道路积水', '道路積水', 'Flooded road', 240, 'dep_water', '内涝,积水'),
  cat('0501', '无照经营游商', '無照經營遊商', 'Unlicensed street vendor', 240, 'dep_market', '摆摊,流动摊贩'),
  cat('0502', '店外经营', '店外經營', 'Trading outside the shop', 240, 'dep_urban', '占道经营'),
  cat('0503', '机动车乱停放', '機動車亂停放', 'Illegally parked car', 120, 'dep_traffic', '违停,停车'),
  cat('0504', '非机动车乱停放', '非機動車亂停放', 'Badly parked bicycles', 240, 'dep_traffic', '共享单车,电动车'),
  cat('0601', '井盖缺失', '井蓋缺失', 'Missing manhole cover', 120, 'dep_works', '井盖', { evidence: PHOTO_REPORT }),
  cat('0602', '路灯不亮', '路燈不亮', 'Street light out', 1440, 'dep_works', '路灯,照明'),
  cat('0603', '树木倒伏', '樹木倒伏', 'Fallen tree', 240, 'dep_parks', '台风,倒树'),
]

const BY_CODE = new Map(EVENT_CATEGORIES.map((c) => [c.code, c]))

/** The category with `code`, or undefined. */
export function getCategory(code: string): EventCategory | undefined {
  return BY_CODE.get(code)
}

/** Departments the demo catalog routes to; a real deployment binds these ids to identity's. */
export const DEPARTMENTS: Record<string, Localized> = {
  dep_urban: { 'zh-CN': '城市管理和综合执法局', 'zh-TW': '城市管理和綜合執法局', 'en-US': 'Urban Management Bureau' },
  dep_works: { 'zh-CN': '住房和城乡建设局（市政）', 'zh-TW': '住房和城鄉建設局（市政）', 'en-US': 'Public Works' },
  dep_env: { 'zh-CN': '生态环境局', 'zh-TW': '生態環境局', 'en-US': 'Ecology and Environment Bureau' },
  dep_water: { 'zh-CN': '水务局', 'zh-TW': '水務局', 'en-US': 'Water Affairs Bureau' },
  dep_parks: { 'zh-CN': '林业和园林局', 'zh-TW': '林業和園林局', 'en-US': 'Parks and Forestry Bureau' },
  dep_market: { 'zh-CN': '市场监督管理局', 'zh-TW': '市場監督管理局', 'en-US': 'Market Regulation Bureau' },
  dep_traffic: { 'zh-CN': '公安局交通警察支队', 'zh-TW': '公安局交通警察支隊', 'en-US': 'Traffic Police' },
}

/** Part (部件) classes for the facility register: 大类 + 小类, GB/T 30428.2-style. */
export const PART_CATEGORIES: Record<string, Localized> = {
  '0101': { 'zh-CN': '上水井盖', 'zh-TW': '上水井蓋', 'en-US': 'Water main cover' },
  '0102': { 'zh-CN': '污水井盖', 'zh-TW': '污水井蓋', 'en-US': 'Sewer cover' },
  '0103': { 'zh-CN': '雨水井盖', 'zh-TW': '雨水井蓋', 'en-US': 'Storm drain cover' },
  '0105': { 'zh-CN': '路灯', 'zh-TW': '路燈', 'en-US': 'Street light' },
  '0201': { 'zh-CN': '交通信号灯', 'zh-TW': '交通號誌燈', 'en-US': 'Traffic light' },
  '0203': { 'zh-CN': '公交站亭', 'zh-TW': '公車站亭', 'en-US': 'Bus shelter' },
  '0301': { 'zh-CN': '公共厕所', 'zh-TW': '公共廁所', 'en-US': 'Public toilet' },
  '0302': { 'zh-CN': '垃圾箱', 'zh-TW': '垃圾箱', 'en-US': 'Litter bin' },
  '0402': { 'zh-CN': '行道树', 'zh-TW': '行道樹', 'en-US': 'Street tree' },
}

/** Which department a part class belongs to by default (owner = maintainer for the demo). */
export const PART_OWNERS: Record<string, string> = {
  '0101': 'dep_water', '0102': 'dep_water', '0103': 'dep_water', '0105': 'dep_works', '0201': 'dep_traffic',
  '0203': 'dep_works', '0301': 'dep_urban', '0302': 'dep_urban', '0402': 'dep_parks',
}
