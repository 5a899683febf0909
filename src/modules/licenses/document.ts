/**
 * The native licence document: canonical bytes of the signed content, its SM3 hash (what the
 * ledger anchors), and the shape check of untrusted input. Pure code.
 */
import { canonicalBytes } from '../../lib/canonical-json.ts'
import { sm3 } from '../../lib/crypto/index.ts'
import { NATIVE_FORMAT, type LicenceContent, type NativeLicence } from './types.ts'

/** The bytes that are signed and hashed: RFC 8785 canonical JSON of the licence content. */
export function contentBytes(content: LicenceContent): Uint8Array {
  return canonicalBytes(content)
}

/** `sm3:<hex>` of the canonical content: the ledger entry's payload hash. */
export function contentHash(content: LicenceContent | Uint8Array): string {
  const bytes = content instanceof Uint8Array ? content : contentBytes(content)
  return `sm3:${Buffer.from(sm3(bytes)).toString('hex')}`
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Checks the shape of an untrusted native licence and returns it typed, or the JSON path of the
 * first problem. Never checks the identifier's check character, a signature or a hash.
 */
export function parseNativeLicence(input: unknown): { ok: true; doc: NativeLicence } | { ok: false; path: string; problem: string } {
  const bad = (path: string, problem: string) => ({ ok: false as const, path, problem })
  if (!isObj(input)) return bad('', 'is not a JSON object')
  if (input.format !== NATIVE_FORMAT) return bad('/format', `is not "${NATIVE_FORMAT}"`)
  const l = input.licence
  if (!isObj(l)) return bad('/licence', 'is missing')
  if (!isStr(l.id, 200)) return bad('/licence/id', 'is not a string')
  if (!isObj(l.type) || !isStr(l.type.code, 40) || !isStr(l.type.name, 200)) return bad('/licence/type', 'needs code and name')
  if (!isObj(l.issuer) || !isStr(l.issuer.departmentId, 60) || !isStr(l.issuer.name, 200) || !isStr(l.issuer.creditCode, 40)) return bad('/licence/issuer', 'needs departmentId, name and creditCode')
  if (!isObj(l.holder) || (l.holder.kind !== 'person' && l.holder.kind !== 'organization') || !isStr(l.holder.name, 200) || !isStr(l.holder.identifier, 64)) return bad('/licence/holder', 'needs kind, name and identifier')
  if (!isObj(l.fields)) return bad('/licence/fields', 'is not an object')
  if (!isStr(l.issuedAt, 40) || Number.isNaN(Date.parse(l.issuedAt))) return bad('/licence/issuedAt', 'is not a date-time')
  if (!isStr(l.validFrom, 10) || !DATE.test(l.validFrom)) return bad('/licence/validFrom', 'is not YYYY-MM-DD')
  if (l.validUntil !== null && (!isStr(l.validUntil, 10) || !DATE.test(l.validUntil))) return bad('/licence/validUntil', 'is not YYYY-MM-DD or null')
  if (l.replaces !== null && !isStr(l.replaces, 200)) return bad('/licence/replaces', 'is not a string or null')
  const st = l.status
  if (!isObj(st) || st.type !== 'BitstringStatusListEntry' || !isStr(st.list, 40) || !Number.isInteger(st.index) || (st.index as number) < 0 || !isStr(st.url, 500)) {
    return bad('/licence/status', 'needs type BitstringStatusListEntry, list, index and url')
  }
  const s = input.signature
  if (!isObj(s) || s.algorithm !== 'SM2-with-SM3' || !isStr(s.userId, 200) || !isStr(s.keyId, 40) || !Number.isInteger(s.keyVersion) || !isStr(s.value, 400)) {
    return bad('/signature', 'needs algorithm SM2-with-SM3, userId, keyId, keyVersion and value')
  }
  const a = input.anchor
  if (!isObj(a) || !isStr(a.entryId, 40) || !isStr(a.hash, 80)) return bad('/anchor', 'needs entryId and hash')
  if (input.receipt !== null && input.receipt !== undefined && !isObj(input.receipt)) return bad('/receipt', 'is not an object or null')
  return { ok: true, doc: { ...(input as unknown as NativeLicence), receipt: input.receipt ?? null } }
}
