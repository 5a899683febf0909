/**
 * Appointments (预约) at service halls: slots computed from each hall's hours on working days,
 * capacity enforced by a conditional update (two bookings of the last place: one wins), cancel,
 * check-in with the booking code at the hall, and no-shows counted once a slot has passed.
 */
import { randomInt } from 'node:crypto'
import { withTransaction } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { addCalendarDays, chinaDate, isWorkday, startOfChinaDay } from '../../../lib/working-days.ts'
import { ServicesError } from '../errors.ts'
import type { AppointmentRecord, HallRecord, HallSchedule } from '../repo/index.ts'
import type { BookBody } from '../schema/appointments.ts'
import { iso, type CallContext, type ServicesDeps } from './context.ts'

const MINUTE = 60_000
/** How far ahead visits can be booked, in calendar days. */
export const BOOKING_HORIZON_DAYS = 14

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** Slot start minutes of a day with `schedule` (lunch excluded). Pure. */
export function slotStarts(s: HallSchedule): number[] {
  const out: number[] = []
  const [lunchFrom, lunchTo] = s.lunch ? [toMinutes(s.lunch[0]), toMinutes(s.lunch[1])] : [Infinity, Infinity]
  for (let m = toMinutes(s.open); m + s.slotMinutes <= toMinutes(s.close); m += s.slotMinutes) {
    if (m + s.slotMinutes > lunchFrom && m < lunchTo) continue
    out.push(m)
  }
  return out
}

export const hoursText = (s: HallSchedule) => (s.lunch ? `${s.open}-${s.lunch[0]}, ${s.lunch[1]}-${s.close}` : `${s.open}-${s.close}`)

