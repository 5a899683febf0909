import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { maskIdNumber, maskIdentifiersIn, maskMobile, maskName } from './mask.ts'

describe('masking personal identifiers', () => {
  it('keeps 4 + 4 characters of an ID number and 3 + 4 of a mobile number', () => {
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X')
    assert.equal(maskMobile('13800138000'), '138****8000')
    assert.equal(maskIdNumber('1234567'), '*******')
  })

  it('keeps the first character of a name', () => {
    assert.equal(maskName('张三丰'), '张**')
    assert.equal(maskName('王'), '*')
  })

  it('masks identifiers inside free text, and nothing else', () => {
    assert.equal(maskIdentifiersIn('login 11010519491231002X from 13800138000'), 'login 1101**********002X from 138****8000')
    assert.equal(maskIdentifiersIn('clerk.zhang'), 'clerk.zhang')
    assert.equal(maskIdentifiersIn('order 1234567890123456789012'), 'order 1234567890123456789012')
  })
})
