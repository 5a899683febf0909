/**
 * Licence commands. `zhicheng verify licence.json --cert ISSUER.pem` verifies a native licence
 * offline — no network, no database: the identifier and its check character, the issuer's SM2
 * signature (key from the certificate or a public key PEM), the ledger receipt (with `--log-key`),
 * the status (with the issuer's signed status lists, `--status-list`) and the validity dates.
 * `verify` recognises a licence by its content (`format: zhicheng-licence/v1`); anything else is a
 * ledger receipt (src/cli/ledger.ts).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { X509Certificate } from '@peculiar/x509'
import { AppError, type Lang } from '../core/errors.ts'
import { importSm2PublicKeyPem } from '../lib/crypto/index.ts'
import { verifyReceipt } from '../modules/ledger/receipt.ts'
import { NATIVE_FORMAT, type NativeLicence } from '../modules/licenses/types.ts'
import { readSignedStatus, statusFromBits } from '../modules/licenses/status-credential.ts'
import { verifyLicence, type ReceiptAnswer, type Verdict } from '../modules/licenses/verify.ts'

/** The licence in a file: native JSON, or a licence PDF carrying it as the embedded `licence.json`. */
async function readLicence(path: string): Promise<unknown> {
  const bytes = readFileSync(path)
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const { extractLicenceFromPdf } = await import('../modules/licenses/render/pdf-attachment.ts')
    return extractLicenceFromPdf(new Uint8Array(bytes))
  }
  return JSON.parse(bytes.toString('utf8'))
}

/** True when one of the positional arguments is a file holding a native licence (JSON or PDF). */
export async function isLicenceFile(args: readonly string[]): Promise<boolean> {
  for (const a of args) {
    if (a.startsWith('-')) continue
    try {
      const v = (await readLicence(a)) as { format?: unknown } | undefined
      if (v && v.format === NATIVE_FORMAT) return true
    } catch { /* not a licence file */ }
  }
  return false
}

interface IssuerKey { publicKey: Uint8Array; name: string; creditCode?: string; notBefore?: Date; notAfter?: Date }

/** Reads a certificate or an SM2 public key (PEM). Throws a one-line Error for anything else. */
export function readIssuerKey(path: string): IssuerKey {
  const pem = readFileSync(path, 'utf8')
  if (pem.includes('BEGIN CERTIFICATE')) {
    const cert = new X509Certificate(pem)
    const spki = Buffer.from(cert.publicKey.rawData).toString('base64').replace(/(.{64})/g, '$1\n')
    const publicKey = importSm2PublicKeyPem(`-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`)
    const parts = [...cert.subject.matchAll(/(?:^|,\s*)([A-Za-z0-9.]+)=((?:\\.|[^,])*)/g)]
    const field = (k: string) => parts.find((m) => m[1] === k)?.[2]?.replace(/\\(.)/g, '$1')
    return { publicKey, name: field('O') || field('CN') || cert.subject, creditCode: field('OU') || undefined, notBefore: cert.notBefore, notAfter: cert.notAfter }
  }
  if (pem.includes('BEGIN PUBLIC KEY')) return { publicKey: importSm2PublicKeyPem(pem), name: path }
  throw new Error(`${path}: not a PEM certificate or public key`)
}

const MARK = (c: { ok: boolean; skipped?: boolean }) => (c.skipped ? '–' : c.ok ? '✓' : '✗')

/** Prints a verdict for people: one line per check, then the result. */
export function printVerdict(v: Verdict, out: (s: string) => void = console.log): void {
  if (v.identifier) out(`${v.typeName ?? ''} ${v.identifier}${v.holderName ? ` — ${v.holderName}` : ''}${v.issuerName ? `, ${v.issuerName}` : ''}`)
  for (const c of v.checks) out(`${MARK(c)} ${c.check}: ${c.message}${c.code && !c.ok ? ` (${c.code})` : ''}`)
  out(v.valid ? `验证通过 VERIFIED${v.checks.some((c) => c.skipped) ? ' (checks marked – were not possible offline)' : ''}` : `验证失败 NOT VERIFIED: ${v.code}`)
}

