// UI text lives in locale catalogs (STYLE.md §10): web/src/locales/<lang>.json (core) and
// web/src/modules/<name>/locales/<lang>.json (merged under `<name>.`). This test keeps the three
// languages in step and checks that every message key the web code uses exists.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const WEB_SRC = resolve(import.meta.dirname, '../../web/src')
const LANGS = ['zh-CN', 'zh-TW', 'en-US'] as const

type Catalog = { [key: string]: unknown }

interface CatalogSet { name: string; dir: string; namespace: string | null }

function catalogSets(): CatalogSet[] {
  const sets: CatalogSet[] = [{ name: 'core', dir: join(WEB_SRC, 'locales'), namespace: null }]
  const modulesDir = join(WEB_SRC, 'modules')
  for (const mod of readdirSync(modulesDir).sort()) {
    const dir = join(modulesDir, mod, 'locales')
    if (existsSync(dir)) sets.push({ name: `modules/${mod}`, dir, namespace: mod })
  }
  return sets
}

function load(set: CatalogSet, lang: string): Catalog {
  const file = join(set.dir, `${lang}.json`)
  assert.ok(existsSync(file), `${relative(WEB_SRC, file)} is missing`)
  return JSON.parse(readFileSync(file, 'utf8')) as Catalog
}

/** Flattens a catalog to `a.b.c` → value; non-object leaves are returned as they are. */
function flatten(obj: Catalog, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Catalog, key, out)
    else out.set(key, v)
  }
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

test('there is a core catalog and at least the portal, console and brain module catalogs', () => {
  const names = catalogSets().map((s) => s.name)
  for (const n of ['core', 'modules/portal', 'modules/console', 'modules/brain']) assert.ok(names.includes(n), `${n} has no locales/`)
})

for (const set of catalogSets()) {
  test(`${set.name}: zh-CN, zh-TW and en-US have the same keys, all non-empty strings with the same placeholders`, () => {
    const flat = Object.fromEntries(LANGS.map((l) => [l, flatten(load(set, l))])) as Record<(typeof LANGS)[number], Map<string, unknown>>
    const reference = [...flat['zh-CN'].keys()].sort()
    assert.ok(reference.length > 0, `${set.name} zh-CN is empty`)
    for (const lang of LANGS) {
      const keys = [...flat[lang].keys()].sort()
      const missing = reference.filter((k) => !flat[lang].has(k))
      const extra = keys.filter((k) => !flat['zh-CN'].has(k))
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${set.name} ${lang} differs from zh-CN`)
      for (const [key, value] of flat[lang]) {
        assert.equal(typeof value, 'string', `${set.name} ${lang} ${key} is not a string`)
        assert.ok((value as string).trim().length > 0, `${set.name} ${lang} ${key} is empty`)
        // vue-i18n treats `@` and `|` as syntax (linked messages, plurals); none of our texts use them.
        assert.doesNotMatch(value as string, /[@|]/, `${set.name} ${lang} ${key} contains @ or |`)
        assert.deepEqual(placeholders(value as string), placeholders(flat['zh-CN'].get(key) as string), `${set.name} ${lang} ${key} placeholders differ from zh-CN`)
      }
    }
  })
}

test('module namespaces do not collide with top-level keys of the core catalog', () => {
  const core = Object.keys(load(catalogSets()[0]!, 'zh-CN'))
  for (const set of catalogSets().slice(1)) assert.ok(!core.includes(set.namespace!), `core catalog already has a top-level "${set.namespace}"`)
})

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) sourceFiles(p, out)
    else if (/\.(ts|vue)$/.test(name)) out.push(p)
  }
  return out
}

test('every message key the web code names exists in the zh-CN catalogs', () => {
  const merged = new Map<string, unknown>()
  for (const set of catalogSets()) {
    for (const [k, v] of flatten(load(set, 'zh-CN'))) merged.set(set.namespace ? `${set.namespace}.${k}` : k, v)
  }
  const prefixes = new Set<string>()
  for (const k of merged.keys()) {
    const parts = k.split('.')
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('.'))
  }
  const problems: string[] = []
  let checked = 0
  for (const file of sourceFiles(WEB_SRC)) {
    const text = readFileSync(file, 'utf8')
    const where = relative(WEB_SRC, file)
    // t('a.b'), te('a.b'), title: 'a.b' in route meta.
    for (const m of text.matchAll(/\b(?:t|te)\(\s*'([\w.-]+)'|\btitle: '([\w.-]+)'/g)) {
      const key = m[1] ?? m[2]!
      checked++
      if (!merged.has(key)) problems.push(`${where}: ${key}`)
    }
    // t(`a.b.${x}`) and t(`a.${x}.c`): the static head must be a known subtree.
    for (const m of text.matchAll(/\b(?:t|te)\(\s*`([\w.-]*)\$\{/g)) {
      const head = m[1]!.replace(/\.$/, '')
      checked++
      if (head && !prefixes.has(head)) problems.push(`${where}: ${m[1]}\${…}`)
    }
  }
  assert.ok(checked > 50, `only ${checked} key uses found; is the pattern still right?`)
  assert.deepEqual(problems, [], 'keys used in web/src but missing from the zh-CN catalogs')
})
