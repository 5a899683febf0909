/**
 * Ledger commands: `verify` (offline receipt verification: no network, no database, only the
 * keys given), `ledger audit` (recompute the tree from the stored entries), and `witness`
 * (run a tlog witness as its own process, or create its key).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AppError } from '../core/errors.ts'
import { ConfigError, loadConfig } from '../core/config.ts'
import { openConnection } from '../core/db/dialect.ts'
import { getHasher, type HashName } from '../lib/merkle/index.ts'
import { auditLedger } from '../modules/ledger/audit.ts'
import { verifierFromAnyKey } from '../modules/ledger/note-keys.ts'
import { verifyReceipt } from '../modules/ledger/receipt.ts'
import { createLedgerRepo } from '../modules/ledger/repo.ts'
import { readWitnessKey, generateWitnessKey } from '../witness/key-file.ts'
import { openStateFile } from '../witness/state.ts'
import { startWitnessServer } from '../witness/server.ts'
import { createWitness } from '../witness/witness.ts'


/** A key on the command line: the verifier key itself, or @file holding it. */
function keyArg(value: string): string {
  return value.startsWith('@') ? readFileSync(value.slice(1), 'utf8').trim() : value
}

function hashArg(value: string | undefined): HashName {
  const h = value ?? process.env.LEDGER_HASH ?? 'sm3'
  if (h !== 'sm3' && h !== 'sha256') throw new UsageError(`--hash: got ${h}, want sm3 or sha256`)
  return h
}

class UsageError extends Error {}

async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { file: { type: 'string' }, 'log-key': { type: 'string', multiple: true }, 'witness-key': { type: 'string', multiple: true }, quorum: { type: 'string' }, json: { type: 'boolean' } },
  })
  if (positionals.length !== 1 || !values['log-key']?.length) throw new UsageError('usage: zhicheng verify receipt.json [--file F] --log-key KEY [--witness-key K ...] [--quorum N]')
  const witnessKeys = (values['witness-key'] ?? []).map(keyArg)
  const quorum = values.quorum === undefined ? undefined : Number(values.quorum)
  if (quorum !== undefined && !Number.isSafeInteger(quorum)) throw new UsageError(`--quorum: got ${values.quorum}, want an integer`)
  const receipt = readFileSync(positionals[0], 'utf8')
  const file = values.file === undefined ? undefined : new Uint8Array(readFileSync(values.file))
  try {
    const v = await verifyReceipt(receipt, { logKeys: values['log-key'].map(keyArg), witnessKeys, quorum, file })
    if (values.json) console.log(JSON.stringify({ verified: true, ...v }, null, 2))
    else {
      if (v.payload) console.log(`✓ file ${values.file} hashes to ${v.payload.hash}, as recorded`)
      console.log(`✓ entry ${v.entry.id} (${v.entry.kind}) rebuilds leaf ${v.leafHash}`)
      console.log(`✓ checkpoint of ${v.origin} at size ${v.treeSize}, root ${v.rootHash}, signed by ${v.logSignatures.length} log key(s)`)
      console.log(`✓ inclusion proof: entry ${v.index} is in the tree of size ${v.treeSize}`)
      for (const w of v.witnesses) console.log(`✓ cosigned by witness ${w.name}${w.time ? ` at ${w.time}` : ''}`)
      console.log(`验证通过 VERIFIED: recorded at ${v.recordedAt}`)
    }
    return 0
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    if (values.json) console.log(JSON.stringify({ verified: false, code: err.code, detail: err.message }, null, 2))
    else console.log(`✗ ${err.code}: ${err.message}\n验证失败 NOT VERIFIED`)
    return 1
  }
}

async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { database: { type: 'string' }, 'log-key': { type: 'string', multiple: true }, hash: { type: 'string' }, json: { type: 'boolean' } },
  })
  if (positionals[0] !== 'audit') throw new UsageError('usage: zhicheng ledger audit [--database URL] [--log-key KEY ...]')
  const config = loadConfig({ ...process.env, ...(values.database ? { DATABASE_URL: values.database } : {}) })
  const conn = openConnection(config.databaseUrl, { poolSize: 2 })
  try {
    const logVerifiers = (values['log-key'] ?? []).map((k) => verifierFromAnyKey(keyArg(k)))
    const report = await auditLedger(createLedgerRepo(conn.db), getHasher(hashArg(values.hash)), { logVerifiers })
    if (values.json) console.log(JSON.stringify(report, null, 2))
    else {
      console.log(`ledger audit: ${report.entriesChecked} entries, ${report.checkpointsChecked} checkpoints, tree size ${report.size}, root ${report.rootHash}`)
      for (const p of report.problems) console.log(`✗ ${p.kind} ${p.index}${p.id ? ` (${p.id})` : ''}: ${p.detail}`)
      console.log(report.ok ? '✓ every entry, node and checkpoint matches' : `✗ ${report.problems.length} problem(s): the log has been tampered with`)
    }
    return report.ok ? 0 : 1
  } finally {
    await conn.close()
  }
}

async function witnessCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, 'key-file': { type: 'string' }, 'state-file': { type: 'string' },
      'log-key': { type: 'string', multiple: true }, hash: { type: 'string' }, name: { type: 'string' },
    },
  })
  if (positionals[0] === 'keygen') {
    if (!values.name || !values['key-file']) throw new UsageError('usage: zhicheng witness keygen --name NAME --key-file FILE')
    console.log(generateWitnessKey(values['key-file'], values.name))
    return 0
  }
  if (positionals.length > 0 || !values['key-file'] || !values['state-file'] || !values['log-key']?.length) {
    throw new UsageError('usage: zhicheng witness --port N --key-file F --state-file F --log-key KEY [--log-key …]')
  }
  const port = Number(values.port ?? 7380)
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: got ${values.port}`)
  const { cosigner, vkey } = readWitnessKey(values['key-file'])
  const logs = new Map<string, ReturnType<typeof verifierFromAnyKey>[]>()
  for (const k of values['log-key']) {
    const v = verifierFromAnyKey(keyArg(k))
    logs.set(v.name, [...(logs.get(v.name) ?? []), v])
  }
  const witness = createWitness({ cosigner, logs, hash: hashArg(values.hash), state: openStateFile(values['state-file']) })
  const { server, port: bound } = await startWitnessServer(witness, { name: cosigner.name, vkey }, port, values.host ?? '127.0.0.1')
  console.log(`witness ${cosigner.name} listening on http://${values.host ?? '127.0.0.1'}:${bound}\n${vkey}`)
  await new Promise<void>((resolve) => {
    const stop = () => { server.close(() => resolve()); server.closeAllConnections() }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
  return 0
}

/** Runs `verify`, `ledger …` or `witness …`; resolves to the exit code. */
export async function runLedgerCommand(command: string, args: string[]): Promise<number> {
  try {
    if (command === 'verify') {
      // A licence (format zhicheng-licence/v1) or a ledger receipt, told apart by content.
      const licences = await import('./licenses.ts')
      return await ((await licences.isLicenceFile(args)) ? licences.verifyLicenceCommand(args) : verifyCommand(args))
    }
    if (command === 'ledger') return await auditCommand(args)
    return await witnessCommand(args)
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`zhicheng ${command}: ${(err as Error).message}`)
      return 2
    }
    if (err instanceof ConfigError) {
      console.error(`zhicheng ${command}: ${err.message}`)
      return 1
    }
    console.error(`zhicheng ${command}: ${(err as Error).message}`)
    return 1
  }
}
