import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { addScore, emptyCounts, isBadScore, LEVELS, levelOf, levelScore, rankGroups, ratesOf, ratio, type Group } from './index.ts'

test('levels and scores map both ways; 不满意 and 非常不满意 are bad', () => {
  assert.deepEqual(LEVELS.map(levelScore), [5, 4, 3, 2, 1])
  for (const l of LEVELS) assert.equal(levelOf(levelScore(l)), l)
  assert.deepEqual([1, 2, 3, 4, 5].map(isBadScore), [true, true, false, false, false])
  assert.throws(() => levelOf(0), RangeError)
  assert.throws(() => levelOf(2.5), RangeError)
})

test('rates: satisfaction counts 基本满意 and better; nothing rated gives null, not NaN', () => {
  assert.deepEqual(ratesOf(emptyCounts()), { total: 0, satisfactionRate: null, badRate: null, meanScore: null })
  const c = emptyCounts()
  addScore(c, 5, 90); addScore(c, 4, 5); addScore(c, 3, 2); addScore(c, 2, 2); addScore(c, 1, 1)
  assert.deepEqual(ratesOf(c), { total: 100, satisfactionRate: 0.97, badRate: 0.03, meanScore: 4.81 })
  assert.equal(ratio(1, 3), 0.3333)
  assert.equal(ratio(1, 0), null)
})

const group = (key: string, scores: Record<number, number>): Group => {
  const counts = emptyCounts()
  for (const [s, n] of Object.entries(scores)) addScore(counts, Number(s), n)
  return { key, label: key, counts }
}

test('minimum count: a group below it shows its count only and is never ranked, even when perfect', () => {
  const r = rankGroups([group('tiny', { 5: 3 }), group('a', { 5: 9, 1: 1 }), group('b', { 5: 10 }), group('c', { 5: 8, 4: 1, 1: 1 })], 10)
  assert.deepEqual(r.map((g) => [g.key, g.rank, g.suppressed]), [['b', 1, false], ['a', 2, false], ['c', 3, false], ['tiny', null, true]])
  const tiny = r.at(-1)!
  assert.deepEqual([tiny.count, tiny.levels, tiny.satisfactionRate, tiny.meanScore], [3, null, null, null])
  // At exactly the minimum the group counts.
  assert.equal(rankGroups([group('x', { 5: 10 })], 10)[0]!.rank, 1)
  assert.equal(rankGroups([group('x', { 5: 9 })], 10)[0]!.rank, null)
  assert.throws(() => rankGroups([], 0), RangeError)
})

test('ties share a rank (1, 1, 3)', () => {
  const r = rankGroups([group('a', { 5: 10 }), group('b', { 5: 10 }), group('c', { 4: 10 })], 5)
  assert.deepEqual(r.map((g) => g.rank), [1, 1, 3])
  assert.deepEqual(rankGroups([group('a', { 5: 10 })], 5, { rank: false })[0]!.rank, null)
})

test('property: no suppressed group exposes rates; ranked groups are ordered by rate', () => {
  const counts = fc.record({ 1: fc.nat(20), 2: fc.nat(20), 3: fc.nat(20), 4: fc.nat(20), 5: fc.nat(20) })
  fc.assert(fc.property(fc.array(counts, { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (list, min) => {
    const out = rankGroups(list.map((c, i) => group(`g${i}`, c)), min)
    for (const g of out) {
      if (g.count < min) assert.ok(g.suppressed && g.rank === null && g.satisfactionRate === null && g.levels === null)
      else assert.ok(!g.suppressed && g.rank !== null)
    }
    const ranked = out.filter((g) => !g.suppressed)
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.satisfactionRate! >= ranked[i]!.satisfactionRate!)
  }))
})
