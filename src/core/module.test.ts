import { test } from 'node:test'
import assert from 'node:assert/strict'
import { defineModule, resolveModules } from './module.ts'

const m = (name: string, dependsOn: string[] = []) => defineModule({ name, description: name, dependsOn })

test('modules boot in dependency order', () => {
  const order = resolveModules([m('licenses', ['crypto', 'ledger']), m('ledger', ['crypto']), m('crypto'), m('ops')]).map((x) => x.name)
  assert.deepEqual(order, ['crypto', 'ledger', 'licenses', 'ops'])
})

test('a subset runs only the named modules', () => {
  assert.deepEqual(resolveModules([m('ops'), m('city'), m('crypto')], ['city']).map((x) => x.name), ['city'])
})

test('boot refuses a missing dependency, a disabled one, an unknown name and a cycle, each in one line', () => {
  assert.throws(() => resolveModules([m('ledger', ['crypto'])]), /^Error: module "ledger" depends on "crypto", which does not exist$/)
  assert.throws(() => resolveModules([m('ledger', ['crypto']), m('crypto')], ['ledger']), /depends on "crypto", which is not enabled/)
  assert.throws(() => resolveModules([m('ops')], ['nope']), /unknown module "nope"; known: ops/)
  assert.throws(() => resolveModules([m('a', ['b']), m('b', ['c']), m('c', ['a'])]), /module dependency cycle: a -> b -> c -> a/)
})

test('defineModule refuses a bad name and a permission outside its namespace', () => {
  assert.throws(() => m('Bad-Name'), /module name/)
  assert.throws(() => defineModule({ name: 'ops', description: '', permissions: { 'grid:event:read': 'x' } }), /must start with ops:/)
})
