import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('core_event')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('aggregate_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'varchar(80)')
    .addColumn('actor_id', 'varchar(80)')
    .execute()
  await db.schema
    .createTable('core_event_delivery')
    .addColumn('event_id', 'varchar(40)', (c) => c.notNull().references('core_event.id'))
    .addColumn('subscriber', 'varchar(120)', (c) => c.notNull())
    .addColumn('aggregate_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'bigint')
    .addPrimaryKeyConstraint('core_event_delivery_pk', ['event_id', 'subscriber'])
    .execute()
  await db.schema.createIndex('core_event_delivery_due').on('core_event_delivery').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('core_event_delivery_order').on('core_event_delivery').columns(['subscriber', 'aggregate_id', 'status', 'event_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('core_event_delivery').execute()
  await db.schema.dropTable('core_event').execute()
}
