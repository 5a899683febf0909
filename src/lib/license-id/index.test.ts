import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isLicenseId, licenseIdCheckChar, makeLicenseId, mod3736CheckChar, mod3736IsValid, parseLicenseId, formatLicenseVersion } from './index.ts'

// ../shared/vectors/README.md §7.6 — identifiers found in public integration code.
const VECTORS = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S',
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9',
]

describe('GB/T 36904 licence identifiers', () => {
  it('accepts every published vector and rebuilds it from its parts', () => {
    for (const v of VECTORS) {
      const r = parseLicenseId(v)
      assert.ok(r.ok, v)
      assert.equal(r.id, v)
      assert.equal(makeLicenseId(r.parts), v)
      assert.equal(licenseIdCheckChar(r.parts), v.slice(-1))
    }
  })

  it('splits the parts', () => {
    const r = parseLicenseId(VECTORS[2])
    assert.ok(r.ok)
    assert.deepEqual(r.parts, { typeCode: '11100000000013338W087', issuerCode: '11370800MB28559184', number: '37080001202411010001', version: '001' })
  })

  it('refuses a wrong check character, and every single-character substitution in the parts', () => {
    for (const v of VECTORS) {
      const body = v.slice(0, -1)
      for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        if (c === v.slice(-1)) continue
        assert.deepEqual(parseLicenseId(body + c), { ok: false, problem: 'check-character' })
      }
      // MOD 37,36 detects all single substitutions.
      const start = '1.2.156.3005.2.'.length
      for (let i = start; i < v.length - 2; i++) {
        if (v[i] === '.') continue
        const other = v[i] === '7' ? '8' : '7'
        const bad = v.slice(0, i) + other + v.slice(i + 1)
        const r = parseLicenseId(bad)
        assert.equal(r.ok, false, bad)
      }
    }
  })

  it('detects adjacent transpositions', () => {
    const v = VECTORS[0]
    const start = '1.2.156.3005.2.'.length
    for (let i = start; i < v.length - 3; i++) {
      if (v[i] === '.' || v[i + 1] === '.' || v[i] === v[i + 1]) continue
      const bad = v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2)
      assert.equal(isLicenseId(bad), false, bad)
    }
  })

  it('names the problem of malformed identifiers', () => {
    const cases: Array<[unknown, string]> = [
      [42, 'format'], ['', 'format'], ['1.2.156.3005.2.A.B.C.001', 'format'],
      ['1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.002.S', 'prefix'],
      ['2.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S', 'prefix'],
      ['1.2.156.3005.2.11100000000013338W011..20230000403.002.S', 'part'],
      ['1.2.156.3005.2.11100000000013338W011.1143000000-122244L.20230000403.002.S', 'part'],
      ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.02.S', 'version'],
      ['1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.*', 'check-character'],
    ]
    for (const [input, problem] of cases) assert.deepEqual(parseLicenseId(input), { ok: false, problem }, String(input))
  })

  it('normalises case and spaces', () => {
    const lower = ` ${VECTORS[0].toLowerCase()} `
    const r = parseLicenseId(lower)
    assert.ok(r.ok)
    assert.equal(r.id, VECTORS[0])
  })

  it('implements MOD 37,36 over the whole alphabet', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5000 && seen.size < 36; i++) seen.add(mod3736CheckChar(`A${i}`))
    assert.equal(seen.size, 36)
    assert.equal(mod3736IsValid('11100000000013338W01111430000006122244L20230000403002S'), true)
    assert.equal(mod3736IsValid('11100000000013338W01111430000006122244L20230000403002T'), false)
    assert.throws(() => mod3736CheckChar(''), TypeError)
    assert.throws(() => mod3736CheckChar('a'), TypeError)
    assert.throws(() => makeLicenseId({ typeCode: 'A', issuerCode: 'B', number: 'C', version: '1' }), TypeError)
    assert.equal(formatLicenseVersion(2), '002')
    assert.throws(() => formatLicenseVersion(1000), RangeError)
  })
})