export async function verifyLicenceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      cert: { type: 'string', multiple: true }, key: { type: 'string', multiple: true }, 'status-list': { type: 'string', multiple: true },
      'log-key': { type: 'string', multiple: true }, 'witness-key': { type: 'string', multiple: true }, quorum: { type: 'string' },
      json: { type: 'boolean' }, lang: { type: 'string' }, today: { type: 'string' },
    },
  })
  const certs = [...(values.cert ?? []), ...(values.key ?? [])]
  if (positionals.length !== 1 || certs.length === 0) {
    console.error('usage: zhicheng verify licence.json|licence.pdf --cert ISSUER.pem [--status-list LIST.json ...] [--log-key KEY [--witness-key K ...]] [--json] [--lang zh-CN|zh-TW|en-US]')
    return 2
  }
  const lang = (values.lang ?? 'zh-CN') as Lang
  if (!['zh-CN', 'zh-TW', 'en-US'].includes(lang)) { console.error(`--lang: got ${lang}, want zh-CN, zh-TW or en-US`); return 2 }
  let keys: IssuerKey[]
  try { keys = certs.map(readIssuerKey) } catch (err) { console.error(`zhicheng verify: ${(err as Error).message}`); return 2 }
  const keyArg = (v: string) => (v.startsWith('@') ? readFileSync(v.slice(1), 'utf8').trim() : v)
  const lists = (values['status-list'] ?? []).map((p) => JSON.parse(readFileSync(p, 'utf8')) as unknown)
  let input: unknown
  try { input = await readLicence(positionals[0]) } catch (err) { console.error(`zhicheng verify: ${positionals[0]}: ${(err as Error).message}`); return 2 }
  const today = values.today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const issuerFor = (doc: NativeLicence) => keys.find((k) => !k.creditCode || k.creditCode === doc.licence.issuer.creditCode)

  const verdict = await verifyLicence(input, {
    lang,
    today: () => today,
    async issuerKey(doc) {
      const k = issuerFor(doc)
      return k ? { publicKey: k.publicKey, name: k.name, validity: k.notBefore && k.notAfter ? { notBefore: k.notBefore, notAfter: k.notAfter } : undefined } : undefined
    },
    async receipt(doc, hash): Promise<ReceiptAnswer> {
      if (!doc.receipt) return { skipped: true, message: `anchored as ledger entry ${doc.anchor.entryId}; the file carries no receipt yet (download it again later)` }
      const logKeys = (values['log-key'] ?? []).map(keyArg)
      if (logKeys.length === 0) return { skipped: true, message: `ledger receipt for entry ${doc.anchor.entryId} present; give --log-key to check it` }
      try {
        const v = await verifyReceipt(doc.receipt, { logKeys, witnessKeys: (values['witness-key'] ?? []).map(keyArg), quorum: values.quorum === undefined ? undefined : Number(values.quorum), payloadHash: hash })
        if (v.entry.id !== doc.anchor.entryId) return { ok: false, message: `the receipt is for entry ${v.entry.id}, the anchor names ${doc.anchor.entryId}` }
        return { ok: true, message: `entry ${v.index} of ${v.origin} (tree size ${v.treeSize}), signed checkpoint${v.witnesses.length ? `, ${v.witnesses.length} witness(es)` : ''}` }
      } catch (err) {
        if (err instanceof AppError) return { ok: false, message: `${err.code}: ${err.message}` }
        throw err
      }
    },
    async status(doc) {
      if (lists.length === 0) return undefined
      const k = issuerFor(doc)
      if (!k) throw new Error('no issuer key to check the status list with')
      const bits: { revocation?: boolean; suspension?: boolean; message?: string } = {}
      for (const l of lists) {
        const r = readSignedStatus(l, doc, k.publicKey, doc.signature.userId)
        if (r.purpose === 'revocation' || r.purpose === 'suspension') bits[r.purpose] = r.set
        else if (r.purpose === 'message') bits.message = r.message ?? `0x${(r.value ?? 0).toString(16)}`
      }
      const purposes = Object.keys(bits).join(' and ')
      return { status: statusFromBits(bits), source: `signed ${purposes} list` }
    },
  })
  if (values.json) console.log(JSON.stringify(verdict, null, 2))
  else printVerdict(verdict)
  return verdict.valid ? 0 : 1
}

