import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crypto_certificate')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('serial_number', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull().references('crypto_key.id'))
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .addColumn('issuer_id', 'varchar(40)', (c) => c.references('crypto_certificate.id'))
    .addColumn('subject', 'varchar(400)', (c) => c.notNull())
    .addColumn('not_before', 'bigint', (c) => c.notNull())
    .addColumn('not_after', 'bigint', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revocation_reason', 'varchar(32)')
    .addColumn('created_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('crypto_certificate_key').on('crypto_certificate').columns(['key_id']).execute()
  await db.schema.createIndex('crypto_certificate_issuer_revoked').on('crypto_certificate').columns(['issuer_id', 'revoked_at']).execute()

  await db.schema
    .createTable('crypto_ca')
    .addColumn('role', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('certificate_id', 'varchar(40)', (c) => c.notNull().references('crypto_certificate.id'))
    .execute()

  await db.schema
    .createTable('crypto_crl')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('issuer_id', 'varchar(40)', (c) => c.notNull().references('crypto_certificate.id'))
    .addColumn('this_update', 'bigint', (c) => c.notNull())
    .addColumn('next_update', 'bigint', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crypto_crl').execute()
  await db.schema.dropTable('crypto_ca').execute()
  await db.schema.dropTable('crypto_certificate').execute()
}
