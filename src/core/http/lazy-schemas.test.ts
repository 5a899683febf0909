import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { lazySerializer, lazyValidator } from './lazy-schemas.ts'

describe('lazy route schemas', () => {
  it('compiles a validator on its first call, once, and forwards its result, errors and context', () => {
    let compiles = 0
    const seen: unknown[] = []
    const validator = lazyValidator(() => {
      compiles++
      const fn = Object.assign((data: unknown, ctx?: unknown) => {
        seen.push(ctx)
        fn.errors = data === 1 ? null : [{ message: 'must be 1' }]
        return data === 1
      }, { errors: null as unknown })
      return fn
    })
    assert.equal(compiles, 0)
    assert.ok(validator.schemaEnv, 'Fastify passes the parent-data context only to functions with schemaEnv')
    assert.equal(validator(2, { parentData: {} }), false)
    assert.deepEqual(validator.errors, [{ message: 'must be 1' }])
    assert.equal(validator(1), true)
    assert.equal(validator.errors, null)
    assert.equal(compiles, 1)
    assert.deepEqual(seen, [{ parentData: {} }, undefined])
  })

  it('compiles a serializer on its first call, once', () => {
    let compiles = 0
    const serialize = lazySerializer(() => { compiles++; return (data: unknown) => JSON.stringify(data) })
    assert.equal(compiles, 0)
    assert.equal(serialize({ a: 1 }), '{"a":1}')
    assert.equal(serialize([2]), '[2]')
    assert.equal(compiles, 1)
  })
})
