/** Events the ledger publishes through the outbox, with their payloads. */
export const LEDGER_EVENTS = {
  'ledger.evidence.recorded': 'Evidence was integrated into the log; one event per submission (payload: entries [{ id, index, hash }])',
  'ledger.checkpoint.published': 'A checkpoint reached its witness quorum and was published (payload: size, rootHash, cosignatures)',
} as const

export interface LedgerEventPayloads {
  'ledger.evidence.recorded': { entries: Array<{ id: string; index: number; hash: string }> }
  'ledger.checkpoint.published': { size: number; rootHash: string; cosignatures: number }
}
