/**
 * Demo applications in every state, written as scripts over the demo principals so that the
 * workbench, the statistics and "my applications" have something to show. Script tokens:
 * `S` submit, `C` clerk claims, `A` accept, `J` reject (不予受理), `K` request corrections (补正),
 * `R` applicant resubmits, `c` approver claims, `P` approver approves, `p` second approver signs,
 * `F` refuse, `T` return to the previous step, `W` withdraw, `+N` N days pass.
 */
import type { Principal } from '../../../core/http/auth.ts'
import { makeCnId } from '../../../lib/cn-id.ts'
import { makeUsccFromParts } from '../../../lib/uscc.ts'

// Scripted officers act across the city (their applications span every department).
const staff = (id: string, name: string, permissions: string[]): Principal => ({
  id, kind: 'staff', name, permissions: new Set(permissions), dataScope: { all: true, departmentIds: [], self: false },
})

export const DEMO_STAFF = {
  clerk: staff('demo:clerk.li', '李明', ['services:application:read', 'services:application:accept']),
  approver: staff('demo:approver.wang', '王科长', ['services:application:read', 'services:application:approve']),
  approver2: staff('demo:approver.zhao', '赵副局长', ['services:application:read', 'services:application:approve']),
}

export interface DemoApplicant { principal: Principal; idNumber: string; mobile: string; company?: { name: string; uscc: string } }

const citizen = (user: string, name: string, birth: string, seq: number, mobile: string): DemoApplicant => ({
  principal: { id: `demo:${user}`, kind: 'citizen', name, permissions: new Set() }, idNumber: makeCnId('442000', birth, seq), mobile,
})

export const DEMO_APPLICANTS: DemoApplicant[] = [
  citizen('zhang.san', '张三', '19850312', 101, '13900000001'),
  citizen('li.si', '李四', '19900721', 202, '13900000002'),
  citizen('wang.wu', '王五', '19781105', 313, '13900000003'),
  citizen('chen.mei', '陈美', '19950218', 424, '13900000004'),
  citizen('huang.min', '黄敏', '20010930', 536, '13900000005'),
  {
    principal: { id: 'demo:ent.zhicheng', kind: 'enterprise', name: '中山市智城科技有限公司', permissions: new Set() }, idNumber: makeCnId('442000', '19850312', 101),
    mobile: '13900000011', company: { name: '中山市智城科技有限公司', uscc: makeUsccFromParts('91', '442000', 'MA4WC001') },
  },
  {
    principal: { id: 'demo:ent.qijiang', kind: 'enterprise', name: '中山市岐江餐饮管理有限公司', permissions: new Set() }, idNumber: makeCnId('442000', '19950218', 424),
    mobile: '13900000013', company: { name: '中山市岐江餐饮管理有限公司', uscc: makeUsccFromParts('91', '442000', 'MA4WC003') },
  },
]

/** A sample answer for each demo form field. */
export function sampleAnswer(field: string, a: DemoApplicant): unknown {
  const samples: Record<string, unknown> = {
    applicantName: a.principal.name, operatorName: a.principal.name, idNumber: a.idNumber, mobile: a.mobile, address: '中山市石岐街道民生路8号',
    companyName: a.company?.name ?? `中山市${a.principal.name}商贸有限公司`, uscc: a.company?.uscc ?? makeUsccFromParts('91', '442000', 'MA4WC009'),
    legalRep: a.company ? '张三' : a.principal.name, registeredCapital: 100, businessScope: '软件开发；信息技术咨询服务；数据处理服务',
    businessAddress: '中山市火炬开发区康乐大道47号', tradeName: '岐江', organization: 'individual', employees: 12,
    babyName: '陈小满', babyGender: 'F', birthDate: '2026-11-10', birthPlace: '中山市博爱医院', motherName: '陈美', motherId: makeCnId('442000', '19950218', 424),
    fatherName: '张三', fatherId: makeCnId('442000', '19850312', 101), spouseName: '王芳', spouseId: makeCnId('442000', '19880606', 222), childOrder: 1,
    residenceSince: '2025-03-01', employer: '中山市智城科技有限公司', reason: '因个人生活需要申请办理本事项。', projectName: '智城科技研发中心',
    projectAddress: '中山市翠亨新区兴港大道', landArea: 12000, buildingArea: 36000, investment: 18000, contractor: '中山市建工集团有限公司', sealCount: 3,
    invoiceType: 'general', staffCount: 25, bankAccount: '6222021234567890123', licencePlate: '442000123456', school: '中山市实验小学',
    childName: '张小明', childId: makeCnId('442000', '20200901', 101), householdSize: 3, monthlyIncome: 800, withdrawReason: 'rent', amount: 12000,
    adSize: 12, pollutants: '废水经预处理后纳管排放，废气经活性炭吸附后高空排放。',
  }
  return samples[field]
}

export interface DemoScenario { item: string; applicant: number; daysAgo: number; script: string }

