import { Migrator, type Migration, type MigrationProvider, type Kysely, type MigrationResultSet } from 'kysely'

/** A module's migrations, keyed `YYYYMMDDTHHMM_<verb>_<object>`. */
export type MigrationMap = Record<string, Migration>

const KEY = /^\d{8}T\d{4}_[a-z0-9_]+$/

/**
 * Gathers every module's migrations into one provider, keyed `<timestamp>_<module>_<name>` so the
 * global order is chronological. Throws on a badly named migration.
 */
export class ModuleMigrationProvider implements MigrationProvider {
  constructor(private readonly sources: Array<{ module: string; migrations: MigrationMap }>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {}
    for (const { module, migrations } of this.sources) {
      for (const [key, migration] of Object.entries(migrations)) {
        if (!KEY.test(key)) throw new Error(`migration ${module}/${key}: want YYYYMMDDTHHMM_<verb>_<object>`)
        const [stamp, ...rest] = key.split('_')
        out[`${stamp}_${module}_${rest.join('_')}`] = migration
      }
    }
    return out
  }
}

function createMigrator(db: Kysely<any>, sources: Array<{ module: string; migrations: MigrationMap }>): Migrator {
  return new Migrator({
    db,
    provider: new ModuleMigrationProvider(sources),
    migrationTableName: 'core_migration',
    migrationLockTableName: 'core_migration_lock',
    // Modules land at different times; a module added later may carry an older timestamp.
    allowUnorderedMigrations: true,
  })
}

/** Applies every pending migration; idempotent. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, sources: Array<{ module: string; migrations: MigrationMap }>): Promise<string[]> {
  const { error, results } = await createMigrator(db, sources).migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new Error(`migration ${failed ?? '?'} failed: ${(error as Error).message}`, { cause: error })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Names of migrations known to the code but not applied to the database. */
export async function pendingMigrations(db: Kysely<any>, sources: Array<{ module: string; migrations: MigrationMap }>): Promise<string[]> {
  const all = await createMigrator(db, sources).getMigrations()
  return all.filter((m) => !m.executedAt).map((m) => m.name)
}

export type { MigrationResultSet }
