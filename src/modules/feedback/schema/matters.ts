import { Type, type Static } from 'typebox'
import { DateTime, idPattern, LightSchema, Nullable, TimelineEntry } from './common.ts'

export const CategorySchema = Type.Enum(['online', 'offline', 'conduct', 'other'] as const, { description: 'online 线上办事, offline 线下办事, conduct 工作作风, other 其他' })
export const TierSchema = Type.Enum(['simple', 'transfer', 'joint', 'hard'] as const, { description: 'simple 当日, transfer ≤5, joint ≤10, hard ≤15 working days' })
export const DeclineKindSchema = Type.Enum(['litigation', 'petition', 'private', 'other'] as const, { description: 'litigation 涉法涉诉, petition 信访, private 私人纠纷, other' })
export const MatterStatusSchema = Type.Enum(['registered', 'classified', 'transferred', 'resolved', 'fed-back', 'checked', 'filed', 'declined'] as const, {
  description: 'registered 已受理, classified 已分类, transferred 已转办, resolved 已办结, fed-back 已反馈, checked 已核查, filed 已备案, declined 不予受理（已告知救济途径）',
})

const Text = (max: number) => Type.String({ minLength: 2, maxLength: max })

export const RegisterMatterBody = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 200, description: 'What could not be done' }),
  place: Type.String({ minLength: 2, maxLength: 200, description: 'Where (a hall, a website, a department)' }),
  reason: Text(2000),
  category: CategorySchema,
  applicationId: Type.Optional(Type.String({ pattern: idPattern('app'), description: 'A refused or not-accepted application of yours this matter is about' })),
  contact: Type.Optional(Type.String({ pattern: '^[0-9+ -]{5,20}$' })),
}, { additionalProperties: false })
export type RegisterMatterBody = Static<typeof RegisterMatterBody>

export const WindowMatterBody = Type.Object({
  ...RegisterMatterBody.properties,
  personName: Type.String({ minLength: 1, maxLength: 80 }),
  personId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
}, { additionalProperties: false })
export type WindowMatterBody = Static<typeof WindowMatterBody>

const Version = Type.Integer({ minimum: 1 })
export const DeclineBody = Type.Object({ version: Version, kind: DeclineKindSchema, explanation: Text(1000), remedy: Type.Optional(Text(1000)) }, { additionalProperties: false })
export type DeclineBody = Static<typeof DeclineBody>
export const ClassifyBody = Type.Object({
  version: Version, tier: TierSchema, note: Type.Optional(Text(1000)),
  coordinatorId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), coordinatorName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
}, { additionalProperties: false })
export type ClassifyBody = Static<typeof ClassifyBody>
export const TransferBody = Type.Object({
  version: Version, departmentIds: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: 10, uniqueItems: true }), note: Text(1000),
}, { additionalProperties: false })
export type TransferBody = Static<typeof TransferBody>
export const ResolveBody = Type.Object({ version: Version, result: Text(2000) }, { additionalProperties: false })
export type ResolveBody = Static<typeof ResolveBody>
export const MatterFeedbackBody = Type.Object({ version: Version, feedback: Text(2000) }, { additionalProperties: false })
export type MatterFeedbackBody = Static<typeof MatterFeedbackBody>
export const CheckBody = Type.Object({ version: Version, passed: Type.Boolean(), note: Text(1000) }, { additionalProperties: false })
export type CheckBody = Static<typeof CheckBody>
export const FileBody = Type.Object({ version: Version, note: Type.Optional(Text(1000)) }, { additionalProperties: false })
export type FileBody = Static<typeof FileBody>
export const ConfirmBody = Type.Object({ satisfied: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })
export type ConfirmBody = Static<typeof ConfirmBody>

export const MatterSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  source: Type.String({ description: 'portal, window, application, negative-reply' }),
  title: Type.String(),
  category: CategorySchema,
  status: MatterStatusSchema,
  tier: Nullable(TierSchema),
  personName: Type.String(),
  registeredAt: DateTime,
  dueAt: Nullable(DateTime),
  light: LightSchema,
  coordinatorName: Nullable(Type.String()),
  version: Type.Integer(),
})
export type MatterSummary = Static<typeof MatterSummary>

export const MatterView = Type.Object({
  ...MatterSummary.properties,
  applicationId: Nullable(Type.String()),
  applicationNumber: Nullable(Type.String()),
  place: Type.String(),
  reason: Type.String(),
  contact: Nullable(Type.String({ description: 'Only to staff' })),
  departmentId: Nullable(Type.String()),
  departments: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  declineKind: Nullable(DeclineKindSchema),
  explanation: Nullable(Type.String()),
  remedy: Nullable(Type.String()),
  result: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
  personSatisfied: Nullable(Type.Boolean()),
  personComment: Nullable(Type.String()),
  checkNote: Nullable(Type.String({ description: 'Only to staff' })),
  resolvedAt: Nullable(DateTime),
  fedBackAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  actions: Type.Array(Type.String()),
  timeline: Type.Array(TimelineEntry),
})
export type MatterView = Static<typeof MatterView>

export const MatterList = Type.Object({ total: Type.Integer(), items: Type.Array(MatterSummary) })
export type MatterList = Static<typeof MatterList>
export const MatterQueue = Type.Enum(['active', 'registered', 'classified', 'transferred', 'resolved', 'fed-back', 'checked', 'closed', 'warning', 'overdue', 'all'] as const)
export type MatterQueue = Static<typeof MatterQueue>
export const MatterListQuerystring = Type.Object({
  queue: Type.Optional({ ...MatterQueue, default: 'active' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false })
export type MatterListQuerystring = Static<typeof MatterListQuerystring>

export const NegativeReplyView = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  applicationNumber: Type.String(),
  itemName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  applicantName: Type.String({ description: 'Masked' }),
  kind: Type.String({ description: 'rejected 不予受理, refused 不予许可' }),
  reason: Type.String(),
  remedy: Type.String(),
  legalBasis: Nullable(Type.String()),
  decidedAt: DateTime,
  status: Type.String({ description: 'pending 待核查, upheld 答复合规, reopened 转办不成事' }),
  matterId: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  reviewedAt: Nullable(DateTime),
})
export const NegativeReplyList = Type.Object({ total: Type.Integer(), items: Type.Array(NegativeReplyView) })
export const NegativeReplyQuerystring = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('upheld'), Type.Literal('reopened')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false })
export type NegativeReplyQuerystring = Static<typeof NegativeReplyQuerystring>
export const ReviewReplyBody = Type.Object({
  decision: Type.Union([Type.Literal('upheld'), Type.Literal('reopen')], { description: 'upheld: the reply was lawful and complete; reopen: register a 办不成事 matter to get it done' }),
  note: Text(1000),
}, { additionalProperties: false })
export type ReviewReplyBody = Static<typeof ReviewReplyBody>
