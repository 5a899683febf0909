/**
 * Issuing departments: each gets an SM2 signing key (owner = the department) and a certificate
 * from the platform CA through the crypto module, plus a P-256 key for the W3C VC export. Created
 * once, on first use, idempotently across processes (the crypto module's unique label per owner).
 */
import { AppError } from '../../../core/errors.ts'
import { sm3 } from '../../../lib/crypto/index.ts'
import { makeUsccFromParts } from '../../../lib/uscc.ts'
import type { IssuerRow } from '../repo.ts'
import { SYSTEM, type LicensesDeps } from './context.ts'
import type { DepartmentScope } from './departments.ts'

export const SIGNING_LABEL = 'licence-signing'
export const VC_LABEL = 'licence-vc-p256'

/**
 * The synthetic credit code (统一社会信用代码) of a demo department: registration authority 1
 * (organs), type 1, the city's division, and an organisation code derived from the department code.
 */
export function departmentCreditCode(code: string, division = '442000'): string {
  const digest = Buffer.from(sm3(Buffer.from(`licenses-issuer:${code}`)))
  const body = String(digest.readUInt32BE(0) % 100_000_000).padStart(8, '0')
  return makeUsccFromParts('11', division, body)
}

export function createIssuers(deps: LicensesDeps, departments: DepartmentScope) {
  const cache = new Map<string, IssuerRow>()
  const creating = new Map<string, Promise<IssuerRow>>()
  const publicKeys = new Map<string, Uint8Array>()

  async function ensureKey(owner: string, label: string, algorithm: 'SM2' | 'ECDSA-P256'): Promise<string> {
    const find = async () => (await deps.crypto.findKeys(SYSTEM, { ownerType: 'department', ownerId: owner, limit: 200 })).items.find((k) => k.label === label)
    const existing = await find()
    if (existing) return existing.id
    try {
      return (await deps.crypto.createKey(SYSTEM, { label, algorithm, purpose: 'sign', owner: { type: 'department', id: owner } })).id
    } catch (err) {
      if (err instanceof AppError && err.code === 'CRYPTO_LABEL_TAKEN') {
        const raced = await find()
        if (raced) return raced.id
      }
      throw err
    }
  }

  async function create(departmentId: string, hint: { name?: string; creditCode?: string } = {}): Promise<IssuerRow> {
    const stored = await deps.repo.getIssuer(deps.db, departmentId)
    if (stored) return stored
    const name = hint.name ?? (await departments.nameOf(departmentId)) ?? departmentId
    const creditCode = hint.creditCode ?? departmentCreditCode(departmentId)
    const keyId = await ensureKey(departmentId, SIGNING_LABEL, 'SM2')
    const vcKeyId = await ensureKey(departmentId, VC_LABEL, 'ECDSA-P256')
    const existingCerts = await deps.crypto.listCertificatesOfKey(SYSTEM, keyId)
    const cert = existingCerts.find((c) => c.status === 'valid') ?? await deps.crypto.issueCertificate(SYSTEM, {
      keyId,
      subject: { commonName: `${name} 电子证照签发`, organization: name, organizationalUnit: creditCode, locality: '中山市', province: '广东省', country: 'CN' },
      validityDays: 10 * 365,
    })
    await deps.repo.insertIssuer(deps.db, { departmentId, name, creditCode, keyId, certificatePem: cert.pem, vcKeyId, createdAt: deps.clock.now() })
    return (await deps.repo.getIssuer(deps.db, departmentId))!
  }

  return {
    /** The issuer row of `departmentId`, creating its keys and certificate on first use. Call outside a transaction. */
    async ensure(departmentId: string, hint?: { name?: string; creditCode?: string }): Promise<IssuerRow> {
      const hit = cache.get(departmentId)
      if (hit) return hit
      let p = creating.get(departmentId)
      if (!p) {
        p = create(departmentId, hint).finally(() => creating.delete(departmentId))
        creating.set(departmentId, p)
      }
      const row = await p
      cache.set(departmentId, row)
      return row
    },
    async get(departmentId: string): Promise<IssuerRow | undefined> {
      const hit = cache.get(departmentId)
      if (hit) return hit
      const row = await deps.repo.getIssuer(deps.db, departmentId)
      if (row) cache.set(departmentId, row)
      return row
    },
    list: () => deps.repo.listIssuers(deps.db),
    /** The SM2 public key (65 bytes) of `keyId` at `version`, cached. */
    async publicKey(keyId: string, version: number): Promise<Uint8Array | undefined> {
      const k = `${keyId}#${version}`
      const hit = publicKeys.get(k)
      if (hit) return hit
      try {
        const pk = await deps.crypto.getPublicKey(keyId, version)
        if (pk.algorithm !== 'SM2') return undefined
        publicKeys.set(k, pk.raw)
        return pk.raw
      } catch {
        return undefined
      }
    },
  }
}

export type Issuers = ReturnType<typeof createIssuers>
