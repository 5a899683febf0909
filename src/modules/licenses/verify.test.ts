import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createSm2Signer, sm2GenerateKeyPair } from '../../lib/crypto/index.ts'
import { makeLicenseId } from '../../lib/license-id/index.ts'
import { Bitstring, statusListCredential } from '../../lib/status-list/index.ts'
import { contentBytes, contentHash, parseNativeLicence } from './document.ts'
import { readSignedStatus, statusFromBits, statusSigningBytes, type SignedStatusListCredential } from './status-credential.ts'
import { NATIVE_FORMAT, type LicenceContent, type NativeLicence } from './types.ts'
import { verifyLicence, type VerifyPorts } from './verify.ts'

const keys = sm2GenerateKeyPair()
const signer = createSm2Signer(keys.privateKey)
const UID = '1234567812345678'

function licence(patch: Partial<LicenceContent> = {}): NativeLicence {
  const content: LicenceContent = {
    id: makeLicenseId({ typeCode: '11100000000013338W118', issuerCode: '11442000MB2C00021M', number: '202600000001', version: '001' }),
    type: { code: '11100000000013338W118', name: '营业执照' },
    issuer: { departmentId: 'zs-scjgj', name: '中山市市场监督管理局', creditCode: '11442000MB2C00021M' },
    holder: { kind: 'organization', name: '中山市测试有限公司', identifier: '91442000MA4T00017X' },
    fields: { companyName: '中山市测试有限公司', registeredCapital: 100 },
    issuedAt: '2026-11-20T02:00:00.000Z', validFrom: '2026-11-20', validUntil: '2031-11-19', replaces: null,
    status: { type: 'BitstringStatusListEntry', list: 'lsl_1', index: 7, url: '/api/v1/licenses/status-lists/lsl_1' },
    ...patch,
  }
  return {
    format: NATIVE_FORMAT, licence: content,
    signature: { algorithm: 'SM2-with-SM3', userId: UID, keyId: 'key_1', keyVersion: 1, value: Buffer.from(signer.sign(contentBytes(content))).toString('base64') },
    anchor: { entryId: 'ent_1', hash: contentHash(content) }, receipt: null,
  }
}

const ports = (over: Partial<VerifyPorts> = {}): VerifyPorts => ({
  issuerKey: async () => ({ publicKey: keys.publicKey, name: '中山市市场监督管理局' }),
  receipt: async () => ({ ok: true, message: 'ok' }),
  status: async () => ({ status: 'valid', source: 'test' }),
  today: () => '2026-11-25',
  ...over,
})

describe('licence verification (pure)', () => {
  it('passes a good licence through every check', async () => {
    const v = await verifyLicence(licence(), ports())
    assert.equal(v.valid, true, JSON.stringify(v.checks))
    assert.deepEqual(v.checks.map((c) => c.check), ['format', 'identifier', 'signature', 'receipt', 'status', 'validity'])
    assert.equal(v.code, null)
  })

  it('names the first failure and keeps going where it can', async () => {
    const tampered = licence()
    tampered.licence.fields.registeredCapital = 1
    const v = await verifyLicence(tampered, ports())
    assert.deepEqual(v.checks.filter((c) => !c.ok).map((c) => c.code), ['LIC_VERIFY_SIGNATURE', 'LIC_VERIFY_ANCHOR'])
    assert.equal(v.code, 'LIC_VERIFY_SIGNATURE')

    const mismatch = licence({ type: { code: '11100000000013338W119', name: '营业执照' } })
    assert.equal((await verifyLicence(mismatch, ports())).code, 'LIC_VERIFY_IDENTIFIER_MISMATCH')
    assert.equal((await verifyLicence(licence(), ports({ issuerKey: async () => undefined }))).code, 'LIC_VERIFY_UNKNOWN_ISSUER')
    assert.equal((await verifyLicence(licence(), ports({ receipt: async () => ({ ok: false, message: 'x' }) }))).code, 'LIC_VERIFY_RECEIPT')
    assert.equal((await verifyLicence(licence(), ports({ today: () => '2031-11-20' }))).code, 'LIC_VERIFY_EXPIRED')
    assert.equal((await verifyLicence(licence(), ports({ today: () => '2026-11-19' }))).code, 'LIC_VERIFY_NOT_YET_VALID')
    for (const s of ['revoked', 'suspended', 'replaced'] as const) {
      const v2 = await verifyLicence(licence(), ports({ status: async () => ({ status: s, source: 't' }) }))
      assert.equal(v2.code, `LIC_VERIFY_${s.toUpperCase()}`)
      assert.equal(v2.status, s)
    }
    assert.equal((await verifyLicence(licence(), ports({ status: async () => { throw new Error('bad list') } }))).code, 'LIC_VERIFY_STATUS_LIST')
  })

  it('treats checks it cannot make as skipped, not failed', async () => {
    const v = await verifyLicence(licence(), ports({ status: async () => undefined, receipt: async () => ({ skipped: true, message: 'no key' }) }))
    assert.equal(v.valid, true)
    assert.deepEqual(v.checks.filter((c) => c.skipped).map((c) => c.check), ['receipt', 'status'])
  })

  it('reports the right check character and malformed input', async () => {
    const doc = licence()
    const right = doc.licence.id.slice(-1)
    doc.licence.id = doc.licence.id.slice(0, -1) + (right === '0' ? '1' : '0')
    const v = await verifyLicence(doc, ports())
    assert.equal(v.code, 'LIC_VERIFY_CHECK_CHARACTER')
    assert.match(v.checks[1].message, new RegExp(`gives ${right}\\)`))
    assert.match((await verifyLicence(doc, ports({ lang: 'zh-CN' }))).checks[1].message, new RegExp(`应为 ${right}`))
    for (const bad of [null, [], { format: 'x' }, { ...licence(), signature: { algorithm: 'RSA' } }, { ...licence(), licence: { ...licence().licence, validFrom: '20261120' } }]) {
      assert.equal((await verifyLicence(bad, ports())).code, 'LIC_VERIFY_MALFORMED')
    }
    assert.deepEqual(parseNativeLicence({ format: NATIVE_FORMAT }), { ok: false, path: '/licence', problem: 'is missing' })
  })
})

