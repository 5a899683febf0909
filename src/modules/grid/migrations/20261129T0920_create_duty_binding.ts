import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app. Which identity department carries each duty
// (职责) of the event catalog (`dep_urban` …).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('grid_duty_binding')
    .addColumn('duty', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('department_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('grid_duty_binding').execute()
}
