import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderErrors, renderPermissions, renderEvents } from './render-docs.ts'
import { errorRegistry } from '../../src/core/errors.ts'

const DOCS = resolve(import.meta.dirname, '../../docs')
const read = (f: string) => readFileSync(resolve(DOCS, f), 'utf8')
const HINT = 'run: node --import tsx scripts/gen-docs.ts'

test('every error code is documented in docs/errors.md, and no stale one remains', async () => {
  assert.equal(read('errors.md'), await renderErrors(), HINT)
  for (const code of errorRegistry.keys()) assert.match(read('errors.md'), new RegExp(`\`${code}\``))
})

test('every permission code is documented in docs/permissions.md', async () => {
  assert.equal(read('permissions.md'), await renderPermissions(), HINT)
})

test('every event is documented in docs/events.md', async () => {
  assert.equal(read('events.md'), await renderEvents(), HINT)
})

test('error codes carry a 4xx/5xx status and three languages', () => {
  for (const info of errorRegistry.values()) {
    assert.ok(info.status >= 400 && info.status < 600, info.code)
    assert.match(info.code, /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/)
    for (const lang of ['zh-CN', 'zh-TW', 'en-US'] as const) assert.ok(info.messages[lang].length > 0, `${info.code} ${lang}`)
  }
})
