/**
 * Streaming readers for bulk imports: rows come out one by one while the input is read in chunks,
 * so memory stays bounded whatever the file size. CSV (RFC 4180: quoted fields with commas, quotes
 * and line breaks; a UTF-8 BOM is skipped; the first row names the columns), NDJSON (one JSON
 * object per line) and a JSON array of objects (split at top-level elements, each parsed alone).
 * A malformed row becomes `{ error }` at its position; reading goes on.
 */

export type ImportFormat = 'csv' | 'ndjson' | 'json'
export type ParsedRow = { row: number; value: Record<string, unknown> } | { row: number; error: string }

async function* chunks(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const c of source) yield typeof c === 'string' ? c : decoder.decode(c, { stream: true })
  const tail = decoder.decode()
  if (tail) yield tail
}

/** CSV records as arrays of strings. */
async function* csvRecords(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string[]> {
  let field = ''
  let record: string[] = []
  let quoted = false
  let afterQuote = false
  let first = true
  let any = false
  for await (let text of chunks(source)) {
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (quoted) {
        if (ch === '"') { quoted = false; afterQuote = true } else field += ch
        continue
      }
      if (ch === '"') {
        if (afterQuote) { field += '"'; quoted = true; afterQuote = false } else if (field === '') quoted = true
        else field += ch
        continue
      }
      afterQuote = false
      if (ch === ',') { record.push(field); field = ''; any = true } else if (ch === '\n') {
        record.push(field)
        if (record.length > 1 || record[0] !== '' || any) yield record
        record = []
        field = ''
        any = false
      } else if (ch !== '\r') { field += ch; any = true }
    }
  }
  if (field !== '' || record.length) {
    record.push(field)
    yield record
  }
}

async function* csvRows(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<ParsedRow> {
  let header: string[] | undefined
  let row = 0
  for await (const rec of csvRecords(source)) {
    if (!header) { header = rec.map((h) => h.trim()); continue }
    row++
    if (rec.length !== header.length) { yield { row, error: `has ${rec.length} columns, the header has ${header.length}` }; continue }
    const value: Record<string, unknown> = {}
    header.forEach((h, i) => { if (rec[i] !== '') value[h] = rec[i] })
    yield { row, value }
  }
}

async function* ndjsonRows(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<ParsedRow> {
  let buf = ''
  let row = 0
  const parse = (line: string): ParsedRow | undefined => {
    if (!line.trim()) return undefined
    row++
    try {
      const v = JSON.parse(line) as unknown
      return v && typeof v === 'object' && !Array.isArray(v) ? { row, value: v as Record<string, unknown> } : { row, error: 'is not a JSON object' }
    } catch (err) { return { row, error: `is not valid JSON: ${(err as Error).message}` } }
  }
  for await (const text of chunks(source)) {
    buf += text
    let nl: number
    while ((nl = buf.indexOf('\n')) >= 0) {
      const r = parse(buf.slice(0, nl))
      buf = buf.slice(nl + 1)
      if (r) yield r
    }
  }
  const r = parse(buf)
  if (r) yield r
}

/** Elements of a top-level JSON array, each parsed on its own (strings and nesting tracked). */
async function* jsonArrayRows(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<ParsedRow> {
  let started = false
  let depth = 0
  let inString = false
  let escaped = false
  let cur = ''
  let row = 0
  const emit = (): ParsedRow | undefined => {
    const s = cur.trim()
    cur = ''
    if (!s) return undefined
    row++
    try {
      const v = JSON.parse(s) as unknown
      return v && typeof v === 'object' && !Array.isArray(v) ? { row, value: v as Record<string, unknown> } : { row, error: 'is not a JSON object' }
    } catch (err) { return { row, error: `is not valid JSON: ${(err as Error).message}` } }
  }
  for await (const text of chunks(source)) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (!started) {
        if (ch === '[') started = true
        else if (!/\s|\uFEFF/.test(ch)) throw new SyntaxError('a JSON import must be an array of objects')
        continue
      }
      if (inString) {
        cur += ch
        if (escaped) escaped = false
        else if (ch === '\\') escaped = true
        else if (ch === '"') inString = false
        continue
      }
      if (ch === '"') { inString = true; cur += ch; continue }
      if (depth === 0 && (ch === ',' || ch === ']')) {
        const r = emit()
        if (r) yield r
        if (ch === ']') return
        continue
      }
      if (ch === '{' || ch === '[') depth++
      else if (ch === '}' || ch === ']') depth--
      cur += ch
    }
  }
  throw new SyntaxError('the JSON array is not closed')
}

/** Rows of `source` in `format`. Throws SyntaxError only for a JSON input that is not an array at all. */
export function parseRows(format: ImportFormat, source: AsyncIterable<Uint8Array | string>): AsyncGenerator<ParsedRow> {
  return format === 'csv' ? csvRows(source) : format === 'ndjson' ? ndjsonRows(source) : jsonArrayRows(source)
}
