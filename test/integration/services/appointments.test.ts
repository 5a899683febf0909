import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { as, buildServicesApp, eventsOf, json, type ServicesTestApp } from './helpers.ts'

const bj = (iso: string) => Date.parse(`${iso}+08:00`)

for (const dialect of DIALECTS) {
  describe(`services appointments [${dialect}]`, () => {
    let t: ServicesTestApp
    const book = (who: Parameters<typeof as>[0] | null, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/services/appointments', headers: who ? as(who) : {}, payload })
    const slots = async (hall: string, date: string) => json(await t.app.inject({ url: `/api/v1/services/halls/${hall}/slots?date=${date}` }))

    before(async () => { t = await buildServicesApp(dialect, { seed: true, now: bj('2026-11-25T10:00:00') }) })
    after(async () => { await t?.close() })

    it('halls and their slots: working days only, lunch excluded, past slots closed', async () => {
      const halls = json(await t.app.inject({ url: '/api/v1/services/halls' })).halls
      assert.equal(halls.length, 25)
      assert.deepEqual(halls.find((h: { id: string }) => h.id === 'hall-118'), { id: 'hall-118', name: '小榄镇政务服务中心', divisionCode: '442000118000', address: '中山市小榄镇政务服务中心一楼大厅', windows: 6, hours: '09:00-12:00, 13:30-17:30' })
      const day = await slots('hall-118', '2026-11-26')
      assert.equal(day.workday, true)
      assert.deepEqual(day.slots.map((s: { start: string }) => s.start), ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'])
      assert.deepEqual(day.slots[0], { start: '09:00', end: '09:30', startsAt: '2026-11-26T01:00:00.000Z', capacity: 6, booked: 0, available: 6, open: true })
      assert.deepEqual((await slots('hall-118', '2026-11-28')).slots, [], 'Saturday')
      assert.equal((await slots('hall-118', '2026-11-25')).slots[0].open, false, 'already past')
      assertProblem(await t.app.inject({ url: '/api/v1/services/halls/hall-999/slots?date=2026-11-26' }), 404, 'SVC_HALL_NOT_FOUND')
    })

    it('booking: 401, 400, closed slots 409; the last places race safely and a full slot answers 409', async () => {
      assertProblem(await book(null, { hallId: 'hall-118', date: '2026-11-26', start: '09:00' }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await book('alice', { hallId: 'hall-118', date: '2026-11-26' }), 400, 'CORE_VALIDATION')
      assertProblem(await book('alice', { hallId: 'hall-118', date: '2026-11-28', start: '09:00' }), 409, 'SVC_SLOT_UNAVAILABLE')
      assertProblem(await book('alice', { hallId: 'hall-118', date: '2026-11-25', start: '09:00' }), 409, 'SVC_SLOT_UNAVAILABLE')
      assertProblem(await book('alice', { hallId: 'hall-118', date: '2026-11-26', start: '12:00' }), 409, 'SVC_SLOT_UNAVAILABLE')
      assertProblem(await book('alice', { hallId: 'hall-118', date: '2027-01-26', start: '09:00' }), 409, 'SVC_SLOT_UNAVAILABLE')
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => book(i % 2 ? 'bob' : 'alice', { hallId: 'hall-118', date: '2026-11-26', start: '09:00' })))
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 201, 201, 201, 201, 201, 409, 409])
      assert.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'SVC_SLOT_FULL'))
      const first = (await slots('hall-118', '2026-11-26')).slots[0]
      assert.deepEqual([first.booked, first.available, first.open], [6, 0, false])
    })

    it('cancel frees the place; check-in by code on the day; no-shows are counted after the slot', async () => {
      const a = json(await book('alice', { hallId: 'hall-118', date: '2026-11-26', start: '10:00' }))
      assert.match(a.code, /^\d{8}$/)
      assert.deepEqual([a.status, a.hallName, a.startsAt], ['booked', '小榄镇政务服务中心', '2026-11-26T02:00:00.000Z'])
      const b = json(await book('alice', { hallId: 'hall-118', date: '2026-11-26', start: '10:30' }))
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/services/appointments/${b.id}/cancel`, headers: as('bob') }), 404, 'SVC_APPOINTMENT_NOT_FOUND')
      const c = json(await t.app.inject({ method: 'POST', url: `/api/v1/services/appointments/${b.id}/cancel`, headers: as('alice') }))
      assert.equal(c.status, 'cancelled')
      assert.equal((await slots('hall-118', '2026-11-26')).slots[3].booked, 0)
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/services/appointments/${b.id}/cancel`, headers: as('alice') }), 409, 'SVC_APPOINTMENT_STATE')

      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/services/appointments/check-in', headers: as('alice'), payload: { hallId: 'hall-118', code: a.code } }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/services/appointments/check-in', headers: as('hall'), payload: { hallId: 'hall-118', code: a.code } }), 404, 'SVC_CHECKIN_CODE')
      t.clock.set(bj('2026-11-26T09:50:00'))
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/services/appointments/check-in', headers: as('hall'), payload: { hallId: 'hall-city', code: a.code } }), 404, 'SVC_CHECKIN_CODE')
      const ci = json(await t.app.inject({ method: 'POST', url: '/api/v1/services/appointments/check-in', headers: as('hall'), payload: { hallId: 'hall-118', code: a.code } }))
      assert.deepEqual([ci.status, ci.checkedInAt], ['checked-in', '2026-11-26T01:50:00.000Z'])
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/services/appointments/check-in', headers: as('hall'), payload: { hallId: 'hall-118', code: a.code } }), 409, 'SVC_APPOINTMENT_STATE')

      t.clock.set(bj('2026-11-26T18:00:00'))
      const day = json(await t.app.inject({ url: '/api/v1/services/halls/hall-118/appointments?date=2026-11-26', headers: as('hall') }))
      assert.deepEqual(day.counts, { booked: 0, checkedIn: 1, noShow: 6, cancelled: 1 })
      assertProblem(await t.app.inject({ url: '/api/v1/services/halls/hall-118/appointments?date=2026-11-26', headers: as('alice') }), 403, 'CORE_FORBIDDEN')
      const mine = json(await t.app.inject({ url: '/api/v1/services/appointments/mine', headers: as('alice') }))
      assert.ok(mine.items.some((x: { id: string; status: string }) => x.id === a.id && x.status === 'checked-in'))
      assert.deepEqual(await eventsOf(t.app, a.id), ['services.appointment.booked', 'services.appointment.checked-in'])
      assert.deepEqual(await eventsOf(t.app, b.id), ['services.appointment.booked', 'services.appointment.cancelled'])
    })
  })
}
