/**
 * Licence types held by organisations (法人证照): market entities, institutions, schools, clinics.
 * The holder is the organisation named by its unified social credit code; its legal representative
 * and authorised agents see it in their wallets.
 */
import type { LicenseTypeDefinition, RenderTemplate } from '../types.ts'
import { choice, date, F, int, L, longText, num, statuses, text, WORDS } from './fields.ts'
import { nationalTypeCode } from './types-person.ts'

type Props = LicenseTypeDefinition['schema']['properties']

const permitStatuses = statuses({ suspended: WORDS.suspendedPermit, revoked: WORDS.revokedPermit, replaced: L('已变更或延续', '已變更或延續', 'Amended or renewed') })
const permanentStatuses = statuses({ revoked: WORDS.revokedPermit, replaced: L('已变更', '已變更', 'Amended') }, ['expired'])
const portrait = (title: ReturnType<typeof L>, colour: string, extra: Partial<RenderTemplate> = {}): RenderTemplate => ({ layout: 'a4-portrait', emblem: true, title, colour, ...extra })

/** The organisation holder's fields every permit starts with. */
const holder = (nameLabel = F.entityName): Props => ({ entityName: nameLabel, creditCode: F.creditCode, legalRep: F.legalRep })

interface PermitSpec {
  serial: number
  key: string
  name: ReturnType<typeof L>
  issuer: string
  fields: Props
  required: string[]
  validity: LicenseTypeDefinition['validity']
  colour: string
  resultNames: string[]
  description?: ReturnType<typeof L>
  statusCodes?: LicenseTypeDefinition['statusCodes']
  /** Form keys (or tokens) of the service item whose approval issues this permit. */
  mapping?: Record<string, string>
}

/** How the holder fields and the number come from an application by an enterprise (see `LicenseTypeDefinition.applicationMapping`). */
const HOLDER_MAPPING = { entityName: 'companyName|$applicantName', creditCode: 'uscc', legalRep: 'legalRep|$applicantName' }

/** A permit held by an organisation: holder fields first, then the permit's own. */
function permit(s: PermitSpec): LicenseTypeDefinition {
  return {
    code: nationalTypeCode(s.serial), key: s.key, holderKind: 'organization', issuers: [s.issuer], name: s.name,
    ...(s.description ? { description: s.description } : {}),
    schema: { type: 'object', properties: { ...holder(), ...s.fields }, required: ['entityName', 'creditCode', 'legalRep', ...s.required] },
    holderFields: { name: 'entityName', identifier: 'creditCode' },
    validity: s.validity,
    statusCodes: s.statusCodes ?? (s.validity.kind === 'permanent' ? permanentStatuses : permitStatuses),
    template: portrait(s.name, s.colour),
    resultNames: s.resultNames,
    applicationMapping: { ...HOLDER_MAPPING, ...(s.fields.permitNumber ? { permitNumber: '$applicationNumber' } : {}), ...s.mapping },
  }
}

/**
 * A permit number: its real format, or the application number (`ZS` + 14 digits) when the permit
 * is issued on approval of an application and the department has not numbered it otherwise.
 */
const number = (label: ReturnType<typeof L>, pattern?: string) => text(label, pattern ? { pattern: `^(?:${pattern.slice(1, -1)}|ZS\\d{14})$` } : { maxLength: 60 })

