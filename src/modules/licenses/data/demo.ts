/**
 * Demo licences of 中山市: at least one of every type, held by the identity module's demo citizens
 * (`zhang.san` …) and enterprises (智城科技, 小榄五金, 岐江餐饮) and by a few residents and companies
 * without accounts (as an imported register would have them). Some are suspended, revoked,
 * expired or replaced by a new version, so that every status shows somewhere. Deterministic: the
 * seed keys (`key`) make re-seeding idempotent (`source: 'import'`, `sourceRef: 'demo:<key>'`).
 *
 * `zhang.san` holds no 营业执照 of his own on purpose: the browser test has him obtain one through
 * 个体工商户设立登记.
 */
import { makeCnId } from '../../../lib/cn-id.ts'
import { makeUsccFromParts } from '../../../lib/uscc.ts'
import type { HolderKind, LicenseStatus } from '../types.ts'

export interface DemoHolder {
  kind: HolderKind
  name: string
  /** ID number (person) or credit code (organization). */
  identifier: string
  /** The identity module's demo user name of a person with an account. */
  username?: string
}

export interface DemoLicenceSeed {
  /** Stable seed key, unique. */
  key: string
  /** Licence type key (`LicenseTypeDefinition.key`). */
  type: string
  /** Issuing department id. */
  issuer: string
  /** The number part of the GB/T 36904 identifier (`[0-9A-Z]{1,40}`). */
  number: string
  /** 1 for the first version; a later version names the one it replaces. */
  version: number
  replaces?: string
  holder: DemoHolder
  fields: Record<string, string | number>
  /** ISO 8601 UTC time of issue. */
  issuedAt: string
  validFrom: string
  validUntil: string | null
  /** A status change after issue (by the issuer, with its reason). Expiry needs none: it follows from `validUntil`. */
  change?: { to: Exclude<LicenseStatus, 'valid' | 'expired' | 'replaced'>; reason: string; at: string }
}

const person = (name: string, region: string, birth: string, seq: number, username?: string): DemoHolder => ({ kind: 'person', name, identifier: makeCnId(region, birth, seq), ...(username ? { username } : {}) })
const org = (name: string, prefix: string, body: string): DemoHolder => ({ kind: 'organization', name, identifier: makeUsccFromParts(prefix, '442000', body) })

/** The identity module's demo citizens (same synthetic ID numbers). */
export const CITIZENS = {
  zhangSan: person('张三', '442000', '19850312', 101, 'zhang.san'),
  liSi: person('李四', '442000', '19900721', 202, 'li.si'),
  wangWu: person('王五', '442000', '19781105', 313, 'wang.wu'),
  chenMei: person('陈美', '442000', '19950218', 424, 'chen.mei'),
  huangMin: person('黄敏', '442000', '20010930', 536, 'huang.min'),
}

/** The identity module's demo enterprises (same credit codes). */
export const ENTERPRISES = {
  zhicheng: org('中山市智城科技有限公司', '91', 'MA4WC001'),
  xiaolan: org('中山市小榄五金制品有限公司', '91', 'MA4WC002'),
  qijiang: org('中山市岐江餐饮管理有限公司', '91', 'MA4WC003'),
}

const others = {
  liuYang: person('刘洋', '430102', '19920415', 118),
  heZhiqiang: person('何志强', '442000', '19830627', 157),
  liangShuyi: person('梁淑仪', '442000', '19960803', 268),
  linXiao: person('林晓', '442000', '19890112', 342),
  fengZhiming: person('冯志明', '442000', '19760922', 191),
  chenXiaoman: person('陈小满', '442000', '20261110', 582),
  wangFang: person('王芳', '442000', '19880606', 222),
  wuLijuan: person('吴丽娟', '442000', '19750214', 426),
}

