/**
 * The dictionary of the pinyin input method: jieba's word list (characters and words with corpus
 * frequencies, shipped with @node-rs/jieba) read with pinyin-pro's readings — the reading in context
 * of a word, and every reading of a single character. Built once per process on first use (~0.5 s).
 *
 * Ranking: a character's frequency is shared among its readings by how often the words containing
 * it use each reading (长 is mostly chang, but zhang in 校长), and characters outside GB 2312's
 * 6,763 (traditional and rare forms) come after every common one, so they stay reachable by paging.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pinyin } from 'pinyin-pro'
import { createPinyinIme, type ImeEntry, type PinyinIme } from './pinyin-ime.ts'

const HAN = /^[\u4e00-\u9fff]+$/
// Words rarer than this in jieba's corpus are left out (about 45,000 words of 2–4 characters stay).
const MIN_WORD_FREQ = 50
const RARE = 1e-6

let ime: PinyinIme | undefined

/** The 6,763 characters of GB 2312 (rows 16–87 of its 94 × 94 table). */
function gb2312(): Set<string> {
  const bytes: number[] = []
  for (let row = 0xb0; row <= 0xf7; row++) for (let cell = 0xa1; cell <= 0xfe; cell++) bytes.push(row, cell)
  return new Set([...new TextDecoder('gb18030').decode(Uint8Array.from(bytes))].filter((c) => HAN.test(c)))
}

function* entries(): Generator<ImeEntry> {
  const file = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')
  const common = gb2312()
  const chars: Array<[string, number]> = []
  const words: Array<[string, number, string[]]> = []
  // How often each character is read each way inside words: `char|syllable` → summed word frequency.
  const usage = new Map<string, number>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [text, f] = line.split(' ')
    if (!text || !HAN.test(text)) continue
    const freq = Number(f) || 0
    if (text.length === 1) chars.push([text, freq])
    else if (text.length <= 4 && freq >= MIN_WORD_FREQ) {
      const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true })
      words.push([text, freq, syllables])
      ;[...text].forEach((c, i) => usage.set(`${c}|${syllables[i]}`, (usage.get(`${c}|${syllables[i]}`) ?? 0) + freq))
    }
  }
  const weight = (text: string) => ([...text].every((c) => common.has(c)) ? 1 : RARE)
  for (const [text, freq, syllables] of words) yield { text, syllables, freq: freq * weight(text) }
  for (const [text, freq] of chars) {
    const readings = [...new Set(pinyin(text, { toneType: 'none', type: 'array', multiple: true, v: true }))]
    const used = readings.map((r) => usage.get(`${text}|${r}`) ?? 0)
    const total = used.reduce((a, b) => a + b, 0)
    // Readings never seen in a word share what is left; the first (pinyin-pro's usual one) leads.
    for (const [i, r] of readings.entries()) {
      const share = total > 0 ? (used[i]! + (i === 0 ? 1 : 0)) / (total + 1) : i === 0 ? 1 : 0.1
      yield { text, syllables: [r], freq: freq * Math.max(share, 0.001) * weight(text) }
    }
  }
}

/** The shared input method over jieba's dictionary. */
export function sharedPinyinIme(): PinyinIme {
  ime ??= createPinyinIme(entries())
  return ime
}
