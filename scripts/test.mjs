#!/usr/bin/env node
// Runs every test: lint, unit/contract/arch/vectors, integration (SQLite and PostgreSQL), browser.
// `node scripts/test.mjs [lint|unit|integration|e2e ...]` runs a subset. Prints "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'

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

function runNodeTests(group, files) {
  return new Promise((resolve) => {
    if (files.length === 0) return resolve()
    const concurrency = group === 'e2e' ? '1' : group === 'integration' ? '3' : '4'
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env })
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
  await runNodeTests(group, FILES[group]())
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
