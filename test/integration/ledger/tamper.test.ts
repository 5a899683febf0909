import { describe, it, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { ADMIN } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { nodeKey } from '../../../src/modules/ledger/repo.ts'
import { ORG_A, countRows, ledgerModules, openApp, runCliAsync, settle } from './helpers.ts'

const files = Array.from({ length: 6 }, (_, i) => Buffer.from(`不动产登记档案 ${i}`))
const item = (i: number) => ({ type: 'archive', title: `档案 ${i}`, department: '市自然资源局', content: files[i].toString('base64') })

for (const dialect of DIALECTS) {
  describe(`ledger tamper detection [${dialect}]`, () => {
    let database: TestDatabase
    let app: FastifyInstance
    let evidence: Array<Record<string, any>>
    const dir = mkdtempSync(join(tmpdir(), 'zc-ledger-tamper-'))

    before(async () => {
      database = await createTestDatabase(dialect)
      app = await openApp(database, ledgerModules({ publishTimeoutMs: 1500 }))
      const batch = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence/batch', headers: ORG_A, payload: { items: files.slice(0, 5).map((_, i) => item(i)) } })
      const one = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence', headers: ORG_A, payload: item(5) })
      evidence = [...batch.json().items.map((r: any) => r.evidence), one.json()]
    })
    after(async () => {
      await app?.close()
      await settle()
      await database?.drop()
    })

    it('the untouched log audits clean', async () => {
      const report = (await app.inject({ method: 'POST', url: '/api/v1/ledger/audit', headers: ADMIN })).json()
      assert.deepEqual([report.ok, report.entriesChecked, report.checkpointsChecked, report.problems], [true, 6, 2, []])
    })

    it('an entry row edited in the database fails the audit and its verification, naming the entry', async () => {
      const victim = evidence[2]
      const receiptBefore = (await app.inject({ url: `/api/v1/ledger/evidence/${victim.id}`, headers: ORG_A })).json().receipt
      const meta = { ...victim.receipt.entry.meta, title: '档案 2（已改）' }
      await app.kernel.db.updateTable('ledger_entry').set({ meta: JSON.stringify(meta) }).where('seq', '=', 2).execute()

      const report = (await app.inject({ method: 'POST', url: '/api/v1/ledger/audit', headers: ADMIN })).json()
      assert.equal(report.ok, false)
      assert.deepEqual(report.problems.filter((p: any) => p.kind === 'entry').map((p: any) => [p.index, p.id]), [[2, victim.id]])

      const tampered = assertProblem(await app.inject({ url: `/api/v1/ledger/evidence/${victim.id}`, headers: ORG_A }), 409, 'LEDGER_ENTRY_TAMPERED')
      assert.match(tampered.detail, new RegExp(`2.*${victim.id}`))
      // Verifying the stored entry against the log (its current receipt) fails; the others are unaffected.
      assert.equal((await app.inject({ url: `/api/v1/ledger/evidence/${evidence[1].id}`, headers: ORG_A })).statusCode, 200)
      const forgedReceipt = { ...receiptBefore, entry: { ...receiptBefore.entry, meta } }
      assertProblem(await app.inject({ method: 'POST', url: '/api/v1/ledger/verify', payload: { receipt: forgedReceipt } }), 422, 'LEDGER_LEAF_MISMATCH')
      // From the command line: the audit names the entry; the receipt the submitter holds still
      // proves what was recorded (the court is not misled by the edit); the edited one fails.
      writeFileSync(join(dir, 'receipt.json'), JSON.stringify(receiptBefore))
      writeFileSync(join(dir, 'file'), files[2])
      writeFileSync(join(dir, 'edited.json'), JSON.stringify(forgedReceipt))
      const logKey = (await app.inject({ url: '/api/v1/ledger/log' })).json().keys[0]
      const [cli, held, bad] = await Promise.all([
        runCliAsync(['ledger', 'audit', '--database', database.url]),
        runCliAsync(['verify', join(dir, 'receipt.json'), '--file', join(dir, 'file'), '--log-key', logKey]),
        runCliAsync(['verify', join(dir, 'edited.json'), '--log-key', logKey]),
      ])
      assert.equal(cli.status, 1, cli.out + cli.err)
      assert.match(cli.out, new RegExp(`✗ entry 2 \\(${victim.id}\\): stored row hashes to leaf [0-9a-f]{64}, the tree holds ${victim.receipt.leafHash}`))
      assert.match(cli.out, /✗ checkpoint 5: root recomputed from the entries/)
      assert.equal(held.status, 0, held.out + held.err)
      assert.equal(bad.status, 1)
      assert.match(bad.out, /LEDGER_LEAF_MISMATCH/)
    })

    it('after a restart on a tampered tree the log refuses to sign a checkpoint that does not extend the last one', async () => {
      const sha = createHash('sm3').update('forged').digest('hex')
      await app.kernel.db.updateTable('ledger_node').set({ hash: sha }).where('node_key', '=', nodeKey(1, 2)).execute()
      await app.close()
      app = await openApp(database, ledgerModules({ publishTimeoutMs: 1500 }))
      const checkpoints = await countRows(app.kernel.db, 'ledger_checkpoint')
      const res = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence', headers: ORG_A, payload: { ...item(0), title: 'after restart' } })
      assertProblem(res, 503, 'LEDGER_NOT_PUBLISHED')
      assert.equal(await countRows(app.kernel.db, 'ledger_checkpoint'), checkpoints)
      assert.match((await app.inject({ url: '/ledger/checkpoint' })).body, /^zhicheng\.local\/ledger\n6\n/)
      const report = (await app.inject({ method: 'POST', url: '/api/v1/ledger/audit', headers: ADMIN })).json()
      assert.ok(report.problems.some((p: any) => p.kind === 'node' && /node \(1, 2\)/.test(p.detail)), JSON.stringify(report.problems))
    })
  })
}
