/**
 * Query expansion by synonym groups: when the query contains any member of a group (as a substring,
 * so 我想开公司 finds 开公司 although jieba segments it 想开|公司), the other members are added
 * with a lower weight.
 */
export interface Expansion { phrase: string; boost: number }

/**
 * Returns the phrases to search for: the query itself (boost 1) then each synonym found
 * (boost `synonymBoost`), without duplicates. Groups are lists of equivalent phrases.
 */
export function expandSynonyms(query: string, groups: readonly (readonly string[])[], synonymBoost = 0.8): Expansion[] {
  const out: Expansion[] = [{ phrase: query, boost: 1 }]
  const seen = new Set([query])
  for (const group of groups) {
    if (!group.some((p) => query.includes(p))) continue
    for (const p of group) {
      if (seen.has(p) || query.includes(p)) continue
      seen.add(p)
      out.push({ phrase: p, boost: synonymBoost })
    }
  }
  return out
}
