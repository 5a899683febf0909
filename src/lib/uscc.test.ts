import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isUscc, makeUscc, makeUsccFromParts, orgCodeCheckChar, parseUscc, usccCheckChar } from './uscc.ts'

describe('GB 32100 unified social credit codes', () => {
  it('accepts published codes and normalises case', () => {
    assert.deepEqual(parseUscc('91350100M000100Y43'), { ok: true, code: '91350100M000100Y43' })
    assert.equal(isUscc('91110000600037341L'), true)
    assert.equal(isUscc('91110000600037341l'), true)
  })

  it('computes the check character, 0 when the residue is 0', () => {
    assert.equal(usccCheckChar('91350100M000100Y4'), '3')
    const seen = new Set<string>()
    for (let i = 0; i < 2000 && seen.size < 31; i++) seen.add(usccCheckChar(`914420000${String(i).padStart(8, '0')}`))
    assert.equal(seen.size, 31)
    assert.throws(() => usccCheckChar('91350100M000100Y'), TypeError)
    assert.throws(() => usccCheckChar('91350100M000100YI'), TypeError)
  })

  it('refuses malformed codes with their reason', () => {
    const cases: Array<[string, string]> = [
      ['', 'format'], ['91350100M000100Y4', 'format'], ['91350100M000100Y4I', 'format'], ['91350100O000100Y43', 'format'],
      ['Z1350100M000100Y43', 'format'], ['J1350100M000100Y43', 'authority'], ['9135A100M000100Y43', 'division'],
      ['91350100M000100Y44', 'check-character'],
    ]
    for (const [input, problem] of cases) assert.deepEqual(parseUscc(input), { ok: false, problem }, input)
  })

  it('detects every single-character substitution', () => {
    const good = makeUscc('91442000MA4UABCD1')
    assert.equal(isUscc(good), true)
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    for (let i = 8; i < 18; i++) {
      for (const ch of alphabet) {
        const bad = good.slice(0, i) + ch + good.slice(i + 1)
        if (bad !== good) assert.equal(isUscc(bad), false, bad)
      }
    }
  })

  it('computes the GB 11714 organisation code check inside published codes, and builds codes from parts', () => {
    assert.equal(orgCodeCheckChar('M000100Y'), '4')
    assert.equal(orgCodeCheckChar('60003734'), '1')
    const code = makeUsccFromParts('91', '442000', 'MA4WC001')
    assert.equal(isUscc(code), true)
    assert.equal(code.slice(16, 17), orgCodeCheckChar('MA4WC001'))
    assert.throws(() => orgCodeCheckChar('ma4wc001'), TypeError)
  })
})
