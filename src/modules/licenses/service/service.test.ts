import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { exportJWK } from 'jose'
import { isUscc } from '../../../lib/uscc.ts'
import { licenseTypeByKey } from '../data/types.ts'
import { licenceCredential, signCredential, verifyCredentialJwt } from '../vc.ts'
import { NATIVE_FORMAT, type NativeLicence } from '../types.ts'
import { fieldsFromApplication, newCreditCode } from './from-services.ts'
import { rowToInput } from './imports.ts'
import { fieldProblems, holderIdentifierProblem, typeDefinitionProblems } from './types-registry.ts'

const BUSINESS = licenseTypeByKey('business-licence')
const INDIVIDUAL = licenseTypeByKey('individual-business-licence')

describe('licence fields', () => {
  it('checks fields against the type schema', () => {
    assert.deepEqual(typeDefinitionProblems(BUSINESS), [])
    const problems = fieldProblems(BUSINESS, { creditCode: '91442000MA4T00010X', companyName: '', registeredCapital: 'many', nope: 1 })
    const missing = BUSINESS.schema.required.filter((k) => !['creditCode', 'registeredCapital'].includes(k)).map((k) => `/fields/${k} required`)
    assert.deepEqual(problems.map((p) => `${p.path} ${p.code}`).sort(), [...missing, '/fields/creditCode format', '/fields/nope unknown', '/fields/registeredCapital type'].sort())
    assert.equal(holderIdentifierProblem('organization', '91442000MA4T00010X'), 'not a valid unified social credit code (GB 32100)')
    assert.equal(holderIdentifierProblem('person', 'E12345678'), undefined, 'a passport number')
    assert.match(holderIdentifierProblem('person', '442000199001011230') ?? '', /GB 11643/)
  })

  it('fills licence fields from an application by the type mapping, assigning a credit code', () => {
    const app = { id: 'app_1', number: 'ZS20261125000001', applicantName: '王小丽', itemName: '个体工商户设立登记', divisionCode: '442000', formData: { operatorName: '王小丽', idNumber: '44200019900101123X', tradeName: '小丽便利店', organization: 'individual', businessAddress: '中山市石岐街道', businessScope: '日用百货零售', employees: '2' } }
    const f = fieldsFromApplication(INDIVIDUAL, app, { today: '2026-11-25', issuerName: '中山市市场监督管理局' })
    assert.equal(f.tradeName, '小丽便利店')
    assert.equal(f.operatorName, '王小丽')
    assert.match(String(f.creditCode), /^92442000/)
    assert.ok(isUscc(String(f.creditCode)))
    assert.equal(newCreditCode('app_1', '442000', 'individual'), f.creditCode, 'deterministic per application')
    const mapped = fieldsFromApplication({ ...BUSINESS, applicationMapping: { companyName: 'companyName|tradeName', businessTerm: '=长期', legalRep: 'legalRep|$applicantName', establishedOn: '$today' } }, app, { today: '2026-11-25', issuerName: 'x' })
    assert.deepEqual([mapped.companyName, mapped.businessTerm, mapped.legalRep, mapped.establishedOn], ['小丽便利店', '长期', '王小丽', '2026-11-25'])
  })

  it('turns an import row into an issue input, coercing CSV strings', () => {
    const i = rowToInput(BUSINESS, 'zs-scjgj', { number: 'R1', registeredCapital: '12.5', companyName: 'X', validUntil: '长期', issuedAt: '2019-01-01T00:00:00Z' }, 'imp:k:1')
    assert.deepEqual([i.number, i.fields.registeredCapital, i.fields.companyName, i.validUntil, i.issuedAt, i.sourceRef], ['R1', 12.5, 'X', null, Date.parse('2019-01-01T00:00:00Z'), 'imp:k:1'])
    assert.equal('number' in i.fields, false)
  })
})

describe('W3C VC export', () => {
  it('signs ES256 as vc+jwt with the status entries, and jose verifies it', async () => {
    const doc: NativeLicence = {
      format: NATIVE_FORMAT,
      licence: {
        id: '1.2.156.3005.2.X.Y.1.001.Z', type: { code: 'X', name: '营业执照' }, issuer: { departmentId: 'zs-scjgj', name: '市场监管', creditCode: 'Y' },
        holder: { kind: 'organization', name: '公司', identifier: '91' }, fields: { a: 1 }, issuedAt: '2026-01-01T00:00:00.000Z', validFrom: '2026-01-01', validUntil: null, replaces: null,
        status: { type: 'BitstringStatusListEntry', list: 'lsl_1', index: 3, url: '' },
      },
      signature: { algorithm: 'SM2-with-SM3', userId: '1', keyId: 'k', keyVersion: 1, value: '' }, anchor: { entryId: 'e', hash: 'sm3:00' }, receipt: null,
    }
    const vc = licenceCredential(doc, 'https://city.example/api/v1/licenses')
    assert.deepEqual(vc.credentialStatus.map((s) => [s.statusPurpose, s.statusListIndex, s.statusListCredential]), [
      ['revocation', '3', 'https://city.example/api/v1/licenses/status-lists/lsl_1/revocation'],
      ['suspension', '3', 'https://city.example/api/v1/licenses/status-lists/lsl_1/suspension'],
    ])
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const jwt = await signCredential(vc, 'zs-scjgj#k', async (input) => nodeSign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' }))
    const back = await verifyCredentialJwt(jwt, await exportJWK(publicKey) as Record<string, unknown>)
    assert.equal(back.credentialSubject.licence.identifier, doc.licence.id)
    const [h, p, s] = jwt.split('.')
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...vc, name: 'x' })).toString('base64url')}.${s}`
    await assert.rejects(verifyCredentialJwt(forged, await exportJWK(publicKey) as Record<string, unknown>))
    void p
  })
})
