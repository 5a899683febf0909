/**
 * A pinyin input method for the kiosk's on-screen keyboard: letters in, Chinese candidates out.
 * Entries are characters and words with their toneless syllables (ü written `v`) and a frequency.
 * `lookup('zhangsan')` splits the letters into syllables (the last may be unfinished, `zhan` →
 * `zhan…`), answers words spelled by the leading syllables — longest first, then by frequency —
 * and the characters of the first syllable, each with how many letters it consumes, so the
 * keyboard keeps the rest (`san`) for the next choice.
 */

export interface ImeEntry { text: string; syllables: readonly string[]; freq: number }
export interface ImeCandidate { text: string; consumed: number }

export interface PinyinIme {
  /** Candidates for `input` (lowercase a–z; an apostrophe separates syllables), most likely first. */
  lookup(input: string, limit?: number): ImeCandidate[]
  /** The syllables `input` splits into (the last possibly unfinished); [] when it cannot be split. */
  split(input: string): string[]
}

const MAX_SYLLABLE = 6

export function createPinyinIme(entries: Iterable<ImeEntry>): PinyinIme {
  // Key: syllables joined by "'"; value: texts by descending frequency.
  const byKey = new Map<string, Array<{ text: string; freq: number }>>()
  const syllables = new Set<string>()
  const prefixes = new Set<string>()
  for (const e of entries) {
    if (e.syllables.length !== [...e.text].length) continue
    for (const s of e.syllables) {
      syllables.add(s)
      for (let i = 1; i <= s.length; i++) prefixes.add(s.slice(0, i))
    }
    const key = e.syllables.join("'")
    const list = byKey.get(key)
    if (list) list.push({ text: e.text, freq: e.freq })
    else byKey.set(key, [{ text: e.text, freq: e.freq }])
  }
  for (const list of byKey.values()) list.sort((a, b) => b.freq - a.freq)
  // Unfinished last syllable: the syllables it may start, for the first-character candidates.
  const completions = new Map<string, string[]>()
  for (const s of syllables) {
    for (let i = 1; i < s.length; i++) {
      const p = s.slice(0, i)
      const list = completions.get(p)
      if (list) list.push(s)
      else completions.set(p, [s])
    }
  }

  /** Splits one apostrophe-free run: fewest syllables, the last allowed to be a prefix. */
  function splitRun(run: string): string[] {
    const n = run.length
    // best[i]: the fewest syllables covering run[i..]; undefined when impossible.
    const best: Array<string[] | undefined> = new Array(n + 1)
    best[n] = []
    for (let i = n - 1; i >= 0; i--) {
      for (let len = Math.min(MAX_SYLLABLE, n - i); len >= 1; len--) {
        const piece = run.slice(i, i + len)
        const last = i + len === n
        if (!(syllables.has(piece) || (last && prefixes.has(piece)))) continue
        const rest = best[i + len]
        if (rest && (!best[i] || rest.length + 1 < best[i]!.length)) best[i] = [piece, ...rest]
      }
    }
    return best[0] ?? []
  }

  function split(input: string): string[] {
    const out: string[] = []
    for (const run of input.split("'").filter(Boolean)) {
      const parts = splitRun(run)
      if (parts.length === 0) return []
      out.push(...parts)
    }
    return out
  }

  function charsFor(syllable: string, complete: boolean): Array<{ text: string; freq: number }> {
    const own = byKey.get(syllable) ?? []
    if (complete && syllables.has(syllable)) return own
    const more = (completions.get(syllable) ?? []).flatMap((s) => byKey.get(s) ?? [])
    return [...own, ...more].sort((a, b) => b.freq - a.freq)
  }

  return {
    split,
    lookup(input, limit = 40) {
      const text = input.toLowerCase()
      if (!/^[a-z']+$/.test(text)) return []
      const parts = split(text)
      if (parts.length === 0) return []
      // Letters consumed by the first k syllables (apostrophes after them included).
      const consumedBy: number[] = [0]
      let at = 0
      for (const p of parts) {
        at = text.indexOf(p, at) + p.length
        while (text[at] === "'") at++
        consumedBy.push(at)
      }
      const out: ImeCandidate[] = []
      const seen = new Set<string>()
      const add = (t: string, consumed: number) => {
        if (out.length >= limit || seen.has(t)) return
        seen.add(t)
        out.push({ text: t, consumed })
      }
      // Words spelled by the first k syllables, longest first (k ≥ 2); the last syllable of the
      // whole input may be unfinished, any earlier one is complete.
      for (let k = Math.min(parts.length, 4); k >= 2; k--) {
        const lastComplete = k < parts.length || syllables.has(parts[k - 1]!)
        const heads = parts.slice(0, k - 1).join("'")
        const tails = lastComplete ? [parts[k - 1]!] : [parts[k - 1]!, ...(completions.get(parts[k - 1]!) ?? [])]
        const words = tails.flatMap((tail) => byKey.get(`${heads}'${tail}`) ?? []).sort((a, b) => b.freq - a.freq)
        for (const w of words) add(w.text, consumedBy[k]!)
      }
      for (const c of charsFor(parts[0]!, parts.length > 1 || syllables.has(parts[0]!))) add(c.text, consumedBy[1]!)
      return out
    },
  }
}
