/**
 * The fully specified demo items: real item names with their forms, materials, limits, fees and
 * approval steps, close to what 中山市 publishes. `level: 'town'` items are implemented by every town
 * and sub-district. Building is deterministic: the same inputs give the same items.
 */
import type { FormDefinition, ItemData, ItemType, Material, WorkflowStep } from '../schema/catalog.ts'
import { ITEM_TYPES } from '../schema/catalog.ts'
import { CITY_DEPARTMENTS, type DepartmentSeed } from './departments.ts'
import { FIELDS, SECTIONS } from './fields.ts'

type MaterialOpts = Partial<Omit<Material, 'code' | 'name'>>

/** A material; defaults: required, electronic, one copy, from the applicant, PDF/JPG/PNG up to 10 MB. */
export function material(code: string, name: string, opts: MaterialOpts = {}): Material {
  return { code, name, required: true, form: 'electronic', copies: 1, source: 'applicant', accept: ['pdf', 'jpg', 'png'], maxSizeMb: 10, ...opts }
}

const idCard = () => material('id-card', '申请人居民身份证', { source: 'licence', licenceType: '居民身份证', accept: ['pdf', 'jpg', 'png'] })
const licence = () => material('business-licence', '营业执照', { source: 'licence', licenceType: '营业执照' })

export const WORKFLOWS: Record<string, WorkflowStep[]> = {
  simple: [{ code: 'review', name: '审核', kind: 'single' }],
  two: [{ code: 'review', name: '审查', kind: 'single' }, { code: 'decide', name: '决定', kind: 'single' }],
  joint: [{ code: 'review', name: '审查', kind: 'single' }, { code: 'joint', name: '联合会审', kind: 'countersign', signers: 2 }, { code: 'decide', name: '决定', kind: 'single' }],
}

export interface FeaturedSpec {
  key: string
  name: string
  type: ItemType
  serial: number
  dept: keyof typeof CITY_DEPARTMENTS | 'town'
  level: 'city' | 'town'
  audiences: ItemData['audiences']
  themes: string[]
  keywords: string[]
  conditions: string
  materials: Material[]
  fields: string[]
  optional?: string[]
  limits: [statutory: number, promised: number]
  depth: 1 | 2 | 3 | 4
  visits?: number
  fees?: ItemData['fees']
  legal: string[]
  workflow: keyof typeof WORKFLOWS
  resultName: string
  faq?: Array<[string, string]>
  popularity: number
}

const PERSON = ['person'] as ItemData['audiences']
const LEGAL = ['legal'] as ItemData['audiences']