export const ORGANIZATION_TYPES: LicenseTypeDefinition[] = [
  {
    code: nationalTypeCode(118), key: 'business-licence', holderKind: 'organization', issuers: ['zs-scjgj'],
    name: L('营业执照', '營業執照', 'Business licence'),
    description: L('企业法人及非法人企业的营业执照（电子营业执照）。', '企業法人及非法人企業的營業執照（電子營業執照）。', 'The business licence of a company or other enterprise (electronic business licence).'),
    schema: {
      type: 'object',
      properties: {
        creditCode: F.creditCode,
        companyName: text(L('名称', '名稱', 'Name'), { minLength: 4, maxLength: 100 }),
        entityType: choice(L('类型', '類型', 'Type'), [
          ['llc-natural', L('有限责任公司（自然人投资或控股）', '有限責任公司（自然人投資或控股）', 'Limited liability company (owned by natural persons)')],
          ['llc-sole', L('有限责任公司（自然人独资）', '有限責任公司（自然人獨資）', 'Limited liability company (one natural person)')],
          ['joint-stock', L('股份有限公司（非上市、自然人投资或控股）', '股份有限公司（非上市、自然人投資或控股）', 'Joint-stock company (unlisted)')],
          ['sole-proprietorship', L('个人独资企业', '個人獨資企業', 'Sole proprietorship')],
          ['partnership', L('有限合伙企业', '有限合夥企業', 'Limited partnership')],
        ]),
        legalRep: F.legalRep,
        registeredCapital: num(L('注册资本（万元）', '註冊資本（萬元）', 'Registered capital (10,000 CNY)'), 0, 100_000_000),
        establishedOn: date(L('成立日期', '成立日期', 'Date of establishment')),
        businessTerm: text(L('营业期限', '營業期限', 'Term of operation'), { maxLength: 40 }),
        businessAddress: F.residence,
        businessScope: F.scope,
      },
      required: ['creditCode', 'companyName', 'legalRep', 'establishedOn', 'businessAddress', 'businessScope'],
    },
    applicationMapping: { companyName: 'companyName|tradeName', legalRep: 'legalRep|operatorName|$applicantName', businessTerm: 'businessTerm|=长期' },
    holderFields: { name: 'companyName', identifier: 'creditCode' },
    validity: { kind: 'permanent' },
    statusCodes: statuses({ suspended: L('经营异常', '經營異常', 'Listed as abnormal'), revoked: WORDS.revokedPermit, replaced: L('已变更', '已變更', 'Amended') }, ['expired']),
    template: { layout: 'a4-landscape', emblem: true, title: L('营业执照', '營業執照', 'Business Licence'), colour: '#a3241f', fields: ['creditCode', 'companyName', 'entityType', 'legalRep', 'registeredCapital', 'establishedOn', 'businessTerm', 'businessAddress', 'businessScope'], footer: L('国家市场监督管理总局监制', '國家市場監督管理總局監製', 'Produced under the supervision of the State Administration for Market Regulation') },
    resultNames: ['营业执照'],
  },
  permit({
    serial: 119, key: 'food-business-permit', issuer: 'zs-scjgj', colour: '#2f7d32', validity: { kind: 'period', years: 5 }, resultNames: ['食品经营许可证'],
    name: L('食品经营许可证', '食品經營許可證', 'Food business permit'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number'), '^JY[123]\\d{13}$'),
      residence: F.residence, premises: F.premises,
      mainForm: choice(L('主体业态', '主體業態', 'Form of business'), [['retail', L('食品销售经营者', '食品銷售經營者', 'Food retailer')], ['catering', L('餐饮服务经营者', '餐飲服務經營者', 'Catering service')], ['canteen', L('单位食堂', '單位食堂', 'Institutional canteen')]]),
      items: longText(L('经营项目', '經營項目', 'Licensed activities')),
      dailyManager: text(L('食品安全管理人员', '食品安全管理人員', 'Food safety manager'), { maxLength: 30 }),
    },
    required: ['permitNumber', 'premises', 'mainForm', 'items'],
    mapping: { residence: 'businessAddress', premises: 'businessAddress', mainForm: '=catering', items: 'businessScope' },
  }),
  permit({
    serial: 120, key: 'food-production-permit', issuer: 'zs-scjgj', colour: '#2f7d32', validity: { kind: 'period', years: 5 }, resultNames: ['食品生产许可证'],
    name: L('食品生产许可证', '食品生產許可證', 'Food production permit'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number'), '^SC\\d{14}$'),
      residence: F.residence, productionAddress: text(L('生产地址', '生產地址', 'Production address'), { maxLength: 120 }),
      foodCategory: text(L('食品类别', '食品類別', 'Food category'), { maxLength: 100 }),
    },
    required: ['permitNumber', 'productionAddress', 'foodCategory'],
  }),
  permit({
    serial: 121, key: 'drug-business-permit', issuer: 'zs-scjgj', colour: '#1b6f8c', validity: { kind: 'period', years: 5 }, resultNames: ['药品经营许可证', '药品零售企业经营许可'],
    name: L('药品经营许可证', '藥品經營許可證', 'Drug business permit'),
    fields: {
      permitNumber: number(L('证号', '證號', 'Permit number'), '^粤[A-D][AB]\\d{7}$'),
      businessMode: choice(L('经营方式', '經營方式', 'Mode of business'), [['retail', L('零售', '零售', 'Retail')], ['retail-chain', L('零售（连锁）', '零售（連鎖）', 'Retail (chain)')], ['wholesale', L('批发', '批發', 'Wholesale')]]),
      premises: F.premises, warehouse: text(L('仓库地址', '倉庫地址', 'Warehouse address'), { maxLength: 120 }),
      pharmacist: text(L('质量负责人', '質量負責人', 'Quality manager (licensed pharmacist)'), { maxLength: 30 }),
      scope: longText(L('经营范围', '經營範圍', 'Scope of business')),
    },
    required: ['permitNumber', 'businessMode', 'premises', 'scope'],
    mapping: { premises: 'businessAddress', businessMode: '=retail', scope: 'businessScope' },
  }),
  permit({
    serial: 122, key: 'road-transport-permit', issuer: 'zs-jtj', colour: '#22577a', validity: { kind: 'issuer-set' }, resultNames: ['道路运输经营许可证'],
    name: L('道路运输经营许可证', '道路運輸經營許可證', 'Road transport operating permit'),
    fields: {
      permitNumber: number(L('许可证号', '許可證號', 'Permit number'), '^粤交运管许可中字\\d{12}号$'),
      residence: F.residence,
      scope: longText(L('经营范围', '經營範圍', 'Scope of operation')),
      fleetSize: int(L('车辆数', '車輛數', 'Vehicles'), 1, 100_000),
    },
    required: ['permitNumber', 'scope'],
  }),
  permit({
    serial: 123, key: 'construction-qualification', issuer: 'zs-zjj', colour: '#8a5a00', validity: { kind: 'period', years: 5 }, resultNames: ['建筑业企业资质证书'],
    name: L('建筑业企业资质证书', '建築業企業資質證書', 'Construction enterprise qualification certificate'),
    fields: {
      certificateNumber: number(L('证书编号', '證書編號', 'Certificate number'), '^D\\d{9}$'),
      residence: F.residence,
      economicNature: text(L('经济性质', '經濟性質', 'Economic nature'), { maxLength: 40 }),
      qualifications: longText(L('资质类别及等级', '資質類別及等級', 'Qualifications and grades')),
    },
    required: ['certificateNumber', 'qualifications'],
  }),
  permit({
    serial: 124, key: 'pollutant-discharge-permit', issuer: 'zs-sthjj', colour: '#2e6b3f', validity: { kind: 'period', years: 5 }, resultNames: ['排污许可证'],
    name: L('排污许可证', '排污許可證', 'Pollutant discharge permit'),
    fields: {
      permitNumber: number(L('证书编号', '證書編號', 'Permit number'), '^[0-9A-Z]{18}\\d{3}[A-Z]$'),
      productionAddress: text(L('生产经营场所地址', '生產經營場所地址', 'Site address'), { maxLength: 120 }),
      industry: text(L('行业类别', '行業類別', 'Industry'), { maxLength: 60 }),
      category: choice(L('管理类别', '管理類別', 'Management category'), [['key', L('重点管理', '重點管理', 'Key management')], ['simplified', L('简化管理', '簡化管理', 'Simplified management')]]),
      pollutants: longText(L('主要污染物种类', '主要污染物種類', 'Main pollutants')),
    },
    required: ['permitNumber', 'productionAddress', 'category'],
    mapping: { productionAddress: 'businessAddress', category: '=simplified' },
  }),
  permit({
    serial: 125, key: 'public-hygiene-permit', issuer: 'zs-wjj', colour: '#1f6f78', validity: { kind: 'period', years: 4 }, resultNames: ['卫生许可证', '公共场所卫生许可证', '公共场所卫生许可'],
    name: L('公共场所卫生许可证', '公共場所衛生許可證', 'Public place hygiene permit'),
    fields: {
      permitNumber: number(L('许可证号', '許可證號', 'Permit number'), '^粤卫公证字\\[\\d{4}\\]第\\d{10}号$'),
      premises: text(L('地址', '地址', 'Address'), { maxLength: 120 }),
      items: text(L('许可项目', '許可項目', 'Licensed activities'), { maxLength: 120 }),
      area: num(L('营业面积（㎡）', '營業面積（㎡）', 'Floor area (m²)'), 1, 1_000_000),
    },
    required: ['permitNumber', 'premises'],
    mapping: { premises: 'businessAddress' },
  }),
  permit({
    serial: 126, key: 'tobacco-retail-permit', issuer: 'zs-ycj', colour: '#6d4c41', validity: { kind: 'period', years: 5 }, resultNames: ['烟草专卖零售许可证'],
    name: L('烟草专卖零售许可证', '菸草專賣零售許可證', 'Tobacco retail permit'),
    fields: {
      permitNumber: number(L('许可证号', '許可證號', 'Permit number'), '^442000\\d{6}$'),
      premises: F.premises,
      supplier: text(L('供货单位', '供貨單位', 'Supplier'), { maxLength: 60 }),
      scope: text(L('许可范围', '許可範圍', 'Scope'), { maxLength: 120 }),
    },
    required: ['permitNumber', 'premises', 'supplier', 'scope'],
  }),
  permit({
    serial: 127, key: 'planning-permit', issuer: 'zs-zrzyj', colour: '#3c5a99', validity: { kind: 'period', years: 2 }, resultNames: ['建设工程规划许可证'],
    name: L('建设工程规划许可证', '建設工程規劃許可證', 'Construction project planning permit'),
    fields: {
      permitNumber: number(L('编号', '編號', 'Permit number'), '^建字第442000\\d{9}号$'),
      projectName: text(L('建设项目名称', '建設項目名稱', 'Project'), { maxLength: 80 }),
      location: text(L('建设位置', '建設位置', 'Location'), { maxLength: 120 }),
      scale: text(L('建设规模', '建設規模', 'Scale'), { maxLength: 120 }),
    },
    required: ['permitNumber', 'projectName', 'location'],
    mapping: { location: 'projectAddress' },
  }),
  permit({
    serial: 128, key: 'construction-permit', issuer: 'zs-zjj', colour: '#8a5a00', validity: { kind: 'permanent' }, resultNames: ['建筑工程施工许可证'],
    name: L('建筑工程施工许可证', '建築工程施工許可證', 'Building construction permit'),
    fields: {
      permitNumber: number(L('编号', '編號', 'Permit number'), '^\\d{18}$'),
      projectName: text(L('工程名称', '工程名稱', 'Project'), { maxLength: 80 }),
      location: text(L('建设地址', '建設地址', 'Site'), { maxLength: 120 }),
      contractValue: num(L('合同价格（万元）', '合同價格（萬元）', 'Contract value (10,000 CNY)'), 0, 100_000_000),
      contractor: text(L('施工单位', '施工單位', 'Contractor'), { maxLength: 60 }),
      supervisor: text(L('监理单位', '監理單位', 'Supervising engineer'), { maxLength: 60 }),
      floorArea: num(L('建设规模（㎡）', '建設規模（㎡）', 'Floor area (m²)'), 1, 10_000_000),
    },
    required: ['permitNumber', 'projectName', 'location', 'contractor'],
    mapping: { location: 'projectAddress', contractValue: 'investment', floorArea: 'buildingArea' },
  }),
  permit({
    serial: 129, key: 'special-equipment-registration', issuer: 'zs-scjgj', colour: '#455a64', validity: { kind: 'permanent' }, resultNames: ['特种设备使用登记证'],
    name: L('特种设备使用登记证', '特種設備使用登記證', 'Special equipment use registration certificate'),
    fields: {
      registrationNumber: number(L('使用登记证编号', '使用登記證編號', 'Registration number'), '^[车梯容锅起]\\d{2}粤T\\d{5}\\(\\d{2}\\)$'),
      equipmentType: text(L('设备种类', '設備種類', 'Equipment type'), { maxLength: 40 }),
      equipmentCode: text(L('设备代码', '設備代碼', 'Equipment code'), { maxLength: 30 }),
      useAddress: text(L('使用地点', '使用地點', 'Place of use'), { maxLength: 120 }),
    },
    required: ['registrationNumber', 'equipmentType', 'equipmentCode', 'useAddress'],
  }),
  permit({
    serial: 130, key: 'hr-service-permit', issuer: 'zs-rsj', colour: '#0b6e99', validity: { kind: 'permanent' }, resultNames: ['人力资源服务许可证', '经营性人力资源服务机构设立许可'],
    name: L('人力资源服务许可证', '人力資源服務許可證', 'Human resources service permit'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number')),
      premises: F.premises,
      scope: longText(L('服务范围', '服務範圍', 'Services')),
    },
    required: ['permitNumber', 'premises'],
    mapping: { premises: 'businessAddress' },
  }),
  permit({
    serial: 131, key: 'drainage-permit', issuer: 'zs-swj', colour: '#1565c0', validity: { kind: 'period', years: 5 }, resultNames: ['城镇污水排入排水管网许可证', '排水许可证'],
    name: L('城镇污水排入排水管网许可证', '城鎮污水排入排水管網許可證', 'Permit to discharge into the urban sewer network'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number'), '^中排字第\\d{7}号$'),
      premises: text(L('排水户地址', '排水戶地址', 'Discharger address'), { maxLength: 120 }),
      dischargeType: text(L('排水类别', '排水類別', 'Type of discharge'), { maxLength: 40 }),
      outlets: int(L('排放口数量', '排放口數量', 'Outlets'), 1, 100),
      dailyVolume: num(L('日排水量（m³）', '日排水量（m³）', 'Daily volume (m³)'), 0, 1_000_000),
    },
    required: ['permitNumber', 'premises', 'dischargeType'],
  }),
  permit({
    serial: 132, key: 'medical-institution-licence', issuer: 'zs-wjj', colour: '#1d6f5f', validity: { kind: 'period', years: 5 }, resultNames: ['医疗机构执业许可证'],
    name: L('医疗机构执业许可证', '醫療機構執業許可證', 'Medical institution practising licence'),
    fields: {
      registrationNumber: number(L('登记号', '登記號', 'Registration number')),
      address: text(L('地址', '地址', 'Address'), { maxLength: 120 }),
      ownership: text(L('所有制形式', '所有制形式', 'Ownership'), { maxLength: 20 }),
      institutionType: text(L('医疗机构类别', '醫療機構類別', 'Type of institution'), { maxLength: 40 }),
      departments: longText(L('诊疗科目', '診療科目', 'Clinical departments')),
      beds: int(L('床位（张）', '床位（張）', 'Beds'), 0, 10_000),
    },
    required: ['registrationNumber', 'address', 'institutionType', 'departments'],
  }),
  permit({
    serial: 133, key: 'private-school-permit', issuer: 'zs-jyj', colour: '#7b3f98', validity: { kind: 'issuer-set' }, resultNames: ['民办学校办学许可证'],
    name: L('民办学校办学许可证', '民辦學校辦學許可證', 'Private school operating permit'),
    fields: {
      permitNumber: number(L('编号', '編號', 'Permit number'), '^教民1442000\\d{8}号$'),
      address: text(L('地址', '地址', 'Address'), { maxLength: 120 }),
      schoolType: text(L('学校类型', '學校類型', 'Type of school'), { maxLength: 40 }),
      principal: text(L('校长', '校長', 'Principal'), { maxLength: 30 }),
      content: text(L('办学内容', '辦學內容', 'Programmes'), { maxLength: 200 }),
    },
    required: ['permitNumber', 'address', 'schoolType', 'principal'],
  }),
  permit({
    serial: 134, key: 'hazardous-chemicals-permit', issuer: 'zs-yjj', colour: '#c62828', validity: { kind: 'period', years: 3 }, resultNames: ['危险化学品经营许可证'],
    name: L('危险化学品经营许可证', '危險化學品經營許可證', 'Hazardous chemicals business permit'),
    fields: {
      permitNumber: number(L('编号', '編號', 'Permit number'), '^粤中危化经字〔\\d{4}〕\\d{6}$'),
      premises: F.premises,
      mode: choice(L('经营方式', '經營方式', 'Mode'), [['storage', L('带有储存设施经营', '帶有儲存設施經營', 'With storage')], ['no-storage', L('不带有储存设施经营（票据经营）', '不帶有儲存設施經營（票據經營）', 'Without storage (trading only)')]]),
      scope: longText(L('许可范围', '許可範圍', 'Licensed chemicals')),
    },
    required: ['permitNumber', 'premises', 'mode', 'scope'],
  }),
  permit({
    serial: 135, key: 'publication-business-permit', issuer: 'zs-whj', colour: '#ad1457', validity: { kind: 'period', years: 6 }, resultNames: ['出版物经营许可证'],
    name: L('出版物经营许可证', '出版物經營許可證', 'Publication business permit'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number'), '^新出发中字第[A-Z]\\d{7}号$'),
      premises: F.premises,
      mode: text(L('经营方式', '經營方式', 'Mode of business'), { maxLength: 40 }),
      scope: text(L('经营范围', '經營範圍', 'Scope of business'), { maxLength: 200 }),
    },
    required: ['permitNumber', 'premises', 'mode', 'scope'],
  }),
  permit({
    serial: 136, key: 'pesticide-business-permit', issuer: 'zs-nyj', colour: '#558b2f', validity: { kind: 'period', years: 5 }, resultNames: ['农药经营许可证'],
    name: L('农药经营许可证', '農藥經營許可證', 'Pesticide business permit'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number'), '^农药经许（粤）\\d{14}$'),
      premises: F.premises, warehouse: text(L('仓储地址', '倉儲地址', 'Warehouse address'), { maxLength: 120 }),
      scope: text(L('经营范围', '經營範圍', 'Scope of business'), { maxLength: 120 }),
    },
    required: ['permitNumber', 'premises', 'scope'],
  }),
  permit({
    serial: 137, key: 'water-abstraction-permit', issuer: 'zs-swj', colour: '#1565c0', validity: { kind: 'issuer-set' }, resultNames: ['取水许可证'],
    name: L('取水许可证', '取水許可證', 'Water abstraction permit'),
    fields: {
      permitNumber: number(L('许可证编号', '許可證編號', 'Permit number'), '^取水（粤中）字〔\\d{4}〕第\\d{5}号$'),
      source: text(L('水源类型', '水源類型', 'Source'), { maxLength: 40 }),
      location: text(L('取水地点', '取水地點', 'Point of abstraction'), { maxLength: 120 }),
      annualVolume: num(L('年取水量（万m³）', '年取水量（萬m³）', 'Annual volume (10,000 m³)'), 0, 1_000_000),
      use: text(L('取水用途', '取水用途', 'Use'), { maxLength: 40 }),
    },
    required: ['permitNumber', 'source', 'location', 'annualVolume', 'use'],
  }),
]
