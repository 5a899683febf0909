/**
 * Helpers of the ledger suites: test principals of two organisations, witness processes on
 * loopback, and the CLI as a subprocess.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Kysely } from 'kysely'
import { defineModule, type ModuleDefinition } from '../../../src/core/module.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createLedgerModule, type LedgerOptions } from '../../../src/modules/ledger/index.ts'
import { bearerToken, type Principal } from '../../../src/core/http/auth.ts'
import { freePort } from '../../helpers/server.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import type { TestDatabase } from '../../helpers/dialects.ts'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import { generateWitnessKey, readWitnessKey } from '../../../src/witness/key-file.ts'
import type { FastifyInstance } from 'fastify'

const ROOT = resolve(import.meta.dirname, '../../..')

/** Bearer tokens of test principals: organisation A submits and reads, B reads, NONE has no ledger permission. */
export const ORG_A = { authorization: 'Bearer ledger-test-org-a' }
export const ORG_B = { authorization: 'Bearer ledger-test-org-b' }
export const NO_PERMS = { authorization: 'Bearer ledger-test-none' }

const PRINCIPALS: Record<string, Principal> = {
  'ledger-test-org-a': { id: 'stf_org_a', kind: 'staff', name: 'A', orgId: 'org_a', permissions: new Set(['ledger:evidence:submit', 'ledger:evidence:read']) },
  'ledger-test-org-b': { id: 'stf_org_b', kind: 'staff', name: 'B', orgId: 'org_b', permissions: new Set(['ledger:evidence:submit', 'ledger:evidence:read']) },
  'ledger-test-none': { id: 'stf_none', kind: 'staff', name: 'N', orgId: 'org_a', permissions: new Set(['ledger:evidence:read']) },
}

/** A module that resolves the test tokens above. */
export const testPrincipals = defineModule({
  name: 'ledgertest',
  description: 'test principals of the ledger suites',
  setup: (ctx) => { ctx.addAuthenticator((req) => PRINCIPALS[bearerToken(req) ?? '']) },
})

/** Runs the CLI (`bin/zhicheng.js`) as a separate process. */
export function runCli(args: string[], env: Record<string, string> = {}): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zhicheng.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, out: r.stdout, err: r.stderr }
}

/** Runs the CLI as a separate process without blocking (several can run side by side). */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/zhicheng.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout!.on('data', (d) => { out += d })
    child.stderr!.on('data', (d) => { err += d })
    child.once('exit', (status) => done({ status, out, err }))
  })
}

export interface WitnessProcess { name: string; url: string; vkey: string; stateFile: string; process: ChildProcess; stop(): Promise<void> }

/**
 * Starts `zhicheng witness` on a loopback port trusting `logKeys`, creating its key first unless
 * `dir` already holds one (a restart keeps key, state file and port when given).
 */
export async function startWitness(name: string, logKeys: string[], opts: { dir?: string; port?: number } = {}): Promise<WitnessProcess & { dir: string; port: number }> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'zc-witness-'))
  const keyFile = join(dir, `${name.replace(/\W/g, '_')}.key`)
  const stateFile = join(dir, `${name.replace(/\W/g, '_')}.state.json`)
  let vkey: string
  // Keys are made in-process (keygen is the same code as `zhicheng witness keygen`); the witness runs as its own process.
  if (existsSync(keyFile)) vkey = readWitnessKey(keyFile).vkey
  else vkey = generateWitnessKey(keyFile, name)
  const port = opts.port ?? (await freePort())
  const child = spawn(process.execPath, [join(ROOT, 'bin/zhicheng.js'), 'witness', '--port', String(port), '--key-file', keyFile, '--state-file', stateFile, ...logKeys.flatMap((k) => ['--log-key', k])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (d) => { out += d; if (out.includes('listening')) res() })
    child.stderr!.on('data', (d) => { out += d })
    child.once('exit', (code) => rej(new Error(`witness exited ${code}: ${out}`)))
  })
  return {
    name, url: `http://127.0.0.1:${port}`, vkey, stateFile, process: child, dir, port,
    stop: () => new Promise((r) => { if (child.exitCode !== null) return r(); child.once('exit', () => r()); child.kill('SIGTERM') }),
  }
}

/** Every platform module with the ledger built from `options`, plus the test principals. */
export function ledgerModules(options: Partial<LedgerOptions> = {}): ModuleDefinition<any>[] {
  return [...allModules.filter((m) => m.name !== 'ledger'), testPrincipals, createLedgerModule(options)]
}

/** Counts rows of a table (side-effect assertions). */
export async function countRows(db: Kysely<any>, table: string, where?: [string, string]): Promise<number> {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))
  if (where) q = q.where(where[0], '=', where[1])
  return Number((await q.executeTakeFirstOrThrow()).n)
}

/** Builds the platform on an existing database (migrated, ready); closing it keeps the database. */
export async function openApp(database: TestDatabase, modules: ModuleDefinition<any>[]): Promise<FastifyInstance> {
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false' })
  const app = await buildApp({ config, modules })
  await app.kernel.migrate()
  await app.ready()
  return app
}

/**
 * Closes a test app and drops its database. pg-pool's end() resolves before its sockets have
 * closed, and `DROP DATABASE … WITH (FORCE)` can then reach an idle client whose pool has no
 * error listener (an uncaught exception); a short pause lets the sockets close first.
 * TODO(ledger): remove once the kernel's pool listens for errors (src/core/db/dialect.ts).
 */
export async function closeTestApp(t: { app: FastifyInstance; database: TestDatabase } | undefined): Promise<void> {
  if (!t) return
  await t.app.close()
  await settle()
  await t.database.drop()
}

/** Waits for closed pools' sockets to finish closing (see closeTestApp). */
export const settle = () => new Promise((r) => setTimeout(r, 150))
