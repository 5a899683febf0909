import { sql, type Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
// Only evidence is ever looked up by payload hash (GET /ledger/evidence?hash=); module anchors
// (licences, seals, audit batches) are found by id. A random-key index costs every insert a
// B-tree descent and, per transaction, a dirty page almost everywhere in the index, so it is
// kept for the rows that are searched and nothing else.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entry_hash_prefix').execute()
  await db.schema.createIndex('ledger_entry_evidence_hash').on('ledger_entry').columns(['hash_prefix']).where(sql.ref('kind'), '=', 'evidence').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entry_evidence_hash').execute()
  await db.schema.createIndex('ledger_entry_hash_prefix').on('ledger_entry').columns(['hash_prefix']).execute()
}
