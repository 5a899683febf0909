import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app. How far up the grid hierarchy an overdue case has
// been escalated in its current stage (0 none, 1 community, 2 town, 3 city), to which grid, when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('grid_event').addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('grid_event').addColumn('escalated_to', 'varchar(14)').execute()
  await db.schema.alterTable('grid_event').addColumn('escalated_at', 'bigint').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('grid_event').dropColumn('escalated_at').execute()
  await db.schema.alterTable('grid_event').dropColumn('escalated_to').execute()
  await db.schema.alterTable('grid_event').dropColumn('escalation_level').execute()
}
