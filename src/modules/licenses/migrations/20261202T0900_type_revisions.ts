import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app. Licence types become editable in the console: each
// type carries its revision (optimistic concurrency), and every saved revision is kept. Status lists
// gain a third signed credential, purpose `message` (2 bits: valid, suspended, revoked, replaced),
// so that an offline verifier tells a revoked licence from a replaced one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('licenses_status_list').addColumn('message', 'text').execute()
  await db.schema.alterTable('licenses_type').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  await db.schema
    .createTable('licenses_type_revision')
    .addColumn('code', 'varchar(40)', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('licenses_type_revision_pk', ['code', 'revision'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('licenses_type_revision').execute()
  await db.schema.alterTable('licenses_type').dropColumn('revision').execute()
  await db.schema.alterTable('licenses_status_list').dropColumn('message').execute()
}
