import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { parseLicenseId } from '../../../src/lib/license-id/index.ts'
import { Bitstring, MIN_STATUS_LIST_ENTRIES } from '../../../src/lib/status-list/index.ts'
import { readSignedStatus } from '../../../src/modules/licenses/status-credential.ts'
import { BUSINESS, as, buildLicensesApp, businessLicenceBody, countRows, eventsOf, ok, type LicensesTestApp } from './helpers.ts'

for (const dialect of DIALECTS) {
  describe(`licence issuance, status and verification [${dialect}]`, () => {
    let t: LicensesTestApp
    before(async () => { t = await buildLicensesApp(dialect) })
    after(() => t.close())

    const issue = (body: unknown, who: Parameters<typeof as>[0] = 'officer') => t.app.inject({ method: 'POST', url: '/api/v1/licenses', headers: as(who), payload: body as object })
    const verify = (doc: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify', payload: doc as object })

    it('refuses issuance without credentials (401), without the permission (403), outside the department (403), with bad fields (400)', async () => {
      const before = await countRows(t.app, 'licenses_license')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/licenses', payload: businessLicenceBody(1) }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await issue(businessLicenceBody(1), 'nobody'), 403, 'CORE_FORBIDDEN')
      assertProblem(await issue({ ...businessLicenceBody(1), departmentId: 'zs-scjgj' }, 'gaj'), 403, 'LIC_NOT_YOUR_DEPARTMENT')
      const bad = assertProblem(await issue(businessLicenceBody(1, { creditCode: '91442000MA4T00010X', companyName: '' })), 400, 'LIC_FIELDS_INVALID')
      assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['/fields/companyName', '/fields/creditCode'])
      assertProblem(await issue({ typeCode: BUSINESS.code }), 400, 'CORE_VALIDATION')
      assertProblem(await issue({ ...businessLicenceBody(1), typeCode: 'NOSUCHTYPE' }), 404, 'LIC_TYPE_NOT_FOUND')
      assert.equal(await countRows(t.app, 'licenses_license'), before)
      assert.equal(await countRows(t.app, 'ledger_pending') + await countRows(t.app, 'ledger_entry', ['kind', 'licenses.license']), 0)
    })

    it('issues a signed, anchored licence with a GB/T 36904 identifier, its audit row and event', async () => {
      const body = ok(await issue(businessLicenceBody(2)), 201)
      const id = parseLicenseId(body.identifier)
      assert.ok(id.ok)
      assert.equal(id.parts.typeCode, BUSINESS.code)
      assert.equal(id.parts.issuerCode, body.document.licence.issuer.creditCode)
      assert.equal(id.parts.version, '001')
      assert.equal(body.status, 'valid')
      assert.equal(body.holderKind, 'organization')
      assert.equal(body.holderName, '中山市测试2号科技有限公司')
      assert.match(body.holderIdentifier, /^9144\*+/)
      assert.equal(body.validUntil, null)
      assert.equal(body.document.format, 'zhicheng-licence/v1')
      assert.equal(body.document.signature.algorithm, 'SM2-with-SM3')
      assert.match(body.document.anchor.hash, /^sm3:[0-9a-f]{64}$/)
      assert.match(body.document.anchor.entryId, /^ent_/)
      assert.equal(body.document.licence.status.type, 'BitstringStatusListEntry')
      assert.deepEqual(await eventsOf(t.app, body.id), ['licenses.license.issued'])
      const audit = await t.app.kernel.db.selectFrom('core_audit').select(['action', 'actor_id']).where('target_id', '=', body.id).execute()
      assert.deepEqual(audit.map((a) => [a.action, a.actor_id]), [['licenses.license.issued', 'stf_scj_officer']])
      const receipt = await t.ledger.waitForReceipt(body.document.anchor.entryId)
      assert.equal(receipt.entry.kind, 'licenses.license')
      assert.equal(receipt.entry.hash, body.document.anchor.hash)
      assert.deepEqual(receipt.entry.meta, { identifier: body.identifier, typeCode: BUSINESS.code })
    })

    it('lets only the issuing department read it (404 elsewhere) and lists it', async () => {
      const body = ok(await issue(businessLicenceBody(3)), 201)
      ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses/${body.id}`, headers: as('officer') }))
      assertProblem(await t.app.inject({ method: 'GET', url: `/api/v1/licenses/${body.id}`, headers: as('gaj') }), 404, 'LIC_NOT_FOUND')
      const list = ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses?q=${encodeURIComponent(body.identifier)}`, headers: as('officer') }))
      assert.deepEqual(list.items.map((i: { id: string }) => i.id), [body.id])
      const other = ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses?q=${encodeURIComponent(body.identifier)}`, headers: as('gaj') }))
      assert.deepEqual(other.items, [])
    })

    it('verifies a licence and names each failure: tampered field, wrong check character, revoked status', async () => {
      const body = ok(await issue(businessLicenceBody(4)), 201)
      await t.ledger.waitForReceipt(body.document.anchor.entryId)
      const doc = ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses/${body.id}`, headers: as('officer') })).document
      assert.ok(doc.receipt, 'the document carries its ledger receipt once published')
      const good = ok(await verify(doc))
      assert.equal(good.valid, true, JSON.stringify(good.checks))
      assert.deepEqual(good.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok]), [['format', true], ['identifier', true], ['signature', true], ['receipt', true], ['status', true], ['validity', true]])
      assert.equal(good.status, 'valid')

      const tampered = structuredClone(doc)
      tampered.licence.fields.registeredCapital = 100000
      const v1 = ok(await verify(tampered))
      assert.equal(v1.valid, false)
      assert.equal(v1.code, 'LIC_VERIFY_SIGNATURE')
      assert.ok(v1.checks.some((c: { code?: string }) => c.code === 'LIC_VERIFY_ANCHOR'), 'the anchored hash no longer matches either')

      const wrongCheck = structuredClone(doc)
      const last = wrongCheck.licence.id.slice(-1)
      wrongCheck.licence.id = wrongCheck.licence.id.slice(0, -1) + (last === 'A' ? 'B' : 'A')
      const v2 = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify', headers: { 'accept-language': 'en-US' }, payload: wrongCheck }))
      assert.equal(v2.valid, false)
      assert.equal(v2.code, 'LIC_VERIFY_CHECK_CHARACTER')
      assert.match(v2.checks[1].message, new RegExp(`gives ${last}`))

      const zh = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/verify', headers: { 'accept-language': 'zh-CN' }, payload: wrongCheck }))
      assert.match(zh.checks[1].message, /校验码错误/)

      ok(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/${body.id}/status`, headers: as('officer'), payload: { status: 'revoked', reason: '以欺骗手段取得登记，依法撤销' } }))
      const v3 = ok(await verify(doc))
      assert.equal(v3.valid, false)
      assert.equal(v3.code, 'LIC_VERIFY_REVOKED')
      assert.equal(v3.status, 'revoked')

      const malformed = ok(await verify({ format: 'zhicheng-licence/v1', licence: {} }))
      assert.equal(malformed.code, 'LIC_VERIFY_MALFORMED')
      const stats = ok(await t.app.inject({ method: 'GET', url: '/api/v1/licenses/stats', headers: as('officer') }))
      assert.ok(stats.verifications.valid >= 1)
      assert.ok(stats.verifications.byCode.LIC_VERIFY_REVOKED >= 1)
    })

    it('changes status only with a reason and along the allowed transitions; publishes the status lists', async () => {
      const body = ok(await issue(businessLicenceBody(5)), 201)
      const url = `/api/v1/licenses/${body.id}/status`
      assertProblem(await t.app.inject({ method: 'POST', url, headers: as('officer'), payload: { status: 'suspended' } }), 400, 'CORE_VALIDATION')
      assertProblem(await t.app.inject({ method: 'POST', url, headers: as('gaj'), payload: { status: 'suspended', reason: '列入经营异常名录' } }), 404, 'LIC_NOT_FOUND')
      const s = ok(await t.app.inject({ method: 'POST', url, headers: as('officer'), payload: { status: 'suspended', reason: '列入经营异常名录' } }))
      assert.equal(s.status, 'suspended')
      assert.deepEqual(s.history.map((h: { from: string; to: string; reason: string }) => [h.from, h.to, h.reason]), [['valid', 'suspended', '列入经营异常名录']])
      assertProblem(await t.app.inject({ method: 'POST', url, headers: as('officer'), payload: { status: 'suspended', reason: '再次' } }), 409, 'LIC_SAME_STATUS')

      // Publication (soon after the change, or on demand): the suspension bit is set, the
      // revocation bit is not; the head of the published revision is anchored in the ledger.
      await t.api.lists.idle()
      ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/status-lists/publish', headers: as('officer') }))
      const row = await t.app.kernel.db.selectFrom('licenses_status_list').selectAll().where('id', '=', body.document.licence.status.list).executeTakeFirstOrThrow()
      assert.equal(Number(row.published_revision), Number(row.revision))
      const mine = { ledgerEntryId: row.ledger_entry_id as string, headHash: row.head_hash as string }
      const listUrl = `/api/v1/licenses/status-lists/${body.document.licence.status.list}`
      const susp = ok(await t.app.inject({ method: 'GET', url: `${listUrl}/suspension` }))
      const rev = ok(await t.app.inject({ method: 'GET', url: `${listUrl}/revocation` }))
      assert.deepEqual(susp.type, ['VerifiableCredential', 'BitstringStatusListCredential'])
      const bits = Bitstring.decode(susp.credentialSubject.encodedList)
      assert.ok(bits.length >= MIN_STATUS_LIST_ENTRIES)
      assert.equal(bits.get(body.document.licence.status.index), 1)
      assert.equal(Bitstring.decode(rev.credentialSubject.encodedList).get(body.document.licence.status.index), 0)
      const issuer = await t.api.issuers.get('zs-scjgj')
      const pk = await t.api.issuers.publicKey(issuer!.keyId, 1)
      assert.deepEqual(readSignedStatus(susp, body.document, pk!, '1234567812345678'), { purpose: 'suspension', set: true })
      const head = await t.ledger.waitForReceipt(mine.ledgerEntryId)
      assert.equal(head.entry.kind, 'licenses.status-list')
      assert.equal(head.entry.hash, mine.headHash)

      const restored = ok(await t.app.inject({ method: 'POST', url, headers: as('officer'), payload: { status: 'valid', reason: '已移出经营异常名录' } }))
      assert.equal(restored.status, 'valid')
      ok(await t.app.inject({ method: 'POST', url, headers: as('officer'), payload: { status: 'revoked', reason: '吊销营业执照' } }))
      assertProblem(await t.app.inject({ method: 'POST', url, headers: as('officer'), payload: { status: 'valid', reason: '恢复' } }), 409, 'LIC_BAD_STATUS_CHANGE')
      assert.deepEqual(await eventsOf(t.app, body.id), ['licenses.license.issued', 'licenses.license.status-changed', 'licenses.license.status-changed', 'licenses.license.status-changed'])
    })

    it('replaces a licence with a new version that links to it; the old one verifies as replaced', async () => {
      const body = ok(await issue(businessLicenceBody(6)), 201)
      const next = ok(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/${body.id}/replace`, headers: as('officer'), payload: { fields: { businessAddress: '广东省中山市石岐街道民生路8号' }, reason: '住所变更登记' } }), 201)
      const a = parseLicenseId(body.identifier)
      const b = parseLicenseId(next.identifier)
      assert.ok(a.ok && b.ok)
      assert.equal(b.parts.number, a.parts.number)
      assert.equal(b.parts.version, '002')
      assert.equal(next.document.licence.replaces, body.identifier)
      assert.equal(next.fields.businessAddress, '广东省中山市石岐街道民生路8号')
      const old = ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses/${body.id}`, headers: as('officer') }))
      assert.equal(old.status, 'replaced')
      assert.equal(old.replacedById, next.id)
      const v = ok(await verify(old.document))
      assert.equal(v.code, 'LIC_VERIFY_REPLACED')
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/licenses/${body.id}/replace`, headers: as('officer'), payload: { reason: '再次换发' } }), 409, 'LIC_NOT_REPLACEABLE')
    })

    it('answers the public catalogue, lookup by identifier and the issuers', async () => {
      const types = ok(await t.app.inject({ method: 'GET', url: '/api/v1/licenses/types' }))
      assert.ok(types.items.length >= 30)
      const one = ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses/types/${BUSINESS.code}` }))
      assert.equal(one.name['zh-CN'], '营业执照')
      const body = ok(await issue(businessLicenceBody(7)), 201)
      const look = ok(await t.app.inject({ method: 'GET', url: `/api/v1/licenses/lookup/${encodeURIComponent(body.identifier)}` }))
      assert.deepEqual(Object.keys(look).sort(), ['identifier', 'issuerName', 'status', 'typeName', 'validFrom', 'validUntil'])
      const issuers = ok(await t.app.inject({ method: 'GET', url: '/api/v1/licenses/issuers' }))
      const scj = issuers.items.find((i: { departmentId: string }) => i.departmentId === 'zs-scjgj')
      assert.match(scj.certificatePem, /BEGIN CERTIFICATE/)
      assert.equal(scj.jwk.crv, 'P-256')
      const pem = await t.app.inject({ method: 'GET', url: '/api/v1/licenses/issuers/zs-scjgj/certificate' })
      assert.equal(pem.statusCode, 200)
      assert.match(pem.body, /BEGIN CERTIFICATE/)
    })
  })
}
