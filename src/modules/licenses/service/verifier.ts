/**
 * Server-side verification: the shared checks of `verify.ts` with the ports filled from this
 * platform — issuer keys from the crypto module (cached), the ledger for anchors and receipts, and
 * the licence register for the status. Counts outcomes per day for the statistics.
 */
import { AppError, type Lang } from '../../../core/errors.ts'
import type { LicenseRow } from '../repo.ts'
import type { NativeLicence } from '../types.ts'
import { verifyLicence, type ReceiptAnswer, type Verdict } from '../verify.ts'
import { chinaDate, type LicensesDeps } from './context.ts'
import type { Issuers } from './issuers.ts'
import { effectiveStatus } from './views.ts'

export function createVerifier(deps: LicensesDeps, issuers: Issuers) {
  const counts = new Map<string, number>()
  let timer: NodeJS.Timeout | undefined

  // The log is append-only: an entry once found holding a hash keeps holding it. Cache the answer.
  const knownEntries = new Map<string, string>()
  const remember = (entryId: string, hash: string, message: string): ReceiptAnswer => {
    if (knownEntries.size >= 100_000) knownEntries.delete(knownEntries.keys().next().value!)
    knownEntries.set(`${entryId}|${hash}`, message)
    return { ok: true, message }
  }

  async function receipt(doc: NativeLicence, hash: string): Promise<ReceiptAnswer> {
    const known = doc.receipt ? undefined : knownEntries.get(`${doc.anchor.entryId}|${hash}`)
    if (known) return { ok: true, message: known }
    try {
      if (doc.receipt) {
        const v = await deps.ledger.verify({ receipt: doc.receipt, hash })
        if (v.entry.id !== doc.anchor.entryId) return { ok: false, message: `the receipt is for entry ${v.entry.id}, the anchor names ${doc.anchor.entryId}` }
        return { ok: true, message: `entry ${v.index} of the ledger (tree size ${v.treeSize})` }
      }
      const r = await deps.ledger.getReceipt(doc.anchor.entryId)
      if (r.entry.hash !== hash) return { ok: false, message: `ledger entry ${doc.anchor.entryId} holds ${r.entry.hash}, not ${hash}` }
      // Our own log answered: its entry holds the hash (a receipt the holder brings is verified in full above).
      return remember(doc.anchor.entryId, hash, `entry ${r.index} of the ledger`)
    } catch (err) {
      if (err instanceof AppError) {
        if (err.code === 'LEDGER_PENDING' || err.code === 'LEDGER_NOT_PUBLISHED') return { ok: true, message: 'anchored in the ledger; not yet covered by a witnessed checkpoint' }
        if (err.code === 'LEDGER_NOT_FOUND') return { ok: false, message: `the ledger has no entry ${doc.anchor.entryId}` }
        return { ok: false, message: err.message }
      }
      throw err
    }
  }

  async function verify(input: unknown, lang?: Lang): Promise<Verdict> {
    let row: LicenseRow | undefined
    const verdict = await verifyLicence(input, {
      lang,
      today: () => chinaDate(deps.clock.now()),
      async issuerKey(doc) {
        const issuer = await issuers.get(doc.licence.issuer.departmentId)
        if (!issuer || issuer.creditCode !== doc.licence.issuer.creditCode || issuer.keyId !== doc.signature.keyId) return undefined
        const pk = await issuers.publicKey(doc.signature.keyId, doc.signature.keyVersion)
        return pk ? { publicKey: pk, name: issuer.name } : undefined
      },
      receipt,
      async status(doc) {
        row = await deps.repo.getLicenseByIdentifier(deps.db, doc.licence.id)
        if (!row || row.document.anchor.hash !== doc.anchor.hash) return { status: 'unknown', source: 'register' }
        const s = effectiveStatus(row, deps.clock.now())
        return { status: s === 'expired' ? 'valid' : s, source: 'register' } // expiry is reported by the validity check
      },
    })
    count(verdict.valid ? 'valid' : verdict.code ?? 'invalid')
    return verdict
  }

  function count(outcome: string): void {
    const key = `${chinaDate(deps.clock.now())}|${outcome}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
    timer ??= setTimeout(() => { timer = undefined; void flush() }, 1000).unref()
  }

  /** Writes the counted verifications now (they are batched: verification is a hot public path). */
  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = [...counts]
    counts.clear()
    for (const [key, n] of batch) {
      const [day, outcome] = key.split('|')
      await deps.repo.countVerification(deps.db, day, outcome, n).catch((err) => deps.log.warn({ err }, 'could not count verifications'))
    }
  }

  return {
    verify,
    flush,
    /** True when a stored licence still verifies (signature, anchor) — for clerks reading a lent licence. */
    async verifyRow(row: LicenseRow): Promise<boolean> {
      const v = await verifyLicence(row.document, {
        today: () => chinaDate(deps.clock.now()),
        issuerKey: async (doc) => {
          const pk = await issuers.publicKey(doc.signature.keyId, doc.signature.keyVersion)
          return pk ? { publicKey: pk, name: doc.licence.issuer.name } : undefined
        },
        receipt,
        status: async () => ({ status: effectiveStatus(row, deps.clock.now()) === 'expired' ? 'valid' : row.status, source: 'register' }),
      })
      return v.valid
    },
  }
}

export type Verifier = ReturnType<typeof createVerifier>
