#!/usr/bin/env node
// Runs every bench/*.bench.ts in turn; each prints `name: value unit (ratio x baseline)` lines.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
const only = process.argv[2]
const files = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort()
let failed = 0
for (const f of files) {
  console.log(`# ${f}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', f)], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
