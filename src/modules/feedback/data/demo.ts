/**
 * The demo city's evaluation data: officers and roles of the feedback module, the window clerks of
 * the halls, visitor names, the level distribution (shaped like a city's published 好差评 figures:
 * about 98% satisfied, a few bad reviews), and 办不成事 matters in every state of the closed loop.
 */

export const DEMO_PASSWORD = 'Staff@Zhongshan2026'

export const DEMO_ROLES = [
  { code: 'feedback-handler', name: '差评整改专员', description: 'Calls back, verifies and rectifies bad reviews of the own department and below; records window services', permissions: ['feedback:case:handle', 'feedback:window:record', 'feedback:stats:read'], dataScope: 'department_and_below' as const },
  { code: 'feedback-reviewer', name: '好差评督查复核员', description: 'Reviews appeals against malicious or mistaken ratings (a second role); reads statistics', permissions: ['feedback:appeal:review', 'feedback:stats:read'], dataScope: 'all' as const },
  { code: 'feedback-coordinator', name: '“办不成事”协调员', description: 'Runs the 办不成事 window: registers, classifies, transfers, feeds back, checks and files; reviews 否定答复', permissions: ['feedback:matter:handle', 'feedback:window:record', 'feedback:stats:read'], dataScope: 'all' as const },
]

export const DEMO_OFFICERS = [
  { username: 'fb.handler', displayName: '市场监管局整改专员 周敏', department: 'zs-scjgj', roles: ['feedback-handler'] },
  { username: 'fb.reviewer', displayName: '督查科 郑洁', department: 'zs-zsj', roles: ['feedback-reviewer'] },
  { username: 'fb.coordinator', displayName: '“办不成事”窗口 何静', department: 'zs-zsj-zwfw', roles: ['feedback-coordinator'] },
]

/** Windows of the city centre: window number, department code, the clerk serving there, items served. */
export const CITY_WINDOWS = [
  { no: '1', dept: 'zs-scjgj', clerk: '刘洋', items: ['个体工商户设立登记', '企业设立登记', '食品经营许可'] },
  { no: '2', dept: 'zs-scjgj', clerk: '钟慧', items: ['企业变更登记', '企业注销登记'] },
  { no: '3', dept: 'zs-gaj', clerk: '黎志强', items: ['居住证签注', '户口迁入', '港澳通行证签注'] },
  { no: '4', dept: 'zs-rsj', clerk: '梁晓婷', items: ['社会保障卡申领', '失业保险金申领', '就业登记'] },
  { no: '5', dept: 'zs-sw', clerk: '冯凯', items: ['发票申领', '个人所得税汇算清缴咨询'] },
  { no: '6', dept: 'zs-ybj', clerk: '何丽娟', items: ['医保关系转移接续', '异地就医备案'] },
  { no: '7', dept: 'zs-gjj', clerk: '卢伟', items: ['住房公积金提取', '住房公积金贷款咨询'] },
  { no: '8', dept: 'zs-zjj', clerk: '潘嘉欣', items: ['商品房预售许可', '建筑工程施工许可'] },
  { no: '9', dept: 'zs-mzj', clerk: '罗桂芳', items: ['婚姻登记', '最低生活保障申请'] },
  { no: '10', dept: 'zs-wjj', clerk: '谭晓峰', items: ['出生医学证明补发', '医师执业注册'] },
]

/** Town halls with demo windows (a few, so that some groups stay under the minimum count). */
export const TOWN_WINDOWS = [
  { hall: 'hall-118', dept: 'zs-118', windows: [{ no: '1', clerk: '陈芳', items: ['居住证签注', '个体工商户设立登记'] }, { no: '2', clerk: '吴静', items: ['社会保障卡申领', '最低生活保障申请'] }] },
  { hall: 'hall-107', dept: 'zs-107', windows: [{ no: '1', clerk: '黄丽', items: ['个体工商户设立登记', '居住证签注'] }] },
  { hall: 'hall-101', dept: 'zs-101', windows: [{ no: '1', clerk: '苏敏', items: ['社会保障卡申领'] }] },
]

const SURNAMES = '陈李张黄梁何林刘吴郑冯杨罗周谭卢苏潘钟肖高彭麦郭'
const GIVEN = ['伟', '芳', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '嘉欣', '子轩', '雨桐', '浩然', '梓涵', '志强', '晓婷', '国华', '桂芳']

/** A deterministic synthetic visitor name. */
export function visitorName(rand: () => number): string {
  return SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!
}

/** Levels by cumulative share (score 5 … 1), shaped like published city figures. */
const DISTRIBUTION: Array<[number, number]> = [[0.80, 5], [0.935, 4], [0.965, 3], [0.985, 2], [1, 1]]

export function pickScore(rand: () => number): number {
  const x = rand()
  return DISTRIBUTION.find(([p]) => x < p)![1]
}

