import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as pkijs from 'pkijs'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import type { CryptoService } from '../../../src/modules/crypto/index.ts'
import { ADMIN, CERT_ID, ISO, NOBODY, OFFICER_A, OFFICER_B, READER_A, buildCryptoApp, matched, ok } from './helpers.ts'

type App = Awaited<ReturnType<typeof buildCryptoApp>>
const skip = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl CLI not found'
const DISTID = 'distid:1234567812345678' // GM/T 0015: certificates are signed with the default SM2 ID

const derOf = (pem: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'))

for (const dialect of DIALECTS) {
  describe(`crypto certificates and CRL, checked with OpenSSL [${dialect}]`, { skip }, () => {
    let t: App
    let dir: string
    const keys: Record<string, any> = {}
    before(async () => {
      t = await buildCryptoApp(dialect)
      dir = mkdtempSync(join(tmpdir(), 'zc-x509-'))
      for (const [name, algorithm, purpose] of [['sm2', 'SM2', 'sign'], ['sm2enc', 'SM2', 'encrypt'], ['p256', 'ECDSA-P256', 'sign'], ['ed', 'Ed25519', 'sign'], ['sm4', 'SM4', 'encrypt'], ['off', 'SM2', 'sign']] as const) {
        keys[name] = ok(await t.app.inject({ method: 'POST', url: '/api/v1/crypto/keys', headers: OFFICER_A, payload: { label: `cert-${name}`, algorithm, purpose } }), 201)
      }
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keys.off.id}/disable`, headers: OFFICER_A }))
    })
    after(async () => {
      await t?.close()
      rmSync(dir, { recursive: true, force: true })
    })

    const openssl = (...args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' })
    const file = (name: string, text: string | Uint8Array): string => { writeFileSync(join(dir, name), text); return name }
    const text = (name: string, kind: 'x509' | 'crl' = 'x509') => {
      const r = openssl(kind, '-in', name, '-text', '-noout', '-nameopt', 'utf8')
      assert.equal(r.status, 0, r.stderr)
      return r.stdout
    }
    /** Verifies an SM2 signature over a TBS with OpenSSL's pkeyutl and the signer's certificate. */
    const opensslSignatureOk = (tbs: Uint8Array, signature: Uint8Array, signerCert: string): boolean => {
      const pub = openssl('x509', '-in', signerCert, '-pubkey', '-noout')
      assert.equal(pub.status, 0, pub.stderr)
      file('signer.pub', pub.stdout)
      file('tbs.der', tbs)
      file('sig.der', signature)
      return openssl('pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', DISTID, '-pubin', '-inkey', 'signer.pub', '-in', 'tbs.der', '-sigfile', 'sig.der').status === 0
    }
    const issue = (headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/crypto/certificates', headers, payload: payload as object })
    const certCount = async () => (await t.app.kernel.db.selectFrom('crypto_certificate').selectAll().execute()).length

    it('GET /crypto/ca: an SM2 root and issuing CA, public, stable, printed and checked by OpenSSL', async () => {
      const ca = ok(await t.app.inject({ url: '/api/v1/crypto/ca' }))
      assert.deepEqual(ok(await t.app.inject({ url: '/api/v1/crypto/ca' })), ca)
      assert.equal(ca.chainPem, ca.issuing.pem + ca.root.pem)
      const common = { id: '<matched>', serialNumber: '<matched>', keyId: '<matched>', notBefore: '<matched>', notAfter: '<matched>', pem: '<matched>' }
      const m = { id: CERT_ID, serialNumber: /^[0-9a-f]{32}$/, keyId: /^key_/, notBefore: ISO, notAfter: ISO, pem: /^-----BEGIN CERTIFICATE-----\n/ }
      assert.deepEqual(matched(ca.root, m), { ...common, role: 'root', keyVersion: 1, subject: 'CN=zhicheng Root CA SM2, O=zhicheng, C=CN', issuer: 'CN=zhicheng Root CA SM2, O=zhicheng, C=CN', status: 'valid', revokedAt: null, revocationReason: null })
      assert.deepEqual(matched(ca.issuing, m), { ...common, role: 'issuing', keyVersion: 1, subject: 'CN=zhicheng Issuing CA SM2, O=zhicheng, C=CN', issuer: 'CN=zhicheng Root CA SM2, O=zhicheng, C=CN', status: 'valid', revokedAt: null, revocationReason: null })
      const crypto = t.app.kernel.apis.crypto as CryptoService
      assert.deepEqual([(await crypto.getKey(ca.root.keyId))!.label, (await crypto.getKey(ca.issuing.keyId))!.label], ['platform-root-ca', 'platform-issuing-ca'])

      const root = text(file('root.pem', ca.root.pem))
      for (const want of ['Version: 3 (0x2)', 'Signature Algorithm: SM2-with-SM3', 'Issuer: C=CN, O=zhicheng, CN=zhicheng Root CA SM2', 'ASN1 OID: SM2', 'CA:TRUE', 'Certificate Sign, CRL Sign']) assert.ok(root.includes(want), `${want}\n${root}`)
      const issuing = text(file('issuing.pem', ca.issuing.pem))
      assert.match(issuing, /CA:TRUE, pathlen:0/)
      // The issuing CA is signed by the root (OpenSSL checks it with the GM/T 0009 default ID) …
      const link = openssl('verify', '-vfyopt', DISTID, '-CAfile', 'root.pem', 'issuing.pem')
      assert.equal(link.status, 0, link.stdout + link.stderr)
      // … and the root's self-signature holds.
      const rootCert = pkijs.Certificate.fromBER(derOf(ca.root.pem))
      assert.equal(opensslSignatureOk(new Uint8Array(rootCert.tbsView), new Uint8Array(rootCert.signatureValue.valueBlock.valueHexView), 'root.pem'), true)
    })

    it('issue: 401, 404 for another department, 403 without the permission, 400, 422, 409; nothing issued', async () => {
      await t.app.inject({ url: '/api/v1/crypto/ca' })
      const before = await certCount()
      const body = { keyId: keys.sm2.id, subject: { commonName: 'x' } }
      assertProblem(await issue({}, body), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await issue(OFFICER_B, body), 404, 'CRYPTO_KEY_NOT_FOUND')
      assertProblem(await issue(READER_A, body), 403, 'CORE_FORBIDDEN')
      assertProblem(await issue(NOBODY, body), 403, 'CORE_FORBIDDEN')
      const bad = assertProblem(await issue(OFFICER_A, { keyId: 'k', subject: { country: 'China' }, validityDays: 0 }), 400, 'CORE_VALIDATION')
      assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['body/keyId', 'body/subject/commonName', 'body/subject/country', 'body/validityDays'])
      assertProblem(await issue(OFFICER_A, { ...body, keyId: keys.sm4.id }), 422, 'CRYPTO_CERT_KEY_UNSUITABLE')
      assertProblem(await issue(OFFICER_A, { ...body, keyId: keys.off.id }), 409, 'CRYPTO_KEY_DISABLED')
      assertProblem(await issue(OFFICER_A, { ...body, keyVersion: 2 }), 404, 'CRYPTO_KEY_VERSION_NOT_FOUND')
      assert.equal(await certCount(), before)
    })

    it('issue: an SM2 certificate (sm2-with-sm3) that OpenSSL prints and verifies against the issuing CA', async () => {
      const crypto = t.app.kernel.apis.crypto as CryptoService
      const ca = ok(await t.app.inject({ url: '/api/v1/crypto/ca' }))
      await crypto.flushUsage()
      const issuingUses = (await crypto.getKey(ca.issuing.keyId))!.usageCount
      const subject = { commonName: '中山市政务服务数据管理局', organization: '中山市人民政府', organizationalUnit: '电子证照', locality: '中山市', province: '广东省' }
      const cert = ok(await issue({ ...OFFICER_A, 'x-request-id': 'issue-1' }, { keyId: keys.sm2.id, subject, validityDays: 30 }), 201)
      assert.deepEqual(matched(cert, { id: CERT_ID, serialNumber: /^[0-9a-f]{32}$/, notBefore: ISO, notAfter: ISO, pem: /^-----BEGIN CERTIFICATE-----\n/ }), {
        id: '<matched>', serialNumber: '<matched>', role: 'leaf', keyId: keys.sm2.id, keyVersion: 1,
        subject: 'CN=中山市政务服务数据管理局, OU=电子证照, O=中山市人民政府, L=中山市, ST=广东省, C=CN', issuer: 'CN=zhicheng Issuing CA SM2, O=zhicheng, C=CN',
        notBefore: '<matched>', notAfter: '<matched>', status: 'valid', revokedAt: null, revocationReason: null, pem: '<matched>',
      })
      assert.equal(Date.parse(cert.notAfter) - Date.parse(cert.notBefore), 30 * 86_400_000)
      const printed = text(file('leaf.pem', cert.pem))
      for (const want of ['Signature Algorithm: SM2-with-SM3', 'Subject: C=CN, ST=广东省, L=中山市, O=中山市人民政府, OU=电子证照, CN=中山市政务服务数据管理局', 'ASN1 OID: SM2', 'CA:FALSE', 'Digital Signature, Non Repudiation', `Serial Number:`]) {
        assert.ok(printed.includes(want), `${want}\n${printed}`)
      }
      assert.equal(openssl('x509', '-in', 'leaf.pem', '-pubkey', '-noout').stdout, keys.sm2.publicKeyPem)
      const v = openssl('verify', '-partial_chain', '-vfyopt', DISTID, '-CAfile', file('issuing.pem', ca.issuing.pem), 'leaf.pem')
      assert.equal(v.status, 0, v.stdout + v.stderr)
      assert.equal(openssl('verify', '-partial_chain', '-vfyopt', DISTID, '-CAfile', 'issuing.pem', file('root-as-leaf.pem', ca.root.pem)).status, 2)
      const tampered = Buffer.from(derOf(cert.pem))
      tampered[tampered.length - 5] ^= 1
      assert.notEqual(openssl('verify', '-partial_chain', '-vfyopt', DISTID, '-CAfile', 'issuing.pem', file('tampered.pem', `-----BEGIN CERTIFICATE-----\n${tampered.toString('base64')}\n-----END CERTIFICATE-----\n`)).status, 0)

      const [audit] = (await t.app.kernel.audit.query({ action: 'crypto.certificate.issued', targetId: cert.id })).items
      assert.deepEqual([audit.actorId, audit.requestId, audit.detail], ['test:officer-a', 'issue-1', { role: 'leaf', serialNumber: cert.serialNumber, keyId: keys.sm2.id, keyVersion: 1, subject: cert.subject, signedWith: ca.issuing.keyId }])
      const events = await t.app.kernel.db.selectFrom('core_event').select(['name', 'payload']).where('aggregate_id', '=', cert.id).execute()
      assert.deepEqual(events.map((e) => [e.name, JSON.parse(e.payload)]), [['crypto.certificate.issued', { certificateId: cert.id, keyId: keys.sm2.id, serialNumber: cert.serialNumber }]])
      await crypto.flushUsage()
      assert.equal((await crypto.getKey(ca.issuing.keyId))!.usageCount, issuingUses + 1)
    })

    it('issue: certificates for ECDSA P-256, Ed25519 and SM2 encryption keys', async () => {
      const ca = ok(await t.app.inject({ url: '/api/v1/crypto/ca' }))
      file('issuing.pem', ca.issuing.pem)
      for (const [key, wants] of [
        ['p256', ['NIST CURVE: P-256', 'Digital Signature, Non Repudiation']],
        ['ed', ['ED25519', 'Digital Signature, Non Repudiation']],
        ['sm2enc', ['ASN1 OID: SM2', 'Key Encipherment, Data Encipherment']],
      ] as const) {
        const cert = ok(await issue(OFFICER_A, { keyId: keys[key].id, subject: { commonName: `key ${key}`, country: 'CN' } }), 201)
        const printed = text(file(`${key}.pem`, cert.pem))
        for (const want of ['Signature Algorithm: SM2-with-SM3', ...wants]) assert.ok(printed.includes(want), `${want}\n${printed}`)
        const v = openssl('verify', '-partial_chain', '-vfyopt', DISTID, '-CAfile', 'issuing.pem', `${key}.pem`)
        assert.equal(v.status, 0, v.stdout + v.stderr)
      }
    })

    it('rotating the issuing CA key does not break the CA: it keeps signing with the certified version', async () => {
      const ca = ok(await t.app.inject({ url: '/api/v1/crypto/ca' }))
      assert.equal(ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${ca.issuing.keyId}/rotate`, headers: ADMIN })).version, 2)
      const cert = ok(await issue(OFFICER_A, { keyId: keys.sm2.id, subject: { commonName: 'after CA key rotation' } }), 201)
      file('issuing.pem', ca.issuing.pem)
      const v = openssl('verify', '-partial_chain', '-vfyopt', DISTID, '-CAfile', 'issuing.pem', file('after-rotation.pem', cert.pem))
      assert.equal(v.status, 0, v.stdout + v.stderr)
    })

    it('read: one certificate and a key\'s certificates; 404 across departments', async () => {
      const { items } = ok(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.sm2.id}/certificates`, headers: READER_A }))
      assert.deepEqual(items.map((c: { subject: string }) => c.subject), ['CN=中山市政务服务数据管理局, OU=电子证照, O=中山市人民政府, L=中山市, ST=广东省, C=CN', 'CN=after CA key rotation, C=CN'])
      assert.deepEqual(ok(await t.app.inject({ url: `/api/v1/crypto/certificates/${items[0].id}`, headers: READER_A })), items[0])
      assertProblem(await t.app.inject({ url: `/api/v1/crypto/certificates/${items[0].id}`, headers: OFFICER_B }), 404, 'CRYPTO_CERT_NOT_FOUND')
      assertProblem(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.sm2.id}/certificates`, headers: OFFICER_B }), 404, 'CRYPTO_KEY_NOT_FOUND')
      assertProblem(await t.app.inject({ url: '/api/v1/crypto/certificates/crt_01J00000000000000000000000', headers: ADMIN }), 404, 'CRYPTO_CERT_NOT_FOUND')
    })

    it('revoke: 401/403/404/409; the new CRL lists it, OpenSSL prints it and its signature holds', async () => {
      const ca = ok(await t.app.inject({ url: '/api/v1/crypto/ca' }))
      const first = ok(await t.app.inject({ url: '/api/v1/crypto/ca/crl' }))
      assert.equal(first.revokedCount, 0)
      assert.deepEqual(ok(await t.app.inject({ url: '/api/v1/crypto/ca/crl' })), first)
      const cert = ok(await issue(OFFICER_A, { keyId: keys.sm2.id, subject: { commonName: 'to revoke' } }), 201)
      const url = `/api/v1/crypto/certificates/${cert.id}/revoke`
      assertProblem(await t.app.inject({ method: 'POST', url, payload: {} }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ method: 'POST', url, payload: {}, headers: READER_A }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ method: 'POST', url, payload: {}, headers: OFFICER_B }), 404, 'CRYPTO_CERT_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url, payload: { reason: 'because' }, headers: OFFICER_A }), 400, 'CORE_VALIDATION')
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/certificates/${ca.issuing.id}/revoke`, payload: {}, headers: ADMIN }), 409, 'CRYPTO_CERT_CA_REVOKE')
      assert.equal(ok(await t.app.inject({ url: '/api/v1/crypto/ca/crl' })).number, first.number)

      const revoked = ok(await t.app.inject({ method: 'POST', url, payload: { reason: 'keyCompromise' }, headers: { ...OFFICER_A, 'x-request-id': 'rev-1' } }))
      assert.deepEqual(matched(revoked, { revokedAt: ISO }), { ...cert, status: 'revoked', revokedAt: '<matched>', revocationReason: 'keyCompromise' })
      assertProblem(await t.app.inject({ method: 'POST', url, payload: {}, headers: OFFICER_A }), 409, 'CRYPTO_CERT_ALREADY_REVOKED')

      const crl = ok(await t.app.inject({ url: '/api/v1/crypto/ca/crl' }))
      assert.deepEqual(matched(crl, { thisUpdate: ISO, nextUpdate: ISO, pem: /^-----BEGIN X509 CRL-----\n/ }), { number: first.number + 1, thisUpdate: '<matched>', nextUpdate: '<matched>', revokedCount: 1, pem: '<matched>' })
      const printed = text(file('crl.pem', crl.pem), 'crl')
      for (const want of ['Version 2 (0x1)', 'Signature Algorithm: SM2-with-SM3', 'Issuer: C=CN, O=zhicheng, CN=zhicheng Issuing CA SM2', `Serial Number: ${cert.serialNumber.toUpperCase()}`, 'Key Compromise', 'X509v3 CRL Number', String(first.number + 1)]) {
        assert.ok(printed.includes(want), `${want}\n${printed}`)
      }
      const parsed = pkijs.CertificateRevocationList.fromBER(derOf(crl.pem))
      assert.equal(opensslSignatureOk(new Uint8Array(parsed.tbsView), new Uint8Array(parsed.signatureValue.valueBlock.valueHexView), file('issuing.pem', ca.issuing.pem)), true)
      assert.equal(opensslSignatureOk(new Uint8Array(parsed.tbsView), new Uint8Array(parsed.signatureValue.valueBlock.valueHexView), file('root.pem', ca.root.pem)), false)

      const [audit] = (await t.app.kernel.audit.query({ action: 'crypto.certificate.revoked', targetId: cert.id })).items
      assert.deepEqual([audit.actorId, audit.requestId, audit.detail], ['test:officer-a', 'rev-1', { serialNumber: cert.serialNumber, reason: 'keyCompromise' }])
      const names = (await t.app.kernel.db.selectFrom('core_event').select('name').where('aggregate_id', '=', cert.id).orderBy('id').execute()).map((e) => e.name)
      assert.deepEqual(names, ['crypto.certificate.issued', 'crypto.certificate.revoked'])
    })
  })
}
