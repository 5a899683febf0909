import type { MigrationMap } from '../db/migrator.ts'
import * as createOutbox from './20261125T2200_create_outbox.ts'
import * as createAudit from './20261125T2201_create_audit.ts'

/** The kernel's own tables: the outbox and the audit log. */
export const coreMigrations: MigrationMap = {
  '20261125T2200_create_outbox': createOutbox,
  '20261125T2201_create_audit': createAudit,
}
