/** The demo 一件事 bundles: featured item keys in the order they are handled. */
export const DEMO_BUNDLES = [
  {
    code: 'company-start', name: '开办企业一件事', mode: 'parallel' as const, themes: ['legal.start'],
    description: '一次填报、一套材料，同步办理企业设立登记、公章刻制、首次申领发票、单位社保登记和住房公积金缴存登记，全程网办，一天办结。',
    items: ['company-registration', 'seal-filing', 'first-invoice', 'employer-social-insurance', 'employer-housing-fund'],
  },
  {
    code: 'birth', name: '出生一件事', mode: 'sequential' as const, themes: ['person.birth'],
    description: '新生儿出生后一次申请，依次办理出生医学证明、户口登记、城乡居民医保参保登记和社会保障卡申领，结果统一送达。',
    items: ['birth-certificate', 'newborn-hukou', 'medical-insurance', 'social-security-card'],
  },
]
