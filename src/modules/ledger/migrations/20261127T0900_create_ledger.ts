import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash_alg', 'varchar(16)', (c) => c.notNull())
    .addColumn('payload_hash', 'varchar(128)', (c) => c.notNull())
    // The first 52 bits of the payload hash: a small integer index for lookups by hash, far
    // cheaper to maintain under random inserts than an index on the full hex hash.
    .addColumn('hash_prefix', 'bigint', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('org_id', 'varchar(40)')
    .addColumn('submitted_by', 'varchar(80)')
    .execute()
  await db.schema.createIndex('ledger_entry_hash_prefix').on('ledger_entry').columns(['hash_prefix']).execute()

  await db.schema
    .createTable('ledger_pending')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash_alg', 'varchar(16)', (c) => c.notNull())
    .addColumn('payload_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('org_id', 'varchar(40)')
    .addColumn('submitted_by', 'varchar(80)')
    .execute()

  await db.schema
    .createTable('ledger_node')
    .addColumn('node_key', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'varchar(128)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('ledger_tree')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('ledger_checkpoint')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('cosignatures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ledger_checkpoint', 'ledger_tree', 'ledger_node', 'ledger_pending', 'ledger_entry']) await db.schema.dropTable(t).execute()
}
