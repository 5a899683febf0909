import { createApplicationRepo } from './applications.ts'
import { createAppointmentRepo } from './appointments.ts'
import { createCatalogRepo } from './catalog.ts'

export type { ApplicationRecord, ApplicationResult, MaterialRecord, TransitionRecord, QueueFilter } from './applications.ts'
export type { AppointmentRecord, HallRecord, HallSchedule } from './appointments.ts'
export type { BundleRecord, ItemRecord, VersionRecord } from './catalog.ts'

/** Every query of the services module, by area. Methods take the db or the transaction to run on. */
export function createServicesRepo() {
  return { catalog: createCatalogRepo(), applications: createApplicationRepo(), appointments: createAppointmentRepo() }
}

export type ServicesRepo = ReturnType<typeof createServicesRepo>