const companies = {
  hotel: org('中山市紫马岭酒店有限公司', '91', 'MA4WD001'),
  clinic: org('中山市东区仁和门诊部有限公司', '91', 'MA4WD002'),
  pharmacy: org('中山市康宁大药房连锁有限公司', '91', 'MA4WD003'),
  builder: org('中山市翠亨建工集团有限公司', '91', 'MA4WD004'),
  food: org('中山市南朗粤香食品有限公司', '91', 'MA4WD005'),
  school: org('中山市启航培训学校', '52', 'MA4WD006'),
  chemicals: org('中山市港口化工贸易有限公司', '91', 'MA4WD007'),
  books: org('中山市书香文化传播有限公司', '91', 'MA4WD008'),
  farm: org('中山市丰收农资有限公司', '91', 'MA4WD009'),
  textile: org('中山市东凤纺织印染有限公司', '91', 'MA4WD010'),
  hr: org('中山市才聚人力资源服务有限公司', '91', 'MA4WD011'),
}

const at = (day: string) => `${day}T01:30:00.000Z`
const { zhangSan, liSi, wangWu, chenMei, huangMin } = CITIZENS

/** A person's reference copy of the resident identity card. */
function idCard(key: string, h: DemoHolder, gender: '1' | '2', birth: string, address: string, from: string, until: string, branch: string): DemoLicenceSeed {
  return {
    key, type: 'resident-id-card', issuer: 'zs-gaj', number: `${h.identifier}01`, version: 1, holder: h, issuedAt: at(from), validFrom: from, validUntil: until,
    fields: { name: h.name, gender, ethnicity: '汉', birthDate: birth, address, idNumber: h.identifier, issuingAuthority: `中山市公安局${branch}`, validFrom: from, validUntil: until },
  }
}

/** The 营业执照 of a company. */
function businessLicence(key: string, h: DemoHolder, f: { type: string; rep: string; capital: number; since: string; address: string; scope: string }, issued: string, version = 1, replaces?: string): DemoLicenceSeed {
  return {
    key, type: 'business-licence', issuer: 'zs-scjgj', number: h.identifier, version, ...(replaces ? { replaces } : {}), holder: h, issuedAt: at(issued), validFrom: issued, validUntil: null,
    fields: { creditCode: h.identifier, companyName: h.name, entityType: f.type, legalRep: f.rep, registeredCapital: f.capital, establishedOn: f.since, businessTerm: '长期', businessAddress: f.address, businessScope: f.scope },
  }
}

/** A permit of an organisation: holder fields filled in from the holder. */
function orgPermit(key: string, type: string, issuer: string, number: string, h: DemoHolder, rep: string, issued: string, until: string | null, fields: Record<string, string | number>): DemoLicenceSeed {
  return { key, type, issuer, number, version: 1, holder: h, issuedAt: at(issued), validFrom: issued, validUntil: until, fields: { entityName: h.name, creditCode: h.identifier, legalRep: rep, ...fields } }
}

const ZHICHENG_SCOPE = '一般项目：软件开发；信息技术咨询服务；数据处理和存储支持服务；信息系统集成服务；人工智能应用软件开发。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）'

