import type { Clock } from '../../../lib/time.ts'
import type { TownRef } from '../data/departments.ts'
import { THEMES } from '../data/themes.ts'
import { createActionService } from './actions.ts'
import { createApplicationService } from './applications.ts'
import { createAppointmentService } from './appointments.ts'
import { createCatalogService } from './catalog.ts'
import type { ServicesDeps } from './context.ts'
import { createEngine } from './engine.ts'
import { createSeeder } from './seed.ts'

export type { ServicesDeps, CallContext } from './context.ts'
import type { CallContext } from './context.ts'
import type { ApplicationView } from '../schema/applications.ts'
export { createSearchEngine, type SearchEngine } from './search.ts'

/** The module's services on one set of ports (the seed builds a second set on its own clock). */
export function buildCore(deps: ServicesDeps) {
  const engine = createEngine(deps)
  const catalog = createCatalogService(deps)
  const applications = createApplicationService(deps, engine)
  const actions = createActionService(deps, engine, applications)
  const appointments = createAppointmentService(deps)
  return { engine, catalog, applications, actions, appointments }
}

export type Core = ReturnType<typeof buildCore>

/** The services module API (what routes call and what other modules get through `ctx.deps.services`). */
export function createServicesApi(deps: ServicesDeps) {
  const core = buildCore(deps)
  const seeder = createSeeder(deps, (clock: Clock) => buildCore({ ...deps, clock }), () => core.catalog.ensureIndex(true))
  const { search } = deps
  let licences: LicenceProvider | undefined
  return {
    ...core,
    search,
    /** Searching needs the index: loads it on first use. */
    async ready(): Promise<void> {
      await core.catalog.followChanges()
    },
    themes() {
      const counts = search.themeCounts()
      return {
        themes: THEMES.map((t) => ({
          code: t.code, audience: t.code.startsWith('person.') ? 'person' as const : 'legal' as const, icon: t.icon,
          name: { 'zh-CN': t.zh, 'zh-TW': t.tw, 'en-US': t.en }, count: counts.get(t.code) ?? 0,
        })),
      }
    },
    async bundles() {
      const list = await deps.repo.catalog.listBundles(deps.db)
      return {
        bundles: list.map((b) => ({
          code: b.code, name: b.name, description: b.description, mode: b.mode, themes: b.themes,
          items: b.itemIds.map((id) => ({ id, name: search.get(id)?.data.name ?? id })),
        })),
      }
    },
    seedDemo: (towns: readonly TownRef[]) => seeder.seedDemo(towns),
    /** Called by the licenses module at its setup: reads e-licences lent by consent to applications (免提交). */
    useLicenceProvider(provider: LicenceProvider): void { licences = provider },
    licenceProvider: (): LicenceProvider | undefined => licences,
  }
}

/** What the licenses module offers services (registered at its setup; services does not depend on it). */
export interface LicenceProvider {
  /** Licences lent to `applicationId` that `principal`'s department may read: disclosed fields only; each read is logged. */
  forApplication(principal: CallContext['principal'], applicationId: string): Promise<NonNullable<ApplicationView['lentLicences']>>
  /** Throws (404/410) unless `consentId` is the caller's active consent for `applicationId`. */
  checkConsent(c: CallContext, consentId: string, applicationId: string): Promise<void>
}

export type ServicesApi = ReturnType<typeof createServicesApi>
