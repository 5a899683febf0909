/** Permission codes the ledger checks. Verification, the log description and the tiles are public. */
export const LEDGER_PERMISSIONS = {
  'ledger:evidence:submit': 'Submit evidence (存证) to the ledger, singly or in batches',
  'ledger:evidence:read': "Look up the organisation's evidence and receipts by id or by hash",
  'ledger:log:audit': 'Run the tamper audit that recomputes the tree from the stored entries',
} as const
