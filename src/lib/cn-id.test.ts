import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { cnIdCheckDigit, isCnId, makeCnId, parseCnId } from './cn-id.ts'

const TODAY = Date.UTC(2026, 0, 1)

describe('GB 11643 citizen ID numbers', () => {
  it('accepts the example of the standard and normalises a lower-case x', () => {
    assert.deepEqual(parseCnId('11010519491231002X', TODAY), { ok: true, info: { number: '11010519491231002X', region: '110105', birthDate: '1949-12-31', sex: 'female' } })
    assert.equal(parseCnId(' 11010519491231002x ', TODAY).ok, true)
  })

  it('computes check characters, including X and 0', () => {
    assert.equal(cnIdCheckDigit('11010519491231002'), 'X')
    // Every residue maps to its character: search sequences until each of the 11 appears.
    const seen = new Set<string>()
    for (let s = 0; s < 200 && seen.size < 11; s++) seen.add(cnIdCheckDigit(`44200019900101${String(s).padStart(3, '0')}`))
    assert.deepEqual([...seen].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])
    assert.throws(() => cnIdCheckDigit('1234'), TypeError)
  })

  it('refuses each kind of malformed number with its reason', () => {
    const cases: Array<[string, string]> = [
      ['', 'format'], ['1101051949123100', 'format'], ['11010519491231002Y', 'format'], ['1101051949123100２X', 'format'],
      ['110105194912310021', 'check-digit'], ['99010519491231002X', 'region'],
      [makeCnId('442000', '19900230', 1), 'birth-date'], [makeCnId('442000', '18991231', 1), 'birth-date'],
      [makeCnId('442000', '20300101', 1), 'birth-date'],
    ]
    for (const [input, problem] of cases) assert.deepEqual(parseCnId(input, TODAY), { ok: false, problem }, input)
  })

  it('detects every single-digit change and every swap of neighbours that changes the number', () => {
    const good = makeCnId('442000', '19850612', 123)
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        const bad = good.slice(0, i) + d + good.slice(i + 1)
        if (bad === good) continue
        const r = parseCnId(bad, TODAY)
        assert.equal(r.ok, false, bad)
      }
    }
  })

  it('makes valid synthetic numbers with the sex in the sequence', () => {
    const male = makeCnId('442000', '19900101', 11)
    assert.equal(isCnId(male, TODAY), true)
    const r = parseCnId(makeCnId('442000', '19900101', 12), TODAY)
    assert.equal(r.ok && r.info.sex, 'female')
    assert.throws(() => makeCnId('44200', '19900101', 1), TypeError)
  })
})
