/**
 * The rest of the demo catalog, generated: item names that towns and city bureaus really publish,
 * combined with the 24 towns and the bureaus, until the catalog has the seed's 3,407 items. Each
 * entry is `name|type|audience|theme|department` (department only for city items).
 */
import type { ItemType } from '../schema/catalog.ts'

/** Items every town and sub-district implements (× 24). */
export const TOWN_ITEMS = `
临时救助申请|benefit|p|assistance
特困人员救助供养认定|benefit|p|assistance
残疾人两项补贴申领|benefit|p|assistance
困难残疾人生活补贴申领|benefit|p|assistance
重度残疾人护理补贴申领|benefit|p|assistance
低收入家庭认定|confirmation|p|assistance
孤儿基本生活费发放|benefit|p|assistance
事实无人抚养儿童认定|confirmation|p|assistance
医疗救助申请|benefit|p|assistance
教育救助申请|benefit|p|assistance
流浪乞讨人员救助|public_service|p|assistance
计划生育家庭特别扶助金申领|benefit|p|birth
农村部分计划生育家庭奖励扶助|benefit|p|birth
独生子女父母光荣证补办|public_service|p|birth
再生育审批|confirmation|p|birth
城乡居民养老保险参保登记|public_service|p|social-security
城乡居民养老保险待遇申领|benefit|p|social-security
城乡居民养老保险关系转移|public_service|p|social-security
被征地农民养老保障申请|benefit|p|social-security
灵活就业人员社保登记|public_service|p|social-security
就业困难人员认定|confirmation|p|employment
创业担保贷款申请|public_service|p|employment
灵活就业社保补贴申领|benefit|p|employment
职业技能培训补贴申领|benefit|p|employment
求职创业补贴申领|benefit|p|employment
公益性岗位申请|public_service|p|employment
就业见习补贴申领|benefit|p|employment
居民户口迁入|confirmation|p|household
户口迁出|confirmation|p|household
户籍证明开具|public_service|p|household
居住证签注|public_service|p|household
临时居民身份证申领|confirmation|p|household
户口簿补领|public_service|p|household
流动人口居住登记|public_service|p|household
老年人优待证办理|public_service|p|elderly
居家养老服务补贴申请|benefit|p|elderly
老年人意外伤害保险申请|public_service|p|elderly
百岁老人长寿保健金申领|benefit|p|elderly
养老服务机构备案|other_power|l|operation
殡葬补贴申领|benefit|p|assistance
惠民殡葬基本服务费减免|benefit|p|assistance
烈士家属抚恤金申领|benefit|p|veterans
义务兵家庭优待金申领|benefit|p|veterans
退役士兵自主就业一次性经济补助|benefit|p|veterans
重点优抚对象医疗补助|benefit|p|veterans
农村宅基地和建房（规划许可）审批|licensing|p|housing
乡村建设规划许可证核发|licensing|p|housing
公共租赁住房申请|public_service|p|housing
住房困难家庭租赁补贴申领|benefit|p|housing
危房改造补助申请|benefit|p|housing
村民建房规划选址意见|public_service|p|housing
适龄儿童入学资格审核|public_service|p|education
家庭经济困难学生资助申请|benefit|p|education
学前教育资助申请|benefit|p|education
托育机构备案|other_power|l|operation
门前三包责任书签订|public_service|l|operation
临时占用道路审批|licensing|l|operation
城市道路挖掘许可|licensing|l|construction
户外广告招牌设置备案|other_power|l|operation
建筑垃圾处置核准|licensing|l|environment
燃气经营许可（瓶装）|licensing|l|operation
小型水利工程验收|other_power|l|construction
农业机械登记|confirmation|p|transport
渔船登记|confirmation|p|transport
农村土地承包经营权流转备案|other_power|p|housing
林木采伐许可证核发|licensing|p|environment
动物防疫条件合格证核发|licensing|l|operation
生猪定点屠宰证书核发|licensing|l|operation
农药经营许可|licensing|l|operation
兽药经营许可|licensing|l|operation
种子生产经营许可|licensing|l|operation
小餐饮登记|licensing|l|operation
食品小作坊登记|licensing|l|operation
食品摊贩备案|other_power|p|employment
公共场所卫生许可（小型）|licensing|l|operation
生产经营单位安全生产标准化备案|other_power|l|environment
烟花爆竹零售经营许可|licensing|l|operation
危险化学品经营许可（无储存）|licensing|l|environment
消防安全检查（公众聚集场所）|inspection|l|environment
安全生产许可初审|licensing|l|environment
社区矫正对象外出审批|other_power|p|household
人民调解申请|public_service|p|marriage
法律援助申请|public_service|p|assistance
劳动争议调解申请|adjudication|p|employment
劳动保障监察投诉|inspection|p|employment
欠薪投诉受理|inspection|p|employment
民事纠纷行政调解|adjudication|p|marriage
房屋租赁登记备案|other_power|p|housing
出租屋治安管理登记|other_power|p|housing
集体土地房屋征收补偿|levy|p|housing
残疾人证申领|confirmation|p|assistance
残疾人辅助器具适配补贴|benefit|p|assistance
残疾人就业创业扶持|benefit|p|employment
困难职工帮扶申请|benefit|p|assistance
见义勇为人员确认及奖励|reward|p|veterans
志愿服务记录证明开具|public_service|p|employment
无犯罪记录证明开具|public_service|p|household
亲属关系证明开具|public_service|p|marriage
死亡证明开具|public_service|p|household
出生登记（户籍）预约|public_service|p|birth
居民身份证首次申领|confirmation|p|household
港澳台居民居住证申领|public_service|p|household
外来务工人员子女积分入学|public_service|p|education
积分入户申请|confirmation|p|household
老年人助餐服务申请|public_service|p|elderly
长者饭堂就餐登记|public_service|p|elderly
特殊困难老年人探访关爱|public_service|p|elderly
社区居家养老服务评估|public_service|p|elderly
城乡居民医保缴费|levy|p|medical
家庭医生签约服务|public_service|p|medical
残疾人康复服务申请|public_service|p|assistance
困境儿童认定|confirmation|p|assistance
退役军人服务站登记|public_service|p|veterans
电动自行车登记上牌|confirmation|p|transport
个体工商户年度报告|public_service|p|employment
企业开办一站式服务|public_service|l|start
`

