/** The ledger, verify and witness lines of `zhicheng --help` (kept apart so help loads nothing heavy). */
export const LEDGER_HELP = `  verify    receipt.json [--file F] --log-key KEY [--log-key K2] [--witness-key K ...] [--quorum N]
            verify a ledger receipt offline (exit 0 verified, 1 not verified, 2 usage)
  verify    licence.json|licence.pdf --cert ISSUER.pem [--status-list LIST.json ...] [--log-key KEY] [--json]
            verify an e-licence offline: identifier, SM2 signature, ledger receipt, status, validity
  licenses  import FILE --type CODE [--department D] [--key K] [--format csv|ndjson|json] [--errors]
            import a licence register into the database, streamed and resumable (same --key)
  ledger    audit [--database URL] [--log-key KEY ...] [--hash sm3|sha256]: recompute the log and
            compare every checkpoint (exit 1 names the tampered entries)
  witness   --port N --key-file F --state-file F --log-key KEY [--log-key …] [--host H] [--hash sm3|sha256]
            run a tlog witness (c2sp.org/tlog-witness); keygen --name N --key-file F creates its key`
