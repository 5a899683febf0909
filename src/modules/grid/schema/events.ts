import { Type, type Static } from 'typebox'
import { GridCode, Lat, Localized, Lon, NullableInteger, NullableIso, NullableLocalized, NullableString, PhotoInput, StringEnum } from './common.ts'

const STATUSES = ['reported', 'accepted', 'opened', 'dispatched', 'handled', 'verified', 'closed', 'rejected', 'merged', 'suspended'] as const
const Status = StringEnum(STATUSES)
const Source = StringEnum(['citizen', 'worker', 'api', 'open311', 'sensor', 'camera'] as const)
const Iso = Type.String({ format: 'date-time' })
const Note = Type.String({ maxLength: 2000 })

export const CategorySchema = Type.Object({
  code: Type.String(),
  group: Type.String(),
  groupName: Localized,
  name: Localized,
  local: Type.Boolean(),
  sla: Type.Object({ accept: Type.Integer(), open: Type.Integer(), dispatch: Type.Integer(), handle: Type.Integer(), verify: Type.Integer(), close: Type.Integer() }),
  defaultDepartmentId: Type.String(),
  defaultDepartmentName: Type.Union([Localized, Type.Null()]),
  evidence: Type.Object({ report: Type.Array(Type.String()), handle: Type.Array(Type.String()) }),
  attributes: Type.Array(Type.Object({ code: Type.String(), datatype: Type.String(), required: Type.Boolean(), description: Type.String(), values: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Type.String() }))) })),
})
export const CategoryList = Type.Object({ items: Type.Array(CategorySchema), departments: Type.Record(Type.String(), Localized) })
export type CategoryList = Static<typeof CategoryList>

const reportFields = {
  categoryCode: Type.String({ pattern: '^\\d{4}$' }),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.String({ minLength: 1, maxLength: 4000 }),
  lon: Lon,
  lat: Lat,
  address: Type.Optional(Type.String({ maxLength: 300 })),
  photos: Type.Optional(Type.Array(PhotoInput, { maxItems: 3 })),
  facilityCode: Type.Optional(Type.String({ pattern: '^\\d{16}$' })),
  attributes: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,30}$' }), Type.String({ maxLength: 200 }))),
}

export const CitizenReportBody = Type.Object({
  ...reportFields,
  reporterName: Type.Optional(Type.String({ maxLength: 100 })),
  contact: Type.Optional(Type.String({ maxLength: 100, description: 'phone or e-mail; stored masked only' })),
}, { additionalProperties: false })
export type CitizenReportBody = Static<typeof CitizenReportBody>

export const StaffReportBody = Type.Object({
  ...reportFields,
  source: Type.Optional(Type.Union([Type.Literal('worker'), Type.Literal('api'), Type.Literal('sensor'), Type.Literal('camera')])),
}, { additionalProperties: false })
export type StaffReportBody = Static<typeof StaffReportBody>

export const EventSchema = Type.Object({
  id: Type.String(),
  categoryCode: Type.String(),
  categoryName: Localized,
  source: Source,
  status: Status,
  title: Type.String(),
  description: Type.String(),
  address: NullableString,
  lon: Type.Number(),
  lat: Type.Number(),
  gridCode: NullableString,
  communityCode: NullableString,
  townCode: NullableString,
  nearBoundary: Type.Boolean(),
  departmentId: NullableString,
  departmentName: NullableLocalized,
  suggestedDepartmentId: NullableString,
  reporter: Type.Object({ id: NullableString, kind: Type.String(), name: NullableString, contact: NullableString }),
  mergedInto: NullableString,
  stage: Type.Object({ name: NullableString, startedAt: Iso, dueAt: NullableIso, light: StringEnum(['none', 'green', 'yellow', 'red'] as const) }),
  reworkCount: Type.Integer(),
  overdueCount: Type.Integer(),
  escalation: Type.Union([Type.Object({ level: Type.Integer({ minimum: 1, maximum: 3 }), levelName: StringEnum(['community', 'town', 'city'] as const), gridCode: NullableString, at: Iso }), Type.Null()], { description: 'How far up the grid hierarchy the current stage was escalated (超时升级); null when not escalated' }),
  pending: Type.Union([Type.Object({ kind: Type.String(), minutes: Type.Optional(Type.Integer()), reason: Type.String(), requestedAt: Iso, requestedBy: Type.String() }), Type.Null()]),
  closureType: NullableString,
  closedAt: NullableIso,
  reportedAt: Iso,
  updatedAt: Iso,
  version: Type.Integer(),
})
export type EventSchema = Static<typeof EventSchema>

export const DuplicateSchema = Type.Object({ id: Type.String(), status: Type.String(), meters: Type.Number(), reportedAt: Iso, title: Type.String() })

export const ReportReply = Type.Object({
  event: EventSchema,
  duplicates: Type.Array(DuplicateSchema),
  token: Type.Unsafe<string | null>({ type: ['string', 'null'], description: 'citizens only: the follow-up code, shown once' }),
})
export type ReportReply = Static<typeof ReportReply>

export const TimelineEntry = Type.Object({
  seq: Type.Integer(), action: Type.String(), fromStatus: NullableString, toStatus: Type.String(), at: Iso, actorId: Type.String(), actorKind: Type.String(),
  departmentId: NullableString, stageDueAt: NullableIso, overdue: Type.Boolean(), note: NullableString, detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})
export const AttachmentSchema = Type.Object({ id: Type.String(), logSeq: NullableInteger, mime: Type.String(), name: Type.String(), size: Type.Integer(), createdAt: Iso })

