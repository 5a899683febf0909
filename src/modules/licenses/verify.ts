/**
 * Licence verification, shared by the public API and the offline CLI: shape, identifier (GB/T
 * 36904 with its MOD 37,36 check character, and its agreement with the content), SM2 signature
 * over the canonical content, ledger anchor and receipt, status (Bitstring Status List) and the
 * validity dates. Everything that needs the outside world comes in through `VerifyPorts`.
 */
import type { Lang } from '../../core/errors.ts'
import { sm2Verify } from '../../lib/crypto/index.ts'
import { mod3736CheckChar, parseLicenseId, LICENSE_ID_PROBLEMS } from '../../lib/license-id/index.ts'
import { contentBytes, contentHash, parseNativeLicence } from './document.ts'
import { LicenseError } from './errors.ts'
import type { LicenseStatus, NativeLicence } from './types.ts'

export type CheckName = 'format' | 'identifier' | 'signature' | 'receipt' | 'status' | 'validity'

/** One step of verification: passed, failed (with a code), or skipped (nothing to check it with). */
export interface Check { check: CheckName; ok: boolean; skipped?: boolean; code?: string; message: string }

export interface Verdict {
  valid: boolean
  identifier: string | null
  typeName: string | null
  issuerName: string | null
  holderName: string | null
  status: LicenseStatus | 'unknown'
  checks: Check[]
  /** The first failed check's code, for counting. */
  code: string | null
}

/** What a status source answers for a licence. */
export interface StatusAnswer { status: LicenseStatus | 'unknown'; source: string }

/** What a receipt checker answers: ok, failed with a reason, or skipped (no key to check it with). */
export type ReceiptAnswer = { ok: true; message: string } | { ok: false; message: string } | { skipped: true; message: string }

export interface VerifyPorts {
  /** The issuer's SM2 public key (65 bytes) for the signature's key id / issuer, or undefined. */
  issuerKey(doc: NativeLicence): Promise<{ publicKey: Uint8Array; name: string; validity?: { notBefore: Date; notAfter: Date } } | undefined>
  /** Checks the anchor/receipt; `hash` is the SM3 of the canonical content. */
  receipt(doc: NativeLicence, hash: string): Promise<ReceiptAnswer>
  /** The licence's current status, or undefined when it cannot be checked (offline, no list). */
  status(doc: NativeLicence): Promise<StatusAnswer | undefined>
  /** Today as YYYY-MM-DD (China time) for the validity dates. */
  today(): string
  lang?: Lang
}

const STATUS_CODES: Record<Exclude<LicenseStatus, 'valid'>, { code: string; cls: keyof typeof LicenseError }> = {
  revoked: { code: 'LIC_VERIFY_REVOKED', cls: 'VERIFY_REVOKED' },
  suspended: { code: 'LIC_VERIFY_SUSPENDED', cls: 'VERIFY_SUSPENDED' },
  replaced: { code: 'LIC_VERIFY_REPLACED', cls: 'VERIFY_REPLACED' },
  expired: { code: 'LIC_VERIFY_EXPIRED', cls: 'VERIFY_EXPIRED' },
}

/**
 * Verifies an untrusted licence. Never throws for a bad licence: every problem becomes a failed
 * check with a code and a message in `ports.lang` (default en-US). Checks after a failed format
 * or identifier check are not run.
 */
