/**
 * RFC 4180 CSV: comma-separated, CRLF rows, fields quoted when they hold a comma, quote, CR or
 * LF, quotes doubled. The parser also accepts LF line ends and a UTF-8 BOM (files saved by Excel).
 */

/** Serialises rows (the first is usually the header) to CSV text with CRLF line ends. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * Parses CSV text into rows of strings. Throws a SyntaxError naming the line of an unterminated
 * quote or of a quote in the middle of an unquoted field. A trailing newline adds no empty row.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let inQuotes = false
  let line = 1
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i++ } else inQuotes = false
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"') {
      if (field !== '' || quoted) throw new SyntaxError(`CSV line ${line}: quote inside an unquoted field`)
      inQuotes = true
      quoted = true
    } else if (c === ',') {
      row.push(field); field = ''; quoted = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field); rows.push(row); row = []; field = ''; quoted = false
      line++
    } else {
      if (quoted) throw new SyntaxError(`CSV line ${line}: text after a closing quote`)
      field += c
    }
  }
  if (inQuotes) throw new SyntaxError(`CSV line ${line}: unterminated quoted field`)
  if (field !== '' || quoted || row.length > 0) { row.push(field); rows.push(row) }
  return rows
}
