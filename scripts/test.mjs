#!/usr/bin/env node
// Runs every test: lint, unit/contract/arch/vectors, integration (SQLite and PostgreSQL), browser.
// `node scripts/test.mjs [lint|unit|integration|e2e ...]` runs a subset. Prints "N passed, N failed".
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { bundle, bundledPath, CACHE, cliBundle } from '../bin/bundle.mjs'

const ROOT = new URL('..', import.meta.url).pathname
const groups = process.argv.slice(2).length ? process.argv.slice(2) : ['lint', 'unit', 'integration', 'e2e']

function find(dir, re, out = []) {
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
    const p = join(dir, name)
    if (statSync(p).isDirectory()) find(p, re, out)
    else if (re.test(name)) out.push(relative(ROOT, p))
  }
  return out.sort()
}

const FILES = {
  unit: () => [...find(join(ROOT, 'src'), /\.test\.ts$/), ...find(join(ROOT, 'test/contract'), /\.test\.ts$/), ...find(join(ROOT, 'test/arch'), /\.test\.ts$/), ...find(join(ROOT, 'test/vectors'), /\.test\.ts$/)],
  integration: () => find(join(ROOT, 'test/integration'), /\.test\.ts$/),
  e2e: () => find(join(ROOT, 'web/e2e/specs'), /\.spec\.ts$/),
}

const seconds = (since) => Math.round((Date.now() - since) / 1000)

let passed = 0
let failed = 0

/** Runs a command without blocking the event loop (groups may run side by side); resolves its exit code. */
function run(command, args, { env = {}, stdio = ['ignore', 'inherit', 'inherit'] } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio, env: { ...process.env, ...env } })
    child.on('error', () => resolve(1))
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

// Test files run bundled (bin/bundle.mjs): a process then starts in a fraction of the time tsx's
// loader takes. TEST_BUNDLE=0 runs the TypeScript through tsx instead.
const BUNDLED = process.env.TEST_BUNDLE !== '0'

async function prepare(group, files) {
  if (!BUNDLED) return { flags: ['--import', 'tsx'], paths: files, env: {} }
  const outdir = join(CACHE, 'tests', group)
  rmSync(outdir, { recursive: true, force: true })
  // Programs the tests start as child processes (crash and shutdown fixtures) are bundled with them;
  // test/helpers/child.ts finds them through ZC_TEST_BUNDLE_DIR.
  const fixtures = group === 'integration' ? find(join(ROOT, 'test/integration'), /\.ts$/).filter((f) => f.includes('/fixtures/')) : []
  await bundle([...files, ...fixtures], outdir, { keepNames: group !== 'e2e' })
  return { flags: ['--enable-source-maps'], paths: files.map((f) => bundledPath(outdir, f)), env: { ZC_TEST_BUNDLE_DIR: outdir } }
}

// Test files run at once per group (TEST_<GROUP>_CONCURRENCY overrides). Browser specs each start
// a platform and a Chromium and wait on them most of the time: two at once keep both cores busy.
const CONCURRENCY = { unit: '4', integration: '4', e2e: '2' }

/** Runs a group's files with node:test; `out` receives the report (stdout, or a buffer). */
async function runNodeTests(group, files, out, env = {}, started = Date.now()) {
  if (files.length === 0) return
  const { flags, paths, env: bundleEnv } = await prepare(group, files)
  return new Promise((resolve) => {
    const concurrency = process.env[`TEST_${group.toUpperCase()}_CONCURRENCY`] ?? CONCURRENCY[group]
    const child = spawn(process.execPath, [...flags, '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...paths], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, ...bundleEnv } })
    let tail = ''
    child.stdout.on('data', (d) => { out(d); tail = (tail + d).slice(-4000) })
    child.stderr.on('data', (d) => out(d))
    child.on('exit', (code) => {
      const num = (label) => Number((new RegExp(`ℹ ${label} (\\d+)`).exec(tail) ?? [])[1] ?? 0)
      const p = num('pass')
      const f = num('fail') + num('cancelled')
      passed += p
      failed += f
      if (code !== 0 && f === 0) failed += 1 // the runner itself failed (a file did not load)
      out(`[${group}] ${p} passed, ${f} failed (${seconds(started)} s)\n`)
      resolve()
    })
  })
}

const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const psql = (sql) => run('psql', [PG_ADMIN, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] })

/**
 * Seeds the demo city once for the browser specs: a data folder (SQLite database and root key) and
 * a PostgreSQL template database seeded with the same root key. Each spec's platform starts from a
 * copy (test/helpers/server.ts) instead of seeding its own. TEST_DEMO_TEMPLATE=0 turns this off.
 * Answers the environment the specs need, or null when the demo city could not be seeded.
 */
async function prepareDemoTemplate() {
  if (process.env.TEST_DEMO_TEMPLATE === '0') return {}
  const dataDir = join(CACHE, 'demo-template')
  rmSync(dataDir, { recursive: true, force: true })
  const seed = async (env) => (await run(process.execPath, [join(ROOT, 'bin/zhicheng.js'), 'seed', '--demo'], { stdio: ['ignore', 'ignore', 'inherit'], env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env } })) === 0
  if (!await seed({})) return null
  const name = `zc_demo_template_${process.pid}`
  const url = new URL(PG_ADMIN)
  url.pathname = `/${name}`
  const pg = await psql(`drop database if exists ${name} with (force)`) === 0 && await psql(`create database ${name}`) === 0 && await seed({ DATABASE_URL: url.toString() })
  return { ZC_TEST_DEMO_DATA: dataDir, ...(pg ? { ZC_TEST_DEMO_PG: name } : {}) }
}

async function runGroup(group, out) {
  const started = Date.now()
  if (group === 'lint') {
    const code = await run('npm', ['run', '--silent', 'lint'])
    if (code === 0) passed++
    else failed++
    out(`[lint] ${code === 0 ? 'clean' : 'FAILED'} (${seconds(started)} s)\n`)
    return
  }
  let env = {}
  if (group === 'e2e') {
    // Build the web app once, before the browser specs start their platforms.
    const built = await run(process.execPath, ['--import', 'tsx', '-e', "const m = await import('./src/cli/web-build.ts'); m.ensureWebBuild(console.log)"], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (built !== 0) { failed++; out('[e2e] web build failed\n'); return }
    env = await prepareDemoTemplate()
    if (!env) { failed++; out('[e2e] the demo city could not be seeded\n'); return }
  }
  await runNodeTests(group, FILES[group](), out, env, started)
  if (env.ZC_TEST_DEMO_PG) await psql(`drop database if exists ${env.ZC_TEST_DEMO_PG} with (force)`)
}

for (const group of groups) {
  if (group !== 'lint' && !FILES[group]) {
    console.error(`unknown test group ${group}; known: lint, ${Object.keys(FILES).join(', ')}`)
    process.exit(2)
  }
}

// Build the CLI bundle once, before test files start `zhicheng` processes in parallel.
if (groups.some((g) => g === 'integration' || g === 'e2e') && process.env.ZHICHENG_TSX !== '1') await cliBundle()

const toStdout = (d) => process.stdout.write(d)
for (const group of groups) await runGroup(group, toStdout)

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
