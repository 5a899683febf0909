import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { parseCsv, toCsv } from './csv.ts'

test('quotes fields with commas, quotes, line breaks and edge spaces; CRLF rows', () => {
  assert.equal(toCsv([['a', 'b,c', 'say "hi"', 'x\ny', ' pad', null, 3]]), 'a,"b,c","say ""hi""","x\ny"," pad",,3\r\n')
})

test('parses LF and CRLF, a BOM, empty fields and a last row without newline', () => {
  assert.deepEqual(parseCsv('\ufeffname,code\r\n居住证申领,"1,2"\n,\nlast,"q""uote"'), [['name', 'code'], ['居住证申领', '1,2'], ['', ''], ['last', 'q"uote']])
  assert.deepEqual(parseCsv(''), [])
})

test('rejects an unterminated quote and stray quotes, naming the line', () => {
  assert.throws(() => parseCsv('a,b\n"open'), /line 2: unterminated/)
  assert.throws(() => parseCsv('a,b"c'), /line 1: quote inside/)
  assert.throws(() => parseCsv('"a"b'), /line 1: text after a closing quote/)
})

test('round trip: any table of strings survives toCsv then parseCsv', () => {
  fc.assert(fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
    assert.deepEqual(parseCsv(toCsv(rows)), rows.map((r) => (r.length === 1 && r[0] === '' ? [''] : r)))
  }))
})
