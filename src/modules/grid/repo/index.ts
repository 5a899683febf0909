export { createGridsRepo, type GridsRepo, type Grid } from './grids.ts'
export { createEventsRepo, type EventsRepo, type GridEventRecord, type EventSource } from './events.ts'
export { createRegistryRepo, type RegistryRepo, type Address, type Building, type Facility } from './registry.ts'
export { createRegistersRepo, type RegistersRepo } from './registers.ts'
