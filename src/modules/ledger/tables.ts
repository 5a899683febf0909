/** Kysely table interfaces of the ledger module's own tables. Hashes are lower-case hex. */

/** One integrated log entry; `seq` is its index in the log. Its leaf is rebuilt from these columns. */
export interface LedgerEntryTable {
  seq: number
  id: string
  kind: string
  hash_alg: string
  payload_hash: string
  /** The first 13 hex digits of payload_hash as an integer (the lookup index). */
  hash_prefix: number
  /** Canonical JSON (RFC 8785) of the entry's metadata. */
  meta: string
  /** When the entry was submitted (epoch ms); part of the leaf. */
  created_at: number
  org_id: string | null
  submitted_by: string | null
}

/** An entry anchored inside another module's transaction, waiting for the sequencer. */
export interface LedgerPendingTable {
  id: string
  kind: string
  hash_alg: string
  payload_hash: string
  meta: string
  created_at: number
  org_id: string | null
  submitted_by: string | null
}

/** A complete-subtree hash; `node_key` = level · 2^47 + index (see repo.ts nodeKey). */
export interface LedgerNodeTable {
  node_key: number
  hash: string
}

/** The one-row tree head the sequencer advances (optimistic concurrency on `size`). */
export interface LedgerTreeTable {
  id: number
  size: number
  root_hash: string
  updated_at: number
}

/** Every checkpoint the log signed; `published_at` once the witness quorum cosigned it. */
export interface LedgerCheckpointTable {
  size: number
  root_hash: string
  /** The signed note (with cosignatures once published); null between intent and signature. */
  note: string | null
  cosignatures: number
  created_at: number
  published_at: number | null
}

export interface LedgerTables {
  ledger_entry: LedgerEntryTable
  ledger_pending: LedgerPendingTable
  ledger_node: LedgerNodeTable
  ledger_tree: LedgerTreeTable
  ledger_checkpoint: LedgerCheckpointTable
}
