import { Type, type Static } from 'typebox'
import { DateTime, idPattern, LevelSchema, LightSchema, Nullable } from './common.ts'

const Indicators = Type.Record(Type.String({ pattern: '^[a-z]{3,20}$' }), Type.Integer({ minimum: 1, maximum: 5 }), {
  maxProperties: 8, description: 'Indicator scores 1..5. Online: overall, efficiency, guide, convenience, usability. Offline: overall, efficiency, service, attitude.',
})
const Tags = Type.Array(Type.String({ pattern: '^[a-z][a-z-]{1,30}$' }), { maxItems: 8, uniqueItems: true, description: 'Tag codes from GET /feedback/options' })
const Comment = Type.String({ maxLength: 500 })

export const RateBody = Type.Object({
  level: LevelSchema,
  indicators: Type.Optional(Indicators),
  tags: Type.Optional(Tags),
  comment: Type.Optional(Comment),
}, { additionalProperties: false })
export type RateBody = Static<typeof RateBody>

export const CodeRateBody = Type.Object({
  ...RateBody.properties,
  channel: Type.Union([Type.Literal('kiosk'), Type.Literal('sms')], { description: 'kiosk: the rating screen at a hall; sms: the link sent by message' }),
}, { additionalProperties: false })
export type CodeRateBody = Static<typeof CodeRateBody>

export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[0-9A-HJKMNP-TV-Z]{10}$', description: 'The rating code on the receipt or in the message' }) }, { additionalProperties: false })
export type CodeParams = Static<typeof CodeParams>

export const ApplicationParams = Type.Object({ id: Type.String({ pattern: idPattern('app') }) }, { additionalProperties: false })
export type ApplicationParams = Static<typeof ApplicationParams>

export const WindowServiceBody = Type.Object({
  hallId: Type.String({ minLength: 1, maxLength: 40 }),
  windowNo: Type.String({ pattern: '^[A-Za-z0-9-]{1,16}$' }),
  itemName: Type.String({ minLength: 2, maxLength: 120 }),
  itemId: Type.Optional(Type.String({ maxLength: 40 })),
  departmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Department code; default the clerk\'s unit' })),
  personName: Type.String({ minLength: 1, maxLength: 80, description: 'Real name of the person served' }),
  personId: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Their account id, when they have one (the rating then shows in their portal)' })),
}, { additionalProperties: false })
export type WindowServiceBody = Static<typeof WindowServiceBody>

export const HallRatingBody = Type.Object({
  externalId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,80}$', description: 'The hall system\'s id of the service; one rating each (a repeat answers 409)' }),
  hallId: Type.String({ minLength: 1, maxLength: 40 }),
  windowNo: Type.String({ pattern: '^[A-Za-z0-9-]{1,16}$' }),
  clerkId: Type.Optional(Type.String({ maxLength: 80 })),
  clerkName: Type.String({ minLength: 1, maxLength: 80 }),
  departmentId: Type.String({ minLength: 1, maxLength: 60 }),
  itemId: Type.Optional(Type.String({ maxLength: 40 })),
  itemName: Type.String({ minLength: 2, maxLength: 120 }),
  personName: Type.String({ minLength: 1, maxLength: 80 }),
  personId: Type.Optional(Type.String({ maxLength: 80 })),
  servedAt: DateTime,
  ...RateBody.properties,
}, { additionalProperties: false })
export type HallRatingBody = Static<typeof HallRatingBody>

export const RatingView = Type.Object({
  id: Type.String(),
  occurrenceId: Type.String(),
  kind: Type.String({ description: 'online | offline' }),
  level: LevelSchema,
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  indicators: Type.Record(Type.String(), Type.Integer()),
  tags: Type.Array(Type.String()),
  comment: Nullable(Type.String()),
  channel: Type.String({ description: 'web, kiosk, sms, device, default' }),
  isDefault: Type.Boolean(),
  raterName: Type.String(),
  ratedAt: DateTime,
  amendable: Type.Boolean({ description: 'The rater may still amend it (once, within the window)' }),
  amendedAt: Nullable(DateTime),
  previousLevel: Nullable(LevelSchema),
  excluded: Type.Boolean({ description: 'Left out of statistics after an approved appeal' }),
})
export type RatingView = Static<typeof RatingView>

export const PersonCaseView = Type.Object({
  id: Type.String(),
  status: Type.String(),
  resolution: Nullable(Type.String()),
  calledBackAt: Nullable(DateTime),
  measures: Nullable(Type.String()),
  feedback: Nullable(Type.String({ description: 'What the department tells the person about its rectification' })),
  rectifiedAt: Nullable(DateTime),
  resultLevel: Nullable(LevelSchema),
  resultAt: Nullable(DateTime),
  canRateResult: Type.Boolean(),
})
export type PersonCaseView = Static<typeof PersonCaseView>

export const OccurrenceView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'online (an application) | offline (a window service)' }),
  source: Type.String({ description: 'application, bundle, window, hall' }),
  applicationId: Nullable(Type.String()),
  applicationNumber: Nullable(Type.String()),
  itemName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  hallId: Nullable(Type.String()),
  hallName: Nullable(Type.String()),
  windowNo: Nullable(Type.String()),
  clerkName: Nullable(Type.String()),
  personName: Type.String(),
  outcome: Nullable(Type.String()),
  status: Type.String({ description: 'open (may be rated), rated, defaulted' }),
  servedAt: DateTime,
  dueAt: DateTime,
  code: Nullable(Type.String({ description: 'Rating code (kiosk, message link): only to the person and the clerk who served them' })),
  rating: Nullable(RatingView),
  case: Nullable(PersonCaseView),
})
export type OccurrenceView = Static<typeof OccurrenceView>

export const OccurrenceList = Type.Object({ items: Type.Array(OccurrenceView) })

export const CodeOccurrenceView = Type.Object({
  occurrenceId: Type.String(),
  kind: Type.String(),
  itemName: Type.String(),
  departmentName: Type.String(),
  hallName: Nullable(Type.String()),
  windowNo: Nullable(Type.String()),
  clerkName: Nullable(Type.String()),
  personName: Type.String({ description: 'Masked' }),
  servedAt: DateTime,
  dueAt: DateTime,
})

export const ApplicationFeedbackView = Type.Object({
  application: Type.Object({
    id: Type.String(),
    number: Type.String(),
    itemName: Type.String(),
    status: Type.String(),
    departmentId: Type.String(),
    departmentName: Type.String(),
    completedAt: Nullable(DateTime),
    reason: Nullable(Type.String({ description: 'Why it was refused or not accepted' })),
    remedy: Nullable(Type.String()),
  }),
  occurrence: Nullable(OccurrenceView),
})
export type ApplicationFeedbackView = Static<typeof ApplicationFeedbackView>

export const ResultBody = Type.Object({ level: LevelSchema, comment: Type.Optional(Comment) }, { additionalProperties: false })
export type ResultBody = Static<typeof ResultBody>

export { LightSchema }
