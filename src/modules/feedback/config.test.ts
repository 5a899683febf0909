import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_FEEDBACK_OPTIONS, loadFeedbackOptions } from './config.ts'

test('defaults follow the Guangdong rules: 7 days, then 基本满意; 5 working days to rectify', () => {
  assert.deepEqual(loadFeedbackOptions({}), DEFAULT_FEEDBACK_OPTIONS)
  assert.deepEqual([DEFAULT_FEEDBACK_OPTIONS.ratingDays, DEFAULT_FEEDBACK_OPTIONS.defaultScore, DEFAULT_FEEDBACK_OPTIONS.rectifyDays], [7, 3, 5])
})

test('the environment configures the window, default level, limits and minimum count; overrides win', () => {
  const o = loadFeedbackOptions({ FEEDBACK_RATING_DAYS: '15', FEEDBACK_DEFAULT_SCORE: '4', FEEDBACK_RECTIFY_DAYS: '3', FEEDBACK_MIN_COUNT: '30', FEEDBACK_SWEEP_MS: '0' }, { minCount: 5 })
  assert.deepEqual(o, { ratingDays: 15, defaultScore: 4, rectifyDays: 3, resultDays: 7, minCount: 5, sweepMs: 0 })
})

test('an invalid value stops the boot with the key named', () => {
  assert.throws(() => loadFeedbackOptions({ FEEDBACK_DEFAULT_SCORE: '6' }), /FEEDBACK_DEFAULT_SCORE/)
  assert.throws(() => loadFeedbackOptions({ FEEDBACK_RATING_DAYS: 'seven' }), /FEEDBACK_RATING_DAYS/)
  assert.throws(() => loadFeedbackOptions({ FEEDBACK_MIN_COUNT: '0' }), /FEEDBACK_MIN_COUNT/)
})
