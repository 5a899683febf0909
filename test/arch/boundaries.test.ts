import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname, sep } from 'node:path'

const SRC = resolve(import.meta.dirname, '../../src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm

interface Edge { file: string; line: number; spec: string; target: string; typeOnly: boolean }

function edges(): Edge[] {
  const out: Edge[] = []
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4] ?? m[5]
      if (!spec?.startsWith('.')) continue
      const line = text.slice(0, m.index).split('\n').length
      out.push({ file: relative(SRC, file), line, spec, target: relative(SRC, resolve(dirname(file), spec)), typeOnly: !!m[2] })
    }
  }
  return out
}

const area = (p: string) => p.split(sep)[0]
const moduleOf = (p: string) => (p.startsWith(`modules${sep}`) ? p.split(sep)[1] : undefined)

test('lib/ imports nothing from core/ or modules/', () => {
  const bad = edges().filter((e) => area(e.file) === 'lib' && ['core', 'modules'].includes(area(e.target)))
  assert.deepEqual(bad.map((e) => `${e.file}:${e.line} imports ${e.spec}`), [])
})

test('core/ imports no module', () => {
  const bad = edges().filter((e) => area(e.file) === 'core' && area(e.target) === 'modules')
  assert.deepEqual(bad.map((e) => `${e.file}:${e.line} imports ${e.spec}`), [])
})

test("a module imports another module's index.ts only, and only its types", () => {
  const bad = edges().filter((e) => {
    const from = moduleOf(e.file)
    const to = moduleOf(e.target)
    // modules/index.ts is the module list: it imports each module's index.ts at runtime.
    if (!from || !to || from === to || from === 'index.ts' || to === 'index.ts') return false
    const isIndex = e.target === join('modules', to, 'index.ts')
    return !isIndex || !e.typeOnly
  })
  assert.deepEqual(bad.map((e) => `${e.file}:${e.line} imports ${e.spec}`), [])
})

test('module migrations import nothing from the app (frozen in time)', () => {
  const bad = edges().filter((e) => e.file.includes(`${sep}migrations${sep}`) && !e.file.endsWith(`${sep}index.ts`) && !e.target.includes(`${sep}migrations${sep}`))
  assert.deepEqual(bad.map((e) => `${e.file}:${e.line} imports ${e.spec}`), [])
})

test('the boundary checker sees real imports (guards against a parser that finds nothing)', () => {
  const all = edges()
  assert.ok(all.some((e) => e.file === join('modules', 'ops', 'index.ts') && e.target === join('core', 'module.ts')))
  assert.ok(all.length > 30)
})
