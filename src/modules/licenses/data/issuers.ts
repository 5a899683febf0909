/**
 * The issuing departments of the demo city's licences: department ids as the identity and services
 * demo data spell them (`zs-scjgj` …), names in three languages and a synthetic but valid unified
 * social credit code (GB 32100: `11` = 机关 registered by 机构编制, `13` = 群众团体, division 442000,
 * organisation code body `MB2C…` with its GB 11714 check character). The credit code is the issuer
 * part of every licence identifier (GB/T 36904).
 */
import { makeUsccFromParts } from '../../../lib/uscc.ts'
import type { Labels } from '../types.ts'
import { L } from './fields.ts'

export interface IssuerSeed { departmentId: string; name: Labels; creditCode: string }

const issuer = (departmentId: string, serial: number, name: Labels, kind = '11'): IssuerSeed => ({
  departmentId, name, creditCode: makeUsccFromParts(kind, '442000', `MB2C${String(serial).padStart(4, '0')}`),
})

export const ISSUERS: IssuerSeed[] = [
  issuer('zs-gaj', 1, L('中山市公安局', '中山市公安局', 'Zhongshan Public Security Bureau')),
  issuer('zs-scjgj', 2, L('中山市市场监督管理局', '中山市市場監督管理局', 'Zhongshan Administration for Market Regulation')),
  issuer('zs-rsj', 3, L('中山市人力资源和社会保障局', '中山市人力資源和社會保障局', 'Zhongshan Human Resources and Social Security Bureau')),
  issuer('zs-wjj', 4, L('中山市卫生健康局', '中山市衛生健康局', 'Zhongshan Health Commission')),
  issuer('zs-mzj', 5, L('中山市民政局', '中山市民政局', 'Zhongshan Civil Affairs Bureau')),
  issuer('zs-zrzyj', 6, L('中山市自然资源局', '中山市自然資源局', 'Zhongshan Natural Resources Bureau')),
  issuer('zs-zjj', 7, L('中山市住房和城乡建设局', '中山市住房和城鄉建設局', 'Zhongshan Housing and Urban-Rural Development Bureau')),
  issuer('zs-jyj', 8, L('中山市教育和体育局', '中山市教育和體育局', 'Zhongshan Education and Sports Bureau')),
  issuer('zs-sthjj', 9, L('中山市生态环境局', '中山市生態環境局', 'Zhongshan Ecology and Environment Bureau')),
  issuer('zs-jtj', 10, L('中山市交通运输局', '中山市交通運輸局', 'Zhongshan Transport Bureau')),
  issuer('zs-cl', 11, L('中山市残疾人联合会', '中山市殘疾人聯合會', 'Zhongshan Disabled Persons\u2019 Federation'), '13'),
  issuer('zs-ycj', 12, L('中山市烟草专卖局', '中山市菸草專賣局', 'Zhongshan Tobacco Monopoly Bureau')),
  issuer('zs-tyjrj', 13, L('中山市退役军人事务局', '中山市退役軍人事務局', 'Zhongshan Veterans Affairs Bureau')),
  issuer('zs-swj', 14, L('中山市水务局', '中山市水務局', 'Zhongshan Water Affairs Bureau')),
  issuer('zs-yjj', 15, L('中山市应急管理局', '中山市應急管理局', 'Zhongshan Emergency Management Bureau')),
  issuer('zs-whj', 16, L('中山市文化广电旅游局', '中山市文化廣電旅遊局', 'Zhongshan Culture, Radio, Television and Tourism Bureau')),
  issuer('zs-nyj', 17, L('中山市农业农村局', '中山市農業農村局', 'Zhongshan Agriculture and Rural Affairs Bureau')),
]

/** The issuer of a department id, or undefined. */
export const issuerOf = (departmentId: string): IssuerSeed | undefined => ISSUERS.find((i) => i.departmentId === departmentId)
