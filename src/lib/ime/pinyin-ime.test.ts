import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createPinyinIme } from './pinyin-ime.ts'
import { sharedPinyinIme } from './dictionary.ts'

const small = createPinyinIme([
  { text: '张', syllables: ['zhang'], freq: 100 },
  { text: '章', syllables: ['zhang'], freq: 300 },
  { text: '站', syllables: ['zhan'], freq: 200 },
  { text: '三', syllables: ['san'], freq: 500 },
  { text: '西', syllables: ['xi'], freq: 400 },
  { text: '安', syllables: ['an'], freq: 450 },
  { text: '先', syllables: ['xian'], freq: 350 },
  { text: '西安', syllables: ['xi', 'an'], freq: 90 },
  { text: '张三', syllables: ['zhang', 'san'], freq: 20 },
  { text: '章三', syllables: ['zhang', 'san'], freq: 40 },
  { text: '错', syllables: ['cuo', 'wu'], freq: 1 }, // readings that do not match the text are ignored
])

describe('pinyin input method', () => {
  it('splits letters into the fewest syllables, the last possibly unfinished', () => {
    assert.deepEqual(small.split('zhangsan'), ['zhang', 'san'])
    assert.deepEqual(small.split('zhangs'), ['zhang', 's'])
    assert.deepEqual(small.split('xian'), ['xian'])
    assert.deepEqual(small.split("xi'an"), ['xi', 'an'])
    assert.deepEqual(small.split('qqq'), [])
  })

  it('offers words of the leading syllables first, by frequency, then the first syllable’s characters', () => {
    assert.deepEqual(small.lookup('zhangsan'), [
      { text: '章三', consumed: 8 }, { text: '张三', consumed: 8 }, { text: '章', consumed: 5 }, { text: '张', consumed: 5 },
    ])
  })

  it('completes an unfinished syllable and says how many letters a candidate takes', () => {
    assert.deepEqual(small.lookup('zha').map((c) => c.text), ['章', '站', '张'])
    assert.deepEqual(small.lookup('zhangs').map((c) => [c.text, c.consumed]), [['章三', 6], ['张三', 6], ['章', 5], ['张', 5]])
    assert.deepEqual(small.lookup("xi'an").map((c) => [c.text, c.consumed]), [['西安', 5], ['西', 3]])
    assert.deepEqual(small.lookup('xian').map((c) => c.text), ['先'])
  })

  it('answers nothing for input that is not pinyin', () => {
    assert.deepEqual(small.lookup('q1'), [])
    assert.deepEqual(small.lookup(''), [])
    assert.deepEqual(small.lookup('vvvv'), [])
    assert.equal(small.lookup('zhang', 1).length, 1)
  })

  it('over jieba’s dictionary: common names, places and words come first', () => {
    const ime = sharedPinyinIme()
    const texts = (q: string) => ime.lookup(q, 10).map((c) => c.text)
    assert.ok(texts('zhang').slice(0, 5).includes('张'), texts('zhang').join())
    assert.ok(texts('zhongshan').includes('中山'), texts('zhongshan').join())
    assert.equal(texts('beijing')[0], '北京')
    assert.ok(texts('lv').includes('绿'), texts('lv').join())
    assert.ok(texts('shenfenzheng').includes('身份证'), texts('shenfenzheng').join())
    // A polyphone: 重 is offered for both chong and zhong.
    assert.ok(ime.lookup('chong', 40).some((c) => c.text === '重'))
    assert.ok(ime.lookup('zhong', 40).some((c) => c.text === '重'))
  })
})
