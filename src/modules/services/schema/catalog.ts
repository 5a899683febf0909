import { Type, type Static } from 'typebox'

/** 事项类型, with the two-digit code that leads the basic code (基本编码) of its items. */
export const ITEM_TYPES = {
  licensing: '01', // 行政许可
  levy: '04', // 行政征收
  benefit: '05', // 行政给付
  inspection: '06', // 行政检查
  confirmation: '07', // 行政确认
  reward: '08', // 行政奖励
  adjudication: '09', // 行政裁决
  other_power: '10', // 其他行政权力
  public_service: '20', // 公共服务
} as const
export type ItemType = keyof typeof ITEM_TYPES

const literals = <const T extends string[]>(values: readonly [...T], description?: string) => Type.Enum<T>(values, description ? { description } : {})
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max })

export const ItemTypeSchema = literals(['licensing', 'levy', 'benefit', 'inspection', 'confirmation', 'reward', 'adjudication', 'other_power', 'public_service'] as const, '行政许可 licensing, 行政征收 levy, 行政给付 benefit, 行政检查 inspection, 行政确认 confirmation, 行政奖励 reward, 行政裁决 adjudication, 其他行政权力 other_power, 公共服务 public_service')
export const Audience = literals(['person', 'legal'] as const, '服务对象: 自然人 person, 法人 legal')
export type Audience = Static<typeof Audience>
export const Channel = literals(['online', 'window', 'mobile', 'kiosk', 'post'] as const)
export const FileKind = literals(['pdf', 'jpg', 'png'] as const)
export type FileKind = Static<typeof FileKind>

export const Material = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'Stable key of the material within the item' }),
  name: Text(120, 1),
  required: Type.Boolean(),
  form: literals(['original', 'copy', 'original_and_copy', 'electronic'] as const, '纸质原件 / 复印件 / 原件及复印件 / 电子材料'),
  copies: Type.Integer({ minimum: 0, maximum: 20 }),
  source: literals(['applicant', 'licence', 'department'] as const, 'Who provides it: the applicant, an e-licence (免提交), or the department itself'),
  licenceType: Type.Optional(Text(60, 1)),
  blankForm: Type.Optional(Text(300)),
  sample: Type.Optional(Text(300)),
  accept: Type.Array(FileKind, { minItems: 1, maxItems: 3 }),
  maxSizeMb: Type.Number({ exclusiveMinimum: 0, maximum: 50 }),
  note: Type.Optional(Text(500)),
}, { additionalProperties: false })
export type Material = Static<typeof Material>

export const FormField = Type.Object({
  type: literals(['string', 'integer', 'number', 'boolean'] as const),
  title: Text(60, 1),
  description: Type.Optional(Text(300)),
  enum: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]), { minItems: 1, maxItems: 100 })),
  enumNames: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  minLength: Type.Optional(Type.Integer({ minimum: 0 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 4000 })),
  pattern: Type.Optional(Text(200)),
  format: Type.Optional(literals(['date', 'email', 'mobile', 'id-card', 'uscc'] as const)),
  minimum: Type.Optional(Type.Number()),
  maximum: Type.Optional(Type.Number()),
}, { additionalProperties: false })
export type FormField = Static<typeof FormField>

export const FormUiField = Type.Object({
  widget: Type.Optional(literals(['text', 'textarea', 'select', 'radio', 'date', 'number', 'switch'] as const)),
  placeholder: Type.Optional(Text(120)),
  help: Type.Optional(Text(300)),
  section: Type.Optional(Text(40)),
}, { additionalProperties: false })

/** 申请表: a JSON Schema (the subset the portal renders) and UI hints (order, widgets, sections). */
export const FormDefinition = Type.Object({
  schema: Type.Object({
    type: Type.Literal('object'),
    properties: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,39}$' }), FormField),
    required: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  }, { additionalProperties: false }),
  ui: Type.Optional(Type.Object({
    order: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
    sections: Type.Optional(Type.Array(Type.Object({ key: Text(40, 1), title: Text(60, 1) }, { additionalProperties: false }), { maxItems: 20 })),
    fields: Type.Optional(Type.Record(Type.String(), FormUiField)),
  }, { additionalProperties: false })),
}, { additionalProperties: false })
export type FormDefinition = Static<typeof FormDefinition>

export const WorkflowStep = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,29}$' }),
  name: Text(40, 1),
  kind: literals(['single', 'countersign'] as const, 'single: one claimed officer decides; countersign: several officers each sign'),
  signers: Type.Optional(Type.Integer({ minimum: 2, maximum: 9, description: 'Countersign: how many distinct officers must approve' })),
}, { additionalProperties: false })
export type WorkflowStep = Static<typeof WorkflowStep>