export const FEATURED: FeaturedSpec[] = [
  {
    key: 'residence-permit', name: '居住证申领', type: 'public_service', serial: 1, dept: 'town', level: 'town', audiences: PERSON,
    themes: ['person.household'], keywords: ['居住证', '暂住证', '积分入户'], popularity: 9800,
    conditions: '离开常住户口所在地，到本市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的公民。',
    materials: [idCard(), material('residence-proof', '合法稳定住所证明（租赁合同或房产证）'), material('photo', '近期免冠白底证件照', { accept: ['jpg', 'png'], maxSizeMb: 2 }), material('employment-proof', '就业或就读证明', { required: false })],
    fields: ['applicantName', 'idNumber', 'mobile', 'address', 'residenceSince', 'employer'], optional: ['employer'],
    limits: [15, 7], depth: 4, legal: ['《居住证暂行条例》第九条', '《广东省流动人口服务管理条例》'], workflow: 'simple', resultName: '广东省居住证',
    faq: [['居住证有效期多长？', '居住证有效期三年，期满前可申请签注。'], ['可以代办吗？', '可由同住成年家属持双方身份证代为申请。']],
  },
  {
    key: 'birth-registration', name: '生育登记', type: 'public_service', serial: 2, dept: 'town', level: 'town', audiences: PERSON,
    themes: ['person.birth', 'person.marriage'], keywords: ['生育', '准生证', '生育服务证'], popularity: 7600,
    conditions: '夫妻双方或一方户籍在本市，或在本市办理了居住证，生育第一、二、三个子女的。',
    materials: [idCard(), material('spouse-id', '配偶居民身份证', { source: 'licence', licenceType: '居民身份证' }), material('marriage-cert', '结婚证', { source: 'licence', licenceType: '结婚证' })],
    fields: ['applicantName', 'idNumber', 'mobile', 'spouseName', 'spouseId', 'childOrder'],
    limits: [1, 0], depth: 4, legal: ['《广东省人口与计划生育条例》第二十条'], workflow: 'simple', resultName: '生育登记服务单',
    faq: [['需要到现场吗？', '全程网办，零跑动。'], ['生育登记服务单有什么用？', '用于办理生育医疗费用报销、产假等。']],
  },
  {
    key: 'birth-certificate', name: '出生医学证明首次签发', type: 'public_service', serial: 3, dept: 'wjj', level: 'city', audiences: PERSON,
    themes: ['person.birth', 'person.medical'], keywords: ['出生证', '出生医学证明', '新生儿'], popularity: 5200,
    conditions: '在本市依法取得助产技术服务资质的医疗保健机构内出生的新生儿。',
    materials: [material('mother-id', '母亲居民身份证', { source: 'licence', licenceType: '居民身份证' }), material('father-id', '父亲居民身份证', { source: 'licence', licenceType: '居民身份证', required: false }), material('birth-record', '分娩记录（医院出具）', { source: 'department' })],
    fields: ['babyName', 'babyGender', 'birthDate', 'birthPlace', 'motherName', 'motherId', 'fatherName', 'fatherId', 'mobile'], optional: ['fatherName', 'fatherId'],
    limits: [5, 1], depth: 3, visits: 1, legal: ['《中华人民共和国母婴保健法》第二十三条'], workflow: 'simple', resultName: '出生医学证明',
  },
  {
    key: 'newborn-hukou', name: '新生儿入户（出生登记）', type: 'confirmation', serial: 4, dept: 'gaj', level: 'city', audiences: PERSON,
    themes: ['person.birth', 'person.household'], keywords: ['落户', '户口', '报户口', '新生儿'], popularity: 4900,
    conditions: '父母一方户籍在本市，新生儿出生后一个月内申报出生登记。',
    materials: [material('birth-cert', '出生医学证明', { source: 'licence', licenceType: '出生医学证明' }), material('household-book', '父母户口簿'), material('parents-id', '父母居民身份证', { source: 'licence', licenceType: '居民身份证' })],
    fields: ['babyName', 'babyGender', 'birthDate', 'motherName', 'motherId', 'fatherName', 'fatherId', 'address', 'mobile'],
    limits: [10, 3], depth: 4, legal: ['《中华人民共和国户口登记条例》第七条'], workflow: 'two', resultName: '居民户口簿（增页）',
  },
  {
    key: 'medical-insurance', name: '城乡居民基本医疗保险参保登记', type: 'public_service', serial: 5, dept: 'ybj', level: 'city', audiences: PERSON,
    themes: ['person.social-security', 'person.medical', 'person.birth'], keywords: ['医保', '参保', '居民医保'], popularity: 6100,
    conditions: '具有本市户籍或持有本市居住证，未参加职工基本医疗保险的城乡居民（含新生儿）。',
    materials: [idCard(), material('household-book', '户口簿或居住证', { required: false })],
    fields: ['applicantName', 'idNumber', 'mobile', 'address'],
    limits: [5, 0], depth: 4, legal: ['《中华人民共和国社会保险法》第二十五条'], workflow: 'simple', resultName: '参保登记回执',
  },
  {
    key: 'social-security-card', name: '社会保障卡申领', type: 'public_service', serial: 6, dept: 'rsj', level: 'city', audiences: PERSON,
    themes: ['person.social-security', 'person.birth'], keywords: ['社保卡', '社会保障卡', '电子社保卡'], popularity: 8300,
    conditions: '在本市参加社会保险的人员。',
    materials: [idCard(), material('photo', '近期免冠白底证件照', { accept: ['jpg', 'png'], maxSizeMb: 2 })],
    fields: ['applicantName', 'idNumber', 'mobile', 'address'],
    limits: [20, 10], depth: 4, legal: ['《社会保障卡管理办法》第十条'], workflow: 'simple', resultName: '社会保障卡',
  },
  {
    key: 'marriage-registration', name: '内地居民结婚登记', type: 'confirmation', serial: 7, dept: 'mzj', level: 'city', audiences: PERSON,
    themes: ['person.marriage'], keywords: ['结婚', '领证', '结婚证', '婚姻登记'], popularity: 7100,
    conditions: '男女双方完全自愿，达到法定婚龄，均无配偶，不属于禁止结婚的亲属关系。',
    materials: [idCard(), material('spouse-id', '对方居民身份证', { source: 'licence', licenceType: '居民身份证' }), material('household-book', '双方户口簿'), material('photo', '双方近期合影证件照', { accept: ['jpg', 'png'], maxSizeMb: 2 })],
    fields: ['applicantName', 'idNumber', 'spouseName', 'spouseId', 'mobile'],
    limits: [1, 0], depth: 2, visits: 1, legal: ['《中华人民共和国民法典》第一千零四十九条', '《婚姻登记条例》第四条'], workflow: 'simple', resultName: '结婚证',
    faq: [['可以预约吗？', '可在网上预约登记日期，双方须本人同时到场。']],
  },
  {
    key: 'unemployment', name: '失业登记', type: 'public_service', serial: 8, dept: 'town', level: 'town', audiences: PERSON,
    themes: ['person.employment'], keywords: ['失业', '失业金', '就业失业登记'], popularity: 3900,
    conditions: '法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的城乡劳动者。',
    materials: [idCard(), material('termination', '解除或终止劳动合同证明')],
    fields: ['applicantName', 'idNumber', 'mobile', 'address', 'employer', 'reason'],
    limits: [5, 0], depth: 4, legal: ['《就业服务与就业管理规定》第六十三条'], workflow: 'simple', resultName: '就业失业登记证明',
  },
  {
    key: 'elderly-allowance', name: '高龄老人津贴申领', type: 'benefit', serial: 9, dept: 'town', level: 'town', audiences: PERSON,
    themes: ['person.elderly'], keywords: ['高龄津贴', '长寿金', '老人'], popularity: 2500,
    conditions: '具有本市户籍，年满 80 周岁的老年人。',
    materials: [idCard(), material('bank-book', '本人银行卡或存折')],
    fields: ['applicantName', 'idNumber', 'mobile', 'address', 'bankAccount'],
    limits: [20, 10], depth: 4, legal: ['《广东省老年人权益保障条例》第三十二条'], workflow: 'two', resultName: '高龄津贴发放通知',
  },
  {
    key: 'subsistence-allowance', name: '最低生活保障申请', type: 'benefit', serial: 10, dept: 'town', level: 'town', audiences: PERSON,
    themes: ['person.assistance'], keywords: ['低保', '最低生活保障', '救助'], popularity: 2100,
    conditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合家庭财产状况规定的本市户籍家庭。',
    materials: [idCard(), material('household-book', '户口簿'), material('income-proof', '家庭收入情况声明'), material('authorization', '家庭经济状况核对授权书', { blankForm: '/forms/dibao-authorization.pdf' })],
    fields: ['applicantName', 'idNumber', 'mobile', 'address', 'householdSize', 'monthlyIncome', 'reason'],
    limits: [30, 20], depth: 3, visits: 1, legal: ['《社会救助暂行办法》第十一条', '《广东省最低生活保障制度实施办法》'], workflow: 'joint', resultName: '最低生活保障证',
  },
  {
    key: 'id-card-renewal', name: '居民身份证换领', type: 'confirmation', serial: 11, dept: 'gaj', level: 'city', audiences: PERSON,
    themes: ['person.household'], keywords: ['身份证', '换证', '身份证到期'], popularity: 9100,
    conditions: '居民身份证有效期满、证件损坏或登记项目变更的本市户籍居民。',
    materials: [material('old-id', '原居民身份证'), material('photo', '数码相片回执', { accept: ['jpg', 'png'], maxSizeMb: 2 })],
    fields: ['applicantName', 'idNumber', 'mobile', 'address'], fees: [{ name: '居民身份证工本费', amount: 20, basis: '《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）' }],
    limits: [60, 20], depth: 2, visits: 1, legal: ['《中华人民共和国居民身份证法》第五条'], workflow: 'simple', resultName: '居民身份证',
  },
  {
    key: 'housing-fund-withdrawal', name: '住房公积金提取', type: 'public_service', serial: 12, dept: 'gjj', level: 'city', audiences: PERSON,
    themes: ['person.housing'], keywords: ['公积金', '提取公积金', '租房提取'], popularity: 8800,
    conditions: '购买、建造、翻建、大修自住住房，偿还购房贷款本息，租房，离休退休等情形的缴存职工。',
    materials: [idCard(), material('purpose-proof', '提取用途证明（购房合同、租赁合同等）'), material('bank-card', '本人银行卡', { required: false })],
    fields: ['applicantName', 'idNumber', 'mobile', 'withdrawReason', 'amount', 'bankAccount'],
    limits: [5, 1], depth: 4, legal: ['《住房公积金管理条例》第二十四条'], workflow: 'simple', resultName: '住房公积金提取到账通知',
  },
  {
    key: 'school-enrolment', name: '义务教育阶段新生入学申请', type: 'public_service', serial: 13, dept: 'jyj', level: 'city', audiences: PERSON,
    themes: ['person.education'], keywords: ['入学', '上学', '学位', '积分入学'], popularity: 6900,
    conditions: '年满六周岁的适龄儿童及小学毕业升入初中的少年。',
    materials: [material('household-book', '户口簿或居住证'), material('housing-proof', '住房证明'), material('birth-cert', '出生医学证明', { source: 'licence', licenceType: '出生医学证明' })],
    fields: ['applicantName', 'idNumber', 'mobile', 'childName', 'childId', 'address', 'school'],
    limits: [30, 20], depth: 4, legal: ['《中华人民共和国义务教育法》第十二条'], workflow: 'two', resultName: '入学通知书',
  },
  {
    key: 'driving-licence-renewal', name: '机动车驾驶证有效期满换证', type: 'confirmation', serial: 14, dept: 'gaj', level: 'city', audiences: PERSON,
    themes: ['person.transport'], keywords: ['驾照', '驾驶证', '换证'], popularity: 5600,
    conditions: '机动车驾驶证有效期满前九十日内。',
    materials: [idCard(), material('health-cert', '机动车驾驶人身体条件证明'), material('photo', '近期白底证件照', { accept: ['jpg', 'png'], maxSizeMb: 2 })],
    fields: ['applicantName', 'idNumber', 'mobile', 'licencePlate'], fees: [{ name: '驾驶证工本费', amount: 10, basis: '《关于公安部门收费标准的通知》（发改价格〔2004〕2831号）' }],
    limits: [3, 1], depth: 4, legal: ['《机动车驾驶证申领和使用规定》第七十条'], workflow: 'simple', resultName: '机动车驾驶证',
  },
  {
    key: 'veteran-preferential', name: '退役军人优待证申领', type: 'confirmation', serial: 15, dept: 'tyjrj', level: 'city', audiences: PERSON,
    themes: ['person.veterans'], keywords: ['优待证', '退役军人', '退伍'], popularity: 1400,
    conditions: '户籍在本市的退役军人和其他优抚对象。',
    materials: [idCard(), material('discharge-cert', '退役证件'), material('photo', '近期白底证件照', { accept: ['jpg', 'png'], maxSizeMb: 2 })],
    fields: ['applicantName', 'idNumber', 'mobile', 'address'],
    limits: [30, 15], depth: 4, legal: ['《中华人民共和国退役军人保障法》第六十三条'], workflow: 'simple', resultName: '退役军人优待证',
  },
  {
    key: 'individual-business', name: '个体工商户设立登记', type: 'licensing', serial: 16, dept: 'scjgj', level: 'city', audiences: PERSON,
    themes: ['person.employment'], keywords: ['个体户', '个体工商户', '营业执照', '开店'], popularity: 9500,
    conditions: '有经营能力的公民，经营场所合法，经营范围不属于法律法规禁止的。',
    materials: [idCard(), material('premises', '经营场所使用证明'), material('application', '个体工商户登记（备案）申请书', { blankForm: '/forms/individual-business.pdf', sample: '/forms/individual-business-sample.pdf' })],
    fields: ['operatorName', 'idNumber', 'mobile', 'tradeName', 'organization', 'businessAddress', 'businessScope', 'employees'],
    limits: [15, 1], depth: 4, legal: ['《促进个体工商户发展条例》第八条', '《中华人民共和国市场主体登记管理条例》第三条'], workflow: 'simple', resultName: '营业执照',
    faq: [['办理需要多长时间？', '材料齐全的当天办结，营业执照可邮寄或自助打印。'], ['需要注册资金吗？', '个体工商户登记不需要注册资金。']],
  },
  {
    key: 'company-registration', name: '有限责任公司设立登记', type: 'licensing', serial: 17, dept: 'scjgj', level: 'city', audiences: LEGAL,
    themes: ['legal.start'], keywords: ['开公司', '注册公司', '营业执照', '企业开办'], popularity: 9900,
    conditions: '股东符合法定人数，有符合公司章程规定的全体股东认缴的出资额，有公司名称和住所。',
    materials: [material('articles', '公司章程'), material('shareholders-id', '股东主体资格证明', { source: 'licence', licenceType: '居民身份证' }), material('premises', '住所使用证明'), material('officers', '法定代表人、董事、监事和经理的任职文件')],
    fields: ['companyName', 'legalRep', 'idNumber', 'mobile', 'registeredCapital', 'businessAddress', 'businessScope', 'employees'],
    limits: [15, 1], depth: 4, legal: ['《中华人民共和国公司法》第二十九条', '《中华人民共和国市场主体登记管理条例》第十九条'], workflow: 'simple', resultName: '营业执照',
  },
  {
    key: 'food-business', name: '食品经营许可证核发', type: 'licensing', serial: 18, dept: 'scjgj', level: 'city', audiences: LEGAL,
    themes: ['legal.operation'], keywords: ['食品经营', '开饭店', '餐饮', '食品许可'], popularity: 7200,
    conditions: '具有与经营的食品品种、数量相适应的经营场所、设备设施和食品安全管理人员。',
    materials: [licence(), material('layout', '经营场所平面布局图'), material('safety-rules', '食品安全管理制度'), material('manager-id', '食品安全管理人员身份证明', { source: 'licence', licenceType: '居民身份证' })],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'businessAddress', 'businessScope'],
    limits: [20, 10], depth: 3, visits: 1, legal: ['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》'], workflow: 'two', resultName: '食品经营许可证',
  },
  {
    key: 'planning-permit', name: '建设工程规划许可证核发', type: 'licensing', serial: 19, dept: 'zrzyj', level: 'city', audiences: LEGAL,
    themes: ['legal.construction'], keywords: ['规划许可', '工程规划', '盖房', '建设工程'], popularity: 3300,
    conditions: '已取得建设用地使用权，建设工程设计方案符合控制性详细规划和规划条件。',
    materials: [licence(), material('land-cert', '不动产权证书（土地）', { source: 'licence', licenceType: '不动产权证书' }), material('design', '建设工程设计方案总平面图'), material('drawings', '建筑施工图', { maxSizeMb: 50 })],
    fields: ['companyName', 'uscc', 'mobile', 'projectName', 'projectAddress', 'landArea', 'buildingArea', 'investment'],
    limits: [20, 10], depth: 3, visits: 1, legal: ['《中华人民共和国城乡规划法》第四十条'], workflow: 'joint', resultName: '建设工程规划许可证',
  },
  {
    key: 'construction-permit', name: '建筑工程施工许可证核发', type: 'licensing', serial: 20, dept: 'zjj', level: 'city', audiences: LEGAL,
    themes: ['legal.construction'], keywords: ['施工许可', '开工', '建筑工程'], popularity: 2800,
    conditions: '已办理用地和规划许可，已确定施工企业，有满足施工需要的资金安排和施工图纸。',
    materials: [licence(), material('planning-permit', '建设工程规划许可证', { source: 'licence', licenceType: '建设工程规划许可证' }), material('contract', '施工合同'), material('funds', '建设资金落实承诺书')],
    fields: ['companyName', 'uscc', 'mobile', 'projectName', 'projectAddress', 'buildingArea', 'investment', 'contractor'],
    limits: [7, 3], depth: 4, legal: ['《中华人民共和国建筑法》第八条', '《建筑工程施工许可管理办法》'], workflow: 'two', resultName: '建筑工程施工许可证',
  },
  {
    key: 'seal-filing', name: '公章刻制备案', type: 'other_power', serial: 21, dept: 'gaj', level: 'city', audiences: LEGAL,
    themes: ['legal.start'], keywords: ['刻章', '公章', '印章'], popularity: 6400,
    conditions: '依法设立的企业、个体工商户、社会组织等。',
    materials: [licence(), material('legal-rep-id', '法定代表人身份证明', { source: 'licence', licenceType: '居民身份证' })],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'sealCount'],
    limits: [1, 0], depth: 4, legal: ['《印铸刻字业暂行管理规则》第七条'], workflow: 'simple', resultName: '印章备案回执',
  },
  {
    key: 'first-invoice', name: '首次申领发票', type: 'other_power', serial: 22, dept: 'sw', level: 'city', audiences: LEGAL,
    themes: ['legal.start', 'legal.tax'], keywords: ['发票', '领发票', '税控'], popularity: 6000,
    conditions: '已办理登记的纳税人，需要领用发票的。',
    materials: [licence(), material('agent-id', '经办人身份证明', { source: 'licence', licenceType: '居民身份证' })],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'invoiceType'],
    limits: [1, 0], depth: 4, legal: ['《中华人民共和国发票管理办法》第十五条'], workflow: 'simple', resultName: '发票领用通知',
  },
  {
    key: 'employer-social-insurance', name: '单位社会保险登记', type: 'public_service', serial: 23, dept: 'rsj', level: 'city', audiences: LEGAL,
    themes: ['legal.start', 'legal.employment'], keywords: ['单位参保', '社保登记', '社保开户'], popularity: 5800,
    conditions: '用人单位自成立之日起三十日内。',
    materials: [licence()],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'staffCount'],
    limits: [1, 0], depth: 4, legal: ['《中华人民共和国社会保险法》第五十七条'], workflow: 'simple', resultName: '社会保险登记证明',
  },
  {
    key: 'employer-housing-fund', name: '住房公积金单位缴存登记', type: 'public_service', serial: 24, dept: 'gjj', level: 'city', audiences: LEGAL,
    themes: ['legal.start', 'legal.employment'], keywords: ['公积金开户', '单位公积金'], popularity: 4700,
    conditions: '新设立的单位应当自设立之日起三十日内。',
    materials: [licence(), material('agent-id', '经办人身份证明', { source: 'licence', licenceType: '居民身份证' })],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'staffCount', 'bankAccount'],
    limits: [5, 1], depth: 4, legal: ['《住房公积金管理条例》第十四条'], workflow: 'simple', resultName: '住房公积金缴存登记回执',
  },
  {
    key: 'pollution-permit', name: '排污许可证核发', type: 'licensing', serial: 25, dept: 'sthjj', level: 'city', audiences: LEGAL,
    themes: ['legal.environment', 'legal.operation'], keywords: ['排污许可', '环保许可', '排污'], popularity: 1700,
    conditions: '纳入固定污染源排污许可分类管理名录的排污单位。',
    materials: [licence(), material('eia', '环境影响评价文件批复'), material('monitoring', '自行监测方案')],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'businessAddress', 'pollutants'],
    limits: [30, 15], depth: 4, legal: ['《排污许可管理条例》第十一条'], workflow: 'joint', resultName: '排污许可证',
  },
  {
    key: 'public-hygiene', name: '公共场所卫生许可', type: 'licensing', serial: 26, dept: 'wjj', level: 'city', audiences: LEGAL,
    themes: ['legal.operation'], keywords: ['卫生许可', '美容美发', '宾馆'], popularity: 2600,
    conditions: '经营宾馆、美容美发、游泳场所等公共场所的单位。',
    materials: [licence(), material('layout', '场所平面图'), material('hygiene-rules', '卫生管理制度')],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'businessAddress'],
    limits: [20, 5], depth: 3, visits: 1, legal: ['《公共场所卫生管理条例》第八条'], workflow: 'two', resultName: '公共场所卫生许可证',
  },
  {
    key: 'pharmacy-licence', name: '药品零售企业经营许可', type: 'licensing', serial: 27, dept: 'scjgj', level: 'city', audiences: LEGAL,
    themes: ['legal.operation'], keywords: ['药店', '药品经营', '开药店'], popularity: 1500,
    conditions: '有依法经过资格认定的药师，有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境。',
    materials: [licence(), material('pharmacist', '执业药师注册证'), material('premises', '营业场所证明')],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'businessAddress', 'businessScope'],
    limits: [30, 15], depth: 3, visits: 1, legal: ['《中华人民共和国药品管理法》第五十二条'], workflow: 'two', resultName: '药品经营许可证',
  },
  {
    key: 'company-deregistration', name: '企业注销登记', type: 'licensing', serial: 28, dept: 'scjgj', level: 'city', audiences: LEGAL,
    themes: ['legal.change'], keywords: ['注销', '公司注销', '关闭公司'], popularity: 3600,
    conditions: '企业解散、依法被吊销营业执照或者被撤销且已清算完毕的。',
    materials: [licence(), material('liquidation', '清算报告'), material('resolution', '股东会决议')],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'reason'],
    limits: [15, 3], depth: 4, legal: ['《中华人民共和国市场主体登记管理条例》第三十一条'], workflow: 'simple', resultName: '准予注销登记通知书',
  },
  {
    key: 'outdoor-advertising', name: '户外广告设施设置许可', type: 'licensing', serial: 29, dept: 'cgj', level: 'city', audiences: LEGAL,
    themes: ['legal.operation'], keywords: ['广告牌', '招牌', '户外广告'], popularity: 1900,
    conditions: '符合户外广告设施设置规划，设施安全可靠。',
    materials: [licence(), material('design', '设施设计效果图'), material('safety', '结构安全证明')],
    fields: ['companyName', 'uscc', 'mobile', 'businessAddress', 'adSize'],
    limits: [20, 5], depth: 4, legal: ['《中华人民共和国广告法》第四十一条', '《中山市户外广告设施和招牌设置管理办法》'], workflow: 'two', resultName: '户外广告设施设置许可决定书',
  },
  {
    key: 'hr-service-licence', name: '经营性人力资源服务机构设立许可', type: 'licensing', serial: 30, dept: 'rsj', level: 'city', audiences: LEGAL,
    themes: ['legal.operation', 'legal.employment'], keywords: ['职业中介', '人力资源服务'], popularity: 900,
    conditions: '有明确的章程和管理制度，有开展业务必备的场所、设施，有 5 名以上取得相应从业资格的专职工作人员。',
    materials: [licence(), material('rules', '管理制度'), material('staff', '专职工作人员名单及资格证明')],
    fields: ['companyName', 'uscc', 'legalRep', 'mobile', 'businessAddress', 'employees'],
    limits: [20, 10], depth: 4, legal: ['《人力资源市场暂行条例》第十八条'], workflow: 'two', resultName: '人力资源服务许可证',
  },
]

