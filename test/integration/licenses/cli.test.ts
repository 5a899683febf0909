/**
 * `zhicheng verify licence.json --cert ISSUER.pem` offline, as a separate process with only files:
 * a valid licence verifies; a tampered field, a wrong check character, a revoked status (from the
 * issuer's signed status list) and a wrong issuer certificate each fail with a clear reason.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DIALECTS } from '../../helpers/dialects.ts'
import { runCli } from '../ledger/helpers.ts'
import { as, buildLicensesApp, businessLicenceBody, ok, type LicensesTestApp } from './helpers.ts'

for (const dialect of DIALECTS) {
  describe(`zhicheng verify licence.json, offline [${dialect}]`, () => {
    let t: LicensesTestApp
    let dir: string
    let doc: Record<string, any>
    let logKey: string
    const file = (name: string, content: unknown) => {
      const p = join(dir, name)
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
      return p
    }
    const verify = (...args: string[]) => runCli(['verify', ...args, '--lang', 'en-US'])

    before(async () => {
      t = await buildLicensesApp(dialect)
      dir = mkdtempSync(join(tmpdir(), 'zc-lic-cli-'))
      const issued = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses', headers: as('officer'), payload: businessLicenceBody(50) }), 201)
      await t.ledger.waitForReceipt(issued.document.anchor.entryId)
      doc = ok(await t.app.inject({ url: `/api/v1/licenses/${issued.id}`, headers: as('officer') })).document
      assert.ok(doc.receipt)
      file('scj.pem', (await t.app.inject({ url: '/api/v1/licenses/issuers/zs-scjgj/certificate' })).body)
      file('gaj.pem', (await t.app.inject({ url: '/api/v1/licenses/issuers/zs-gaj/certificate' })).body)
      logKey = (await t.ledger.info()).keys[0]
    })
    after(async () => {
      await t.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('verifies a licence with the issuer certificate and the log key', () => {
      const r = verify(file('licence.json', doc), '--cert', join(dir, 'scj.pem'), '--log-key', logKey)
      assert.equal(r.status, 0, r.out + r.err)
      assert.match(r.out, /✓ signature: SM2 signature of 中山市市场监督管理局/)
      assert.match(r.out, /✓ receipt: entry \d+ of /)
      assert.match(r.out, /✓ identifier: GB\/T 36904/)
      assert.match(r.out, /VERIFIED/)
      const j = runCli(['verify', join(dir, 'licence.json'), '--cert', join(dir, 'scj.pem'), '--json'])
      assert.equal(j.status, 0, j.out + j.err)
      const v = JSON.parse(j.out)
      assert.equal(v.valid, true)
      assert.deepEqual(v.checks.filter((c: { skipped?: boolean }) => c.skipped).map((c: { check: string }) => c.check), ['receipt', 'status'], 'without --log-key and --status-list those are not checked')
    })

    it('fails a tampered field with the signature reason', () => {
      const tampered = structuredClone(doc)
      tampered.licence.fields.companyName = '中山市冒名顶替有限公司'
      const r = verify(file('tampered.json', tampered), '--cert', join(dir, 'scj.pem'))
      assert.equal(r.status, 1, r.out + r.err)
      assert.match(r.out, /✗ signature: The SM2 signature does not match the licence content.*\(LIC_VERIFY_SIGNATURE\)/)
      assert.match(r.out, /NOT VERIFIED: LIC_VERIFY_SIGNATURE/)
    })

    it('fails a wrong check character, naming the right one', () => {
      const wrong = structuredClone(doc)
      const right = wrong.licence.id.slice(-1)
      wrong.licence.id = wrong.licence.id.slice(0, -1) + (right === '7' ? '8' : '7')
      const r = verify(file('wrong-check.json', wrong), '--cert', join(dir, 'scj.pem'))
      assert.equal(r.status, 1, r.out + r.err)
      assert.match(r.out, new RegExp(`✗ identifier: The check character of .* is wrong \\(ISO/IEC 7064 MOD 37,36 gives ${right}\\) \\(LIC_VERIFY_CHECK_CHARACTER\\)`))
    })

    it('fails when the issuer certificate was not valid when the licence was signed (ledger time, else today)', () => {
      const r0 = verify(join(dir, 'licence.json'), '--cert', join(dir, 'scj.pem'))
      assert.match(r0.out, /✓ signature: SM2 signature of 中山市市场监督管理局, certificate valid \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/)
      const early = structuredClone(doc)
      early.receipt.recordedAt = '2020-01-01T00:00:00.000Z'
      const r1 = verify(file('early.json', early), '--cert', join(dir, 'scj.pem'))
      assert.equal(r1.status, 1, r1.out + r1.err)
      assert.match(r1.out, /✗ signature: The licence was signed at 2020-01-01T00:00:00.000Z, outside the issuer certificate's validity .*\(LIC_VERIFY_CERTIFICATE\)/)
      const unanchored = { ...structuredClone(doc), receipt: null }
      const r2 = verify(file('unanchored.json', unanchored), '--cert', join(dir, 'scj.pem'), '--today', '2040-01-01')
      assert.equal(r2.status, 1, r2.out + r2.err)
      assert.match(r2.out, /NOT VERIFIED: LIC_VERIFY_CERTIFICATE/)
    })

    it('fails with a wrong issuer certificate', () => {
      const r = verify(join(dir, 'licence.json'), '--cert', join(dir, 'gaj.pem'))
      assert.equal(r.status, 1, r.out + r.err)
      assert.match(r.out, /LIC_VERIFY_UNKNOWN_ISSUER/)
    })

    it('checks the status with the signed status lists: valid, then revoked', async () => {
      const listUrl = doc.licence.status.url.replace(/^.*\/api\/v1/, '/api/v1')
      const before = file('revocation-0.json', ok(await t.app.inject({ url: `${listUrl}/revocation` })))
      const susp = file('suspension-0.json', ok(await t.app.inject({ url: `${listUrl}/suspension` })))
      let r = verify(join(dir, 'licence.json'), '--cert', join(dir, 'scj.pem'), '--status-list', before, '--status-list', susp)
      assert.equal(r.status, 0, r.out + r.err)
      assert.match(r.out, /✓ status: valid \(signed revocation and suspension list\)/)

      const id = (await t.app.kernel.db.selectFrom('licenses_license').select('id').where('identifier', '=', doc.licence.id).executeTakeFirstOrThrow()).id
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/${id}/status`, headers: as('officer'), payload: { status: 'revoked', reason: '提交虚假材料取得登记，依法撤销' } }))
      await t.api.lists.idle()
      await t.api.publishStatusLists()
      const after = file('revocation-1.json', ok(await t.app.inject({ url: `${listUrl}/revocation` })))
      r = verify(join(dir, 'licence.json'), '--cert', join(dir, 'scj.pem'), '--status-list', after)
      assert.equal(r.status, 1, r.out + r.err)
      assert.match(r.out, /✗ status: The licence was revoked by its issuer \(LIC_VERIFY_REVOKED\)/)

      // A status list whose bits were edited no longer verifies with the issuer key.
      const forged = JSON.parse(JSON.stringify(ok(await t.app.inject({ url: `${listUrl}/revocation` }))))
      forged.credentialSubject.encodedList = JSON.parse(JSON.stringify(ok(await t.app.inject({ url: `${listUrl}/suspension` })))).credentialSubject.encodedList
      r = verify(join(dir, 'licence.json'), '--cert', join(dir, 'scj.pem'), '--status-list', file('forged.json', forged))
      assert.equal(r.status, 1, r.out + r.err)
      assert.match(r.out, /LIC_VERIFY_STATUS_LIST/)
    })

    it('tells a replaced licence from a revoked one with the message list', async () => {
      const first = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses', headers: as('officer'), payload: businessLicenceBody(51) }), 201)
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/${first.id}/replace`, headers: as('officer'), payload: { fields: { businessAddress: '广东省中山市石岐街道民生路8号' }, reason: '住所变更登记' } }), 201)
      await t.api.lists.idle()
      await t.api.publishStatusLists()
      const listUrl = first.document.licence.status.url.replace(/^.*\/api\/v1/, '/api/v1')
      const message = ok(await t.app.inject({ url: `${listUrl}/message` }))
      assert.equal(message.credentialSubject.statusSize, 2)
      const old = file('replaced.json', first.document)
      const lists = ['--status-list', file('message.json', message), '--status-list', file('revocation-r.json', ok(await t.app.inject({ url: `${listUrl}/revocation` })))]
      let r = verify(old, '--cert', join(dir, 'scj.pem'), ...lists)
      assert.equal(r.status, 1, r.out + r.err)
      assert.match(r.out, /✗ status: The licence was replaced by a newer version \(LIC_VERIFY_REPLACED\)/)
      // The revoked licence of the test before reads as revoked from the same kind of list.
      r = verify(join(dir, 'licence.json'), '--cert', join(dir, 'scj.pem'), '--status-list', file('message-2.json', ok(await t.app.inject({ url: `${doc.licence.status.url.replace(/^.*\/api\/v1/, '/api/v1')}/message` }))))
      assert.match(r.out, /LIC_VERIFY_REVOKED/)
    })

    it('still verifies a ledger receipt (told apart by content)', () => {
      const r = runCli(['verify', file('receipt.json', doc.receipt), '--log-key', logKey])
      assert.equal(r.status, 0, r.out + r.err)
      assert.match(r.out, /验证通过 VERIFIED: recorded at/)
    })
  })
}