export async function verifyLicence(input: unknown, ports: VerifyPorts): Promise<Verdict> {
  const lang = ports.lang ?? 'en-US'
  const checks: Check[] = []
  const msg = (cls: keyof typeof LicenseError, ...args: unknown[]) => new LicenseError[cls](...args).localized(lang)
  const fail = (check: CheckName, cls: keyof typeof LicenseError, ...args: unknown[]) => checks.push({ check, ok: false, code: `LIC_${cls}`, message: msg(cls, ...args) })
  const verdict = (doc: NativeLicence | undefined, status: Verdict['status']): Verdict => {
    const failed = checks.find((c) => !c.ok && !c.skipped)
    return {
      valid: !failed, code: failed?.code ?? null, status, checks,
      identifier: doc?.licence.id ?? null, typeName: doc?.licence.type.name ?? null, issuerName: doc?.licence.issuer.name ?? null, holderName: doc?.licence.holder.name ?? null,
    }
  }

  const parsed = parseNativeLicence(input)
  if (!parsed.ok) {
    fail('format', 'VERIFY_MALFORMED', `${parsed.path || '/'} ${parsed.problem}`)
    return verdict(undefined, 'unknown')
  }
  const doc = parsed.doc
  const l = doc.licence
  checks.push({ check: 'format', ok: true, message: 'zhicheng-licence/v1' })

  // Identifier: syntax, check character, and agreement with the content it names.
  const id = parseLicenseId(l.id)
  if (!id.ok) {
    if (id.problem === 'check-character') {
      const fields = String(l.id).trim().toUpperCase().split('.')
      let want = '?'
      try { want = mod3736CheckChar(fields.slice(5, 9).join('')) } catch { /* parts already failed */ }
      fail('identifier', 'VERIFY_CHECK_CHARACTER', l.id, want)
    } else fail('identifier', 'VERIFY_IDENTIFIER', LICENSE_ID_PROBLEMS[id.problem])
    return verdict(doc, 'unknown')
  }
  if (id.parts.typeCode !== l.type.code) fail('identifier', 'VERIFY_IDENTIFIER_MISMATCH', `type ${id.parts.typeCode} ≠ ${l.type.code}`)
  else if (id.parts.issuerCode !== l.issuer.creditCode) fail('identifier', 'VERIFY_IDENTIFIER_MISMATCH', `issuer ${id.parts.issuerCode} ≠ ${l.issuer.creditCode}`)
  else checks.push({ check: 'identifier', ok: true, message: `GB/T 36904, check character ${id.check}` })
  if (checks.at(-1)!.ok === false) return verdict(doc, 'unknown')

  // Signature over the canonical content.
  let bytes: Uint8Array
  try {
    bytes = contentBytes(l)
  } catch (err) {
    fail('format', 'VERIFY_MALFORMED', (err as Error).message)
    return verdict(doc, 'unknown')
  }
  const key = await ports.issuerKey(doc)
  if (!key) {
    fail('signature', 'VERIFY_UNKNOWN_ISSUER', `${l.issuer.name} (${l.issuer.creditCode})`)
  } else {
    let good = false
    try {
      good = sm2Verify(key.publicKey, bytes, Buffer.from(doc.signature.value, 'base64'), { userId: doc.signature.userId })
    } catch { good = false }
    // The key signs for its department only while its certificate is valid. When it signed: the time
    // the ledger recorded the licence (its receipt), else now. Not issuedAt: an imported register
    // keeps its historic issue dates and is signed when imported.
    const recorded = (doc.receipt as { recordedAt?: unknown } | null)?.recordedAt
    const signedAt = typeof recorded === 'string' ? recorded : `${ports.today()}T12:00:00.000+08:00`
    const at = Date.parse(signedAt)
    const v = key.validity
    if (!good) fail('signature', 'VERIFY_SIGNATURE', key.name)
    else if (v && (Number.isNaN(at) || at < v.notBefore.getTime() || at > v.notAfter.getTime())) {
      fail('signature', 'VERIFY_CERTIFICATE', signedAt, v.notBefore.toISOString(), v.notAfter.toISOString())
    } else checks.push({ check: 'signature', ok: true, message: `SM2 signature of ${key.name}${v ? `, certificate valid ${v.notBefore.toISOString().slice(0, 10)} – ${v.notAfter.toISOString().slice(0, 10)}` : ''}` })
  }

  // Ledger anchor and receipt.
  const hash = contentHash(bytes)
  if (doc.anchor.hash.toLowerCase() !== hash) {
    fail('receipt', 'VERIFY_ANCHOR', `the anchored hash is ${doc.anchor.hash}, the content hashes to ${hash}`)
  } else {
    const r = await ports.receipt(doc, hash)
    if ('skipped' in r) checks.push({ check: 'receipt', ok: true, skipped: true, message: r.message })
    else if (r.ok) checks.push({ check: 'receipt', ok: true, message: r.message })
    else fail('receipt', 'VERIFY_RECEIPT', r.message)
  }

  // Status.
  let status: Verdict['status'] = 'unknown'
  const st = await ports.status(doc).catch((err: Error) => {
    fail('status', 'VERIFY_STATUS_LIST', err.message)
    return null
  })
  if (st === undefined) checks.push({ check: 'status', ok: true, skipped: true, message: 'status not checked (no status list given)' })
  else if (st) {
    status = st.status
    if (st.status === 'valid') checks.push({ check: 'status', ok: true, message: `valid (${st.source})` })
    else if (st.status === 'unknown') fail('status', 'VERIFY_UNKNOWN')
    else checks.push({ check: 'status', ok: false, code: STATUS_CODES[st.status].code, message: st.status === 'expired' ? msg('VERIFY_EXPIRED', l.validUntil ?? '') : msg(STATUS_CODES[st.status].cls) })
  }

  // Validity dates.
  const today = ports.today()
  if (l.validFrom > today) fail('validity', 'VERIFY_NOT_YET_VALID', l.validFrom)
  else if (l.validUntil !== null && l.validUntil < today) {
    fail('validity', 'VERIFY_EXPIRED', l.validUntil)
    if (status === 'valid') status = 'expired'
  } else checks.push({ check: 'validity', ok: true, message: l.validUntil ? `${l.validFrom} – ${l.validUntil}` : `from ${l.validFrom}, no end date` })

  return verdict(doc, status)
}