describe('signed status lists', () => {
  function list(bits: number[], purpose: 'revocation' | 'suspension'): SignedStatusListCredential {
    const b = new Bitstring()
    for (const i of bits) b.set(i, true)
    const unsigned = { ...statusListCredential({ id: `u/${purpose}`, issuer: 'u', validFrom: new Date(0), purpose, list: b }), listId: 'lsl_1', revision: 1 }
    const sig = signer.sign(statusSigningBytes(unsigned as SignedStatusListCredential))
    return { ...unsigned, proof: { type: 'DataIntegrityProof', cryptosuite: 'zhicheng-sm2-jcs', created: '', verificationMethod: '', proofPurpose: 'assertionMethod', proofValue: `u${Buffer.from(sig).toString('base64url')}` } } as SignedStatusListCredential
  }

  it('reads the licence bit after checking the issuer signature', () => {
    const doc = licence()
    assert.deepEqual(readSignedStatus(list([7], 'revocation'), doc, keys.publicKey, UID), { purpose: 'revocation', set: true })
    assert.deepEqual(readSignedStatus(list([8], 'suspension'), doc, keys.publicKey, UID), { purpose: 'suspension', set: false })
    const forged = list([], 'revocation')
    forged.credentialSubject.encodedList = list([7], 'revocation').credentialSubject.encodedList
    assert.throws(() => readSignedStatus(forged, doc, keys.publicKey, UID), /does not verify/)
    assert.throws(() => readSignedStatus({ ...list([], 'revocation'), listId: 'lsl_2' }, doc, keys.publicKey, UID), /status list is lsl_2/)
    assert.throws(() => readSignedStatus(list([7], 'revocation'), doc, sm2GenerateKeyPair().publicKey, UID), /does not verify/)
    assert.equal(statusFromBits({ revocation: true, suspension: true }), 'revoked')
    assert.equal(statusFromBits({ suspension: true }), 'suspended')
    assert.equal(statusFromBits({}), 'valid')
  })

  it('tells revoked from replaced with the 2-bit message list', () => {
    const doc = licence()
    const b = new Bitstring(undefined, 2)
    b.set(doc.licence.status.index, 3)
    b.set(doc.licence.status.index + 1, 2)
    const messages = ['valid', 'suspended', 'revoked', 'replaced']
    const unsigned = { ...statusListCredential({ id: 'u/message', issuer: 'u', validFrom: new Date(0), purpose: 'message', list: b, messages }), listId: 'lsl_1', revision: 1 }
    assert.equal(unsigned.credentialSubject.statusSize, 2)
    assert.deepEqual(unsigned.credentialSubject.statusMessages?.map((m) => m.status), ['0x0', '0x1', '0x2', '0x3'])
    const sig = signer.sign(statusSigningBytes(unsigned as SignedStatusListCredential))
    const signed = { ...unsigned, proof: { type: 'DataIntegrityProof', cryptosuite: 'zhicheng-sm2-jcs', created: '', verificationMethod: '', proofPurpose: 'assertionMethod', proofValue: `u${Buffer.from(sig).toString('base64url')}` } } as SignedStatusListCredential
    const r = readSignedStatus(signed, doc, keys.publicKey, UID)
    assert.deepEqual(r, { purpose: 'message', set: true, value: 3, message: 'replaced' })
    assert.equal(statusFromBits({ revocation: true, message: r.message }), 'replaced')
    const next = { ...doc, licence: { ...doc.licence, status: { ...doc.licence.status, index: doc.licence.status.index + 1 } } }
    assert.equal(readSignedStatus(signed, next, keys.publicKey, UID).message, 'revoked')
  })
})
