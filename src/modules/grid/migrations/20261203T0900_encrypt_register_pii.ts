import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app. Personal identifiers of the registers encrypted at
// rest: the wrapped data key (one row per purpose, so that two processes starting together keep
// one), ciphertext columns and a keyed blind index of the ID number for exact search. The clear
// columns stay (NOT NULL on both dialects, and the clear values are still needed until the module
// backfills them with the data key at start); the backfill overwrites them with masked values.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('grid_pii_key')
    .addColumn('purpose', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('key_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema.alterTable('grid_person').addColumn('id_number_enc', 'text').execute()
  await db.schema.alterTable('grid_person').addColumn('id_number_index', 'varchar(64)').execute()
  await db.schema.alterTable('grid_person').addColumn('mobile_enc', 'text').execute()
  await db.schema.alterTable('grid_unit').addColumn('contact_mobile_enc', 'text').execute()
  // Exact search goes through the blind index; the index on the clear column would only help find
  // rows not yet backfilled, and would keep clear values in its pages.
  await db.schema.dropIndex('grid_person_id_number').execute()
  await db.schema.createIndex('grid_person_id_number_index').on('grid_person').columns(['id_number_index']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('grid_person_id_number_index').execute()
  await db.schema.createIndex('grid_person_id_number').on('grid_person').columns(['id_number']).execute()
  await db.schema.alterTable('grid_unit').dropColumn('contact_mobile_enc').execute()
  await db.schema.alterTable('grid_person').dropColumn('mobile_enc').execute()
  await db.schema.alterTable('grid_person').dropColumn('id_number_index').execute()
  await db.schema.alterTable('grid_person').dropColumn('id_number_enc').execute()
  await db.schema.dropTable('grid_pii_key').execute()
}
