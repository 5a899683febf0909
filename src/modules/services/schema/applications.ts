import { Type, type Static } from 'typebox'
import { FormDefinition, WorkflowStep } from './catalog.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const DateTime = Type.String({ format: 'date-time' })

export const ApplicationStatusSchema = Type.Enum(
  ['draft', 'waiting', 'submitted', 'correction', 'reviewing', 'approved', 'refused', 'rejected', 'withdrawn'] as const,
  { description: 'draft 草稿, waiting 待前序办结 (bundle), submitted 待受理, correction 补正中, reviewing 审批中, approved 准予, refused 不予许可, rejected 不予受理, withdrawn 已撤回' },
)

export const ApplicationParams = Type.Object({ id: Type.String({ pattern: '^app_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false })
export type ApplicationParams = Static<typeof ApplicationParams>

export const MaterialParams = Type.Object({
  id: Type.String({ pattern: '^app_[0-9A-HJKMNP-TV-Z]{26}$' }),
  code: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
}, { additionalProperties: false })
export type MaterialParams = Static<typeof MaterialParams>

export const CreateApplicationBody = Type.Union([
  Type.Object({ itemId: Type.String({ pattern: '^itm_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false }),
  Type.Object({ bundleCode: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }) }, { additionalProperties: false }),
])
export type CreateApplicationBody = Static<typeof CreateApplicationBody>

// Values are checked by the item's form (validateFormData), not here: a union would let Ajv coerce 2 into "2".
export const FormValues = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 100 })

export const SaveFormBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  data: FormValues,
}, { additionalProperties: false })
export type SaveFormBody = Static<typeof SaveFormBody>

export const VersionOnlyBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export type VersionOnlyBody = Static<typeof VersionOnlyBody>

export const ActBody = Type.Object({
  version: Type.Integer({ minimum: 1, description: 'The version you saw; a newer one answers 409' }),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false })
export type ActBody = Static<typeof ActBody>

export const ReasonBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
  remedy: Type.Optional(Type.String({ minLength: 2, maxLength: 1000, description: 'How the applicant may seek a remedy (复议、诉讼) or apply again' })),
  legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false })
export type ReasonBody = Static<typeof ReasonBody>

export const RefuseBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
  remedy: Type.String({ minLength: 2, maxLength: 1000 }),
  legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false })
export type RefuseBody = Static<typeof RefuseBody>

export const CorrectionBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 2, maxLength: 1000, description: 'What to correct (补正告知)' }),
  materials: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40 })),
}, { additionalProperties: false })
export type CorrectionBody = Static<typeof CorrectionBody>

export const ReturnBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  toStep: Type.Optional(Type.Integer({ minimum: -1, maximum: 7, description: 'Step index to return to; -1 is acceptance; default the previous step' })),
  comment: Type.String({ minLength: 2, maxLength: 1000 }),
}, { additionalProperties: false })
export type ReturnBody = Static<typeof ReturnBody>

export const TransferBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  assigneeId: Type.String({ minLength: 1, maxLength: 80 }),
  assigneeName: Type.Optional(Type.String({ maxLength: 80 })),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false })
export type TransferBody = Static<typeof TransferBody>

export const MaterialView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  required: Type.Boolean(),
  source: Type.String(),
  licenceType: Nullable(Type.String()),
  accept: Type.Array(Type.String()),
  maxSizeMb: Type.Number(),
  provided: Nullable(Type.Union([Type.Literal('file'), Type.Literal('licence')])),
  fileName: Nullable(Type.String()),
  mime: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  hash: Nullable(Type.String()),
})

export const DeadlineView = Type.Object({
  limitDays: Type.Integer(),
  startedAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  warnAt: Nullable(DateTime),
  pausedDays: Type.Integer(),
  paused: Type.Boolean(),
  warning: Type.Union([Type.Literal('none'), Type.Literal('yellow'), Type.Literal('red')]),
  workingDaysLeft: Nullable(Type.Integer()),
})

export const ResultView = Type.Object({
  outcome: Type.String(),
  reason: Type.Optional(Type.String()),
  remedy: Type.Optional(Type.String()),
  legalBasis: Type.Optional(Type.String()),
  documents: Type.Optional(Type.Array(Type.Object({ name: Type.String(), number: Type.String() }))),
})

export const TransitionView = Type.Object({
  action: Type.String(),
  fromStatus: Type.String(),
  toStatus: Type.String(),
  stepIndex: Type.Integer(),
  actorName: Type.String(),
  comment: Nullable(Type.String()),
  at: DateTime,
})