/**
 * `zhicheng licenses import FILE --type CODE [--department D] [--key K] [--format csv|ndjson|json]
 * [--database URL] [--batch N]`: imports a register straight into the database (no HTTP, no size
 * limit), streamed; the same key resumes an interrupted import. Exit 0 when every row imported, 1
 * when some rows failed (listed with --errors), 2 on usage errors.
 */
export async function licensesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { type: { type: 'string' }, department: { type: 'string' }, key: { type: 'string' }, format: { type: 'string' }, database: { type: 'string' }, batch: { type: 'string' }, errors: { type: 'boolean' } },
  })
  if (positionals[0] !== 'import' || positionals.length !== 2 || !values.type) {
    console.error('usage: zhicheng licenses import FILE --type TYPE_CODE [--department DEPT] [--key KEY] [--format csv|ndjson|json] [--database URL] [--batch N] [--errors]')
    return 2
  }
  const file = positionals[1]
  const format = (values.format ?? (file.endsWith('.csv') ? 'csv' : file.endsWith('.ndjson') || file.endsWith('.jsonl') ? 'ndjson' : 'json')) as 'csv' | 'ndjson' | 'json'
  if (!['csv', 'ndjson', 'json'].includes(format)) { console.error(`--format: got ${format}, want csv, ndjson or json`); return 2 }
  const { createReadStream, statSync } = await import('node:fs')
  const { basename } = await import('node:path')
  const key = values.key ?? `${basename(file)}-${statSync(file).size}`
  const { loadConfig } = await import('../core/config.ts')
  const { buildApp } = await import('../core/app.ts')
  const { allModules } = await import('../modules/index.ts')
  const config = loadConfig({ ...process.env, BUILD_WEB: 'false', ...(values.database ? { DATABASE_URL: values.database } : {}) })
  const app = await buildApp({ config, modules: allModules, startEvents: false })
  try {
    await app.kernel.migrate()
    const api = app.kernel.apis.licenses as import('../modules/licenses/index.ts').LicensesApi
    const principal = { id: 'system:cli-import', kind: 'system' as const, name: 'zhicheng licenses import', permissions: new Set(['*']) }
    const started = performance.now()
    const job = await api.imports.run({ principal }, { typeCode: values.type, departmentId: values.department, key, format, batchSize: values.batch ? Number(values.batch) : undefined }, createReadStream(file, { highWaterMark: 256 * 1024 }), (j) => {
      const s = (performance.now() - started) / 1000
      process.stderr.write(`\rrows ${j.rowsRead.toLocaleString('en-US')}  committed ${j.committed.toLocaleString('en-US')}  failed ${j.failed}  ${Math.round(j.committed / Math.max(s, 0.001)).toLocaleString('en-US')}/s   `)
    })
    process.stderr.write('\n')
    console.log(`import ${job.id} (key ${job.key}): ${job.state}, ${job.rowsRead} rows read, ${job.committed} committed, ${job.failed} failed, ${job.skipped ?? 0} skipped (already imported)`)
    if (values.errors && job.failed) {
      for (let after = 0; ;) {
        const page = await api.imports.errors({ principal }, job.id, after, 1000)
        for (const e of page.items) console.log(`row ${e.row}: ${e.code} ${e.message}`)
        if (page.items.length < 1000) break
        after = page.items.at(-1)!.row
      }
    }
    return job.failed ? 1 : 0
  } catch (err) {
    console.error(`zhicheng licenses import: ${(err as Error).message}`)
    return 1
  } finally {
    await app.close()
  }
}