/** Licence subjects of city bureaus; each gets 核发, 变更, 延续, 注销 and 补证 items. */
export const CITY_LICENCES = `
药品零售连锁企业经营许可|scjgj
医疗器械经营许可|scjgj
第二类医疗器械经营备案|scjgj
化妆品经营备案|scjgj
特种设备使用登记|scjgj
计量器具型式批准|scjgj
工业产品生产许可|scjgj
检验检测机构资质认定|scjgj
网络食品交易第三方平台备案|scjgj
食品生产许可|scjgj
保健食品经营|scjgj
婴幼儿配方乳粉经营|scjgj
商品条码注册|scjgj
医疗机构执业许可|wjj
放射诊疗许可|wjj
母婴保健技术服务执业许可|wjj
医师执业注册|wjj
护士执业注册|wjj
饮用水供水单位卫生许可|wjj
职业病诊断机构备案|wjj
消毒产品生产企业卫生许可|wjj
建筑业企业资质|zjj
房地产开发企业资质|zjj
商品房预售许可|zjj
物业服务企业备案|zjj
建设工程消防设计审查|zjj
建设工程消防验收|zjj
城镇排水许可|swj
取水许可|swj
河道管理范围内建设项目审批|swj
水土保持方案审批|swj
建设项目用地预审与选址意见|zrzyj
建设用地规划许可|zrzyj
不动产首次登记|zrzyj
不动产转移登记|zrzyj
不动产抵押登记|zrzyj
测绘资质|zrzyj
临时用地审批|zrzyj
道路运输经营许可|jtj
网络预约出租汽车经营许可|jtj
网络预约出租汽车驾驶员证|jtj
机动车维修经营备案|jtj
道路货物运输从业资格|jtj
港口经营许可|jtj
超限运输车辆行驶公路许可|jtj
娱乐场所经营许可|whj
营业性演出许可|whj
旅行社业务经营许可|whj
互联网上网服务营业场所经营许可|whj
出版物零售业务经营许可|whj
文物保护单位修缮审批|whj
高危险性体育项目经营许可|jyj
民办学校办学许可|jyj
校外培训机构办学许可|jyj
教师资格认定|jyj
危险化学品经营许可|yjj
烟花爆竹批发经营许可|yjj
非煤矿山安全生产许可|yjj
建设项目环境影响评价审批|sthjj
危险废物经营许可|sthjj
辐射安全许可|sthjj
城市建筑垃圾处置核准|cgj
燃气经营许可|cgj
城市绿地占用许可|cgj
砍伐城市树木许可|cgj
生活垃圾经营性清扫收集运输许可|cgj
对外贸易经营者备案|sj
单用途商业预付卡备案|sj
再生资源回收经营者备案|sj
拍卖企业设立许可|sj
民办非企业单位登记|mzj
社会团体登记|mzj
养老机构备案|mzj
殡葬服务机构设立审批|mzj
劳务派遣经营许可|rsj
民办职业培训学校办学许可|rsj
技工学校设立审批|rsj
特殊工时制度审批|rsj
农作物种子生产经营许可|nyj
兽医诊疗许可|nyj
水产苗种生产许可|nyj
拖拉机和联合收割机登记|nyj
公章刻制业特种行业许可|gaj
旅馆业特种行业许可|gaj
保安服务许可|gaj
大型群众性活动安全许可|gaj
剧毒化学品购买许可|gaj
民用爆炸物品购买许可|gaj
机动车登记|gaj
`

