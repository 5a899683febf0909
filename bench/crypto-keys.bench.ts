/**
 * Signing by key id through the crypto module (SQLite, in process) against the raw primitive it
 * wraps, run together: what the key service costs per signature (one indexed read of the key row,
 * a cached unwrapped signer, an in-memory usage count) and what an audited API call costs (plus
 * one transaction: usage counter and audit row).
 * Prints one line per figure: `name: value unit (ratio x baseline)`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPairSync, sign as nativeSign } from 'node:crypto'
import { Bench } from 'tinybench'
import { buildApp } from '../src/core/app.ts'
import { loadConfig } from '../src/core/config.ts'
import { createSm2Signer, sm2GenerateKeyPair, sm2Verify } from '../src/lib/crypto/index.ts'
import { allModules } from '../src/modules/index.ts'
import type { CryptoService } from '../src/modules/crypto/index.ts'

const TIME_MS = Number(process.env.BENCH_MS ?? 1000)
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef0123456789'
const dir = mkdtempSync(join(tmpdir(), 'zc-bench-keys-'))
const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, DATA_DIR: dir, LOG_LEVEL: 'silent', ADMIN_TOKEN, BUILD_WEB: 'false' })
const app = await buildApp({ config, modules: allModules.filter((m) => m.name === 'crypto' || m.name === 'ops'), startEvents: false })
await app.kernel.migrate()
await app.ready()
const crypto = app.kernel.apis.crypto as CryptoService

const message = Buffer.from('{"ledger":"checkpoint","size":1048576,"root":"5dc9da79a70659a9ad559cb701ded9a2"}')
const sm2Key = await crypto.ensureSystemKey('bench-sm2', 'SM2', 'sign')
const edKey = await crypto.ensureSystemKey('bench-ed25519', 'Ed25519', 'sign')
const sm2Signature = (await crypto.sign(sm2Key.id, message)).signature
const sm2Public = (await crypto.getPublicKey(sm2Key.id)).raw
const raw = sm2GenerateKeyPair()
const rawSigner = createSm2Signer(raw.privateKey)
const ed = generateKeyPairSync('ed25519')
const body = { message: message.toString('base64') }
const headers = { authorization: `Bearer ${ADMIN_TOKEN}` }

const bench = new Bench({ time: TIME_MS, warmupTime: 300, throws: true })
  .add('lib sm2 sign (prepared signer)', () => { rawSigner.sign(message) })
  .add('CryptoApi.sign SM2 by key id', async () => { await crypto.sign(sm2Key.id, message) })
  .add('node ed25519 sign', () => { nativeSign(null, message, ed.privateKey) })
  .add('CryptoApi.sign Ed25519 by key id', async () => { await crypto.sign(edKey.id, message) })
  .add('lib sm2 verify (cached key)', () => { sm2Verify(sm2Public, message, sm2Signature) })
  .add('CryptoApi.verify SM2 by key id', async () => { await crypto.verify(sm2Key.id, message, sm2Signature) })
  .add('POST /crypto/keys/:id/sign (audited)', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${sm2Key.id}/sign`, headers, payload: body })
    if (res.statusCode !== 200) throw new Error(res.body)
  })
await bench.run()
await crypto.flushUsage()

const ops = (name: string): number => {
  const task = bench.tasks.find((t) => t.name === name)
  if (!task?.result) throw new Error(`no result for ${name}`)
  return 1000 / task.result.latency.mean
}
const line = (name: string, base: string): void => console.log(`${name}: ${Math.round(ops(name))} ops/s (${(ops(name) / ops(base)).toFixed(2)}x ${base})`)
for (const base of ['lib sm2 sign (prepared signer)', 'node ed25519 sign', 'lib sm2 verify (cached key)']) console.log(`${base}: ${Math.round(ops(base))} ops/s (1.00x baseline)`)
line('CryptoApi.sign SM2 by key id', 'lib sm2 sign (prepared signer)')
line('CryptoApi.sign Ed25519 by key id', 'node ed25519 sign')
line('CryptoApi.verify SM2 by key id', 'lib sm2 verify (cached key)')
line('POST /crypto/keys/:id/sign (audited)', 'CryptoApi.sign SM2 by key id')
const key = await crypto.getKey(sm2Key.id)
console.log(`usage counted for bench-sm2: ${key!.usageCount} (all module and API uses, after one flush)`)

await app.close()
rmSync(dir, { recursive: true, force: true })
