import { test } from 'node:test'
import assert from 'node:assert/strict'
import { defineErrors, pickLang, toProblem } from './errors.ts'

const TestError = defineErrors('ERRTEST', { GONE: [410, 'Thing %s is gone', '事物 %s 已删除', '事物 %s 已刪除'] })

test('errors: code, status and localized detail stay together', () => {
  const err = new TestError.GONE('x1')
  assert.equal(err.code, 'ERRTEST_GONE')
  assert.equal(err.status, 410)
  assert.equal(err.message, 'Thing x1 is gone')
  assert.deepEqual(toProblem(err, 'zh-TW', 'req_1'), {
    type: 'https://zhicheng.dev/problems/errtest-gone', title: 'ERRTEST_GONE', status: 410, detail: '事物 x1 已刪除', code: 'ERRTEST_GONE', requestId: 'req_1',
  })
})

test('errors: a code cannot be defined twice', () => {
  assert.throws(() => defineErrors('ERRTEST', { GONE: [410, 'again'] }), /duplicate error code ERRTEST_GONE/)
})

test('errors: Accept-Language picks zh-CN, zh-TW or en-US; zh-CN by default', () => {
  assert.equal(pickLang(undefined), 'zh-CN')
  assert.equal(pickLang('en-US,en;q=0.9'), 'en-US')
  assert.equal(pickLang('zh-HK'), 'zh-TW')
  assert.equal(pickLang('zh-Hant-TW'), 'zh-TW')
  assert.equal(pickLang('zh'), 'zh-CN')
  assert.equal(pickLang('fr-FR, en;q=0.5'), 'en-US')
  assert.equal(pickLang('fr-FR'), 'zh-CN')
})