/** City-level confirmations, filings and public services (one item each). */
export const CITY_SERVICES = `
职工基本养老保险参保登记|public_service|p|social-security|rsj
职工基本养老保险待遇申领|benefit|p|social-security|rsj
失业保险金申领|benefit|p|employment|rsj
工伤认定申请|confirmation|p|employment|rsj
劳动能力鉴定申请|confirmation|p|employment|rsj
职业技能等级证书查询核验|public_service|p|employment|rsj
高层次人才认定|confirmation|p|employment|rsj
人才住房补贴申领|benefit|p|housing|rsj
档案转递|public_service|p|employment|rsj
生育保险待遇申领|benefit|p|birth|ybj
医保关系转移接续|public_service|p|medical|ybj
异地就医备案|public_service|p|medical|ybj
门诊特定病种待遇认定|confirmation|p|medical|ybj
医疗费用零星报销|benefit|p|medical|ybj
住房公积金缴存基数调整|public_service|l|employment|gjj
住房公积金个人住房贷款申请|public_service|p|housing|gjj
住房公积金异地转移接续|public_service|p|housing|gjj
住房公积金个人账户设立|public_service|p|housing|gjj
出入境证件办理（往来港澳通行证）|confirmation|p|transport|gaj
普通护照签发|confirmation|p|transport|gaj
机动车驾驶证补领|confirmation|p|transport|gaj
机动车检验合格标志核发|confirmation|p|transport|gaj
非机动车登记|confirmation|p|transport|gaj
居民身份证挂失申报|public_service|p|household|gaj
户口登记项目变更更正|confirmation|p|household|gaj
涉企违法信息信用修复|other_power|l|change|scjgj
企业名称自主申报|public_service|l|start|scjgj
企业变更登记|licensing|l|change|scjgj
企业备案（章程、董事监事）|other_power|l|change|scjgj
股权出质登记|other_power|l|change|scjgj
个体工商户变更登记|licensing|p|employment|scjgj
个体工商户注销登记|licensing|p|employment|scjgj
农民专业合作社设立登记|licensing|l|start|scjgj
外商投资企业设立登记|licensing|l|start|scjgj
企业年度报告公示|public_service|l|operation|scjgj
增值税一般纳税人登记|other_power|l|tax|sw
税务注销|other_power|l|change|sw
个人所得税年度汇算|levy|p|social-security|sw
房产税和城镇土地使用税申报|levy|l|tax|sw
车辆购置税申报|levy|p|transport|sw
出口退（免）税备案|other_power|l|tax|sw
纳税信用复评|other_power|l|tax|sw
涉税证明开具|public_service|l|tax|sw
结婚登记预约|public_service|p|marriage|mzj
离婚登记|confirmation|p|marriage|mzj
补领结婚证|confirmation|p|marriage|mzj
收养登记|confirmation|p|birth|mzj
婚姻登记记录证明|public_service|p|marriage|mzj
地名命名更名审批|other_power|l|construction|mzj
慈善组织认定|confirmation|l|operation|mzj
预防接种证办理|public_service|p|medical|wjj
婚前医学检查|public_service|p|marriage|wjj
孕产妇健康管理服务|public_service|p|birth|wjj
新生儿疾病筛查|public_service|p|birth|wjj
健康证明（从业人员健康检查）|public_service|p|employment|wjj
残疾人机动轮椅车燃油补贴|benefit|p|assistance|cl
残疾人证迁移|public_service|p|assistance|cl
退役军人信息采集|public_service|p|veterans|tyjrj
伤残等级评定|confirmation|p|veterans|tyjrj
烈士褒扬金发放|reward|p|veterans|tyjrj
义务教育转学申请|public_service|p|education|jyj
普通高中学籍转入|public_service|p|education|jyj
学历证明补办|public_service|p|education|jyj
中小学生校外研学备案|other_power|l|operation|jyj
企业投资项目备案|other_power|l|construction|zrzyj
建设工程竣工规划条件核实|other_power|l|construction|zrzyj
房屋建筑和市政工程竣工验收备案|other_power|l|construction|zjj
建筑起重机械使用登记|confirmation|l|construction|zjj
商品房买卖合同网签备案|other_power|p|housing|zjj
二手房资金监管|public_service|p|housing|zjj
排水户接驳审批|licensing|l|construction|swj
用水报装|public_service|l|construction|swj
生产安全事故应急预案备案|other_power|l|environment|yjj
建设项目安全设施设计审查|other_power|l|environment|yjj
固定污染源排污登记|other_power|l|environment|sthjj
环境影响登记表备案|other_power|l|environment|sthjj
`

