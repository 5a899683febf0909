/**
 * Bulk import: streamed CSV / NDJSON / JSON, committed in batches, per-row errors, and a resumed
 * import (after an interruption) that adds no duplicates.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { makeUsccFromParts } from '../../../src/lib/uscc.ts'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { BUSINESS, PRINCIPALS, as, buildLicensesApp, countRows, ok, type LicensesTestApp } from './helpers.ts'

const COLUMNS = ['number', 'creditCode', 'companyName', 'entityType', 'legalRep', 'registeredCapital', 'establishedOn', 'businessAddress', 'businessScope', 'issuedAt']
const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** A register of `n` companies; rows in `bad` are broken in three different ways. */
function csv(n: number, prefix: string, bad: number[] = []): string {
  const lines = [COLUMNS.join(',')]
  for (let i = 1; i <= n; i++) {
    const code = makeUsccFromParts('91', '442000', `${prefix}${String(i).padStart(8 - prefix.length, '0')}`)
    const row = [`R${prefix}${i}`, code, `中山市${prefix}第${i}号贸易有限公司`, 'llc-natural', '李四', String(50 + (i % 7)), '2019-05-20', '广东省中山市石岐街道, 孙文中路1号', '日用百货销售；"互联网销售"', '2019-05-20T02:00:00Z']
    if (bad.includes(i)) {
      if (i % 3 === 0) row[1] = '91442000XXXXXXXXXX'
      else if (i % 3 === 1) row[2] = ''
      else row.pop()
    }
    lines.push(row.map(q).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

for (const dialect of DIALECTS) {
  describe(`bulk import of a licence register [${dialect}]`, () => {
    let t: LicensesTestApp
    before(async () => { t = await buildLicensesApp(dialect) })
    after(() => t.close())
    const post = (query: string, body: string, type = 'text/csv', who: Parameters<typeof as>[0] = 'officer') =>
      t.app.inject({ method: 'POST', url: `/api/v1/licenses/imports?typeCode=${BUSINESS.code}&${query}`, headers: { ...as(who), 'content-type': type }, payload: body })

    it('refuses without the permission or outside the department; bad JSON is 400', async () => {
      assertProblem(await post('key=k0', csv(2, 'A'), 'text/csv', 'nobody'), 403, 'CORE_FORBIDDEN')
      assertProblem(await post('key=k0', csv(2, 'A'), 'text/csv', 'gaj'), 403, 'LIC_NOT_YOUR_DEPARTMENT')
      assertProblem(await post('key=k0-json', '{"not":"an array"}', 'application/json'), 400, 'LIC_IMPORT_BAD_FORMAT')
      assert.equal(await countRows(t.app, 'licenses_license'), 0)
    })

    it('imports a CSV register in batches and reports each bad row', async () => {
      const r = ok(await post('key=reg-2026-a', csv(1200, 'A', [10, 500, 1098])))
      assert.deepEqual([r.state, r.rowsRead, r.committed, r.failed, r.skipped], ['done', 1200, 1197, 3, 0])
      const errs = ok(await t.app.inject({ url: `/api/v1/licenses/imports/${r.id}/errors`, headers: as('officer') }))
      assert.deepEqual(errs.items.map((e: { row: number; code: string }) => [e.row, e.code]), [[10, 'LIC_FIELDS_INVALID'], [500, 'LIC_IMPORT_BAD_FORMAT'], [1098, 'LIC_FIELDS_INVALID']])
      assert.match(errs.items[0].message, /\/fields\/companyName/)
      assert.match(errs.items[2].message, /\/fields\/creditCode/)
      assert.equal(await countRows(t.app, 'licenses_license'), 1197)
      // Each imported licence is signed and anchored like any other.
      const one = ok(await t.app.inject({ url: `/api/v1/licenses?q=${encodeURIComponent('中山市A第7号贸易有限公司')}`, headers: as('officer') })).items[0]
      const detail = ok(await t.app.inject({ url: `/api/v1/licenses/${one.id}`, headers: as('officer') }))
      assert.equal(detail.document.licence.fields.businessAddress, '广东省中山市石岐街道, 孙文中路1号')
      assert.equal(detail.document.licence.fields.registeredCapital, 50)
      assert.equal(detail.issuedAt, '2019-05-20T02:00:00.000Z')
      assert.equal(ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify', payload: detail.document })).valid, true)
      assert.equal(await countRows(t.app, 'ledger_pending') + await countRows(t.app, 'ledger_entry', ['kind', 'licenses.license']), 1197)
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/imports/${r.id}`, headers: as('gaj') }), 404, 'LIC_IMPORT_NOT_FOUND')
      // The same key again: everything was read, nothing is added.
      const again = ok(await post('key=reg-2026-a', csv(1200, 'A', [10, 500, 1098])))
      assert.deepEqual([again.committed, again.skipped], [1197, 1200])
      assert.equal(await countRows(t.app, 'licenses_license'), 1197)
    })

    it('resumes an interrupted import after the last committed batch, without duplicates', async () => {
      const text = csv(1300, 'B')
      const lines = text.split('\r\n')
      // The connection drops after 650 rows: the first batch (500) is committed, the rest is not.
      const broken = (async function* () {
        yield Buffer.from(lines.slice(0, 651).join('\r\n') + '\r\n')
        throw new Error('connection reset')
      })()
      await assert.rejects(t.api.imports.run({ principal: PRINCIPALS.officer }, { typeCode: BUSINESS.code, key: 'reg-2026-b', format: 'csv' }, broken), /connection reset/)
      const partial = await t.app.kernel.db.selectFrom('licenses_import').selectAll().where('key', '=', 'reg-2026-b').executeTakeFirstOrThrow()
      assert.deepEqual([partial.state, Number(partial.rows_read), Number(partial.committed)], ['running', 500, 500])
      const r = ok(await post('key=reg-2026-b', text))
      assert.deepEqual([r.state, r.rowsRead, r.committed, r.failed, r.skipped], ['done', 1300, 1300, 0, 500])
      const refs = await t.app.kernel.db.selectFrom('licenses_license').select('source_ref').where('source_ref', 'like', 'imp:reg-2026-b:%').execute()
      assert.equal(refs.length, 1300)
      assert.equal(new Set(refs.map((x) => x.source_ref)).size, 1300)
    })

    it('imports NDJSON and JSON arrays (fields nested or flat)', async () => {
      const row = (i: number, nested: boolean) => {
        const fields = { creditCode: makeUsccFromParts('91', '442000', `C${String(i).padStart(7, '0')}`), companyName: `中山市C第${i}号有限公司`, entityType: 'llc-sole', legalRep: '王五', establishedOn: '2020-01-02', businessAddress: '中山市小榄镇', businessScope: '五金制品' }
        return nested ? { number: `C${i}`, fields } : { number: `C${i}`, ...fields }
      }
      const nd = ok(await post('key=reg-c-nd', [row(1, true), row(2, false)].map((x) => JSON.stringify(x)).join('\n') + '\nnot json\n', 'application/x-ndjson'))
      assert.deepEqual([nd.committed, nd.failed], [2, 1])
      const js = ok(await post('key=reg-c-json', JSON.stringify([row(3, true), row(4, false)]), 'application/json'))
      assert.deepEqual([js.committed, js.failed], [2, 0])
    })
  })
}