/** One service item (事项) in the shape of the national 实施清单. */
export const ItemData = Type.Object({
  basicCode: Type.String({ pattern: '^\\d{12}$', description: '基本编码: two-digit type code + ten digits' }),
  implementationCode: Type.String({ pattern: '^\\d{20,32}$', description: '实施编码: the basic code, the division code, a two-digit serial' }),
  name: Text(80, 2),
  type: ItemTypeSchema,
  departmentId: Text(60, 1),
  departmentName: Text(80, 1),
  divisionCode: Type.String({ pattern: '^\\d{6}(\\d{6})?$' }),
  divisionName: Text(40, 1),
  legalBasis: Type.Array(Type.Object({ title: Text(120, 1), article: Type.Optional(Text(200)) }, { additionalProperties: false }), { maxItems: 20 }),
  audiences: Type.Array(Audience, { minItems: 1, maxItems: 2, uniqueItems: true }),
  themes: Type.Array(Type.String({ pattern: '^(person|legal)\\.[a-z-]{2,20}$' }), { maxItems: 6, uniqueItems: true }),
  keywords: Type.Array(Text(20, 1), { maxItems: 12 }),
  conditions: Text(2000),
  materials: Type.Array(Material, { maxItems: 40 }),
  steps: Type.Array(Type.Object({ name: Text(40, 1), description: Text(400) }, { additionalProperties: false }), { maxItems: 12 }),
  statutoryLimit: Type.Integer({ minimum: 0, maximum: 365, description: '法定办结时限, working days' }),
  promisedLimit: Type.Integer({ minimum: 0, maximum: 365, description: '承诺办结时限, working days (0 = same day)' }),
  kind: literals(['instant', 'promised'] as const, '即办件 instant / 承诺件 promised'),
  charged: Type.Boolean({ description: 'Whether a fee is charged' }),
  fees: Type.Array(Type.Object({ name: Text(60, 1), amount: Type.Number({ minimum: 0 }), basis: Text(200) }, { additionalProperties: false }), { maxItems: 10 }),
  place: Text(200),
  hours: Text(120),
  consultPhone: Type.String({ pattern: '^[0-9-]{5,20}$' }),
  complaintPhone: Type.String({ pattern: '^[0-9-]{5,20}$' }),
  channels: Type.Array(Channel, { minItems: 1, maxItems: 5, uniqueItems: true }),
  onlineDepth: Type.Integer({ minimum: 1, maximum: 4, description: '网办深度 I-IV' }),
  visits: Type.Integer({ minimum: 0, maximum: 5, description: '到办事现场次数' }),
  visitReason: Type.Optional(Text(200)),
  faq: Type.Array(Type.Object({ q: Text(200, 1), a: Text(1000, 1) }, { additionalProperties: false }), { maxItems: 20 }),
  resultName: Type.Optional(Text(60)),
  resultLicenceType: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{1,32}$', description: 'The e-licence type (GB/T 36904 type code) issued when an application is approved; see the licenses module' })),
  form: Type.Optional(FormDefinition),
  workflow: Type.Optional(Type.Array(WorkflowStep, { maxItems: 8 })),
}, { additionalProperties: false })
export type ItemData = Static<typeof ItemData>

export const ItemStatus = literals(['draft', 'published', 'retired'] as const)
export type ItemStatus = Static<typeof ItemStatus>

export const ItemVersionSchema = Type.Object({
  version: Type.Integer(),
  status: ItemStatus,
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})

/** An item as the console sees it: the newest version's data, and every version's state. */
export const CatalogItem = Type.Object({
  id: Type.String(),
  status: ItemStatus,
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  draftVersion: Type.Union([Type.Integer(), Type.Null()]),
  popularity: Type.Integer(),
  data: ItemData,
  versions: Type.Array(ItemVersionSchema),
})
export type CatalogItem = Static<typeof CatalogItem>

export const CatalogSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  implementationCode: Type.String(),
  status: ItemStatus,
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  draftVersion: Type.Union([Type.Integer(), Type.Null()]),
  departmentId: Type.String(),
  divisionCode: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
})
export const CatalogPage = Type.Object({ total: Type.Integer(), items: Type.Array(CatalogSummary) })

export const CatalogQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 80 })),
  status: Type.Optional(ItemStatus),
  department: Type.Optional(Type.String({ maxLength: 60 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false })
export type CatalogQuerystring = Static<typeof CatalogQuerystring>

export const ItemParams = Type.Object({ id: Type.String({ pattern: '^itm_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false })
export type ItemParams = Static<typeof ItemParams>

export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1, description: 'The version acted on (optimistic concurrency)' }) }, { additionalProperties: false })
export type VersionBody = Static<typeof VersionBody>

export const ValidateReply = Type.Object({
  ok: Type.Boolean(),
  errors: Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
})

export const ImportBody = Type.Object({
  format: literals(['json', 'csv'] as const),
  content: Type.String({ minLength: 1, maxLength: 5_000_000 }),
  publish: Type.Optional(Type.Boolean({ default: false, description: 'Publish every valid item right away' })),
}, { additionalProperties: false })
export type ImportBody = Static<typeof ImportBody>

export const ImportReply = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(Type.Object({
    index: Type.Integer(),
    implementationCode: Type.Union([Type.String(), Type.Null()]),
    ok: Type.Boolean(),
    id: Type.Optional(Type.String()),
    code: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }))),
  })),
})
export type ImportReply = Static<typeof ImportReply>

export const ExportQuerystring = Type.Object({
  format: Type.Optional(literals(['json', 'csv'] as const)),
  status: Type.Optional(ItemStatus),
}, { additionalProperties: false })
export type ExportQuerystring = Static<typeof ExportQuerystring>
