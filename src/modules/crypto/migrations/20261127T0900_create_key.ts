import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crypto_key')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('label', 'varchar(120)', (c) => c.notNull())
    .addColumn('algorithm', 'varchar(16)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    .addColumn('owner_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(120)', (c) => c.notNull()) // system keys: owner id = label
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('usage_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_used_at', 'bigint')
    .addColumn('created_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('crypto_key_owner_label').on('crypto_key').columns(['owner_type', 'owner_id', 'label']).unique().execute()

  await db.schema
    .createTable('crypto_key_version')
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull().references('crypto_key.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('public_key', 'text')
    .addColumn('backend', 'varchar(16)', (c) => c.notNull())
    .addColumn('kek_id', 'varchar(32)')
    .addColumn('handle', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('destroyed_at', 'bigint')
    .addPrimaryKeyConstraint('crypto_key_version_pk', ['key_id', 'version'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crypto_key_version').execute()
  await db.schema.dropTable('crypto_key').execute()
}
