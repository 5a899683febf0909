import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app. Times are epoch ms; geometry is GeoJSON text.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('grid_grid')
    .addColumn('code', 'varchar(14)', (c) => c.primaryKey())
    .addColumn('parent_code', 'varchar(14)', (c) => c.references('grid_grid.code'))
    .addColumn('level', 'varchar(12)', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)')
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('min_lon', 'double precision', (c) => c.notNull())
    .addColumn('min_lat', 'double precision', (c) => c.notNull())
    .addColumn('max_lon', 'double precision', (c) => c.notNull())
    .addColumn('max_lat', 'double precision', (c) => c.notNull())
    .addColumn('label_lon', 'double precision', (c) => c.notNull())
    .addColumn('label_lat', 'double precision', (c) => c.notNull())
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('grid_grid_parent').on('grid_grid').columns(['parent_code', 'code']).execute()
  await db.schema.createIndex('grid_grid_level').on('grid_grid').columns(['level', 'code']).execute()

  await db.schema.createTable('grid_assignment')
    .addColumn('grid_code', 'varchar(14)', (c) => c.notNull().references('grid_grid.code'))
    .addColumn('subject_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('grid_assignment_pk', ['grid_code', 'subject_id'])
    .execute()
  await db.schema.createIndex('grid_assignment_subject').on('grid_assignment').columns(['subject_id', 'grid_code']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('grid_assignment').execute()
  await db.schema.dropTable('grid_grid').execute()
}
