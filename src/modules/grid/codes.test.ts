import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ancestorsOf, gridCodeProblem, levelOfCode, parentCodeOf, townGridCode } from './codes.ts'

test('levels and parents of 14-digit grid codes', () => {
  assert.equal(levelOfCode('44200000000000'), 'city')
  assert.equal(levelOfCode('44200000100000'), 'town')
  assert.equal(levelOfCode('44200000100300'), 'community')
  assert.equal(levelOfCode('44200000100307'), 'unit')
  for (const bad of ['4420000010030', '442000001003071', '44200000000001', '44200000000100', '44200000100001', 'x4200000100307']) assert.equal(levelOfCode(bad), undefined, bad)
  assert.equal(parentCodeOf('44200000100307'), '44200000100300')
  assert.equal(parentCodeOf('44200000100300'), '44200000100000')
  assert.equal(parentCodeOf('44200000100000'), '44200000000000')
  assert.equal(parentCodeOf('44200000000000'), undefined)
  assert.deepEqual(ancestorsOf('44200000100307'), { townCode: '44200000100000', communityCode: '44200000100300' })
  assert.equal(townGridCode('442000001000'), '44200000100000')
})

test('a code must match its level and extend its parent', () => {
  assert.equal(gridCodeProblem('44200000100307', 'unit', '44200000100300'), undefined)
  assert.equal(gridCodeProblem('44200000000000', 'city', null), undefined)
  assert.match(gridCodeProblem('44200000100307', 'community', '44200000100000')!, /unit grid, not a community/)
  assert.match(gridCodeProblem('44200000100307', 'unit', '44200000100400')!, /must have parent 44200000100300/)
  assert.match(gridCodeProblem('123', 'unit', null)!, /14 digits/)
})
