import { Type, type Static } from 'typebox'
import { DateTime, LevelSchema, LightSchema, Nullable, TimelineEntry } from './common.ts'

export const CaseStatusSchema = Type.Enum(['open', 'called-back', 'appealing', 'rectifying', 'rectified', 'closed'] as const, {
  description: 'open 待回访, called-back 待核实, appealing 申诉复核中, rectifying 整改中, rectified 已整改待评价, closed 已办结',
})

export const CaseSummary = Type.Object({
  id: Type.String(),
  status: CaseStatusSchema,
  resolution: Nullable(Type.String({ description: 'rectified, excluded (appeal approved), withdrawn (rating amended)' })),
  departmentId: Type.String(),
  departmentName: Type.String(),
  itemName: Type.String(),
  personName: Type.String(),
  level: LevelSchema,
  channel: Type.String(),
  openedAt: DateTime,
  dueAt: DateTime,
  light: LightSchema,
  workingDaysLeft: Nullable(Type.Integer()),
  calledBack: Type.Boolean(),
  version: Type.Integer(),
})
export type CaseSummary = Static<typeof CaseSummary>

export const CaseView = Type.Object({
  ...CaseSummary.properties,
  ratingId: Type.String(),
  occurrenceId: Type.String(),
  applicationNumber: Nullable(Type.String()),
  hallName: Nullable(Type.String()),
  windowNo: Nullable(Type.String()),
  clerkName: Nullable(Type.String()),
  servedAt: DateTime,
  comment: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  indicators: Type.Record(Type.String(), Type.Integer()),
  limitDays: Type.Integer(),
  warnAt: DateTime,
  callbackAttempts: Type.Integer(),
  calledBackAt: Nullable(DateTime),
  callbackNote: Nullable(Type.String()),
  finding: Nullable(Type.String({ description: 'valid 属实, invalid 不属实, mistaken 误评' })),
  findingNote: Nullable(Type.String()),
  appealReason: Nullable(Type.String()),
  appealedBy: Nullable(Type.String()),
  reviewDecision: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  measures: Nullable(Type.String()),
  feedback: Nullable(Type.String()),
  rectifiedAt: Nullable(DateTime),
  onTime: Nullable(Type.Boolean()),
  resultLevel: Nullable(LevelSchema),
  resultComment: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  actions: Type.Array(Type.String(), { description: 'What the caller may do now' }),
  timeline: Type.Array(TimelineEntry),
})
export type CaseView = Static<typeof CaseView>

export const CaseList = Type.Object({ total: Type.Integer(), items: Type.Array(CaseSummary) })
export type CaseList = Static<typeof CaseList>

export const CaseQueue = Type.Enum(['active', 'open', 'called-back', 'appealing', 'rectifying', 'rectified', 'closed', 'warning', 'overdue', 'all'] as const)
export type CaseQueue = Static<typeof CaseQueue>
export const CaseListQuerystring = Type.Object({
  queue: Type.Optional({ ...CaseQueue, default: 'active' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false })
export type CaseListQuerystring = Static<typeof CaseListQuerystring>

const Version = Type.Integer({ minimum: 1, description: 'The version you saw; a newer one answers 409' })
const Note = Type.String({ minLength: 2, maxLength: 1000 })

export const CallbackBody = Type.Object({
  version: Version,
  reached: Type.Boolean({ description: 'false records an attempt that did not reach the person' }),
  note: Note,
}, { additionalProperties: false })
export type CallbackBody = Static<typeof CallbackBody>

export const VerifyBody = Type.Object({
  version: Version,
  finding: Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('mistaken')], { description: 'valid 属实 → rectify; invalid 不属实 / mistaken 误评 → appeal, reviewed by a second role' }),
  note: Note,
  appealReason: Type.Optional(Note),
}, { additionalProperties: false })
export type VerifyBody = Static<typeof VerifyBody>

export const ReviewBody = Type.Object({
  version: Version,
  decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')], { description: 'approve: the rating is excluded from statistics and the case closes; reject: the department rectifies' }),
  note: Note,
}, { additionalProperties: false })
export type ReviewBody = Static<typeof ReviewBody>

export const RectifyBody = Type.Object({
  version: Version,
  measures: Note,
  feedback: Type.String({ minLength: 2, maxLength: 1000, description: 'What the person is told' }),
}, { additionalProperties: false })
export type RectifyBody = Static<typeof RectifyBody>

export const CaseCounts = Type.Record(Type.String(), Type.Integer())
