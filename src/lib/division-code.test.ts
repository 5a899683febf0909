import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseDivisionCode, isDivisionCode } from './division-code.ts'

test('division codes: levels of well-formed codes', () => {
  assert.deepEqual(parseDivisionCode('440000'), { level: 'province', province: '44' })
  assert.deepEqual(parseDivisionCode('442000'), { level: 'prefecture', province: '44' })
  assert.deepEqual(parseDivisionCode('440103'), { level: 'county', province: '44' })
  assert.deepEqual(parseDivisionCode('442000001000'), { level: 'town', province: '44' })
  assert.deepEqual(parseDivisionCode('442000001001'), { level: 'village', province: '44' })
})

test('division codes: malformed or unknown codes are refused', () => {
  for (const bad of ['', '44200', '4420000', '99xxxx', '990000', '000000', '442000 ', '44200000100', '440000001000']) {
    assert.equal(isDivisionCode(bad), false, bad)
  }
})