export type Aud = 'p' | 'l'

export interface TownItemSeed { name: string; type: ItemType; audience: Aud; theme: string }
export interface CityServiceSeed extends TownItemSeed { dept: string }

const lines = (text: string) => text.trim().split('\n').map((l) => l.trim()).filter(Boolean)

export function townItems(): TownItemSeed[] {
  return lines(TOWN_ITEMS).map((l) => {
    const [name, type, audience, theme] = l.split('|') as [string, ItemType, Aud, string]
    return { name, type, audience, theme }
  })
}

export function cityServices(): CityServiceSeed[] {
  return lines(CITY_SERVICES).map((l) => {
    const [name, type, audience, theme, dept] = l.split('|') as [string, ItemType, Aud, string, string]
    return { name, type, audience, theme, dept }
  })
}

/** Licence subjects × actions, in a fixed order. */
export function cityLicenceItems(): CityServiceSeed[] {
  const actions = ['核发', '变更', '延续', '注销', '补证']
  const out: CityServiceSeed[] = []
  for (const l of lines(CITY_LICENCES)) {
    const [subject, dept] = l.split('|') as [string, string]
    const isFiling = subject.endsWith('备案') || subject.endsWith('登记')
    const names = isFiling ? [subject, `${subject}变更`, `${subject}注销`] : actions.map((a) => `${subject}${a === '核发' ? '' : `（${a}）`}`)
    for (const name of names) {
      const theme = /注销|变更/.test(name) ? 'change' : ['zjj', 'zrzyj', 'swj'].includes(dept) ? 'construction' : ['sthjj', 'yjj'].includes(dept) ? 'environment' : 'operation'
      out.push({ name, type: isFiling ? 'other_power' : 'licensing', audience: 'l', theme, dept })
    }
  }
  return out
}
