/**
 * The fixed vocabularies of service evaluation and the 办不成事 window: indicators per kind of
 * service (GB/T 39735-2020: online and offline indicator sets), rating tags, matter categories,
 * classification tiers with their working-day limits, and the out-of-scope kinds with the remedy
 * the person is told about. Labels in the three UI languages.
 */
export type Labels = { 'zh-CN': string; 'zh-TW': string; 'en-US': string }
const L = (zh: string, tw: string, en: string): Labels => ({ 'zh-CN': zh, 'zh-TW': tw, 'en-US': en })

export type ServiceKind = 'online' | 'offline'

/** Indicator scores (1..5) asked per kind of service; `overall` is the level itself. */
export const INDICATORS: Record<ServiceKind, Record<string, Labels>> = {
  online: {
    overall: L('总体评价', '總體評價', 'Overall'),
    efficiency: L('办事效率', '辦事效率', 'Efficiency'),
    guide: L('办事指南准确性', '辦事指南準確性', 'Guide accuracy'),
    convenience: L('办事便捷度', '辦事便捷度', 'Convenience'),
    usability: L('系统易用性', '系統易用性', 'Usability'),
  },
  offline: {
    overall: L('总体评价', '總體評價', 'Overall'),
    efficiency: L('办事效率', '辦事效率', 'Efficiency'),
    service: L('服务水平', '服務水準', 'Service level'),
    attitude: L('服务态度', '服務態度', 'Attitude'),
  },
}

/** Tags a person may attach; `good` ones fit ratings of 基本满意 and better, the others bad ones (not enforced). */
export const TAGS: Record<string, { good: boolean; label: Labels }> = {
  fast: { good: true, label: L('办事快', '辦事快', 'Quick') },
  'one-visit': { good: true, label: L('一次办成', '一次辦成', 'Done in one visit') },
  'clear-guide': { good: true, label: L('指引清晰', '指引清晰', 'Clear guidance') },
  friendly: { good: true, label: L('服务热情', '服務熱情', 'Friendly staff') },
  'easy-online': { good: true, label: L('网上办方便', '網上辦方便', 'Easy online') },
  slow: { good: false, label: L('办事慢', '辦事慢', 'Slow') },
  'many-visits': { good: false, label: L('多次跑动', '多次跑動', 'Several visits needed') },
  'unclear-guide': { good: false, label: L('指南不清楚', '指南不清楚', 'Unclear guide') },
  'extra-materials': { good: false, label: L('要求额外材料', '要求額外材料', 'Extra documents asked') },
  'long-wait': { good: false, label: L('排队时间长', '排隊時間長', 'Long wait') },
  'bad-attitude': { good: false, label: L('态度不好', '態度不好', 'Unfriendly staff') },
  'system-issue': { good: false, label: L('系统不好用', '系統不好用', 'System hard to use') },
}

export const LEVEL_LABELS: Record<string, Labels> = {
  'very-satisfied': L('非常满意', '非常滿意', 'Very satisfied'),
  satisfied: L('满意', '滿意', 'Satisfied'),
  basic: L('基本满意', '基本滿意', 'Fairly satisfied'),
  dissatisfied: L('不满意', '不滿意', 'Dissatisfied'),
  'very-dissatisfied': L('非常不满意', '非常不滿意', 'Very dissatisfied'),
}

export const MATTER_CATEGORIES = ['online', 'offline', 'conduct', 'other'] as const
export type MatterCategory = (typeof MATTER_CATEGORIES)[number]
export const CATEGORY_LABELS: Record<MatterCategory, Labels> = {
  online: L('线上办事', '線上辦事', 'Online services'),
  offline: L('线下办事', '線下辦事', 'In-person services'),
  conduct: L('工作作风', '工作作風', 'Staff conduct'),
  other: L('其他', '其他', 'Other'),
}

/** Classification tiers and their limits in working days (0 = the same working day). */
export const TIERS = { simple: 0, transfer: 5, joint: 10, hard: 15 } as const
export type Tier = keyof typeof TIERS
export const TIER_LABELS: Record<Tier, Labels> = {
  simple: L('简单诉求（当日办结）', '簡單訴求（當日辦結）', 'Simple (same day)'),
  transfer: L('转办（5个工作日）', '轉辦（5個工作日）', 'Transferred (5 working days)'),
  joint: L('联合会商（10个工作日）', '聯合會商（10個工作日）', 'Joint review (10 working days)'),
  hard: L('疑难复杂（15个工作日）', '疑難複雜（15個工作日）', 'Hard (15 working days)'),
}

/** Matters outside the window's scope, with the remedy the person is pointed to. */
export const DECLINE_KINDS = {
  litigation: {
    label: L('涉法涉诉', '涉法涉訴', 'In court or arbitration'),
    remedy: '涉法涉诉事项请依法通过诉讼、仲裁、行政复议等法定途径解决，可向中山市公共法律服务中心（12348）咨询。',
  },
  petition: {
    label: L('信访事项', '信訪事項', 'Petition (信访)'),
    remedy: '信访事项请依照《信访工作条例》向有权处理的行政机关或中山市信访局提出，可通过“国家信访局网上信访”平台提交。',
  },
  private: {
    label: L('私人纠纷', '私人糾紛', 'Private dispute'),
    remedy: '私人之间的民事纠纷可申请所在镇街人民调解委员会调解，或依法向人民法院提起诉讼。',
  },
  other: {
    label: L('其他不属于受理范围的诉求', '其他不屬於受理範圍的訴求', 'Otherwise out of scope'),
    remedy: '',
  },
} as const
export type DeclineKind = keyof typeof DECLINE_KINDS
