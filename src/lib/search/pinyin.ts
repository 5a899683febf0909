import { pinyin } from 'pinyin-pro'

/**
 * Pinyin initials of `text`: 个体工商户登记 → gtgshdj. Latin letters and digits are kept (lower
 * case); everything else is dropped. Never throws.
 */
export function pinyinInitials(text: string): string {
  const letters = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
  return letters.join('').toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** Full pinyin without tones or spaces: 居住证 → juzhuzheng. */
export function pinyinFull(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** True when `q` looks like a pinyin query (2-20 ASCII letters, nothing else). */
export function isPinyinQuery(q: string): boolean {
  return /^[a-z]{2,20}$/i.test(q.trim())
}
