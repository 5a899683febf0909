/**
 * Chinese text to search terms: jieba word segmentation (search mode, so 营业执照 also yields 营业
 * and 执照), character bigrams as a fallback for words the dictionary splits differently, stop
 * words removed. Text is normalised first (NFKC, lower case), so full-width and half-width forms,
 * and upper and lower case, find each other.
 */
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'

let shared: Jieba | undefined

/** The process-wide jieba instance with the default dictionary (~180 ms to load, so loaded once). */
export function sharedJieba(): Jieba {
  shared ??= Jieba.withDict(dict)
  return shared
}

export interface TokenizerOptions {
  /** Extra dictionary words (domain terms such as 一件事 or 开公司), added to the shared jieba once. */
  userWords?: readonly string[]
  /** Words dropped from queries and documents. */
  stopWords?: Iterable<string>
}

export interface Tokenizer {
  /** Segmented words (search mode), normalised, stop words and punctuation removed; may repeat. */
  words(text: string): string[]
  /** Character bigrams of the Han runs of `text` (a lone Han character yields itself). */
  bigrams(text: string): string[]
  /** Applies the normalisation every term went through (NFKC, lower case, trimmed). */
  normalize(text: string): string
}

const added = new Set<string>()
const HAN_RUN = /[\u3400-\u9fff]+/g
const MEANINGFUL = /[\p{L}\p{N}]/u

/** Creates a tokenizer; loads jieba on the first call in the process. */
export function createTokenizer(opts: TokenizerOptions = {}): Tokenizer {
  const jieba = sharedJieba()
  const fresh = (opts.userWords ?? []).filter((w) => !added.has(w))
  if (fresh.length > 0) {
    // Frequency high enough that jieba keeps the word whole rather than splitting it.
    jieba.loadDict(Buffer.from(fresh.map((w) => `${w} 200000 n`).join('\n')))
    for (const w of fresh) added.add(w)
  }
  const stop = new Set([...(opts.stopWords ?? [])].map((w) => w.normalize('NFKC').toLowerCase()))
  const normalize = (text: string) => text.normalize('NFKC').toLowerCase().trim()
  return {
    normalize,
    words(text) {
      const norm = normalize(text)
      if (!norm) return []
      const out: string[] = []
      for (const raw of jieba.cutForSearch(norm, true)) {
        const w = raw.trim()
        if (w && MEANINGFUL.test(w) && !stop.has(w)) out.push(w)
      }
      return out
    },
    bigrams(text) {
      const out: string[] = []
      for (const m of normalize(text).matchAll(HAN_RUN)) {
        const run = m[0]
        if (run.length === 1) {
          if (!stop.has(run)) out.push(run)
          continue
        }
        for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
      }
      return out
    },
  }
}
