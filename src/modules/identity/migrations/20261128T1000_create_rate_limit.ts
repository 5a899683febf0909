import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app. One row per (bucket, one-minute window): the
// login rate limit counts here so that every process of a deployment shares the count.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('identity_rate_limit')
    .addColumn('bucket', 'varchar(200)', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_rate_limit_pk', ['bucket', 'window_start'])
    .execute()
  await db.schema.createIndex('identity_rate_limit_window').on('identity_rate_limit').column('window_start').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('identity_rate_limit').execute()
}
