/** Events the services module emits (payloads: `ApplicationEventPayload`, `ItemEventPayload`, …). */
export const SERVICES_EVENTS = {
  'services.item.published': 'A version of a service item was published (the search index is rebuilt for it)',
  'services.item.retired': 'A service item was taken offline',
  'services.application.submitted': 'An applicant submitted an application; its promised time starts',
  'services.application.resubmitted': 'An applicant sent the corrections asked for (补正); the clock runs again',
  'services.application.withdrawn': 'An applicant withdrew an application',
  'services.application.accepted': 'An application was accepted (受理)',
  'services.application.rejected': 'An application was not accepted (不予受理); a negative reply was recorded',
  'services.application.correction-requested': 'Corrections were requested (补正); the clock pauses',
  'services.application.step-advanced': 'An approval step was completed and the next one began',
  'services.application.returned': 'An application was returned to an earlier step',
  'services.application.transferred': 'An application was handed to another officer',
  'services.application.approved': 'The last approval step approved the application',
  'services.application.refused': 'The application was refused with reason and remedy; a negative reply was recorded',
  'services.application.completed': 'The application is done (办结): approved, refused or not accepted',
  'services.bundle.submitted': 'A 一件事 bundle application was submitted and fanned out to its items',
  'services.bundle.completed': 'Every item of a 一件事 bundle application is done',
  'services.appointment.booked': 'A visit to a service hall was booked',
  'services.appointment.cancelled': 'A booked visit was cancelled',
  'services.appointment.checked-in': 'A visitor checked in at the hall with the booking code',
} as const

export type ServicesEvent = keyof typeof SERVICES_EVENTS

/** Payload of every `services.application.*` event. */
export interface ApplicationEventPayload {
  applicationId: string
  number: string
  itemId: string | null
  itemName: string
  applicantId: string
  departmentId: string
  status: string
  stepIndex: number
  bundleId: string | null
  reason?: string
}

export interface ItemEventPayload { itemId: string; version: number; implementationCode: string; name: string }

export interface AppointmentEventPayload { appointmentId: string; hallId: string; applicantId: string; startsAt: number }
