import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createIdGenerator, pooledRandom } from './ids.ts'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

describe('ids', () => {
  it('are prefixed ULIDs, unique and in creation order within a millisecond and across them', () => {
    let t = Date.parse('2026-11-26T00:00:00Z')
    const ids = createIdGenerator(() => t)
    const out: string[] = []
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 0) t += 1
      out.push(ids.next('lic'))
    }
    assert.equal(new Set(out).size, out.length)
    assert.deepEqual([...out].sort(), out)
    for (const id of out.slice(0, 50)) assert.match(id, /^lic_[0-9A-HJKMNP-TV-Z]{26}$/)
    assert.throws(() => ids.next('X'), /want 2-8 lowercase letters/)
  })

  it('draws the random part from the whole alphabet, evenly (pooled CSPRNG bytes)', () => {
    const seen = new Map<string, number>()
    let t = Date.parse('2026-11-26T00:00:00Z')
    const ids = createIdGenerator(() => (t += 1)) // a new millisecond each time: fresh randomness
    for (let i = 0; i < 4000; i++) for (const c of ids.next('ab').slice(3 + 10)) seen.set(c, (seen.get(c) ?? 0) + 1)
    assert.deepEqual([...seen.keys()].sort().join(''), CROCKFORD)
    const counts = [...seen.values()]
    const mean = (4000 * 16) / 32
    for (const n of counts) assert.ok(Math.abs(n - mean) < mean * 0.2, `symbol count ${n} far from ${mean}`)
    for (let i = 0; i < 10_000; i++) {
      const r = pooledRandom()
      assert.ok(r >= 0 && r < 1)
    }
  })
})
