import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('city_division')
    .addColumn('code', 'varchar(12)', (c) => c.primaryKey())
    .addColumn('parent_code', 'varchar(12)', (c) => c.references('city_division.code'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name_zh_hans', 'varchar(60)', (c) => c.notNull())
    .addColumn('name_zh_hant', 'varchar(60)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(120)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('city_division_parent').on('city_division').columns(['parent_code', 'sort']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('city_division').execute()
}
