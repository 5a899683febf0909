import { defineModule } from '../../core/module.ts'
import type { CryptoService } from '../crypto/index.ts'
import type { IdentityService } from '../identity/index.ts'
import type { LedgerService } from '../ledger/index.ts'
import type { ApplicationEventPayload, ServicesApi } from '../services/index.ts'
import { ISSUERS } from './data/issuers.ts'
import { DEMO_LICENCES } from './data/demo.ts'
import { LICENSE_TYPES } from './data/types.ts'
import { closeRendererIfLoaded, downloadLicence } from './download.ts'
import { LICENSES_EVENTS } from './events.ts'
import { LICENSES_PERMISSIONS } from './permissions.ts'
import { createLicensesRepo } from './repo.ts'
import { licensesRoutes } from './routes.ts'
import { createLicensesService, type LicensesApi } from './service/index.ts'
import { seedLicences } from './service/seed.ts'
import { MIN_STATUS_LIST_ENTRIES } from '../../lib/status-list/index.ts'
import * as createLicenses from './migrations/20261201T0900_create_licenses.ts'
import * as typeRevisions from './migrations/20261202T0900_type_revisions.ts'

export type { LicensesApi }
export type { LentLicence, LicenseSummary, ConsentView, GrantConsentInput } from './service/index.ts'
export type { LicenseTypeDefinition, NativeLicence, LicenceContent, LicenseStatus } from './types.ts'
export type { Verdict, Check } from './verify.ts'
export type { LicensesEventPayloads } from './events.ts'

export interface LicensesModuleOptions {
  /** Entries per status list (default and minimum 131,072). */
  statusListSize?: number
  /** Start the background workers (status-list publication, issuance on approval); default true. */
  background?: boolean
}

/**
 * Builds the licences module (电子证照): types, issuance (on approval, by staff, by import), signed
 * and anchored licences, status lists, wallet, consent-based reuse (免提交), verification, statistics.
 */
export function createLicensesModule(opts: LicensesModuleOptions = {}) {
  return defineModule<LicensesApi>({
    name: 'licenses',
    description: 'Electronic licences (电子证照): types, issuance, SM2-signed and ledger-anchored licences, status lists, wallet, consent-based reuse (免提交), verification',
    dependsOn: ['crypto', 'ledger', 'identity', 'services'],
    permissions: LICENSES_PERMISSIONS,
    events: LICENSES_EVENTS,
    migrations: { '20261201T0900_create_licenses': createLicenses, '20261202T0900_type_revisions': typeRevisions },
    setup: (ctx) => {
      const api = createLicensesService({
        db: ctx.db, repo: createLicensesRepo(), clock: ctx.clock, ids: ctx.ids, events: ctx.events, audit: ctx.audit, log: ctx.log,
        crypto: ctx.deps.crypto as CryptoService, ledger: ctx.deps.ledger as LedgerService,
        identity: ctx.deps.identity as IdentityService | undefined, services: ctx.deps.services as ServicesApi | undefined,
        statusListSize: Math.max(opts.statusListSize ?? MIN_STATUS_LIST_ENTRIES, MIN_STATUS_LIST_ENTRIES),
        publicUrl: (ctx.config.settings?.PUBLIC_URL ?? '').replace(/\/$/, ''),
      })
      // Services shows a clerk the licences lent to an application (免提交) through this provider.
      ;(ctx.deps.services as ServicesApi | undefined)?.useLicenceProvider({
        forApplication: (principal, applicationId) => api.consentedForApplication(principal, applicationId),
        checkConsent: (c, consentId, applicationId) => api.checkOwnConsent(c, consentId, applicationId),
      })
      return api
    },
    routes: (app, api) => {
      // Background work starts once the server is ready (migrations applied).
      if (opts.background !== false) app.addHook('onReady', async () => api.start())
      return licensesRoutes(app, api, { download: downloadLicence })
    },
    subscribers: (api) => [{
      name: 'licenses.issue-on-approval',
      pattern: 'services.application.approved',
      handler: (event, { trx }) => api.onApproval.onApproved(event.payload as ApplicationEventPayload, trx),
    }],
    seedDemo: async (api, ctx) => {
      const started = performance.now()
      const r = await seedLicences(api, api.deps, { types: LICENSE_TYPES, issuers: ISSUERS, licences: DEMO_LICENCES })
      ctx.log.info({ ...r, ms: Math.round(performance.now() - started) }, 'demo licence types and licences; officers scj.licence, gaj.licence (password Staff@Zhongshan2026, no second factor)')
    },
    stop: async (api) => {
      await api.stop()
      await closeRendererIfLoaded()
    },
  })
}

export default createLicensesModule()
