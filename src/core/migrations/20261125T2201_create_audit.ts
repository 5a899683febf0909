import { sql, type Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('core_audit')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('actor_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('action', 'varchar(120)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(60)')
    .addColumn('target_id', 'varchar(80)')
    .addColumn('request_id', 'varchar(80)')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('detail', 'text')
    .execute()
  await db.schema.createIndex('core_audit_at').on('core_audit').columns(['at', 'id']).execute()
  await db.schema.createIndex('core_audit_target').on('core_audit').columns(['target_type', 'target_id']).execute()
  await db.schema.createIndex('core_audit_actor').on('core_audit').columns(['actor_id', 'at']).execute()
  // Append-only: the database itself refuses to change or remove an audit row.
  const isPostgres = db.getExecutor().adapter.constructor.name.startsWith('Postgres')
  if (isPostgres) {
    await sql`create function core_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'core_audit is append-only'; end $$`.execute(db)
    await sql`create trigger core_audit_no_change before update or delete on core_audit
      for each row execute function core_audit_append_only()`.execute(db)
  } else {
    await sql`create trigger core_audit_no_update before update on core_audit
      begin select raise(abort, 'core_audit is append-only'); end`.execute(db)
    await sql`create trigger core_audit_no_delete before delete on core_audit
      begin select raise(abort, 'core_audit is append-only'); end`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('core_audit').execute()
}