export function createAppointmentService(deps: ServicesDeps) {
  const { db, repo, clock, ids, audit, events, search } = deps

  async function hallOrThrow(id: string): Promise<HallRecord> {
    const h = await repo.appointments.getHall(db, id)
    if (!h) throw new ServicesError.HALL_NOT_FOUND(id)
    return h
  }

  function view(a: AppointmentRecord, halls: Map<string, HallRecord>) {
    return {
      id: a.id, hallId: a.hallId, hallName: halls.get(a.hallId)?.name ?? a.hallId, applicantName: a.applicantName, itemId: a.itemId, itemName: a.itemName,
      code: a.code, status: a.status, startsAt: iso(a.startsAt)!, endsAt: iso(a.endsAt)!, checkedInAt: iso(a.checkedInAt),
    }
  }

  const hallMap = async () => new Map((await repo.appointments.listHalls(db)).map((h) => [h.id, h]))

  const service = {
    async listHalls() {
      const halls = await repo.appointments.listHalls(db)
      return { halls: halls.map((h) => ({ id: h.id, name: h.name, divisionCode: h.divisionCode, address: h.address, windows: h.windows, hours: hoursText(h.schedule) })) }
    },

    /** The hall's slots on `date` with places left; none on days off. */
    async slots(hallId: string, date: string) {
      const hall = await hallOrThrow(hallId)
      const workday = isWorkday(date)
      const dayStart = startOfChinaDay(date)
      const booked = workday ? await repo.appointments.bookedCounts(db, hallId, dayStart, dayStart + 86_400_000) : new Map<number, number>()
      const now = clock.now()
      const horizon = startOfChinaDay(addCalendarDays(chinaDate(now), BOOKING_HORIZON_DAYS + 1))
      const capacity = hall.windows * hall.schedule.perWindow
      const slots = workday ? slotStarts(hall.schedule).map((m) => {
        const startsAt = dayStart + m * MINUTE
        const n = booked.get(startsAt) ?? 0
        return { start: toHhmm(m), end: toHhmm(m + hall.schedule.slotMinutes), startsAt: iso(startsAt)!, capacity, booked: n, available: Math.max(0, capacity - n), open: startsAt > now && startsAt < horizon && n < capacity }
      }) : []
      return { hallId, date, workday, slots }
    },

    /** Books a place; 409 when the slot is not open (past, day off, too far ahead) or full. */
    async book(c: CallContext, body: BookBody) {
      const hall = await hallOrThrow(body.hallId)
      const m = toMinutes(body.start)
      const slotId = `${hall.id}:${body.date}:${body.start.replace(':', '')}`
      const startsAt = startOfChinaDay(body.date) + m * MINUTE
      const now = clock.now()
      const horizon = startOfChinaDay(addCalendarDays(chinaDate(now), BOOKING_HORIZON_DAYS + 1))
      if (!isWorkday(body.date) || !slotStarts(hall.schedule).includes(m) || startsAt <= now || startsAt >= horizon) throw new ServicesError.SLOT_UNAVAILABLE(`${body.date} ${body.start}`)
      const item = body.itemId ? search.get(body.itemId) : undefined
      if (body.itemId && !item) throw new ServicesError.ITEM_NOT_FOUND(body.itemId)
      const endsAt = startsAt + hall.schedule.slotMinutes * MINUTE
      for (let attempt = 0; ; attempt++) {
        const a: AppointmentRecord = {
          id: ids.next('apt'), slotId, hallId: hall.id, applicantId: c.principal.id, applicantName: c.principal.name, itemId: body.itemId ?? null,
          itemName: item?.data.name ?? null, code: String(randomInt(10_000_000, 100_000_000)), status: 'booked', startsAt, endsAt, createdAt: now, cancelledAt: null, checkedInAt: null,
        }
        try {
          await withTransaction(db, async (trx) => {
            if (!(await repo.appointments.takePlace(trx, { id: slotId, hallId: hall.id, startsAt, endsAt, capacity: hall.windows * hall.schedule.perWindow }))) {
              throw new ServicesError.SLOT_FULL(`${body.date} ${body.start}`)
            }
            await repo.appointments.insertAppointment(trx, a)
            await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.appointment.booked', targetType: 'services_appointment', targetId: a.id, requestId: c.requestId, detail: { slotId } })
            await events.publish(trx, 'services.appointment.booked', a.id, { appointmentId: a.id, hallId: hall.id, applicantId: a.applicantId, startsAt }, { requestId: c.requestId, actorId: c.principal.id })
          })
          return view(a, new Map([[hall.id, hall]]))
        } catch (err) {
          if (attempt < 3 && isUniqueViolation(err)) continue // the random check-in code was taken: draw another
          throw err
        }
      }
    },

    async cancel(c: CallContext, id: string) {
      await withTransaction(db, async (trx) => {
        const a = await repo.appointments.getAppointment(trx, id)
        if (!a || a.applicantId !== c.principal.id) throw new ServicesError.APPOINTMENT_NOT_FOUND(id)
        if (a.status !== 'booked' || a.startsAt <= clock.now()) throw new ServicesError.APPOINTMENT_STATE(a.status)
        if (!(await repo.appointments.setStatus(trx, id, 'booked', { status: 'cancelled', cancelled_at: clock.now() }))) throw new ServicesError.APPOINTMENT_STATE('changed')
        await repo.appointments.releasePlace(trx, a.slotId)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.appointment.cancelled', targetType: 'services_appointment', targetId: id, requestId: c.requestId })
        await events.publish(trx, 'services.appointment.cancelled', id, { appointmentId: id, hallId: a.hallId, applicantId: a.applicantId, startsAt: a.startsAt }, { requestId: c.requestId, actorId: c.principal.id })
      })
      const a = (await repo.appointments.getAppointment(db, id))!
      return view(a, await hallMap())
    },

    /** Checks a visitor in by code, at the hall and on the day of the booking. */
    async checkIn(c: CallContext, hallId: string, code: string) {
      const now = clock.now()
      const a = await repo.appointments.getByCode(db, code)
      if (!a || a.hallId !== hallId || chinaDate(a.startsAt) !== chinaDate(now)) throw new ServicesError.CHECKIN_CODE()
      await withTransaction(db, async (trx) => {
        if (!(await repo.appointments.setStatus(trx, a.id, 'booked', { status: 'checked-in', checked_in_at: now }))) throw new ServicesError.APPOINTMENT_STATE(a.status)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.appointment.checked-in', targetType: 'services_appointment', targetId: a.id, requestId: c.requestId })
        await events.publish(trx, 'services.appointment.checked-in', a.id, { appointmentId: a.id, hallId, applicantId: a.applicantId, startsAt: a.startsAt }, { requestId: c.requestId, actorId: c.principal.id })
      })
      return view((await repo.appointments.getAppointment(db, a.id))!, await hallMap())
    },

    async listMine(c: CallContext) {
      await repo.appointments.markNoShows(db, clock.now())
      const halls = await hallMap()
      return { items: (await repo.appointments.listByApplicant(db, c.principal.id)).map((a) => view(a, halls)) }
    },

    /** One hall's day: every booking and the counts, no-shows marked first. */
    async hallDay(hallId: string, date: string) {
      await hallOrThrow(hallId)
      await repo.appointments.markNoShows(db, clock.now())
      const from = startOfChinaDay(date)
      const list = await repo.appointments.listByHall(db, hallId, from, from + 86_400_000)
      const halls = await hallMap()
      const count = (s: string) => list.filter((a) => a.status === s).length
      return { hallId, date, counts: { booked: count('booked'), checkedIn: count('checked-in'), noShow: count('no-show'), cancelled: count('cancelled') }, items: list.map((a) => view(a, halls)) }
    },
  }
  return service
}

export type AppointmentService = ReturnType<typeof createAppointmentService>
