/**
 * Public catalog search: an in-memory inverted index over the published items, rebuilt from the
 * database at first use and kept current item by item on publish and retire. Queries are segmented
 * with jieba, stop words dropped, synonyms expanded; pinyin initials match item names; hits are
 * ranked by relevance and popularity and, without a town filter, collapsed across towns.
 */
import { createTokenizer, expandSynonyms, InvertedIndex, isPinyinQuery, pinyinFull, pinyinInitials, type QueryTerm } from '../../../lib/search/index.ts'
import type { ItemData } from '../schema/catalog.ts'
import type { SearchHit, SearchQuerystring, SearchReply } from '../schema/search.ts'
import { STOP_WORDS, SYNONYMS, THEMES, USER_WORDS } from '../data/themes.ts'

export interface IndexedItem { id: string; data: ItemData; popularity: number }

interface Doc {
  n: number
  id: string
  data: ItemData
  popularity: number
  /** Ranking factor from popularity (kept in step with `popularity`). */
  boost: number
  /** Number of the basic item (same service in every town), for collapsing. */
  group: number
  initials: string
  full: string
}

const WEIGHTS = { name: 3, nameBigram: 0.6, keyword: 2, result: 1.5, theme: 1, department: 0.8 }
const THEME_NAMES = new Map(THEMES.map((t) => [t.code, t.zh]))

export type SearchEngine = ReturnType<typeof createSearchEngine>

