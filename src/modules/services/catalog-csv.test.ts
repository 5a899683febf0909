import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CSV_COLUMNS, csvToRecords, itemsToCsv } from './catalog-csv.ts'
import { CITY_DEPARTMENTS } from './data/departments.ts'
import { FEATURED, featuredItem } from './data/featured.ts'

const items = FEATURED.slice(0, 5).map((s) => featuredItem(s, { code: '442000', name: '中山市', department: CITY_DEPARTMENTS.gaj }))

test('items survive a CSV round trip unchanged', () => {
  const csv = itemsToCsv(items)
  assert.ok(csv.startsWith(`${CSV_COLUMNS.join(',')}\r\n`))
  const back = csvToRecords(csv)
  assert.equal(back.length, items.length)
  back.forEach((r, i) => assert.deepEqual(r.value, items[i]))
})

test('unreadable cells are reported per row; a CSV without the key columns is refused', () => {
  const csv = 'implementationCode,name,visits,charged,form,extra\r\n1,a,x,maybe,{bad,1\r\n'
  assert.deepEqual(csvToRecords(csv)[0]!.errors.map((e) => e.path), ['/visits', '/charged', '/form', '/extra'])
  assert.throws(() => csvToRecords('a,b\r\n1,2\r\n'), /implementationCode and name/)
})
