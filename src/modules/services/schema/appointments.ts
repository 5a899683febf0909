import { Type, type Static } from 'typebox'

const DateTime = Type.String({ format: 'date-time' })
const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const HallSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  divisionCode: Type.String(),
  address: Type.String(),
  windows: Type.Integer(),
  hours: Type.String({ description: 'Opening hours, e.g. 09:00-12:00, 13:30-17:30' }),
})
export const HallsReply = Type.Object({ halls: Type.Array(HallSchema) })

export const HallParams = Type.Object({ id: Type.String({ pattern: '^hall-[a-z0-9-]{1,30}$' }) }, { additionalProperties: false })
export type HallParams = Static<typeof HallParams>
export const SlotsQuerystring = Type.Object({ date: CivilDate }, { additionalProperties: false })
export type SlotsQuerystring = Static<typeof SlotsQuerystring>

export const SlotSchema = Type.Object({
  start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  end: Type.String(),
  startsAt: DateTime,
  capacity: Type.Integer(),
  booked: Type.Integer(),
  available: Type.Integer(),
  open: Type.Boolean({ description: 'Bookable now (in the future and not full)' }),
})
export const SlotsReply = Type.Object({ hallId: Type.String(), date: Type.String(), workday: Type.Boolean(), slots: Type.Array(SlotSchema) })

export const BookBody = Type.Object({
  hallId: Type.String({ pattern: '^hall-[a-z0-9-]{1,30}$' }),
  date: CivilDate,
  start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  itemId: Type.Optional(Type.String({ pattern: '^itm_[0-9A-HJKMNP-TV-Z]{26}$' })),
}, { additionalProperties: false })
export type BookBody = Static<typeof BookBody>

export const AppointmentSchema = Type.Object({
  id: Type.String(),
  hallId: Type.String(),
  hallName: Type.String(),
  applicantName: Type.String(),
  itemId: Type.Union([Type.String(), Type.Null()]),
  itemName: Type.Union([Type.String(), Type.Null()]),
  code: Type.String({ description: 'Check-in code to show at the hall' }),
  status: Type.Enum(['booked', 'cancelled', 'checked-in', 'no-show'] as const),
  startsAt: DateTime,
  endsAt: DateTime,
  checkedInAt: Type.Union([DateTime, Type.Null()]),
})
export const AppointmentList = Type.Object({ items: Type.Array(AppointmentSchema) })

export const AppointmentParams = Type.Object({ id: Type.String({ pattern: '^apt_[0-9A-HJKMNP-TV-Z]{26}$' }) }, { additionalProperties: false })
export type AppointmentParams = Static<typeof AppointmentParams>

export const CheckInBody = Type.Object({ hallId: Type.String({ pattern: '^hall-[a-z0-9-]{1,30}$' }), code: Type.String({ pattern: '^\\d{8}$' }) }, { additionalProperties: false })
export type CheckInBody = Static<typeof CheckInBody>

export const HallDayReply = Type.Object({
  hallId: Type.String(),
  date: Type.String(),
  counts: Type.Object({ booked: Type.Integer(), checkedIn: Type.Integer(), noShow: Type.Integer(), cancelled: Type.Integer() }),
  items: Type.Array(AppointmentSchema),
})
