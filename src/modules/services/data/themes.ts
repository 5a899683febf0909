/** Themes: life events for people (个人办事) and the business life cycle for enterprises (法人办事). */
export interface ThemeSeed { code: string; zh: string; tw: string; en: string; icon: string }

export const THEMES: ThemeSeed[] = [
  { code: 'person.birth', zh: '生育收养', tw: '生育收養', en: 'Birth and adoption', icon: 'baby' },
  { code: 'person.household', zh: '户籍证件', tw: '戶籍證件', en: 'Residence and ID', icon: 'id' },
  { code: 'person.education', zh: '教育培训', tw: '教育培訓', en: 'Education', icon: 'school' },
  { code: 'person.employment', zh: '就业创业', tw: '就業創業', en: 'Jobs and start-ups', icon: 'work' },
  { code: 'person.marriage', zh: '婚姻家庭', tw: '婚姻家庭', en: 'Marriage and family', icon: 'heart' },
  { code: 'person.housing', zh: '住房保障', tw: '住房保障', en: 'Housing', icon: 'house' },
  { code: 'person.social-security', zh: '社会保障', tw: '社會保障', en: 'Social security', icon: 'shield' },
  { code: 'person.medical', zh: '医疗卫生', tw: '醫療衛生', en: 'Health care', icon: 'medical' },
  { code: 'person.transport', zh: '交通出行', tw: '交通出行', en: 'Transport', icon: 'car' },
  { code: 'person.elderly', zh: '养老服务', tw: '養老服務', en: 'Older people', icon: 'elder' },
  { code: 'person.assistance', zh: '社会救助', tw: '社會救助', en: 'Social assistance', icon: 'help' },
  { code: 'person.veterans', zh: '优待抚恤', tw: '優待撫卹', en: 'Veterans', icon: 'medal' },
  { code: 'legal.start', zh: '设立开办', tw: '設立開辦', en: 'Starting a business', icon: 'shop' },
  { code: 'legal.operation', zh: '经营许可', tw: '經營許可', en: 'Operating licences', icon: 'license' },
  { code: 'legal.construction', zh: '投资建设', tw: '投資建設', en: 'Investment and construction', icon: 'build' },
  { code: 'legal.employment', zh: '用工社保', tw: '用工社保', en: 'Staff and social insurance', icon: 'team' },
  { code: 'legal.tax', zh: '税费缴纳', tw: '稅費繳納', en: 'Taxes and fees', icon: 'money' },
  { code: 'legal.environment', zh: '环保安全', tw: '環保安全', en: 'Environment and safety', icon: 'leaf' },
  { code: 'legal.change', zh: '变更注销', tw: '變更註銷', en: 'Changes and closure', icon: 'switch' },
]

/** Query synonyms (the search expands a query containing one member with the others). */
export const SYNONYMS: string[][] = [
  ['营业执照', '执照', '开公司', '开店', '办公司', '注册公司', '公司注册', '企业开办'],
  ['个体户', '个体工商户', '开个体'],
  ['居住证', '暂住证', '积分入户'],
  ['生育', '生孩子', '生小孩', '准生证', '生育服务证'],
  ['出生', '新生儿', '宝宝', '婴儿'],
  ['身份证', '居民身份证', '二代证'],
  ['户口', '户籍', '落户', '入户'],
  ['结婚', '婚姻登记', '领证', '结婚证'],
  ['社保', '社会保险', '养老保险', '医保'],
  ['社保卡', '社会保障卡'],
  ['公积金', '住房公积金'],
  ['驾照', '驾驶证', '驾驶执照'],
  ['低保', '最低生活保障'],
  ['失业', '下岗', '失业金', '失业保险金'],
  ['开饭店', '开餐馆', '食品经营', '餐饮'],
  ['盖房', '建房', '建设工程', '规划许可'],
  ['施工许可', '开工'],
  ['刻章', '公章', '印章'],
  ['发票', '领发票', '申领发票'],
  ['上学', '入学', '学位'],
  ['老人', '高龄', '老年人', '长者'],
  ['退伍', '退役', '军人'],
  ['残疾', '残疾人'],
  ['注销', '关闭公司', '公司注销'],
]

/** Words dropped from queries: they appear in most item names or carry no meaning. */
export const STOP_WORDS = [
  '的', '了', '和', '与', '及', '或', '在', '我', '我要', '我想', '想', '要', '怎么', '怎样', '如何', '怎么办', '哪里', '在哪',
  '在哪里', '办理', '办', '申请', '需要', '什么', '材料', '流程', '吗', '呢', '啊', '请问', '一下',
]

/** Domain words jieba should keep whole. */
export const USER_WORDS = ['开公司', '一件事', '居住证', '个体工商户', '社保卡', '公积金', '出生医学证明', '准生证', '低保', '积分入户', '施工许可', '规划许可']
