import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { selfTest } from './self-test.ts'

describe('selfTest', () => {
  it('passes on this build and returns nothing', () => {
    assert.equal(selfTest(), undefined)
  })

  it('is fast enough to run at boot (< 1 s once warm)', () => {
    const started = performance.now()
    selfTest()
    assert.ok(performance.now() - started < 1000)
  })
})
