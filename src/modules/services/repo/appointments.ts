import type { Kysely, Selectable } from 'kysely'
import { fromJson, toJson } from '../../../core/db/dialect.ts'
import type { ServicesAppointmentTable, ServicesHallTable, ServicesTables } from '../tables.ts'

/** Opening hours of a hall: slots of `slotMinutes` between `open` and `close`, minus the lunch break. */
export interface HallSchedule { open: string; close: string; lunch?: [string, string]; slotMinutes: number; perWindow: number }

export interface HallRecord { id: string; name: string; divisionCode: string; address: string; schedule: HallSchedule; windows: number }

export interface AppointmentRecord {
  id: string
  slotId: string
  hallId: string
  applicantId: string
  applicantName: string
  itemId: string | null
  itemName: string | null
  code: string
  status: 'booked' | 'cancelled' | 'checked-in' | 'no-show'
  startsAt: number
  endsAt: number
  createdAt: number
  cancelledAt: number | null
  checkedInAt: number | null
}

const toHall = (r: Selectable<ServicesHallTable>): HallRecord => ({
  id: r.id, name: r.name, divisionCode: r.division_code, address: r.address, schedule: fromJson<HallSchedule>(r.schedule), windows: Number(r.windows),
})

const toAppointment = (r: Selectable<ServicesAppointmentTable>): AppointmentRecord => ({
  id: r.id, slotId: r.slot_id, hallId: r.hall_id, applicantId: r.applicant_id, applicantName: r.applicant_name, itemId: r.item_id, itemName: r.item_name,
  code: r.code, status: r.status as AppointmentRecord['status'], startsAt: Number(r.starts_at), endsAt: Number(r.ends_at), createdAt: Number(r.created_at),
  cancelledAt: r.cancelled_at === null ? null : Number(r.cancelled_at), checkedInAt: r.checked_in_at === null ? null : Number(r.checked_in_at),
})

/** Queries of halls, slots and appointments. */
export function createAppointmentRepo() {
  const t = (db: Kysely<any>) => db as Kysely<ServicesTables>
  return {
    async insertHalls(db: Kysely<any>, halls: HallRecord[], now: number): Promise<void> {
      if (!halls.length) return
      await t(db).insertInto('services_hall').values(halls.map((h) => ({
        id: h.id, name: h.name, division_code: h.divisionCode, address: h.address, schedule: toJson(h.schedule), windows: h.windows, created_at: now,
      }))).onConflict((oc) => oc.column('id').doNothing()).execute()
    },
    async listHalls(db: Kysely<any>): Promise<HallRecord[]> {
      return (await t(db).selectFrom('services_hall').selectAll().orderBy('division_code').orderBy('id').execute()).map(toHall)
    },
    async getHall(db: Kysely<any>, id: string): Promise<HallRecord | undefined> {
      const r = await t(db).selectFrom('services_hall').selectAll().where('id', '=', id).executeTakeFirst()
      return r && toHall(r)
    },
    /** Booked counts of the hall's slots starting in [from, to). */
    async bookedCounts(db: Kysely<any>, hallId: string, from: number, to: number): Promise<Map<number, number>> {
      const rows = await t(db).selectFrom('services_slot').select(['starts_at', 'booked']).where('hall_id', '=', hallId)
        .where('starts_at', '>=', from).where('starts_at', '<', to).execute()
      return new Map(rows.map((r) => [Number(r.starts_at), Number(r.booked)]))
    },
    /**
     * Takes one place in a slot, creating the slot row on first booking. False when the slot is full:
     * the conditional update makes two last-place bookings race safely (one wins).
     */
    async takePlace(db: Kysely<any>, slot: { id: string; hallId: string; startsAt: number; endsAt: number; capacity: number }): Promise<boolean> {
      await t(db).insertInto('services_slot').values({ id: slot.id, hall_id: slot.hallId, starts_at: slot.startsAt, ends_at: slot.endsAt, capacity: slot.capacity, booked: 0 })
        .onConflict((oc) => oc.column('id').doNothing()).execute()
      const r = await t(db).updateTable('services_slot').set((eb) => ({ booked: eb('booked', '+', 1) }))
        .where('id', '=', slot.id).where((eb) => eb('booked', '<', eb.ref('capacity'))).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async releasePlace(db: Kysely<any>, slotId: string): Promise<void> {
      await t(db).updateTable('services_slot').set((eb) => ({ booked: eb('booked', '-', 1) })).where('id', '=', slotId).where('booked', '>', 0).execute()
    },
    async insertAppointment(db: Kysely<any>, a: AppointmentRecord): Promise<void> {
      await t(db).insertInto('services_appointment').values({
        id: a.id, slot_id: a.slotId, hall_id: a.hallId, applicant_id: a.applicantId, applicant_name: a.applicantName, item_id: a.itemId, item_name: a.itemName,
        code: a.code, status: a.status, starts_at: a.startsAt, ends_at: a.endsAt, created_at: a.createdAt, cancelled_at: a.cancelledAt, checked_in_at: a.checkedInAt,
      }).execute()
    },
    async getAppointment(db: Kysely<any>, id: string): Promise<AppointmentRecord | undefined> {
      const r = await t(db).selectFrom('services_appointment').selectAll().where('id', '=', id).executeTakeFirst()
      return r && toAppointment(r)
    },
    async getByCode(db: Kysely<any>, code: string): Promise<AppointmentRecord | undefined> {
      const r = await t(db).selectFrom('services_appointment').selectAll().where('code', '=', code).executeTakeFirst()
      return r && toAppointment(r)
    },
    /** Sets a new status if the appointment is still in `from`; false when it changed meanwhile. */
    async setStatus(db: Kysely<any>, id: string, from: string, patch: Partial<ServicesAppointmentTable>): Promise<boolean> {
      const r = await t(db).updateTable('services_appointment').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async listByApplicant(db: Kysely<any>, applicantId: string): Promise<AppointmentRecord[]> {
      return (await t(db).selectFrom('services_appointment').selectAll().where('applicant_id', '=', applicantId).orderBy('starts_at', 'desc').limit(100).execute()).map(toAppointment)
    },
    async listByHall(db: Kysely<any>, hallId: string, from: number, to: number): Promise<AppointmentRecord[]> {
      return (await t(db).selectFrom('services_appointment').selectAll().where('hall_id', '=', hallId).where('starts_at', '>=', from).where('starts_at', '<', to)
        .orderBy('starts_at').orderBy('id').execute()).map(toAppointment)
    },
    /** Marks booked appointments that ended before `now` as no-shows; returns how many. */
    async markNoShows(db: Kysely<any>, now: number): Promise<number> {
      const r = await t(db).updateTable('services_appointment').set({ status: 'no-show' }).where('status', '=', 'booked').where('ends_at', '<', now).executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
  }
}

export type AppointmentRepo = ReturnType<typeof createAppointmentRepo>
