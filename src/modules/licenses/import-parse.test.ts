import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseRows, type ImportFormat, type ParsedRow } from './import-parse.ts'

async function all(format: ImportFormat, text: string, chunk = 3): Promise<ParsedRow[]> {
  const src = (async function* () { for (let i = 0; i < text.length; i += chunk) yield Buffer.from(text.slice(i, i + chunk)) })()
  const out: ParsedRow[] = []
  for await (const r of parseRows(format, src)) out.push(r)
  return out
}

describe('streaming import readers', () => {
  it('reads CSV with quotes, embedded commas, quotes and line breaks, in any chunking', async () => {
    const text = '\uFEFFname,scope,n\r\n"中山, 石岐","a ""b""\nc",1\n张三,,2\n\n'
    for (const chunk of [1, 2, 5, 1000]) {
      assert.deepEqual(await all('csv', text, chunk), [
        { row: 1, value: { name: '中山, 石岐', scope: 'a "b"\nc', n: '1' } },
        { row: 2, value: { name: '张三', n: '2' } },
      ], `chunk ${chunk}`)
    }
    // Multi-byte characters split across chunks decode intact.
    const bytes = Buffer.from('k\n营业执照\n')
    const src = (async function* () { for (const b of bytes) yield Buffer.from([b]) })()
    const rows: ParsedRow[] = []
    for await (const r of parseRows('csv', src)) rows.push(r)
    assert.deepEqual(rows, [{ row: 1, value: { k: '营业执照' } }])
  })

  it('reports a CSV row with the wrong number of columns and goes on', async () => {
    assert.deepEqual(await all('csv', 'a,b\n1\n2,3\n'), [{ row: 1, error: 'has 1 columns, the header has 2' }, { row: 2, value: { a: '2', b: '3' } }])
  })

  it('reads NDJSON, reporting bad lines', async () => {
    let jsonError = ''
    try { JSON.parse('not json') } catch (e) { jsonError = (e as Error).message }
    assert.deepEqual(await all('ndjson', '{"a":1}\n\nnot json\n[1]\n{"b":"x\\ny"}'), [
      { row: 1, value: { a: 1 } }, { row: 2, error: `is not valid JSON: ${jsonError}` },
      { row: 3, error: 'is not a JSON object' }, { row: 4, value: { b: 'x\ny' } },
    ])
  })

  it('splits a JSON array into its objects, strings with brackets and commas included', async () => {
    const text = ' [ {"a":"],[{","n":[1,2]} , {"b":{"c":"\\""}}, 3 ]'
    for (const chunk of [1, 4, 100]) {
      assert.deepEqual(await all('json', text, chunk), [{ row: 1, value: { a: '],[{', n: [1, 2] } }, { row: 2, value: { b: { c: '"' } } }, { row: 3, error: 'is not a JSON object' }])
    }
    await assert.rejects(all('json', '{"a":1}'), SyntaxError)
    await assert.rejects(all('json', '[{"a":1}'), SyntaxError)
  })
})