export const DEMO_LICENCES: DemoLicenceSeed[] = [
  // —— residents with accounts ——
  idCard('zhang-san-id', zhangSan, '1', '1985-03-12', '广东省中山市石岐街道民生路8号', '2016-04-20', '2036-04-20', '石岐分局'),
  idCard('li-si-id', liSi, '2', '1990-07-21', '广东省中山市东区兴中道18号翠景花园3座1201房', '2019-08-02', '2039-08-02', '东区分局'),
  idCard('wang-wu-id', wangWu, '1', '1978-11-05', '广东省中山市小榄镇升平中路36号', '2010-03-15', '长期', '小榄分局'),
  idCard('chen-mei-id', chenMei, '2', '1995-02-18', '广东省中山市西区富华道12号', '2013-05-09', '2023-05-09', '西区分局'),
  { ...idCard('chen-mei-id-2', chenMei, '2', '1995-02-18', '广东省中山市西区富华道12号', '2023-04-28', '2043-04-28', '西区分局'), version: 2, replaces: 'chen-mei-id' },
  idCard('huang-min-id', huangMin, '2', '2001-09-30', '广东省中山市火炬开发区康乐大道47号', '2017-10-11', '2027-10-11', '火炬开发区分局'),
  {
    key: 'zhang-san-hukou', type: 'household-register', issuer: 'zs-gaj', number: '442000017845', version: 1, holder: zhangSan, issuedAt: at('2014-11-03'), validFrom: '2014-11-03', validUntil: null,
    fields: { householderName: '张三', householdType: 'family', householdNumber: '442017845', address: '广东省中山市石岐街道民生路8号', name: '张三', relation: '户主', gender: '1', birthDate: '1985-03-12', idNumber: zhangSan.identifier, registrationAuthority: '中山市公安局石岐分局' },
  },
  {
    key: 'zhang-san-sscard', type: 'social-security-card', issuer: 'zs-rsj', number: '2019M44260118', version: 1, holder: zhangSan, issuedAt: at('2019-04-02'), validFrom: '2019-04-02', validUntil: '2029-04-02',
    fields: { name: '张三', gender: '1', idNumber: zhangSan.identifier, cardNumber: 'M44260118', bank: '中国工商银行中山分行', issuedOn: '2019-04-02', generation: '3' },
  },
  {
    key: 'li-si-sscard', type: 'social-security-card', issuer: 'zs-rsj', number: '2020M44318842', version: 1, holder: liSi, issuedAt: at('2020-06-18'), validFrom: '2020-06-18', validUntil: '2030-06-18',
    fields: { name: '李四', gender: '2', idNumber: liSi.identifier, cardNumber: 'M44318842', bank: '中国建设银行中山分行', issuedOn: '2020-06-18', generation: '3' },
    change: { to: 'suspended', reason: '持卡人电话挂失（12333 受理号 GS20261103015）', at: at('2026-11-03') },
  },
  {
    key: 'zhang-san-driving', type: 'driving-licence', issuer: 'zs-gaj', number: '442000123456', version: 1, holder: zhangSan, issuedAt: at('2020-07-15'), validFrom: '2020-07-15', validUntil: '2030-07-15',
    fields: { name: '张三', gender: '1', nationality: '中国', address: '广东省中山市石岐街道民生路8号', birthDate: '1985-03-12', idNumber: zhangSan.identifier, firstIssuedOn: '2008-07-15', vehicleClass: 'C1', fileNumber: '442000123456', validFrom: '2020-07-15', validFor: '10' },
  },
  {
    key: 'wang-wu-driving', type: 'driving-licence', issuer: 'zs-gaj', number: '442000318842', version: 1, holder: wangWu, issuedAt: at('2018-01-09'), validFrom: '2018-01-09', validUntil: '2028-01-09',
    fields: { name: '王五', gender: '1', nationality: '中国', address: '广东省中山市小榄镇升平中路36号', birthDate: '1978-11-05', idNumber: wangWu.identifier, firstIssuedOn: '2002-03-26', vehicleClass: 'B2', fileNumber: '442000318842', validFrom: '2018-01-09', validFor: '10' },
    change: { to: 'suspended', reason: '饮酒后驾驶机动车，依《道路交通安全法》第九十一条暂扣六个月（决定书编号 4420001202600315）', at: at('2026-09-14') },
  },
  {
    key: 'zhang-san-vehicle', type: 'vehicle-licence', issuer: 'zs-gaj', number: '2021T8K26', version: 1, holder: zhangSan, issuedAt: at('2021-05-20'), validFrom: '2021-05-20', validUntil: null,
    fields: { plateNumber: '粤TA8K26', vehicleType: '小型轿车', owner: '张三', ownerId: zhangSan.identifier, address: '广东省中山市石岐街道民生路8号', useCharacter: 'private', model: '比亚迪牌BYD7005BEV', vin: 'LGXCE4CB8M0123456', engineNumber: 'TZ200XS0123', registeredOn: '2021-05-20', issuedOn: '2021-05-20' },
  },
  {
    key: 'zhang-san-marriage', type: 'marriage-certificate', issuer: 'zs-mzj', number: 'J44200020140123', version: 1, holder: zhangSan, issuedAt: at('2014-10-08'), validFrom: '2014-10-08', validUntil: null,
    fields: { holderName: '张三', holderId: zhangSan.identifier, holderBirthDate: '1985-03-12', holderGender: '1', spouseName: '王芳', spouseId: others.wangFang.identifier, registeredOn: '2014-10-08', certificateNumber: 'J442000-2014-012345', registrationOffice: '中山市民政局婚姻登记处' },
  },
  {
    key: 'zhang-san-home', type: 'real-estate-certificate', issuer: 'zs-zrzyj', number: '20210123456', version: 1, holder: zhangSan, issuedAt: at('2021-03-30'), validFrom: '2021-03-30', validUntil: null,
    fields: { certificateNumber: '粤（2021）中山市不动产权第0123456号', obligee: '张三', obligeeId: zhangSan.identifier, coOwnership: 'sole', location: '中山市东区兴中道18号翠景花园5座802房', unitNumber: '442000003001GB00012F00050802', rightType: '国有建设用地使用权/房屋所有权', rightNature: '出让/市场化商品房', use: '城镇住宅用地/住宅', landArea: 8200.5, floorArea: 98.76, landTerm: '2003年05月01日起2073年04月30日止', registeredOn: '2021-03-30' },
  },
  {
    key: 'li-si-teacher', type: 'teacher-qualification', issuer: 'zs-jyj', number: '20134420042000123', version: 1, holder: liSi, issuedAt: at('2013-07-01'), validFrom: '2013-07-01', validUntil: null,
    fields: { name: '李四', gender: '2', birthDate: '1990-07-21', idNumber: liSi.identifier, level: 'junior', subject: '数学', certificateNumber: '20134420042000123', issuedOn: '2013-07-01' },
  },
  {
    key: 'wang-wu-disability', type: 'disability-certificate', issuer: 'zs-cl', number: `${wangWu.identifier}43`, version: 1, holder: wangWu, issuedAt: at('2019-12-02'), validFrom: '2019-12-02', validUntil: '2029-12-02',
    fields: { name: '王五', gender: '1', idNumber: wangWu.identifier, address: '广东省中山市小榄镇升平中路36号', category: '4', grade: '3', certificateNumber: `${wangWu.identifier}43`, issuedOn: '2019-12-02' },
  },
  {
    key: 'wang-wu-veteran', type: 'veteran-card', issuer: 'zs-tyjrj', number: '442000220318', version: 1, holder: wangWu, issuedAt: at('2022-08-01'), validFrom: '2022-08-01', validUntil: null,
    fields: { name: '王五', gender: '1', idNumber: wangWu.identifier, cardNumber: '442000220318', serviceYears: '1996年12月至2001年12月', issuedOn: '2022-08-01' },
  },
  {
    key: 'chen-mei-physician', type: 'physician-licence', issuer: 'zs-wjj', number: '144442000021876', version: 1, holder: chenMei, issuedAt: at('2021-09-16'), validFrom: '2021-09-16', validUntil: null,
    fields: { name: '陈美', gender: '2', birthDate: '1995-02-18', idNumber: chenMei.identifier, certificateNumber: '144442000021876', category: 'clinical', scope: '内科专业', institution: '中山市人民医院', issuedOn: '2021-09-16' },
  },
  {
    key: 'huang-min-birth', type: 'birth-certificate', issuer: 'zs-wjj', number: 'C440012345', version: 1, holder: others.wuLijuan, issuedAt: at('2001-10-08'), validFrom: '2001-10-08', validUntil: null,
    fields: { babyName: '黄敏', babyGender: 'F', birthDate: '2001-09-30', birthPlace: '广东省中山市', gestationWeeks: 39, weightGrams: 3200, lengthCm: 50, motherName: '吴丽娟', motherId: others.wuLijuan.identifier, fatherName: '黄国强', fatherId: makeCnId('442000', '19730503', 117), facility: '中山市博爱医院', certificateNumber: 'C440012345', idNumber: huangMin.identifier },
  },
  // —— residents without accounts (as an imported register has them) ——
  {
    key: 'chen-xiaoman-birth', type: 'birth-certificate', issuer: 'zs-wjj', number: 'Y440587412', version: 1, holder: chenMei, issuedAt: at('2026-11-12'), validFrom: '2026-11-12', validUntil: null,
    fields: { babyName: '陈小满', babyGender: 'F', birthDate: '2026-11-10', birthPlace: '广东省中山市', gestationWeeks: 38, weightGrams: 3150, lengthCm: 49.5, motherName: '陈美', motherId: chenMei.identifier, fatherName: '张三', fatherId: zhangSan.identifier, facility: '中山市博爱医院', certificateNumber: 'Y440587412', idNumber: others.chenXiaoman.identifier },
  },
  {
    key: 'liu-yang-residence', type: 'residence-permit', issuer: 'zs-gaj', number: '442000202600871', version: 1, holder: others.liuYang, issuedAt: at('2026-03-02'), validFrom: '2026-03-02', validUntil: '2027-03-02',
    fields: { name: '刘洋', gender: '1', ethnicity: '汉', birthDate: '1992-04-15', idNumber: others.liuYang.identifier, hukouAddress: '湖南省长沙市芙蓉区五一大道235号', address: '广东省中山市火炬开发区中山港大道99号', permitNumber: '4420002026000871', issuingAuthority: '中山市公安局火炬开发区分局' },
  },
  {
    key: 'he-zhiqiang-driver', type: 'ride-hailing-driver', issuer: 'zs-jtj', number: '2024442000157', version: 1, holder: others.heZhiqiang, issuedAt: at('2024-05-06'), validFrom: '2024-05-06', validUntil: '2030-05-06',
    fields: { name: '何志强', gender: '1', idNumber: others.heZhiqiang.identifier, certificateNumber: others.heZhiqiang.identifier, vehicleClass: 'C1', company: '中山市曹操出行科技有限公司', issuedOn: '2024-05-06' },
  },
  {
    key: 'liang-shuyi-nurse', type: 'nurse-licence', issuer: 'zs-wjj', number: '202244200268', version: 1, holder: others.liangShuyi, issuedAt: at('2022-07-20'), validFrom: '2022-07-20', validUntil: '2027-07-20',
    fields: { name: '梁淑仪', gender: '2', idNumber: others.liangShuyi.identifier, certificateNumber: '202244200268', institution: '中山市中医院', issuedOn: '2022-07-20' },
  },
  {
    key: 'lin-xiao-divorce', type: 'divorce-certificate', issuer: 'zs-mzj', number: 'L44200020250342', version: 1, holder: others.linXiao, issuedAt: at('2025-06-10'), validFrom: '2025-06-10', validUntil: null,
    fields: { holderName: '林晓', holderId: others.linXiao.identifier, holderGender: '2', formerSpouseName: '郑浩', formerSpouseId: makeCnId('442000', '19870320', 151), registeredOn: '2025-06-10', certificateNumber: 'L442000-2025-000342', registrationOffice: '中山市民政局婚姻登记处' },
  },
  {
    key: 'feng-zhiming-shop', type: 'individual-business-licence', issuer: 'zs-scjgj', number: '92442000MA4WE0017', version: 1, holder: others.fengZhiming, issuedAt: at('2018-09-12'), validFrom: '2018-09-12', validUntil: null,
    fields: { creditCode: makeUsccFromParts('92', '442000', 'MA4WE001'), tradeName: '中山市石岐区志明五金店', entityType: 'individual-business', operatorName: '冯志明', idNumber: others.fengZhiming.identifier, organization: 'individual', establishedOn: '2018-09-12', businessAddress: '中山市石岐街道悦来南路22号首层', businessScope: '五金产品零售；日用百货销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）' },
  },
  // —— enterprises with accounts ——
  businessLicence('zhicheng-licence-1', ENTERPRISES.zhicheng, { type: 'llc-natural', rep: '张三', capital: 100, since: '2021-03-18', address: '中山市火炬开发区康乐大道47号之一', scope: ZHICHENG_SCOPE }, '2021-03-18'),
  businessLicence('zhicheng-licence-2', ENTERPRISES.zhicheng, { type: 'llc-natural', rep: '张三', capital: 500, since: '2021-03-18', address: '中山市火炬开发区康乐大道47号之一', scope: ZHICHENG_SCOPE }, '2024-06-12', 2, 'zhicheng-licence-1'),
  orgPermit('zhicheng-planning', 'planning-permit', 'zs-zrzyj', '2025000123', ENTERPRISES.zhicheng, '张三', '2025-04-18', '2027-04-18',
    { permitNumber: '建字第442000202500123号', projectName: '智城科技研发中心', location: '中山市翠亨新区兴港大道', scale: '总建筑面积36000平方米，地上12层，地下2层' }),
  orgPermit('zhicheng-construction', 'construction-permit', 'zs-zjj', '442000202509150101', ENTERPRISES.zhicheng, '张三', '2025-09-15', null,
    { permitNumber: '442000202509150101', projectName: '智城科技研发中心', location: '中山市翠亨新区兴港大道', contractValue: 18000, contractor: '中山市翠亨建工集团有限公司', supervisor: '中山市建科工程监理有限公司', floorArea: 36000 }),
  businessLicence('xiaolan-licence', ENTERPRISES.xiaolan, { type: 'llc-natural', rep: '王五', capital: 800, since: '2009-05-26', address: '中山市小榄镇工业大道南12号', scope: '五金制品制造；金属表面处理及热处理加工；五金产品批发。' }, '2019-11-04'),
  orgPermit('xiaolan-pollution', 'pollutant-discharge-permit', 'zs-sthjj', '2024002V', ENTERPRISES.xiaolan, '王五', '2024-03-11', '2029-03-10',
    { permitNumber: `${ENTERPRISES.xiaolan.identifier}002V`, productionAddress: '中山市小榄镇工业大道南12号', industry: '金属表面处理及热处理加工', category: 'simplified', pollutants: '废水：化学需氧量、氨氮、总镍；废气：颗粒物、挥发性有机物' }),
  orgPermit('xiaolan-forklift', 'special-equipment-registration', 'zs-scjgj', '2023T00318', ENTERPRISES.xiaolan, '王五', '2023-06-20', null,
    { registrationNumber: '车11粤T00318(23)', equipmentType: '场（厂）内专用机动车辆（叉车）', equipmentCode: '5110442000202300318', useAddress: '中山市小榄镇工业大道南12号仓库' }),
  orgPermit('xiaolan-drainage', 'drainage-permit', 'zs-swj', '2024015', ENTERPRISES.xiaolan, '王五', '2024-01-22', '2029-01-21',
    { permitNumber: '中排字第2024015号', premises: '中山市小榄镇工业大道南12号', dischargeType: '工业废水（预处理后）', outlets: 1, dailyVolume: 45 }),
  {
    ...orgPermit('xiaolan-transport', 'road-transport-permit', 'zs-jtj', '442000031842', ENTERPRISES.xiaolan, '王五', '2020-08-03', '2028-08-02',
      { permitNumber: '粤交运管许可中字442000031842号', residence: '中山市小榄镇工业大道南12号', scope: '道路普通货物运输', fleetSize: 6 }),
    change: { to: 'revoked', reason: '不再具备开业条件且逾期未整改，依《道路运输条例》第六十六条吊销（中交执罚〔2026〕118号）', at: at('2026-06-30') },
  },
  businessLicence('qijiang-licence', ENTERPRISES.qijiang, { type: 'llc-natural', rep: '陈美', capital: 200, since: '2020-10-09', address: '中山市石岐街道孙文西路68号', scope: '餐饮服务；食品销售；烟草制品零售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）' }, '2020-10-09'),
  orgPermit('qijiang-food', 'food-business-permit', 'zs-scjgj', '24420000123456', ENTERPRISES.qijiang, '陈美', '2025-10-20', '2030-10-19',
    { permitNumber: 'JY24420000123456', residence: '中山市石岐街道孙文西路68号', premises: '中山市石岐街道孙文西路68号首层、二层', mainForm: 'catering', items: '热食类食品制售；冷食类食品制售；糕点类食品制售（含裱花蛋糕）', dailyManager: '黄敏' }),
  orgPermit('qijiang-tobacco', 'tobacco-retail-permit', 'zs-ycj', '442000104123', ENTERPRISES.qijiang, '陈美', '2022-12-01', '2027-11-30',
    { permitNumber: '442000104123', premises: '中山市石岐街道孙文西路68号首层', supplier: '中山市烟草公司', scope: '卷烟、雪茄烟零售' }),
  // —— enterprises without accounts ——
  orgPermit('hotel-hygiene', 'public-hygiene-permit', 'zs-wjj', '20214420000087', companies.hotel, '罗家明', '2021-08-16', '2025-08-15',
    { permitNumber: '粤卫公证字[2021]第4420000087号', premises: '中山市石岐街道湖滨路1号', items: '住宿业（宾馆）', area: 5600 }),
  orgPermit('clinic-licence', 'medical-institution-licence', 'zs-wjj', '2024PDY00231', companies.clinic, '钟伟', '2024-02-01', '2029-01-31',
    { registrationNumber: 'PDY00231-444200011D2192', address: '中山市东区中山四路18号', ownership: '私营', institutionType: '门诊部', departments: '预防保健科；内科；外科；口腔科；医学检验科', beds: 0 }),
  orgPermit('pharmacy-drug', 'drug-business-permit', 'zs-scjgj', '2023CB7600128', companies.pharmacy, '彭丽', '2023-05-12', '2028-05-11',
    { permitNumber: '粤CB7600128', businessMode: 'retail-chain', premises: '中山市西区彩虹大道23号', pharmacist: '彭丽', scope: '处方药、甲类非处方药、乙类非处方药：中药饮片、中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）' }),
  orgPermit('builder-qualification', 'construction-qualification', 'zs-zjj', 'D244087512', companies.builder, '黎国华', '2023-09-01', '2028-08-31',
    { certificateNumber: 'D244087512', residence: '中山市翠亨新区和耀路11号', economicNature: '有限责任公司', qualifications: '建筑工程施工总承包贰级；市政公用工程施工总承包贰级；建筑装修装饰工程专业承包贰级' }),
  orgPermit('food-production', 'food-production-permit', 'zs-scjgj', '12444200000812', companies.food, '卢美玲', '2024-11-05', '2029-11-04',
    { permitNumber: 'SC12444200000812', residence: '中山市南朗街道华南现代中医药城', productionAddress: '中山市南朗街道华南现代中医药城健康路6号', foodCategory: '糕点；方便食品（其他方便食品）' }),
  orgPermit('school-permit', 'private-school-permit', 'zs-jyj', '144200070000123', companies.school, '苏文静', '2022-03-01', '2027-02-28',
    { permitNumber: '教民144200070000123号', address: '中山市东区博爱七路9号3楼', schoolType: '非学历文化教育培训机构', principal: '苏文静', content: '文化艺术类非学历教育培训' }),
  orgPermit('chemicals-permit', 'hazardous-chemicals-permit', 'zs-yjj', '2024000057', companies.chemicals, '吴建新', '2024-07-08', '2027-07-07',
    { permitNumber: '粤中危化经字〔2024〕000057', premises: '中山市港口镇兴港中路128号', mode: 'no-storage', scope: '乙醇[无水]、甲苯、二甲苯异构体混合物、乙酸乙酯（不带储存设施经营）' }),
  orgPermit('books-permit', 'publication-business-permit', 'zs-whj', 'A2023041', companies.books, '许子健', '2023-04-14', '2029-04-13',
    { permitNumber: '新出发中字第A2023041号', premises: '中山市石岐街道莲峰路3号', mode: '零售', scope: '图书、报纸、期刊、电子出版物零售' }),
  orgPermit('farm-permit', 'pesticide-business-permit', 'zs-nyj', '44200020240012', companies.farm, '岑永强', '2024-04-02', '2029-04-01',
    { permitNumber: '农药经许（粤）44200020240012', premises: '中山市黄圃镇新明中路55号', warehouse: '中山市黄圃镇新明中路55号后座', scope: '农药（不含卫生用农药）' }),
  orgPermit('textile-water', 'water-abstraction-permit', 'zs-swj', '202400012', companies.textile, '甘志伟', '2024-01-15', '2029-01-14',
    { permitNumber: '取水（粤中）字〔2024〕第00012号', source: '地表水（鸡鸦水道）', location: '中山市东凤镇东阜路', annualVolume: 36.5, use: '工业用水' }),
  orgPermit('hr-permit', 'hr-service-permit', 'zs-rsj', '2023000310', companies.hr, '邝嘉欣', '2023-03-10', null,
    { permitNumber: '（粤）人服证字〔2023〕第2000000310号', premises: '中山市东区松苑路1号', scope: '职业介绍；人力资源供求信息的收集和发布；就业和创业指导；人力资源管理咨询；人力资源测评' }),
]
