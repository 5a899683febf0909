import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { canonicalize } from '../../lib/canonical-json.ts'
import { LEAF_VERSION, leafBytes, leafText, parseHashRef } from './leaf.ts'

const decode = (b: Uint8Array) => new TextDecoder().decode(b)

describe('leafText (the sequencer fast path)', () => {
  it('spells the leaf exactly as the canonical serialiser does, for any fields and metadata', () => {
    const fields = fc.record({
      id: fc.oneof(fc.stringMatching(/^ent_[0-9A-Z]{26}$/), fc.string({ unit: 'grapheme', maxLength: 12 })),
      kind: fc.oneof(fc.constantFrom('evidence', 'licenses.license', 'bench.entry'), fc.string({ maxLength: 8 })),
      hash: fc.oneof(fc.stringMatching(/^sm3:[0-9a-f]{64}$/), fc.string({ maxLength: 8 })),
      meta: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<never>, { maxKeys: 5 }),
      time: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    })
    fc.assert(fc.property(fields, (f) => {
      const want = decode(leafBytes(f))
      assert.equal(leafText(f), want)
      assert.equal(leafText(f, canonicalize(f.meta)), want)
    }), { numRuns: 500 })
  })
  it('orders the members as RFC 8785 does', () => {
    const text = leafText({ id: 'ent_1', kind: 'evidence', hash: `sm3:${'a'.repeat(64)}`, meta: { b: 1, a: [true, null] }, time: 1767225600000 })
    assert.equal(text, `{"hash":"sm3:${'a'.repeat(64)}","id":"ent_1","kind":"evidence","meta":{"a":[true,null],"b":1},"time":1767225600000,"v":${LEAF_VERSION}}`)
  })
  it('rejects metadata with no canonical form, as the general serialiser does', () => {
    assert.throws(() => leafText({ id: 'ent_1', kind: 'evidence', hash: 'sm3:00', meta: { x: Number.NaN }, time: 1 }), { code: 'CANONICAL_JSON_NON_FINITE_NUMBER' })
  })
})

describe('parseHashRef', () => {
  it('accepts canonical, upper-case and bare references, and nothing else', () => {
    const hex = 'ab'.repeat(32)
    assert.deepEqual(parseHashRef(`sm3:${hex}`), { algorithm: 'sm3', hex })
    assert.deepEqual(parseHashRef(`SHA256:${hex.toUpperCase()}`), { algorithm: 'sha256', hex })
    assert.deepEqual(parseHashRef(hex), { algorithm: 'sm3', hex })
    for (const bad of [`md5:${hex}`, `sm3:${hex}0`, `sm3:${hex.slice(2)}`, ` sm3:${hex}`, 42, undefined]) assert.equal(parseHashRef(bad), undefined, String(bad))
  })
})
