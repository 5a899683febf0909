/**
 * Implementing departments of the demo catalog, by id. Ids follow the identity module's demo
 * organisation codes (`zs-scjgj`, and `zs-<3-digit town part>` for town governments); the services
 * module only stores them, it never reads identity's tables.
 */
export interface DepartmentSeed { id: string; name: string; short: string; place: string; phone: string }

const CENTRE = '中山市东区兴中道1号 中山市政务服务中心'

export const CITY_DEPARTMENTS: Record<string, DepartmentSeed> = {
  gaj: { id: 'zs-gaj', name: '中山市公安局', short: '公安', place: `${CENTRE} 公安窗口`, phone: '0760-88888110' },
  scjgj: { id: 'zs-scjgj', name: '中山市市场监督管理局', short: '市场监管', place: `${CENTRE} 市场准入窗口`, phone: '0760-89893315' },
  rsj: { id: 'zs-rsj', name: '中山市人力资源和社会保障局', short: '人社', place: `${CENTRE} 人社窗口`, phone: '0760-12333' },
  wjj: { id: 'zs-wjj', name: '中山市卫生健康局', short: '卫健', place: `${CENTRE} 卫健窗口`, phone: '0760-88220012' },
  mzj: { id: 'zs-mzj', name: '中山市民政局', short: '民政', place: `${CENTRE} 民政窗口`, phone: '0760-88316040' },
  zrzyj: { id: 'zs-zrzyj', name: '中山市自然资源局', short: '自然资源', place: `${CENTRE} 规划窗口`, phone: '0760-88305011' },
  zjj: { id: 'zs-zjj', name: '中山市住房和城乡建设局', short: '住建', place: `${CENTRE} 住建窗口`, phone: '0760-88316512' },
  sw: { id: 'zs-sw', name: '国家税务总局中山市税务局', short: '税务', place: `${CENTRE} 税务窗口`, phone: '0760-12366' },
  ybj: { id: 'zs-ybj', name: '中山市医疗保障局', short: '医保', place: `${CENTRE} 医保窗口`, phone: '0760-12393' },
  gjj: { id: 'zs-gjj', name: '中山市住房公积金管理中心', short: '公积金', place: `${CENTRE} 公积金窗口`, phone: '0760-12329' },
  jyj: { id: 'zs-jyj', name: '中山市教育和体育局', short: '教体', place: `${CENTRE} 教育窗口`, phone: '0760-88328003' },
  sthjj: { id: 'zs-sthjj', name: '中山市生态环境局', short: '生态环境', place: `${CENTRE} 环保窗口`, phone: '0760-88326812' },
  cgj: { id: 'zs-cgj', name: '中山市城市管理和综合执法局', short: '城管', place: `${CENTRE} 城管窗口`, phone: '0760-88899319' },
  jtj: { id: 'zs-jtj', name: '中山市交通运输局', short: '交通', place: `${CENTRE} 交通窗口`, phone: '0760-88233320' },
  whj: { id: 'zs-whj', name: '中山市文化广电旅游局', short: '文旅', place: `${CENTRE} 文旅窗口`, phone: '0760-88322350' },
  nyj: { id: 'zs-nyj', name: '中山市农业农村局', short: '农业农村', place: `${CENTRE} 农业窗口`, phone: '0760-88325021' },
  swj: { id: 'zs-swj', name: '中山市水务局', short: '水务', place: `${CENTRE} 水务窗口`, phone: '0760-88312030' },
  yjj: { id: 'zs-yjj', name: '中山市应急管理局', short: '应急', place: `${CENTRE} 应急窗口`, phone: '0760-88897350' },
  tyjrj: { id: 'zs-tyjrj', name: '中山市退役军人事务局', short: '退役军人', place: `${CENTRE} 退役军人窗口`, phone: '0760-88900712' },
  sj: { id: 'zs-sj', name: '中山市商务局', short: '商务', place: `${CENTRE} 商务窗口`, phone: '0760-88322126' },
  cl: { id: 'zs-cl', name: '中山市残疾人联合会', short: '残联', place: `${CENTRE} 残联窗口`, phone: '0760-88830223' },
}

export interface TownRef { code: string; name: string; kind: string }

/** The government of a town or sub-district as an implementing department. */
export function townDepartment(t: TownRef): DepartmentSeed {
  const name = t.kind === 'subdistrict' ? `${t.name}办事处` : t.kind === 'zone' ? `${t.name}管理委员会` : `${t.name}人民政府`
  const serial = t.code.slice(6, 9)
  return { id: `zs-${serial}`, name, short: t.name, place: `${t.name}政务服务中心`, phone: `0760-2${serial}${t.code.slice(9, 12).replace(/0/g, '1')}`.slice(0, 13) }
}