/** Builds the form of a featured or generated item from field names. */
export function buildForm(fields: readonly string[], optional: readonly string[] = []): FormDefinition {
  const properties: FormDefinition['schema']['properties'] = {}
  const hints: NonNullable<NonNullable<FormDefinition['ui']>['fields']> = {}
  for (const name of fields) {
    const def = FIELDS[name]
    if (!def) throw new Error(`demo form field ${name} is not defined`)
    properties[name] = def.field
    if (def.hint) hints[name] = def.hint
  }
  const used = new Set(Object.values(hints).map((h) => h.section))
  return {
    schema: { type: 'object', properties, required: fields.filter((f) => !optional.includes(f)) },
    ui: { order: [...fields], sections: SECTIONS.filter((s) => used.has(s.key)), fields: hints },
  }
}

export interface Place { code: string; name: string; department: DepartmentSeed }

/** Codes of an item at a place: basic code = type code + serial; implementation = basic + division + 01. */
export function itemCodes(type: ItemType, serial: number, divisionCode: string): { basicCode: string; implementationCode: string } {
  const basicCode = `${ITEM_TYPES[type]}${String(serial).padStart(10, '0')}`
  return { basicCode, implementationCode: `${basicCode}${divisionCode}01` }
}

/** The item data of a featured spec at `place`. */
export function featuredItem(spec: FeaturedSpec, place: Place): ItemData {
  const d = place.department
  const visits = spec.visits ?? 0
  const fees = spec.fees ?? []
  return {
    ...itemCodes(spec.type, spec.serial, place.code),
    name: spec.name, type: spec.type, departmentId: d.id, departmentName: d.name, divisionCode: place.code, divisionName: place.name,
    legalBasis: spec.legal.map((title) => ({ title })), audiences: spec.audiences, themes: spec.themes, keywords: spec.keywords,
    conditions: spec.conditions, materials: spec.materials,
    steps: [
      { name: '申请', description: '通过网上办事大厅、粤省事或窗口提交申请及材料。' },
      { name: '受理', description: '窗口人员审查材料是否齐全、符合法定形式，当场或在规定时间内作出受理决定。' },
      { name: '审查', description: '承办人员对申请材料的实质内容进行审查。' },
      { name: '办结', description: '作出决定并送达结果（邮寄、自取或电子证照）。' },
    ],
    statutoryLimit: spec.limits[0], promisedLimit: spec.limits[1], kind: spec.limits[1] === 0 ? 'instant' : 'promised',
    charged: fees.length > 0, fees,
    place: d.place, hours: '周一至周五 9:00-12:00，13:30-17:30（法定节假日除外）', consultPhone: d.phone, complaintPhone: '12345',
    channels: spec.depth >= 2 ? ['online', 'window', 'mobile', 'kiosk'] : ['window'], onlineDepth: spec.depth, visits,
    ...(visits > 0 ? { visitReason: '需现场核验原件或采集人像、指纹等信息' } : {}),
    faq: (spec.faq ?? []).map(([q, a]) => ({ q, a })),
    resultName: spec.resultName, form: buildForm(spec.fields, spec.optional), workflow: WORKFLOWS[spec.workflow],
  }
}
