/**
 * The catalog as CSV, one item per row: scalar fields as they are, lists of words joined with `|`,
 * nested structures (materials, fees, form, workflow …) as JSON in their cell. Pure.
 */
import { parseCsv, toCsv } from '../../lib/csv.ts'
import type { ItemData } from './schema/catalog.ts'

const SCALARS = ['basicCode', 'implementationCode', 'name', 'type', 'departmentId', 'departmentName', 'divisionCode', 'divisionName', 'conditions',
  'kind', 'place', 'hours', 'consultPhone', 'complaintPhone', 'visitReason', 'resultName'] as const
const INTEGERS = ['statutoryLimit', 'promisedLimit', 'onlineDepth', 'visits'] as const
const BOOLEANS = ['charged'] as const
const LISTS = ['audiences', 'themes', 'keywords', 'channels'] as const
const JSONS = ['legalBasis', 'materials', 'steps', 'fees', 'faq', 'form', 'workflow'] as const

/** The header row, in column order. */
export const CSV_COLUMNS: readonly string[] = [...SCALARS, ...INTEGERS, ...BOOLEANS, ...LISTS, ...JSONS]

/** Serialises items to CSV with the header row. */
export function itemsToCsv(items: readonly ItemData[]): string {
  const rows: unknown[][] = [[...CSV_COLUMNS]]
  for (const it of items) {
    const rec = it as unknown as Record<string, unknown>
    rows.push(CSV_COLUMNS.map((c) => {
      const v = rec[c]
      if (v === undefined) return ''
      if ((LISTS as readonly string[]).includes(c)) return (v as string[]).join('|')
      if ((JSONS as readonly string[]).includes(c)) return JSON.stringify(v)
      return v
    }))
  }
  return toCsv(rows)
}

export interface CsvRecord { value?: Record<string, unknown>; errors: Array<{ path: string; code: string; message: string }> }

/**
 * Parses CSV text into item candidates (still to be schema-checked). Cells that cannot be read
 * (a number that is not one, broken JSON) are reported per row; throws SyntaxError only when the
 * text is not CSV or lacks the `implementationCode` and `name` columns.
 */
export function csvToRecords(text: string): CsvRecord[] {
  const rows = parseCsv(text)
  const header = rows[0] ?? []
  if (!header.includes('implementationCode') || !header.includes('name')) throw new SyntaxError('the header row must name at least implementationCode and name')
  return rows.slice(1).filter((r) => r.some((c) => c !== '')).map((r) => {
    const value: Record<string, unknown> = {}
    const errors: CsvRecord['errors'] = []
    header.forEach((col, i) => {
      const raw = r[i] ?? ''
      if (raw === '' && !(LISTS as readonly string[]).includes(col)) return
      if ((INTEGERS as readonly string[]).includes(col)) {
        if (!/^-?\d+$/.test(raw.trim())) errors.push({ path: `/${col}`, code: 'type', message: `not an integer: ${raw}` })
        else value[col] = Number(raw)
      } else if ((BOOLEANS as readonly string[]).includes(col)) {
        if (!['true', 'false'].includes(raw.trim())) errors.push({ path: `/${col}`, code: 'type', message: `not true or false: ${raw}` })
        else value[col] = raw.trim() === 'true'
      } else if ((LISTS as readonly string[]).includes(col)) {
        value[col] = raw === '' ? [] : raw.split('|').map((s) => s.trim()).filter(Boolean)
      } else if ((JSONS as readonly string[]).includes(col)) {
        try { value[col] = JSON.parse(raw) } catch { errors.push({ path: `/${col}`, code: 'json', message: 'not valid JSON' }) }
      } else if ((SCALARS as readonly string[]).includes(col)) {
        value[col] = raw
      } else {
        errors.push({ path: `/${col}`, code: 'column', message: `unknown column ${col}` })
      }
    })
    return errors.length ? { errors } : { value, errors }
  })
}
