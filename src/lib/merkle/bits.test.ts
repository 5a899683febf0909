import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { bitLength, isPowerOfTwo, popCount, shiftLeft, shiftRight, trailingZeros, xor } from './bits.ts'
import { consistencyProofNodes, inclusionProofNodes, rangeNodes } from './plan.ts'
import { MerkleError } from './errors.ts'

const safe = fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) })

describe('53-bit helpers agree with BigInt arithmetic', () => {
  it('bitLength, trailingZeros, popCount, shifts', () => {
    fc.assert(
      fc.property(safe, fc.integer({ min: 0, max: 52 }), (x, k) => {
        const n = Number(x)
        assert.equal(bitLength(n), x === 0n ? 0 : x.toString(2).length)
        assert.equal(popCount(n), [...x.toString(2)].filter((c) => c === '1').length)
        assert.equal(trailingZeros(n), x === 0n ? 64 : x.toString(2).length - 1 - x.toString(2).lastIndexOf('1'))
        assert.equal(shiftRight(n, k), Number(x >> BigInt(k)))
        if (bitLength(n) + k <= 53) assert.equal(shiftLeft(n, k), Number(x << BigInt(k)))
        assert.equal(isPowerOfTwo(n), x > 0n && (x & (x - 1n)) === 0n)
      }),
    )
  })
  it('xor', () => {
    fc.assert(fc.property(safe, safe, (a, b) => assert.equal(xor(Number(a), Number(b)), Number(a ^ b))))
  })
})

describe('proof plans for very large trees', () => {
  it('covers [0, 2^52 + 3) with three nodes', () => {
    assert.deepEqual(rangeNodes(0, 2 ** 52 + 3), [
      { level: 52, index: 0 },
      { level: 1, index: 2 ** 51 },
      { level: 0, index: 2 ** 52 + 2 },
    ])
  })
  it('plans O(log n) nodes for proofs beyond 2^32 leaves', () => {
    const size = 2 ** 40 + 12345
    assert.ok(inclusionProofNodes(2 ** 33 + 7, size).nodes.length <= 2 * 41)
    assert.ok(consistencyProofNodes(2 ** 35 + 1, size).nodes.length <= 2 * 41)
  })
  it('rejects negative, fractional and unsafe arguments', () => {
    for (const bad of [-1, 0.5, 2 ** 53, Number.NaN]) {
      assert.throws(() => rangeNodes(0, bad), (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_INVALID_ARGUMENT')
    }
    assert.throws(() => inclusionProofNodes(3, 3), (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_INVALID_ARGUMENT')
    assert.throws(() => consistencyProofNodes(4, 3), (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_INVALID_ARGUMENT')
  })
})
