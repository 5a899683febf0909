#!/usr/bin/env node
// Runs every test: lint, unit/contract/arch/vectors, integration (SQLite and PostgreSQL), browser.
// `node scripts/test.mjs [lint|unit|integration|e2e ...]` runs a subset. Prints "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process'
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

let passed = 0
let failed = 0

// Test files run bundled (bin/bundle.mjs): a process then starts in a fraction of the time tsx's
// loader takes. TEST_BUNDLE=0 runs the TypeScript through tsx instead.
const BUNDLED = process.env.TEST_BUNDLE !== '0'

async function prepare(group, files) {
  if (!BUNDLED) return { flags: ['--import', 'tsx'], paths: files }
  const outdir = join(CACHE, 'tests', group)
  rmSync(outdir, { recursive: true, force: true })
  await bundle(files, outdir, { keepNames: group !== 'e2e' })
  return { flags: ['--enable-source-maps'], paths: files.map((f) => bundledPath(outdir, f)) }
}

async function runNodeTests(group, files) {
  if (files.length === 0) return
  const { flags, paths } = await prepare(group, files)
  return new Promise((resolve) => {
    const concurrency = group === 'e2e' ? '1' : group === 'integration' ? '3' : '4'
    const child = spawn(process.execPath, [...flags, '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...paths], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env })
    let tail = ''
    child.stdout.on('data', (d) => { process.stdout.write(d); tail = (tail + d).slice(-4000) })
    child.on('exit', (code) => {
      const num = (label) => Number((new RegExp(`ℹ ${label} (\\d+)`).exec(tail) ?? [])[1] ?? 0)
      const p = num('pass')
      const f = num('fail') + num('cancelled')
      passed += p
      failed += f
      if (code !== 0 && f === 0) failed += 1 // the runner itself failed (a file did not load)
      console.log(`[${group}] ${p} passed, ${f} failed`)
      resolve()
    })
  })
}

/**
 * Seeds the demo city once for the browser specs: a data folder (SQLite database and root key) and
 * a PostgreSQL template database seeded with the same root key. Each spec's platform starts from a
 * copy (test/helpers/server.ts) instead of seeding its own. TEST_DEMO_TEMPLATE=0 turns this off.
 */
function prepareDemoTemplate() {
  if (process.env.TEST_DEMO_TEMPLATE === '0') return true
  const dataDir = join(CACHE, 'demo-template')
  rmSync(dataDir, { recursive: true, force: true })
  const seed = (env) => spawnSync(process.execPath, [join(ROOT, 'bin/zhicheng.js'), 'seed', '--demo'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env } }).status === 0
  if (!seed({})) return false
  process.env.ZC_TEST_DEMO_DATA = dataDir
  const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `zc_demo_template_${process.pid}`
  const psql = (sql) => spawnSync('psql', [admin, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0
  const url = new URL(admin)
  url.pathname = `/${name}`
  if (psql(`drop database if exists ${name} with (force)`) && psql(`create database ${name}`) && seed({ DATABASE_URL: url.toString() })) process.env.ZC_TEST_DEMO_PG = name
  return true
}

function dropDemoTemplate() {
  const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  spawnSync('psql', [admin, '-q', '-c', `drop database if exists ${process.env.ZC_TEST_DEMO_PG} with (force)`], { stdio: 'ignore' })
}

for (const group of groups) {
  if (group === 'lint') {
    const r = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: ROOT, stdio: 'inherit' })
    if (r.status === 0) passed++
    else failed++
    console.log(`[lint] ${r.status === 0 ? 'clean' : 'FAILED'}`)
    continue
  }
  if (!FILES[group]) {
    console.error(`unknown test group ${group}; known: lint, ${Object.keys(FILES).join(', ')}`)
    process.exit(2)
  }
  if (group === 'e2e') {
    // Build the web app once, before the browser specs start platforms in parallel.
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "const m = await import('./src/cli/web-build.ts'); m.ensureWebBuild(console.log)"], { cwd: ROOT, stdio: 'inherit' })
    if (r.status !== 0) { failed++; console.log('[e2e] web build failed'); continue }
  }
  // Build the CLI bundle once, before test files start `zhicheng` processes in parallel.
  if (group !== 'unit' && process.env.ZHICHENG_TSX !== '1') await cliBundle()
  if (group === 'e2e' && !prepareDemoTemplate()) { failed++; console.log('[e2e] the demo city template could not be seeded'); continue }
  await runNodeTests(group, FILES[group]())
  if (group === 'e2e' && process.env.ZC_TEST_DEMO_PG) dropDemoTemplate()
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