export const LEVEL_OF_SCORE = ['', 'very-dissatisfied', 'dissatisfied', 'basic', 'satisfied', 'very-satisfied'] as const

export const GOOD_TAGS = ['fast', 'one-visit', 'clear-guide', 'friendly', 'easy-online']
export const BAD_TAGS = ['slow', 'many-visits', 'unclear-guide', 'extra-materials', 'long-wait', 'bad-attitude', 'system-issue']

export const BAD_COMMENTS = [
  '排队等了一个多小时，叫号系统还出过错。',
  '窗口说材料不齐，但办事指南上没写要这份材料，白跑一趟。',
  '工作人员态度冷淡，问两句就不耐烦。',
  '网上提交后一直显示审核中，打电话也没人接。',
  '要求提供的证明我在别的部门已经交过了，为什么还要重复提交？',
  '系统上传材料总是失败，最后只能去现场。',
]
export const GOOD_COMMENTS = ['办事效率高，一次就办好了。', '窗口人员很耐心，讲解清楚。', '网上办很方便，不用跑腿。', '', '', '']

/** 办不成事 matters: what, where, why, category, and how far the demo walks each through the loop. */
export const DEMO_MATTERS = [
  { user: 'zhang.san', title: '公司跨区迁移需要两地来回跑', place: '市政务服务中心 市场监管窗口', reason: '公司从火炬开发区迁到石岐街道，窗口说要先到迁出地办理档案迁移，再回迁入地登记，两边互相让对方先办。', category: 'offline', daysAgo: 40, to: 'filed', tier: 'joint', depts: ['zs-scjgj', 'zs-sw'] },
  { user: 'li.si', title: '异地社保转入后网上查询不到缴费记录', place: '“粤省事”及市人社局网站', reason: '从广州转入中山后，个人社保缴费记录缺失十四个月，网上提交了三次更正申请都被退回，没有说明原因。', category: 'online', daysAgo: 25, to: 'fed-back', tier: 'transfer', depts: ['zs-rsj'] },
  { user: 'wang.wu', title: '老旧小区加装电梯审批卡在意见征询', place: '石岐街道办事处', reason: '同一单元12户已有11户签字同意，一户反对，街道说无法受理，也没有告诉我们还有什么途径。', category: 'offline', daysAgo: 12, to: 'transferred', tier: 'hard', depts: ['zs-zjj', 'zs-101'] },
  { user: 'chen.mei', title: '新生儿出生证明信息错误无法办理入户', place: '市妇幼保健院、公安窗口', reason: '出生医学证明上母亲身份证号有一位错误，医院说要卫健局批，卫健局说找医院，已经一个多月上不了户口。', category: 'offline', daysAgo: 9, to: 'resolved', tier: 'transfer', depts: ['zs-wjj', 'zs-gaj'] },
  { user: 'huang.min', title: '残疾人两项补贴网上申请页面一直报错', place: '广东政务服务网', reason: '提交时提示“系统繁忙”，换了三个浏览器都一样，热线说只能网上办。', category: 'online', daysAgo: 3, to: 'classified', tier: 'simple', depts: [] },
  { user: 'zhang.san', title: '窗口工作人员推诿，让我找领导签字', place: '某镇政务服务中心', reason: '办理个体户变更，窗口人员说系统里没有这个事项，要我找镇领导签字才能办。', category: 'conduct', daysAgo: 1, to: 'registered', tier: null, depts: [] },
  { user: 'li.si', title: '与邻居的宅基地边界纠纷', place: '三乡镇', reason: '邻居建房占用了我家宅基地约两米，希望政府出面解决。', category: 'other', daysAgo: 6, to: 'declined', decline: 'private', tier: null, depts: [] },
  { user: 'wang.wu', title: '劳动仲裁裁决后单位仍不支付工资', place: '市劳动人事争议仲裁院', reason: '仲裁已经裁决，单位拒不履行，希望“办不成事”窗口帮忙追讨。', category: 'other', daysAgo: 15, to: 'declined', decline: 'litigation', tier: null, depts: [] },
  { user: 'chen.mei', title: '公积金提取要求提供已注销企业的证明', place: '市住房公积金管理中心窗口', reason: '原单位已注销，窗口仍要求原单位出具离职证明才能提取。', category: 'offline', daysAgo: 60, to: 'filed', tier: 'transfer', depts: ['zs-gjj'] },
  { user: 'huang.min', title: '预约了却被告知当天号源已满', place: '市政务服务中心', reason: '网上预约成功并收到短信，到现场被告知当天已约满让我改天再来。', category: 'offline', daysAgo: 4, to: 'checked', tier: 'simple', depts: [] },
] as const

/** Deterministic PRNG (mulberry32) seeded from a string. */
export function prng(seed: string): () => number {
  let h = 1779033703
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353) >>> 0
  let a = h
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
