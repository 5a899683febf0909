/**
 * `zhicheng keys …` (against a running platform) and `zhicheng crypto sign|verify` (offline, files
 * only). Exit codes: 0 success / valid signature, 1 failure / invalid signature, 2 usage error.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { isCryptoError } from '../lib/crypto/index.ts'
import { prepareSigner, verifySignature } from '../modules/crypto/algorithms.ts'
import { parsePrivateKeyPem, parsePublicKeyPem } from '../modules/crypto/key-files.ts'

export const KEYS_HELP = `Usage: zhicheng keys <list|create|export-public> [options]   (talks to a running platform)

  list                      [--owner-type T] [--owner-id ID] [--state S] [--algorithm A] [--limit N] [--cursor C] [--json]
  create                    --label L --algorithm SM2|Ed25519|ECDSA-P256|SM4|AES-256 --purpose sign|encrypt|wrap
                            [--owner-type department|seal|system --owner-id ID] [--json]
  export-public KEY_ID      [--format pem|jwk|raw] [--version N] [--out FILE]

  --url URL                 platform address (default $ZHICHENG_URL or http://127.0.0.1:$PORT, port 8080)
  --token T                 bearer token (default $ZHICHENG_TOKEN or $ADMIN_TOKEN)`

export const CRYPTO_HELP = `Usage: zhicheng crypto <sign|verify> [options]   (offline: needs only files)

  sign    --key PRIVATE.pem [--id USER_ID] --in FILE [--format der|raw]
          prints the signature in base64 (DER unless --format raw; Ed25519 is always 64 raw bytes)
  verify  --key PUBLIC.pem|CERT.pem [--id USER_ID] --in FILE --sig BASE64|@FILE [--format der|raw]
          exits 0 for a valid signature, 1 for an invalid one

Keys are PEM as OpenSSL writes them (PKCS#8 or SEC1 private keys, SubjectPublicKeyInfo public keys,
X.509 certificates). The algorithm follows the key: SM2 signs SM3(Z_A ‖ M) with the signer ID
(--id, default 1234567812345678); Ed25519; ECDSA P-256 with SHA-256. --in - reads standard input.`

class UsageError extends Error {}

/** Parsed flags: string options by name, plus the boolean --help and --json. */
type Flags = { [name: string]: string | undefined } & { help?: boolean; json?: boolean }

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Flags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: values as Flags, positionals }
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

function readInput(path: string | undefined): Buffer {
  if (!path) throw new UsageError('--in FILE is required')
  return readFileSync(path === '-' ? 0 : path)
}

function readKey(path: string | undefined): string {
  if (!path) throw new UsageError('--key FILE is required')
  return readFileSync(path, 'utf8')
}

function format(value: string | boolean | undefined): 'der' | 'raw' | undefined {
  if (value === undefined || value === 'der' || value === 'raw') return value
  throw new UsageError(`--format: got ${String(value)}, want der or raw`)
}

async function run(fn: () => Promise<number> | number, help: string): Promise<number> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`zhicheng: ${err.message}\n\n${help}`)
      return 2
    }
    const code = isCryptoError(err) ? ` (${err.code})` : ''
    console.error(`zhicheng: ${(err as Error).message}${code}`)
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 2 : 1
  }
}

/** `zhicheng crypto sign|verify`: offline SM2 / Ed25519 / ECDSA-P256 signatures over a file. */
export function cryptoCommand(argv: string[]): Promise<number> {
  return run(() => {
    const [sub, ...rest] = argv
    const { values } = parse(rest, { key: { type: 'string' }, id: { type: 'string' }, in: { type: 'string' }, sig: { type: 'string' }, format: { type: 'string' } })
    if (!sub || values.help) {
      console.log(CRYPTO_HELP)
      return sub ? 0 : 2
    }
    if (values.id !== undefined && values.id.length === 0) throw new UsageError('--id must not be empty')
    if (sub === 'sign') {
      const key = parsePrivateKeyPem(readKey(values.key))
      if (values.id !== undefined && key.algorithm !== 'SM2') throw new UsageError(`--id is for SM2 keys; this is an ${key.algorithm} key`)
      const signature = prepareSigner(key.algorithm, key.secret).sign(readInput(values.in), { userId: values.id, format: format(values.format) })
      console.log(Buffer.from(signature).toString('base64'))
      return 0
    }
    if (sub === 'verify') {
      const key = parsePublicKeyPem(readKey(values.key))
      if (values.id !== undefined && key.algorithm !== 'SM2') throw new UsageError(`--id is for SM2 keys; this is an ${key.algorithm} key`)
      if (!values.sig) throw new UsageError('--sig BASE64 (or @FILE with the raw signature) is required')
      const message = readInput(values.in)
      const signature = values.sig.startsWith('@') ? readFileSync(values.sig.slice(1)) : decodeBase64(values.sig)
      const what = `${key.algorithm} signature (key from ${key.from}${key.algorithm === 'SM2' ? `, ID ${values.id ?? '1234567812345678'}` : ''})`
      let valid: boolean
      try {
        valid = signature !== undefined && verifySignature(key.algorithm, key.publicKey, message, signature, { userId: values.id, format: format(values.format) })
      } catch (err) {
        if (!isCryptoError(err, 'CRYPTO_BAD_SIGNATURE_ENCODING')) throw err
        console.log(`invalid: the ${what} is malformed: ${err.message}`)
        return 1
      }
      console.log(valid ? `valid: ${what} verifies` : signature === undefined ? 'invalid: --sig is not base64' : `invalid: ${what} does not verify`)
      return valid ? 0 : 1
    }
    throw new UsageError(`unknown crypto command "${sub}"`)
  }, CRYPTO_HELP)
}