export const EventDetail = Type.Object({
  ...EventSchema.properties,
  timeline: Type.Array(TimelineEntry),
  attachments: Type.Array(AttachmentSchema),
  actions: Type.Array(Type.String()),
})
export type EventDetail = Static<typeof EventDetail>

export const EventPage = Type.Object({ items: Type.Array(EventSchema), nextCursor: NullableString })
export type EventPage = Static<typeof EventPage>

export const EventListQuery = Type.Object({
  status: Type.Optional(Type.Array(Status, { maxItems: 10 })),
  categoryCode: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
  gridCode: Type.Optional(GridCode),
  departmentId: Type.Optional(Type.String({ maxLength: 60 })),
  source: Type.Optional(Source),
  from: Type.Optional(Iso),
  to: Type.Optional(Iso),
  cursor: Type.Optional(Type.String({ maxLength: 120 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
}, { additionalProperties: false })
export type EventListQuery = Static<typeof EventListQuery>

export const QueueQuery = Type.Object({ departmentId: Type.Optional(Type.String({ maxLength: 60 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) }, { additionalProperties: false })
export type QueueQuery = Static<typeof QueueQuery>

export const QueueReply = Type.Object({
  counts: Type.Record(Type.String(), Type.Integer()),
  lights: Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), none: Type.Integer() }),
  items: Type.Array(EventSchema),
})
export type QueueReply = Static<typeof QueueReply>

export const MyTasksReply = Type.Object({ handling: Type.Array(EventSchema), verifying: Type.Array(EventSchema), reported: Type.Array(EventSchema) })
export type MyTasksReply = Static<typeof MyTasksReply>

export const DuplicatesQuery = Type.Object({ categoryCode: Type.String({ pattern: '^\\d{4}$' }), lon: Lon, lat: Lat }, { additionalProperties: false })
export type DuplicatesQuery = Static<typeof DuplicatesQuery>
export const DuplicatesReply = Type.Object({ items: Type.Array(DuplicateSchema) })

/** Bodies of the workflow actions. `version` (optional) refuses the action if the case changed meanwhile. */
const base = { note: Type.Optional(Note), version: Type.Optional(Type.Integer({ minimum: 1 })) }
export const ActionBody = Type.Object(base, { additionalProperties: false })
export type ActionBody = Static<typeof ActionBody>
export const ReasonBody = Type.Object({ ...base, reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })
export type ReasonBody = Static<typeof ReasonBody>
export const MergeBody = Type.Object({ ...base, intoEventId: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false })
export type MergeBody = Static<typeof MergeBody>
export const DispatchBody = Type.Object({ ...base, departmentId: Type.String({ pattern: '^dep_[A-Za-z0-9_]{1,60}$' }) }, { additionalProperties: false })
export type DispatchBody = Static<typeof DispatchBody>
export const HandleBody = Type.Object({ ...base, note: Note, photos: Type.Optional(Type.Array(PhotoInput, { maxItems: 3 })) }, { additionalProperties: false })
export type HandleBody = Static<typeof HandleBody>
export const VerifyBody = Type.Object({ ...base, passed: Type.Boolean(), photos: Type.Optional(Type.Array(PhotoInput, { maxItems: 3 })) }, { additionalProperties: false })
export type VerifyBody = Static<typeof VerifyBody>
export const CloseBody = Type.Object({ ...base, closureType: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('overdue'), Type.Literal('error'), Type.Literal('special')])) }, { additionalProperties: false })
export type CloseBody = Static<typeof CloseBody>
export const ExtensionBody = Type.Object({ ...base, minutes: Type.Integer({ minimum: 10, maximum: 43_200 }), reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })
export type ExtensionBody = Static<typeof ExtensionBody>
export const DecisionBody = Type.Object({ ...base, approved: Type.Boolean() }, { additionalProperties: false })
export type DecisionBody = Static<typeof DecisionBody>

export const AttachmentParams = Type.Object({ id: Type.String({ maxLength: 60 }), attachmentId: Type.String({ maxLength: 60 }) }, { additionalProperties: false })
export type AttachmentParams = Static<typeof AttachmentParams>

export const CitizenQuery = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) }, { additionalProperties: false })
export type CitizenQuery = Static<typeof CitizenQuery>
export const CitizenFeedbackBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }), fixed: Type.Boolean(), note: Type.Optional(Note) }, { additionalProperties: false })
export type CitizenFeedbackBody = Static<typeof CitizenFeedbackBody>
export const CitizenView = Type.Object({
  id: Type.String(), categoryCode: Type.String(), categoryName: Localized, status: Status, title: Type.String(), description: Type.String(),
  address: NullableString, lon: Type.Number(), lat: Type.Number(), gridCode: NullableString, departmentName: NullableLocalized,
  reportedAt: Iso, updatedAt: Iso, closedAt: NullableIso, closureType: NullableString, mergedInto: NullableString, canReopen: Type.Boolean(),
  timeline: Type.Array(Type.Object({ action: Type.String(), status: Type.String(), at: Iso })),
})
export type CitizenView = Static<typeof CitizenView>

export const MapPoints = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), lon: Type.Number(), lat: Type.Number(), status: Type.String(), light: Type.String(), categoryCode: Type.String() })),
})
export type MapPoints = Static<typeof MapPoints>

export const SweepReply = Type.Object({
  escalated: Type.Array(Type.Object({ id: Type.String(), level: Type.Integer({ minimum: 1, maximum: 3 }), gridCode: NullableString })),
})
