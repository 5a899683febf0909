import { join } from 'node:path'
import { defineModule } from '../../core/module.ts'
import { loadLedgerOptions, resolveLedgerOptions, type LedgerOptions } from './config.ts'
import type { CryptoApi } from './crypto-port.ts'
import { LEDGER_EVENTS } from './events.ts'
import { LEDGER_PERMISSIONS } from './permissions.ts'
import { ledgerRootRoutes, ledgerRoutes } from './routes.ts'
import { createLedgerService, type LedgerService } from './service.ts'
import { createEvidenceObjects } from './objects.ts'
import * as createLedger from './migrations/20261127T0900_create_ledger.ts'
import * as indexEvidenceHash from './migrations/20261127T0930_index_evidence_hash.ts'

export type { LedgerService, LedgerService as LedgerApi, LogInfo, BatchResult } from './service.ts'
export type { Receipt, ReceiptVerdict } from './receipt.ts'
export type { Evidence, EvidenceInput } from './evidence.ts'
export type { AuditReport, AuditProblem } from './audit.ts'
export type { LedgerOptions, WitnessConfig } from './config.ts'
export type { LedgerEventPayloads } from './events.ts'

/**
 * Builds the ledger module with explicit options (tests, tools); the default export reads
 * them from the environment (`LEDGER_*`, see config.ts).
 */
export function createLedgerModule(options?: Partial<LedgerOptions>) {
  return defineModule<LedgerService>({
    name: 'ledger',
    description: 'Government evidence ledger (政务区块链/司法存证): Merkle log, signed and witnessed checkpoints, receipts',
    dependsOn: ['crypto'],
    permissions: LEDGER_PERMISSIONS,
    events: LEDGER_EVENTS,
    migrations: { '20261127T0900_create_ledger': createLedger, '20261127T0930_index_evidence_hash': indexEvidenceHash },
    setup: (ctx) => createLedgerService({
      db: ctx.db, log: ctx.log, clock: ctx.clock, ids: ctx.ids, events: ctx.events, audit: ctx.audit,
      crypto: ctx.deps.crypto as CryptoApi,
      options: options ? resolveLedgerOptions(options) : loadLedgerOptions(ctx.config.settings),
      objects: createEvidenceObjects(join(ctx.config.dataDir, 'objects', 'ledger')),
    }),
    routes: (app, ledger) => ledgerRoutes(app, ledger),
    rootRoutes: (app, ledger) => ledgerRootRoutes(app, ledger),
    stop: (ledger) => ledger.stop(),
  })
}

export default createLedgerModule()
