import { describe, it, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { DIALECTS } from '../../helpers/dialects.ts'
import { buildTestApp, type TestApp } from '../../helpers/build-test-app.ts'
import { withTransaction } from '../../../src/core/db/transaction.ts'
import type { LedgerService } from '../../../src/modules/ledger/index.ts'
import { closeTestApp, countRows, ledgerModules } from './helpers.ts'

const sm3 = (s: string) => createHash('sm3').update(s).digest('hex')

for (const dialect of DIALECTS) {
  describe(`ledger anchoring inside the caller's transaction [${dialect}]`, () => {
    let t: TestApp
    let ledger: LedgerService
    before(async () => {
      t = await buildTestApp(dialect, { modules: ledgerModules() })
      ledger = t.app.kernel.apis.ledger as LedgerService
    })
    after(() => closeTestApp(t))

    // The caller's own write in the same transaction: an audit record stands in for a licence row.
    const callerWrite = (trx: any, id: string) => t.app.kernel.audit.append(trx, { actorId: 'test', actorKind: 'system', action: 'licenses.license.issued', targetType: 'license', targetId: id })

    it('commits with the caller: the entry is sequenced after commit and gets a receipt', async () => {
      const anchored = await withTransaction(t.app.kernel.db, async (trx) => {
        await callerWrite(trx, 'lic_1')
        return ledger.anchor(trx, 'licenses.license', `sm3:${sm3('licence 1')}`, { licenseId: 'lic_1', holder: '中山市某公司' }, { actorId: 'system:test' })
      })
      assert.match(anchored.id, /^ent_/)
      const receipt = await ledger.waitForReceipt(anchored.id)
      assert.deepEqual(receipt.entry, { id: anchored.id, kind: 'licenses.license', hash: `sm3:${sm3('licence 1')}`, meta: { holder: '中山市某公司', licenseId: 'lic_1' }, time: anchored.time })
      assert.equal(receipt.index, 0)
      assert.equal(await countRows(t.app.kernel.db, 'ledger_pending'), 0)
      const verdict = await ledger.verify({ receipt, hash: sm3('licence 1') })
      assert.equal(verdict.payload?.matches, true)
    })

    it('rolls back with the caller: nothing is anchored and nothing is sequenced', async () => {
      const entries = await countRows(t.app.kernel.db, 'ledger_entry')
      let id = ''
      await assert.rejects(withTransaction(t.app.kernel.db, async (trx) => {
        await callerWrite(trx, 'lic_2')
        id = (await ledger.anchor(trx, 'licenses.license', sm3('licence 2'))).id
        throw new Error('the caller fails after anchoring')
      }), /the caller fails/)
      await ledger.idle()
      assert.equal(await countRows(t.app.kernel.db, 'ledger_pending'), 0)
      assert.equal(await countRows(t.app.kernel.db, 'ledger_entry'), entries)
      await assert.rejects(ledger.getReceipt(id), { code: 'LEDGER_NOT_FOUND' })
    })

    it('refuses a bad kind, hash or metadata with a typed error before writing', async () => {
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['Licenses', sm3('x'), {}, 'LEDGER_BAD_KIND'],
        ['licenses.license', 'md5:abc', {}, 'LEDGER_BAD_HASH'],
        ['licenses.license', sm3('x'), { big: 'x'.repeat(9000) }, 'LEDGER_METADATA_TOO_LARGE'],
        ['licenses.license', sm3('x'), { when: new Date() }, 'LEDGER_METADATA_INVALID'],
      ]
      for (const [kind, hash, meta, code] of cases) {
        await assert.rejects(withTransaction(t.app.kernel.db, (trx) => ledger.anchor(trx, kind, hash, meta)), { code }, code)
      }
      assert.equal(await countRows(t.app.kernel.db, 'ledger_pending'), 0)
    })
  })
}