export const ApplicationSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: Type.String(),
  itemId: Nullable(Type.String()),
  itemName: Type.String(),
  bundleCode: Nullable(Type.String()),
  applicantName: Type.String(),
  departmentId: Type.String(),
  divisionCode: Type.String(),
  status: ApplicationStatusSchema,
  stepIndex: Type.Integer(),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  version: Type.Integer(),
  warning: Type.String(),
  dueAt: Nullable(DateTime),
  createdAt: DateTime,
  submittedAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
})
export type ApplicationSummary = Static<typeof ApplicationSummary>

export const ApplicationView = Type.Object({
  ...ApplicationSummary.properties,
  itemVersion: Nullable(Type.Integer()),
  parentId: Nullable(Type.String()),
  applicantId: Type.String(),
  stepName: Nullable(Type.String()),
  steps: Type.Array(WorkflowStep),
  signatures: Type.Array(Type.String()),
  form: FormDefinition,
  formData: Type.Record(Type.String(), Type.Unknown()),
  materials: Type.Array(MaterialView),
  deadline: DeadlineView,
  result: Nullable(ResultView),
  timeline: Type.Array(TransitionView),
  children: Type.Array(ApplicationSummary),
  actions: Type.Array(Type.String(), { description: 'What you may do now (for buttons; every act is checked again)' }),
  updatedAt: DateTime,
  acceptedAt: Nullable(DateTime),
  queryCode: Type.Optional(Type.String({ description: 'Only in the answer to the submission: the code for the public progress query' })),
  lentLicences: Type.Optional(Type.Array(Type.Object({
    consentId: Type.String(), licenseId: Type.String(), identifier: Type.String(), typeCode: Type.String(), typeName: Type.String(), issuerName: Type.String(),
    holderName: Type.String(), status: Type.String(), verified: Type.Boolean(), purpose: Type.String(), expiresAt: Type.String({ format: 'date-time' }),
    fields: Type.Record(Type.String(), Type.Unknown()), labels: Type.Record(Type.String(), Type.String()),
  }), { description: 'Staff only: e-licences the applicant lent to this application by consent (免提交), only the disclosed fields; each read is logged for the holder' })),
})
export type ApplicationView = Static<typeof ApplicationView>

export const ApplicationList = Type.Object({ total: Type.Integer(), items: Type.Array(ApplicationSummary) })

export const QueueName = Type.Enum(['acceptance', 'review', 'mine', 'correction', 'warning', 'overdue', 'done'] as const)
export type QueueName = 'acceptance' | 'review' | 'mine' | 'correction' | 'warning' | 'overdue' | 'done'
export const QueueParams = Type.Object({ queue: QueueName }, { additionalProperties: false })
export type QueueParams = Static<typeof QueueParams>
export const PageQuerystring = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false })
export type PageQuerystring = Static<typeof PageQuerystring>
export const QueueCounts = Type.Record(Type.String(), Type.Integer())

export const ProgressQuerystring = Type.Object({
  number: Type.String({ pattern: '^ZS\\d{14}$' }),
  code: Type.String({ pattern: '^\\d{6}$', description: 'The query code given at submission' }),
}, { additionalProperties: false })
export type ProgressQuerystring = Static<typeof ProgressQuerystring>

export const ProgressReply = Type.Object({
  number: Type.String(),
  itemName: Type.String(),
  applicantName: Type.String({ description: 'Masked' }),
  status: ApplicationStatusSchema,
  submittedAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  result: Nullable(Type.Object({ outcome: Type.String() })),
  timeline: Type.Array(Type.Object({ action: Type.String(), toStatus: Type.String(), at: DateTime })),
  children: Type.Array(Type.Object({ itemName: Type.String(), status: ApplicationStatusSchema })),
})

export const StatsQuerystring = Type.Object({
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
}, { additionalProperties: false })
export type StatsQuerystring = Static<typeof StatsQuerystring>

const StatsRow = Type.Object({
  key: Type.String(),
  label: Type.String({ description: 'Department or item name' }),
  submitted: Type.Integer(),
  completed: Type.Integer(),
  approved: Type.Integer(),
  refused: Type.Integer(),
  rejected: Type.Integer(),
  onTimeRate: Nullable(Type.Number({ description: 'Completed on or before the deadline / completed with a deadline' })),
  avgHandlingHours: Nullable(Type.Number({ description: 'Mean submission-to-completion time, hours' })),
})
export const StatsReply = Type.Object({
  totals: StatsRow,
  active: Type.Integer(),
  warning: Type.Integer(),
  overdue: Type.Integer(),
  byDepartment: Type.Array(StatsRow),
  byItem: Type.Array(StatsRow),
})