/** Creates an empty engine; `load` fills it. Never does I/O. */
const boostOf = (popularity: number) => 1 + 0.15 * Math.log10(1 + popularity)
const byRank = (a: Doc, b: Doc) => b.popularity - a.popularity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function createSearchEngine() {
  const tok = createTokenizer({ userWords: USER_WORDS, stopWords: STOP_WORDS })
  const pinyinCache = new Map<string, [string, string]>()
  // Synonym phrases are fixed: segment them once. Query words are remembered for recent queries.
  const phraseWords = new Map(SYNONYMS.flat().map((p) => [p, tok.words(p)]))
  const memberOf = new Map(SYNONYMS.flatMap((g) => g.map((p) => [p, g] as const)))
  const recentWords = new Map<string, string[]>()
  function queryWords(norm: string): string[] {
    let w = recentWords.get(norm)
    if (!w) {
      w = [...new Set(tok.words(norm))].slice(0, 30)
      if (recentWords.size >= 2000) recentWords.delete(recentWords.keys().next().value!)
      recentWords.set(norm, w)
    }
    return w
  }
  let index = new InvertedIndex()
  let docs: Array<Doc | undefined> = []
  let byId = new Map<string, Doc>()
  let nextN = 0
  const groupOf = new Map<string, number>()
  let stamp = new Int32Array(64)
  let best = new Int32Array(64)
  let count = new Int32Array(64)
  let stampValue = 0
  /** All documents by popularity (the order of listings without a query); rebuilt when stale. */
  let byPopularity: Doc[] | undefined

  function pinyinOf(name: string): [string, string] {
    let p = pinyinCache.get(name)
    if (!p) pinyinCache.set(name, (p = [pinyinInitials(name), pinyinFull(name)]))
    return p
  }

  function add(item: IndexedItem): void {
    const old = byId.get(item.id)
    if (old) remove(item.id)
    const d = item.data
    const n = nextN++
    const [initials, full] = pinyinOf(d.name)
    let group = groupOf.get(d.basicCode)
    if (group === undefined) groupOf.set(d.basicCode, (group = groupOf.size))
    const doc: Doc = { n, id: item.id, data: d, popularity: item.popularity, boost: boostOf(item.popularity), group, initials, full }
    docs[n] = doc
    byPopularity = undefined
    names = undefined
    byId.set(item.id, doc)
    index.add(n, [
      { terms: tok.words(d.name), weight: WEIGHTS.name },
      { terms: tok.bigrams(d.name), weight: WEIGHTS.nameBigram },
      { terms: d.keywords.flatMap((k) => [...tok.words(k), tok.normalize(k)]), weight: WEIGHTS.keyword },
      { terms: d.resultName ? tok.words(d.resultName) : [], weight: WEIGHTS.result },
      { terms: d.themes.flatMap((t) => tok.words(THEME_NAMES.get(t) ?? '')), weight: WEIGHTS.theme },
      { terms: tok.words(d.departmentName), weight: WEIGHTS.department },
    ])
  }

  function remove(id: string): void {
    const doc = byId.get(id)
    if (!doc) return
    index.remove(doc.n)
    docs[doc.n] = undefined
    byId.delete(id)
    byPopularity = undefined
    names = undefined
  }

  /** Turns a query into weighted terms whose masks say which of its word groups they stand for. */
  function queryTerms(q: string): { terms: QueryTerm[]; groups: number; shown: string[] } {
    const norm = tok.normalize(q)
    const words = queryWords(norm)
    const terms: QueryTerm[] = []
    const shown = new Set<string>()
    words.forEach((w, i) => {
      const mask = 1 << i
      if (index.has(w)) {
        terms.push({ term: w, boost: 1, mask })
        shown.add(w)
      } else {
        // A word the catalog never uses as a whole: fall back to its character bigrams.
        for (const b of tok.bigrams(w)) if (index.has(b)) terms.push({ term: b, boost: 0.5, mask })
      }
    })
    for (const e of expandSynonyms(norm, SYNONYMS).slice(1)) {
      // A synonym stands for the query words inside the group member the query contained.
      const member = memberOf.get(e.phrase)?.find((m) => norm.includes(m)) ?? ''
      let mask = 0
      words.forEach((w, i) => { if (member.includes(w) || w.includes(member)) mask |= 1 << i })
      if (mask === 0) mask = (1 << words.length) - 1
      let used = false
      for (const w of phraseWords.get(e.phrase) ?? tok.words(e.phrase)) {
        if (!index.has(w)) continue
        terms.push({ term: w, boost: e.boost, mask })
        used = true
      }
      if (used) shown.add(e.phrase)
    }
    // Show the longest forms only: 个体工商户 rather than 个体, 工商, 工商户 as well.
    const list = [...shown]
    return { terms, groups: words.length, shown: list.filter((w) => !list.some((o) => o !== w && o.includes(w))) }
  }

  function matches(doc: Doc, f: SearchQuerystring): boolean {
    const d = doc.data
    if (f.theme && !d.themes.includes(f.theme)) return false
    if (f.department && d.departmentId !== f.department) return false
    if (f.audience && !d.audiences.includes(f.audience)) return false
    if (f.town && d.divisionCode !== f.town) return false
    if (f.type && d.type !== f.type) return false
    return true
  }


  function hit(doc: Doc, places: number): SearchHit {
    const d = doc.data
    return {
      id: doc.id, name: d.name, type: d.type, departmentId: d.departmentId, departmentName: d.departmentName, divisionCode: d.divisionCode,
      divisionName: d.divisionName, audiences: d.audiences, themes: d.themes, onlineDepth: d.onlineDepth, visits: d.visits, kind: d.kind,
      promisedLimit: d.promisedLimit, charged: d.charged, popularity: doc.popularity, places,
    }
  }

  /** Pinyin of each distinct name with its documents (names repeat across towns). */
  let names: Array<{ initials: string; full: string; docs: Doc[] }> | undefined
  function nameEntries() {
    if (!names) {
      const m = new Map<string, { initials: string; full: string; docs: Doc[] }>()
      for (const d of docs) {
        if (!d) continue
        const e = m.get(d.data.name)
        if (e) e.docs.push(d)
        else m.set(d.data.name, { initials: d.initials, full: d.full, docs: [d] })
      }
      names = [...m.values()]
    }
    return names
  }

  /**
   * Hits for a query and filters, best first: relevance × popularity, or popularity alone without
   * `q`. With `collapse`, one hit per basic item (the best-ranked town) and how many towns have it.
   */
  function ranked(f: SearchQuerystring, collapse: boolean): { hits: Array<[Doc, number]>; shown: string[] } {
    const q = (f.q ?? '').trim()
    const filtered = !!(f.theme || f.department || f.audience || f.town || f.type)
    if (!q) {
      byPopularity ??= docs.filter((d): d is Doc => d !== undefined).sort(byRank)
      const list = filtered ? byPopularity.filter((d) => matches(d, f)) : byPopularity
      return { hits: collapse ? collapseOrdered(list) : list.map((d) => [d, 1]), shown: [] }
    }
    const { terms, groups, shown } = queryTerms(q)
    const { docs: found, scores } = index.match(terms, groups)
    if (isPinyinQuery(q)) {
      const p = q.toLowerCase()
      const at = new Map(found.map((n, i) => [n, i]))
      for (const e of nameEntries()) {
        const bonus = e.initials.startsWith(p) || e.full.startsWith(p) ? 6 : e.initials.includes(p) ? 3 : 0
        if (!bonus) continue
        for (const d of e.docs) {
          const i = at.get(d.n)
          if (i === undefined) { found.push(d.n); scores.push(bonus) } else scores[i] += bonus
        }
      }
      shown.push(p)
    }
    if (collapse) {
      // Best document per basic item in one pass; only the representatives are sorted.
      if (stamp.length < groupOf.size) { stamp = new Int32Array(groupOf.size * 2); best = new Int32Array(groupOf.size * 2); count = new Int32Array(groupOf.size * 2) }
      const value = ++stampValue
      const reps: Array<{ doc: Doc; score: number }> = []
      for (let i = 0; i < found.length; i++) {
        const doc = docs[found[i]!]
        if (!doc || (filtered && !matches(doc, f))) continue
        const score = scores[i]! * doc.boost
        const g = doc.group
        if (stamp[g] !== value) {
          stamp[g] = value
          best[g] = reps.length
          count[g] = 1
          reps.push({ doc, score })
          continue
        }
        count[g]++
        const r = reps[best[g]!]!
        if (score > r.score || (score === r.score && byRank(doc, r.doc) < 0)) { r.doc = doc; r.score = score }
      }
      reps.sort((a, b) => b.score - a.score || byRank(a.doc, b.doc))
      return { hits: reps.map((r) => [r.doc, count[r.doc.group]!]), shown }
    }
    const cand: Array<{ doc: Doc; score: number }> = []
    for (let i = 0; i < found.length; i++) {
      const doc = docs[found[i]!]
      if (doc && (!filtered || matches(doc, f))) cand.push({ doc, score: scores[i]! * doc.boost })
    }
    cand.sort((a, b) => b.score - a.score || byRank(a.doc, b.doc))
    return { hits: cand.map((c) => [c.doc, 1]), shown }
  }

  /** Collapses an already ordered list: the first document of each basic item, with the count. */
  function collapseOrdered(list: readonly Doc[]): Array<[Doc, number]> {
    if (stamp.length < groupOf.size) { stamp = new Int32Array(groupOf.size * 2); best = new Int32Array(groupOf.size * 2); count = new Int32Array(groupOf.size * 2) }
    const value = ++stampValue
    const out: Array<[Doc, number]> = []
    for (const d of list) {
      if (stamp[d.group] === value) { out[best[d.group]!]![1]++; continue }
      stamp[d.group] = value
      best[d.group] = out.length
      out.push([d, 1])
    }
    return out
  }

  return {
    /** Replaces the whole index. */
    load(items: readonly IndexedItem[]): void {
      index = new InvertedIndex()
      docs = []
      byId = new Map()
      nextN = 0
      groupOf.clear()
      byPopularity = undefined
      for (const it of items) add(it)
    },
    /** Adds or replaces one published item. */
    upsert: add,
    /** Removes an item (retired); no-op when absent. */
    remove,
    get size(): number {
      return byId.size
    },
    get(id: string): IndexedItem | undefined {
      const d = byId.get(id)
      return d && { id: d.id, data: d.data, popularity: d.popularity }
    },
    /** Counts one more application of `id` toward its popularity. */
    bump(id: string): void {
      const d = byId.get(id)
      if (!d) return
      d.popularity++
      d.boost = boostOf(d.popularity)
      byPopularity = undefined
    },

    /** Searches the published catalog. Never throws. */
    search(f: SearchQuerystring): SearchReply {
      const page = f.page ?? 1
      const pageSize = f.pageSize ?? 10
      const { hits, shown } = ranked(f, f.collapse ?? !f.town)
      const items = hits.slice((page - 1) * pageSize, page * pageSize).map(([d, places]) => hit(d, places))
      return { total: hits.length, page, pageSize, items, terms: shown }
    },

    /** Names to suggest while typing: prefix matches, then substring, then pinyin, then search hits. */
    suggest(q: string, limit = 8): Array<{ text: string; id: string; places: number }> {
      const norm = tok.normalize(q)
      if (!norm) return []
      const byName = new Map<string, { doc: Doc; places: number; rank: number }>()
      const pinyin = isPinyinQuery(norm)
      for (const doc of docs) {
        if (!doc) continue
        const name = doc.data.name
        const rank = name.startsWith(norm) ? 0 : name.includes(norm) ? 1 : pinyin && (doc.initials.startsWith(norm) || doc.full.startsWith(norm)) ? 2 : -1
        if (rank < 0) continue
        const seen = byName.get(name)
        if (seen) {
          seen.places++
          continue
        }
        byName.set(name, { doc, places: 1, rank })
      }
      const direct = [...byName.values()].sort((a, b) => a.rank - b.rank || b.doc.popularity - a.doc.popularity)
      const out = direct.slice(0, limit).map((s) => ({ text: s.doc.data.name, id: s.doc.id, places: s.places }))
      if (out.length < limit) {
        for (const h of this.search({ q: norm, pageSize: limit }).items) {
          if (out.length >= limit) break
          if (!out.some((o) => o.text === h.name)) out.push({ text: h.name, id: h.id, places: h.places })
        }
      }
      return out
    },

    /** Published items per theme (collapsed across towns). */
    themeCounts(): Map<string, number> {
      const seen = new Map<string, Set<string>>()
      for (const doc of docs) {
        if (!doc) continue
        for (const t of doc.data.themes) {
          let s = seen.get(t)
          if (!s) seen.set(t, (s = new Set()))
          s.add(doc.data.basicCode)
        }
      }
      return new Map([...seen].map(([t, s]) => [t, s.size]))
    },

    /** Implementing departments of the published catalog with their item counts. */
    departments(): Array<{ id: string; name: string; divisionCode: string; count: number }> {
      const m = new Map<string, { id: string; name: string; divisionCode: string; count: number }>()
      for (const doc of docs) {
        if (!doc) continue
        const d = doc.data
        const e = m.get(d.departmentId)
        if (e) e.count++
        else m.set(d.departmentId, { id: d.departmentId, name: d.departmentName, divisionCode: d.divisionCode, count: 1 })
      }
      return [...m.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || b.count - a.count || a.id.localeCompare(b.id))
    },

    /** Every published implementation of the same basic item (the same service in other towns). */
    places(id: string): Array<{ id: string; divisionCode: string; divisionName: string; departmentName: string }> {
      const d = byId.get(id)
      if (!d) return []
      const out = []
      for (const doc of docs) {
        if (doc && doc.data.basicCode === d.data.basicCode) {
          out.push({ id: doc.id, divisionCode: doc.data.divisionCode, divisionName: doc.data.divisionName, departmentName: doc.data.departmentName })
        }
      }
      return out.sort((a, b) => a.divisionCode.localeCompare(b.divisionCode))
    },
  }
}
