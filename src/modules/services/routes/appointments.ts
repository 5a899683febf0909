import type { FastifyInstance } from 'fastify'
import type { ServicesApi } from '../service/index.ts'
import { AppointmentList, AppointmentParams, AppointmentSchema, BookBody, CheckInBody, HallDayReply, HallParams, SlotsQuerystring } from '../schema/appointments.ts'
import { ctx } from './applications.ts'

const Problem = { $ref: 'Problem#' }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const tags = ['services']

/** Booking visits to service halls, and the hall's own view. */
export async function appointmentRoutes(app: FastifyInstance, api: ServicesApi): Promise<void> {
  app.post<{ Body: BookBody }>('/services/appointments', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Book a visit', description: 'Takes a place in a slot (working days, up to 14 days ahead). A full slot answers 409 SVC_SLOT_FULL. The answer carries the check-in code.', body: BookBody, response: { 201: AppointmentSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await api.appointments.book(ctx(req), req.body)))

  app.get('/services/appointments/mine', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My bookings', response: { 200: AppointmentList, 401: Problem } },
  }, async (req) => api.appointments.listMine(ctx(req)))

  app.post<{ Params: AppointmentParams }>('/services/appointments/:id/cancel', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Cancel a booking', description: 'Before the slot starts; the place is freed.', params: AppointmentParams, response: { 200: AppointmentSchema, ...errors } },
  }, async (req) => api.appointments.cancel(ctx(req), req.params.id))

  app.post<{ Body: CheckInBody }>('/services/appointments/check-in', {
    config: { permission: 'services:appointment:manage' },
    schema: { tags, summary: 'Check a visitor in', description: 'By the booking code, at the booked hall, on the booked day.', body: CheckInBody, response: { 200: AppointmentSchema, ...errors } },
  }, async (req) => api.appointments.checkIn(ctx(req), req.body.hallId, req.body.code))

  app.get<{ Params: HallParams; Querystring: SlotsQuerystring }>('/services/halls/:id/appointments', {
    config: { permission: 'services:appointment:manage' },
    schema: { tags, summary: 'A hall\'s bookings of one day', description: 'Every booking with counts of booked, checked-in, no-show (slot passed without check-in) and cancelled.', params: HallParams, querystring: SlotsQuerystring, response: { 200: HallDayReply, ...errors } },
  }, async (req) => api.appointments.hallDay(req.params.id, req.query.date))
}