function decodeBase64(s: string): Buffer | undefined {
  const t = s.trim()
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(t) || t.length === 0) return undefined
  return Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
}

interface Client { url: string; token: string }

async function call(c: Client, method: string, path: string, body?: unknown): Promise<any> {
  let res: Response
  try {
    res = await fetch(`${c.url}/api/v1${path}`, {
      method, headers: { authorization: `Bearer ${c.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'accept-language': 'en-US' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch (err) {
    throw new Error(`cannot reach ${c.url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`)
  }
  const text = await res.text()
  const json = text ? JSON.parse(text) : undefined
  if (!res.ok) throw new Error(`${res.status} ${json?.code ?? ''}: ${json?.detail ?? text}`)
  return json
}

async function listKeys(c: Client, values: Flags): Promise<number> {
  const q = new URLSearchParams()
  for (const [flag, param] of [['owner-type', 'ownerType'], ['owner-id', 'ownerId'], ['state', 'state'], ['algorithm', 'algorithm'], ['limit', 'limit'], ['cursor', 'cursor']] as const) {
    const v = values[flag]
    if (typeof v === 'string') q.set(param, v)
  }
  const page = await call(c, 'GET', `/crypto/keys${q.size ? `?${q}` : ''}`)
  if (values.json) {
    console.log(JSON.stringify(page, null, 2))
    return 0
  }
  const rows: string[][] = page.items.map((k: any) => [k.id, k.label, k.algorithm, k.purpose, `${k.owner.type}:${k.owner.id}`, k.state, `v${k.version}`, String(k.usageCount)])
  const all: string[][] = [['ID', 'LABEL', 'ALGORITHM', 'PURPOSE', 'OWNER', 'STATE', 'VERSION', 'USES'], ...rows]
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)))
  for (const r of all) console.log(r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd())
  if (page.nextCursor) console.log(`more: --cursor ${page.nextCursor}`)
  return 0
}

async function createKey(c: Client, values: Flags): Promise<number> {
  if (!values.label || !values.algorithm || !values.purpose) throw new UsageError('create needs --label, --algorithm and --purpose')
  if (!!values['owner-type'] !== !!values['owner-id']) throw new UsageError('give both --owner-type and --owner-id, or neither')
  const owner = values['owner-type'] ? { type: values['owner-type'], id: values['owner-id'] } : undefined
  const key = await call(c, 'POST', '/crypto/keys', { label: values.label, algorithm: values.algorithm, purpose: values.purpose, ...(owner ? { owner } : {}) })
  console.log(values.json ? JSON.stringify(key, null, 2) : key.id)
  return 0
}

async function exportPublic(c: Client, values: Flags, keyId: string | undefined): Promise<number> {
  if (!keyId) throw new UsageError('export-public needs a KEY_ID')
  const fmt = values.format ?? 'pem'
  if (!['pem', 'jwk', 'raw'].includes(fmt)) throw new UsageError(`--format: got ${fmt}, want pem, jwk or raw`)
  const pub = await call(c, 'GET', `/crypto/keys/${encodeURIComponent(keyId)}/public-key${values.version ? `?version=${encodeURIComponent(values.version)}` : ''}`)
  const text = fmt === 'pem' ? pub.pem : fmt === 'jwk' ? `${JSON.stringify(pub.jwk, null, 2)}\n` : `${pub.raw}\n`
  if (values.out) writeFileSync(values.out, text)
  else process.stdout.write(text)
  return 0
}

/** `zhicheng keys list|create|export-public` against a running platform's API. */
export function keysCommand(argv: string[]): Promise<number> {
  return run(async () => {
    const [sub, ...rest] = argv
    const { values, positionals } = parse(rest, {
      url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' }, label: { type: 'string' }, algorithm: { type: 'string' }, purpose: { type: 'string' },
      'owner-type': { type: 'string' }, 'owner-id': { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' },
      format: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' },
    })
    if (!sub || values.help) {
      console.log(KEYS_HELP)
      return sub ? 0 : 2
    }
    if (!['list', 'create', 'export-public'].includes(sub)) throw new UsageError(`unknown keys command "${sub}"`)
    const token = values.token ?? process.env.ZHICHENG_TOKEN ?? process.env.ADMIN_TOKEN
    if (!token) throw new UsageError('a token is required: --token T, or ZHICHENG_TOKEN / ADMIN_TOKEN in the environment')
    const c: Client = { url: (values.url ?? process.env.ZHICHENG_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`).replace(/\/+$/, ''), token }
    if (sub === 'list') return listKeys(c, values)
    if (sub === 'create') return createKey(c, values)
    return exportPublic(c, values, positionals[0])
  }, KEYS_HELP)
}
