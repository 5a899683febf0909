/**
 * Test principals for the crypto suites (a test-only module that adds an authenticator, as
 * test/helpers/probe-module.ts does) and small request helpers.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import { sm4GcmDecrypt } from '../../../src/lib/crypto/index.ts'
import { deriveKek } from '../../../src/modules/crypto/root-key.ts'
import { defineModule } from '../../../src/core/module.ts'
import { bearerToken, type Principal } from '../../../src/core/http/auth.ts'
import type { DialectName } from '../../../src/core/db/dialect.ts'
import { allModules } from '../../../src/modules/index.ts'
import { buildTestApp, ADMIN, type TestApp, type TestAppOptions } from '../../helpers/build-test-app.ts'

const USE = ['crypto:key:create', 'crypto:key:read', 'crypto:key:use', 'crypto:key:rotate', 'crypto:key:disable', 'crypto:key:destroy', 'crypto:cert:issue', 'crypto:cert:read', 'crypto:cert:revoke']

/** Bearer tokens of the test principals. */
export const TOKENS = {
  /** Authenticated, no permission at all. */
  nobody: 'crypto-test-nobody',
  /** A key officer of department dept-a: every crypto permission except crypto:key:admin. */
  officerA: 'crypto-test-officer-a',
  /** The same role in department dept-b: another organisation for dept-a's keys. */
  officerB: 'crypto-test-officer-b',
  /** Department dept-a, read-only. */
  readerA: 'crypto-test-reader-a',
} as const

const PRINCIPALS: Record<string, Principal> = {
  [TOKENS.nobody]: { id: 'test:nobody', kind: 'staff', name: 'nobody', permissions: new Set() },
  [TOKENS.officerA]: { id: 'test:officer-a', kind: 'staff', name: 'officer A', permissions: new Set(USE), departmentId: 'dept-a', orgId: 'org-a' },
  [TOKENS.officerB]: { id: 'test:officer-b', kind: 'staff', name: 'officer B', permissions: new Set(USE), departmentId: 'dept-b', orgId: 'org-b' },
  [TOKENS.readerA]: { id: 'test:reader-a', kind: 'staff', name: 'reader A', permissions: new Set(['crypto:key:read', 'crypto:cert:read']), departmentId: 'dept-a' },
}

export const as = (token: string) => ({ authorization: `Bearer ${token}` })
export const NOBODY = as(TOKENS.nobody)
export const OFFICER_A = as(TOKENS.officerA)
export const OFFICER_B = as(TOKENS.officerB)
export const READER_A = as(TOKENS.readerA)
export { ADMIN }

/** A test-only module resolving the principals above. */
export function createTestPrincipals() {
  return defineModule<undefined>({
    name: 'cryptotest',
    description: 'test-only principals for the crypto suites',
    setup: (ctx) => {
      ctx.addAuthenticator((req) => PRINCIPALS[bearerToken(req) ?? ''])
      return undefined
    },
  })
}

/** The real app plus the test principals, on a fresh database and a fresh data folder (own root key). */
export async function buildCryptoApp(dialect: DialectName, opts: TestAppOptions = {}): Promise<TestApp & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zc-crypto-'))
  const t = await buildTestApp(dialect, { ...opts, modules: opts.modules ?? [...allModules, createTestPrincipals()], config: { dataDir, ...opts.config } })
  return {
    ...t,
    dataDir,
    async close() {
      await t.app.close()
      // pg-pool resolves end() before its clients' sockets have closed; dropping the database
      // WITH (FORCE) at once can kill one mid-close and raise an uncaught 57P01 in the test
      // (seen in other suites too). Give the sockets a moment.
      if (dialect === 'postgres') await new Promise((r) => setTimeout(r, 150))
      await t.database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const b64 = (s: string | Uint8Array): string => Buffer.from(s).toString('base64')
export const fromB64 = (s: string): Buffer => Buffer.from(s, 'base64')

/** Matchers for generated values in full-body equality. */
export const KEY_ID = /^key_[0-9A-HJKMNP-TV-Z]{26}$/
export const CERT_ID = /^crt_[0-9A-HJKMNP-TV-Z]{26}$/
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** Asserts `res` is `status` and returns its JSON body. */
export function ok(res: LightMyRequestResponse, status = 200): any {
  assert.equal(res.statusCode, status, res.body)
  return res.json()
}

/** Replaces the values at `paths` (which must match their patterns) with '<matched>' for deepEqual. */
export function matched<T extends Record<string, any>>(body: T, patterns: Record<string, RegExp>): T {
  const copy: Record<string, any> = { ...body }
  for (const [k, re] of Object.entries(patterns)) {
    assert.match(String(copy[k]), re, `${k}: ${copy[k]}`)
    copy[k] = '<matched>'
  }
  return copy as T
}

/**
 * Every secret the platform holds, for leak checks: the root key, the KEK and the unwrapped
 * material of every key version (opened here with the software backend's wrapping format).
 */
export async function readSecrets(db: Kysely<any>, rootKeyText: string): Promise<Array<{ what: string; bytes: Buffer }>> {
  const root = Buffer.from(rootKeyText.trim(), 'hex')
  const kek = deriveKek(root)
  const out = [{ what: 'root key', bytes: root }, { what: 'KEK', bytes: Buffer.from(kek) }]
  const rows = await db.selectFrom('crypto_key_version').innerJoin('crypto_key', 'crypto_key.id', 'crypto_key_version.key_id')
    .select(['crypto_key_version.key_id', 'crypto_key_version.version', 'crypto_key_version.handle', 'crypto_key.algorithm', 'crypto_key.label']).execute()
  for (const r of rows) {
    if (!r.handle) continue
    const blob = Buffer.from(String(r.handle).slice('sw1.'.length), 'base64')
    const aad = Buffer.from(`zhicheng/crypto/key-version/v1|${r.key_id}|${Number(r.version)}|${r.algorithm}`)
    const secret = sm4GcmDecrypt(kek, blob.subarray(0, 12), blob.subarray(12, blob.length - 16), blob.subarray(blob.length - 16), aad)
    out.push({ what: `${r.label} v${r.version} (${r.algorithm})`, bytes: Buffer.from(secret) })
  }
  return out
}

/** The encodings a secret could leak in: hex (both cases) and base64/base64url at each byte alignment. */
function encodings(secret: Buffer): string[] {
  const forms = [secret.toString('hex'), secret.toString('hex').toUpperCase()]
  for (let pad = 0; pad < 3; pad++) {
    const b = Buffer.concat([Buffer.alloc(pad), secret]).toString('base64')
    // Drop the characters that depend on neighbouring bytes.
    const core = b.slice(Math.ceil((pad * 4) / 3) + 1, -4)
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}

/** Names every secret found in `haystack` (empty when nothing leaked). */
export function findLeaks(haystack: string, secrets: Array<{ what: string; bytes: Buffer }>): string[] {
  const leaks: string[] = []
  for (const s of secrets) for (const form of encodings(s.bytes)) if (form.length >= 16 && haystack.includes(form)) leaks.push(`${s.what} as ${form.slice(0, 8)}…`)
  return leaks
}
