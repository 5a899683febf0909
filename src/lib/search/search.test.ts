import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTokenizer, expandSynonyms, InvertedIndex, isPinyinQuery, pinyinFull, pinyinInitials } from './index.ts'

const tok = createTokenizer({ userWords: ['开公司', '一件事'], stopWords: ['的', '怎么办', '办理'] })

test('words: jieba search mode, normalised, stop words and punctuation removed', () => {
  assert.deepEqual(tok.words('营业执照怎么办？'), ['营业', '执照', '营业执照', '怎么'])
  assert.deepEqual(tok.words('  ＡＢＣ 办理 居住证 '), ['abc', '居住', '居住证'])
  assert.ok(tok.words('我想开公司').includes('开公司'), 'user word kept whole')
  assert.deepEqual(tok.words(''), [])
})

test('bigrams of Han runs; a lone character stands for itself', () => {
  assert.deepEqual(tok.bigrams('工商户登记'), ['工商', '商户', '户登', '登记'])
  assert.deepEqual(tok.bigrams('a证b'), ['证'])
})

test('synonym expansion finds groups by substring and adds the other members once', () => {
  const groups = [['营业执照', '执照', '开公司', '企业开办'], ['居住证', '暂住证']]
  assert.deepEqual(expandSynonyms('我想开公司', groups), [
    { phrase: '我想开公司', boost: 1 }, { phrase: '营业执照', boost: 0.8 }, { phrase: '执照', boost: 0.8 }, { phrase: '企业开办', boost: 0.8 },
  ])
  assert.deepEqual(expandSynonyms('暂住证', groups).map((e) => e.phrase), ['暂住证', '居住证'])
  assert.deepEqual(expandSynonyms('结婚', groups), [{ phrase: '结婚', boost: 1 }])
})

test('pinyin initials and full pinyin', () => {
  assert.equal(pinyinInitials('个体工商户登记'), 'gtgshdj')
  assert.equal(pinyinInitials('ICP备案'), 'icpba')
  assert.equal(pinyinFull('居住证'), 'juzhuzheng')
  assert.equal(isPinyinQuery('jzz'), true)
  assert.equal(isPinyinQuery('居住'), false)
  assert.equal(isPinyinQuery('a'), false)
})

test('index: rare terms weigh more, full coverage beats partial, remove and replace', () => {
  const idx = new InvertedIndex()
  const doc = (text: string) => [{ terms: tok.words(text), weight: 1 }]
  idx.add(1, doc('居住证申领'))
  idx.add(2, doc('居住证签注'))
  idx.add(3, doc('个体工商户设立登记'))
  idx.add(4, doc('婚姻登记'))
  const q = (text: string) => tok.words(text).map((term, i) => ({ term, boost: 1, mask: 1 << i }))
  const s = idx.score(q('居住证申领'), 3)
  assert.ok(s.get(1)! > s.get(2)!, 'matches both words')
  assert.equal(s.has(3), false)
  const d = idx.score(q('工商户登记'), 2)
  assert.ok(d.get(3)! > (d.get(4) ?? 0))
  assert.equal(idx.size, 4)
  idx.remove(3)
  assert.equal(idx.score(q('工商户')).size, 0)
  assert.equal(idx.has('工商户'), false)
  idx.add(4, doc('结婚登记'))
  assert.equal(idx.size, 3)
  assert.equal(idx.score(q('婚姻')).size, 0)
  idx.remove(99)
})
