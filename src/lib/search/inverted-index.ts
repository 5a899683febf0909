/**
 * An in-memory inverted index over numbered documents with weighted fields and BM25-style
 * scoring (term frequency saturates, rare terms weigh more). Documents are added and removed one by
 * one, so a catalog change costs one document, not a rebuild. Postings are parallel arrays and
 * scoring accumulates into reusable typed arrays: a query allocates only its result.
 */
export interface FieldText { terms: readonly string[]; weight: number }
/** A query term; `mask` says which of the query's word groups (bit i = group i, up to 31) it stands for. */
export interface QueryTerm { term: string; boost: number; mask: number }

interface Postings { docs: number[]; weights: number[] }

const K1 = 1.2

export class InvertedIndex {
  private readonly postings = new Map<string, Postings>()
  private readonly docTerms = new Map<number, string[]>()
  private scores = new Float64Array(1024)
  private masks = new Int32Array(1024)
  private seen = new Uint8Array(1024)

  /** Number of documents. */
  get size(): number {
    return this.docTerms.size
  }

  has(term: string): boolean {
    return this.postings.has(term)
  }

  /** How many documents contain `term`. */
  docFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0
  }

  /** Adds (or replaces) document `doc` (a non-negative integer); a term's weight is the sum of its fields' weights. */
  add(doc: number, fields: readonly FieldText[]): void {
    if (this.docTerms.has(doc)) this.remove(doc)
    const weights = new Map<string, number>()
    for (const f of fields) for (const t of f.terms) weights.set(t, (weights.get(t) ?? 0) + f.weight)
    for (const [t, w] of weights) {
      let list = this.postings.get(t)
      if (!list) this.postings.set(t, (list = { docs: [], weights: [] }))
      list.docs.push(doc)
      list.weights.push(w)
    }
    this.docTerms.set(doc, [...weights.keys()])
    if (doc >= this.scores.length) this.grow(doc + 1)
  }

  /** Removes document `doc`; no-op when absent. */
  remove(doc: number): void {
    const terms = this.docTerms.get(doc)
    if (!terms) return
    for (const t of terms) {
      const list = this.postings.get(t)!
      const i = list.docs.indexOf(doc)
      if (i >= 0) {
        list.docs.splice(i, 1)
        list.weights.splice(i, 1)
      }
      if (list.docs.length === 0) this.postings.delete(t)
    }
    this.docTerms.delete(doc)
  }

  /**
   * Scores every document matching at least one query term: the sum over terms of boost x idf x
   * saturated weight, times the square of the share of the `groups` query word groups the document
   * covers (documents matching every word of the query come first). Returns parallel arrays of
   * documents and scores, in no particular order. Never throws.
   */
  match(query: readonly QueryTerm[], groups = 1): { docs: number[]; scores: number[] } {
    const n = this.docTerms.size
    const touched: number[] = []
    const { scores, masks, seen } = this
    for (const q of query) {
      const list = this.postings.get(q.term)
      if (!list) continue
      const df = list.docs.length
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      const docs = list.docs
      const ws = list.weights
      for (let i = 0; i < df; i++) {
        const d = docs[i]!
        const w = ws[i]!
        if (seen[d] === 0) {
          seen[d] = 1
          touched.push(d)
        }
        scores[d] += q.boost * idf * ((w * (K1 + 1)) / (w + K1))
        masks[d] |= q.mask
      }
    }
    const out = new Array<number>(touched.length)
    const g = Math.max(1, groups)
    for (let i = 0; i < touched.length; i++) {
      const d = touched[i]!
      const share = Math.min(1, popcount(masks[d]!) / g)
      out[i] = scores[d]! * share * share
      scores[d] = 0
      masks[d] = 0
      seen[d] = 0
    }
    return { docs: touched, scores: out }
  }

  /** The same as `match`, as a map from document to score (convenient in tests). */
  score(query: readonly QueryTerm[], groups = 1): Map<number, number> {
    const { docs, scores } = this.match(query, groups)
    return new Map(docs.map((d, i) => [d, scores[i]!]))
  }

  private grow(min: number): void {
    let size = this.scores.length
    while (size < min) size *= 2
    const s = new Float64Array(size)
    s.set(this.scores)
    const m = new Int32Array(size)
    m.set(this.masks)
    const seen = new Uint8Array(size)
    seen.set(this.seen)
    this.scores = s
    this.masks = m
    this.seen = seen
  }
}

function popcount(x: number): number {
  let c = 0
  for (let v = x; v; v &= v - 1) c++
  return c
}
