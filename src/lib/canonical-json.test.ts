import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CANONICAL_JSON_ERROR_CODES, CanonicalJsonError, canonicalBytes, canonicalize, type CanonicalJsonErrorCode } from './canonical-json.ts'

function rejects(value: unknown, code: CanonicalJsonErrorCode, path: string) {
  assert.throws(
    () => canonicalize(value),
    (e: unknown) => e instanceof CanonicalJsonError && e.code === code && e.path === path,
    `${code} at ${path}`,
  )
}

describe('canonicalize: RFC 8785 examples', () => {
  it('§3.2.2 sample: numbers, string escapes and literals', () => {
    // The input of RFC 8785 §3.2.2, parsed the way a JSON parser would.
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`)
    assert.equal(
      canonicalize(input),
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    )
  })

  it('§3.2.3 sorting: by UTF-16 code units, not code points', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`)
    assert.equal(
      canonicalize(input),
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    )
  })

  it('§3.2.4 UTF-8 of the sorting example starts 7b 22 5c 72 22 3a', () => {
    const bytes = canonicalBytes({ '\r': 'Carriage Return' })
    assert.deepEqual([...bytes.slice(0, 6)], [0x7b, 0x22, 0x5c, 0x72, 0x22, 0x3a])
  })

  it('Appendix B number serialisation (IEEE 754 bit patterns)', () => {
    const table: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ]
    for (const [bits, want] of table) assert.equal(canonicalize(Buffer.from(bits, 'hex').readDoubleBE(0)), want, bits)
  })
})

describe('canonicalize: Chinese text and structure', () => {
  it('keeps Chinese as raw UTF-8 and sorts names by code unit', () => {
    const entry = { 城市: '杭州', 名称: '智城', 事项: ['营业执照', '电子证照'] }
    // 事 U+4E8B < 名 U+540D < 城 U+57CE
    const text = '{"事项":["营业执照","电子证照"],"名称":"智城","城市":"杭州"}'
    assert.equal(canonicalize(entry), text)
    assert.deepEqual(canonicalBytes(entry), new Uint8Array(Buffer.from(text, 'utf8')))
    assert.equal(canonicalBytes({ a: '智' }).length, 8 + 3) // 8 ASCII bytes + 3 bytes of 智
  })

  it('orders a supplementary CJK character (𠮷, U+20BB7) before fullwidth ！ (U+FF01)', () => {
    // Code point order would put ！ first; UTF-16 code units put the surrogate 0xD842 first.
    assert.equal(canonicalize({ '！': 1, 𠮷: 2, 中: 3 }), '{"中":3,"𠮷":2,"！":1}')
  })

  it('writes no whitespace, nests deterministically and ignores insertion order', () => {
    const a = canonicalize({ b: [1, { d: null, c: true }], a: { y: 'x', x: -0 } })
    const b = canonicalize({ a: { x: 0, y: 'x' }, b: [1, { c: true, d: null }] })
    assert.equal(a, '{"a":{"x":0,"y":"x"},"b":[1,{"c":true,"d":null}]}')
    assert.equal(a, b)
    assert.equal(canonicalize(Object.assign(Object.create(null), { z: 1 })), '{"z":1}')
    assert.equal(canonicalize([]), '[]')
    assert.equal(canonicalize({}), '{}')
    assert.equal(canonicalize('\u2028\u0000'), '"\u2028\\u0000"')
  })

  it('agrees with JSON.parse round trips on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value)
        assert.equal(canonicalize(JSON.parse(text)), text)
      }),
    )
  })
})

describe('canonicalize: rejected values (typed errors)', () => {
  it('rejects NaN and ±Infinity', () => {
    rejects(Number.NaN, 'CANONICAL_JSON_NON_FINITE_NUMBER', '')
    rejects({ a: [1, Infinity] }, 'CANONICAL_JSON_NON_FINITE_NUMBER', '/a/1')
    rejects({ b: -Infinity }, 'CANONICAL_JSON_NON_FINITE_NUMBER', '/b')
  })
  it('rejects undefined, functions, symbols and bigint, wherever they are', () => {
    rejects(undefined, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '')
    rejects({ a: undefined }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/a')
    rejects([1, undefined], 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/1')
    // eslint-disable-next-line no-sparse-arrays
    rejects([1, , 3], 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/1')
    rejects({ f: () => 1 }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/f')
    rejects({ s: Symbol('x') }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/s')
    rejects({ 'a/b~c': 10n }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/a~1b~0c')
    rejects({ [Symbol('k')]: 1 }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '')
  })
  it('rejects non-plain objects instead of calling toJSON', () => {
    rejects({ at: new Date(0) }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/at')
    rejects(new Map(), 'CANONICAL_JSON_UNSUPPORTED_TYPE', '')
    rejects({ bytes: new Uint8Array(2) }, 'CANONICAL_JSON_UNSUPPORTED_TYPE', '/bytes')
    rejects(new (class Licence {})(), 'CANONICAL_JSON_UNSUPPORTED_TYPE', '')
  })
  it('rejects lone surrogates in values and member names', () => {
    rejects('\ud800', 'CANONICAL_JSON_INVALID_STRING', '')
    rejects({ x: ['ok', 'a\udc00'] }, 'CANONICAL_JSON_INVALID_STRING', '/x/1')
    rejects({ '\udbff': 1 }, 'CANONICAL_JSON_INVALID_STRING', '/\udbff')
  })
  it('rejects cycles but accepts shared subtrees', () => {
    const loop: Record<string, unknown> = { a: 1 }
    loop.self = { back: loop }
    rejects(loop, 'CANONICAL_JSON_CYCLE', '/self/back')
    const shared = { k: 1 }
    assert.equal(canonicalize({ a: shared, b: shared }), '{"a":{"k":1},"b":{"k":1}}')
  })
  it('errors carry code, path, expected and actual', () => {
    try {
      canonicalize({ n: Number.NaN })
      assert.fail('must throw')
    } catch (err) {
      assert.ok(err instanceof CanonicalJsonError)
      assert.equal(err.expected, CANONICAL_JSON_ERROR_CODES.CANONICAL_JSON_NON_FINITE_NUMBER)
      assert.equal(err.actual, 'NaN')
    }
  })
})