/** Items are featured keys; town items are `<key>@<town code>`. */
export const DEMO_SCENARIOS: DemoScenario[] = [
  { item: 'residence-permit@442000001000', applicant: 0, daysAgo: 0, script: '' },
  { item: 'individual-business', applicant: 1, daysAgo: 1, script: '' },
  { item: 'residence-permit@442000118000', applicant: 2, daysAgo: 1, script: 'S' },
  { item: 'food-business', applicant: 6, daysAgo: 4, script: 'S' },
  { item: 'id-card-renewal', applicant: 3, daysAgo: 0, script: 'S' },
  { item: 'social-security-card', applicant: 4, daysAgo: 2, script: 'S' },
  { item: 'housing-fund-withdrawal', applicant: 0, daysAgo: 12, script: 'S' },
  { item: 'school-enrolment', applicant: 1, daysAgo: 3, script: 'S' },
  { item: 'marriage-registration', applicant: 2, daysAgo: 1, script: 'S C' },
  { item: 'unemployment@442000002000', applicant: 4, daysAgo: 2, script: 'S +1 C' },
  { item: 'planning-permit', applicant: 5, daysAgo: 6, script: 'S +1 C K' },
  { item: 'subsistence-allowance@442000118000', applicant: 2, daysAgo: 5, script: 'S +1 C K' },
  { item: 'pharmacy-licence', applicant: 6, daysAgo: 9, script: 'S +1 C K +3 R' },
  { item: 'construction-permit', applicant: 5, daysAgo: 3, script: 'S +1 C A' },
  { item: 'company-registration', applicant: 5, daysAgo: 2, script: 'S C A c' },
  { item: 'pollution-permit', applicant: 5, daysAgo: 10, script: 'S +1 C A +2 c P +1 P' },
  { item: 'public-hygiene', applicant: 6, daysAgo: 8, script: 'S +1 C A +1 c P' },
  { item: 'elderly-allowance@442000107000', applicant: 2, daysAgo: 7, script: 'S +1 C A +2 c P' },
  { item: 'driving-licence-renewal', applicant: 3, daysAgo: 9, script: 'S +1 C A' },
  { item: 'planning-permit', applicant: 5, daysAgo: 20, script: 'S +1 C A +2 c P +2 P +1 p +1 c T' },
  { item: 'birth-registration@442000118000', applicant: 3, daysAgo: 30, script: 'S C A c P' },
  { item: 'birth-registration@442000001000', applicant: 4, daysAgo: 16, script: 'S +1 C A c P' },
  { item: 'seal-filing', applicant: 5, daysAgo: 25, script: 'S C A c P' },
  { item: 'first-invoice', applicant: 5, daysAgo: 24, script: 'S C A c P' },
  { item: 'medical-insurance', applicant: 0, daysAgo: 21, script: 'S +1 C A +1 c P' },
  { item: 'veteran-preferential', applicant: 2, daysAgo: 40, script: 'S +2 C A +5 c P' },
  { item: 'company-deregistration', applicant: 6, daysAgo: 35, script: 'S +1 C A +8 c P' },
  { item: 'outdoor-advertising', applicant: 6, daysAgo: 45, script: 'S +1 C A +3 c P +4 c P' },
  { item: 'hr-service-licence', applicant: 5, daysAgo: 60, script: 'S +2 C A +6 c P +5 c P' },
  { item: 'newborn-hukou', applicant: 3, daysAgo: 28, script: 'S +1 C A +1 c P +1 c P' },
  { item: 'residence-permit@442000105000', applicant: 1, daysAgo: 19, script: 'S +1 C A +2 c P' },
  { item: 'food-business', applicant: 6, daysAgo: 33, script: 'S +1 C A +4 c F' },
  { item: 'pharmacy-licence', applicant: 6, daysAgo: 50, script: 'S +1 C A +5 c P +3 c F' },
  { item: 'outdoor-advertising', applicant: 5, daysAgo: 27, script: 'S +2 C A +2 c F' },
  { item: 'id-card-renewal', applicant: 4, daysAgo: 14, script: 'S +1 C J' },
  { item: 'school-enrolment', applicant: 0, daysAgo: 11, script: 'S +1 C J' },
  { item: 'elderly-allowance@442000118000', applicant: 2, daysAgo: 13, script: 'S C J' },
  { item: 'social-security-card', applicant: 1, daysAgo: 8, script: 'S W' },
  { item: 'individual-business', applicant: 3, daysAgo: 6, script: 'W' },
]

/** Bundle applications: the bundle code, the applicant, how long ago, and what happens to each child. */
export const DEMO_BUNDLE_SCENARIOS = [
  { bundle: 'company-start', applicant: 5, daysAgo: 3, children: ['C A c P', 'C A c P', 'C', '', 'C A'] },
  { bundle: 'birth', applicant: 3, daysAgo: 5, children: ['C A c P', 'C'] },
]
