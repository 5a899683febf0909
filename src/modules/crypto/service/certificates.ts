import { withTransaction } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import type { Principal } from '../../../core/http/auth.ts'
import { isAsymmetric, publicKeySpki } from '../algorithms.ts'
import { CryptoModuleError } from '../errors.ts'
import type { CertificateRecord, CertificateRole, KeyRecord } from '../repo.ts'
import {
  buildCertificate, buildCrl, finishCertificate, finishCrl, formatName, keyIdentifier, newSerialNumber, toPem,
  type DistinguishedName, type KeyUsageName, type RevocationReason,
} from '../x509.ts'
import { actorOf, canSeeKey, SYSTEM_ACTOR, type Actor, type CryptoDeps } from './context.ts'
import type { KeyActions } from './keys.ts'
import type { Operations } from './operations.ts'

const DAY = 86_400_000
const ROOT = { label: 'platform-root-ca', years: 20, name: { country: 'CN', organization: 'zhicheng', commonName: 'zhicheng Root CA SM2' } }
const ISSUING = { label: 'platform-issuing-ca', years: 10, name: { country: 'CN', organization: 'zhicheng', commonName: 'zhicheng Issuing CA SM2' } }
const CRL_VALIDITY = 7 * DAY

export interface IssueCertificateInput { keyId: string; keyVersion?: number; subject: DistinguishedName; validityDays?: number }

/** A certificate as the API shows it. */
export interface CertificateOut {
  id: string; serialNumber: string; role: CertificateRole; keyId: string; keyVersion: number; subject: string; issuer: string
  notBefore: string; notAfter: string; status: 'valid' | 'revoked' | 'expired'; revokedAt: string | null; revocationReason: string | null; pem: string
}

export interface CrlOut { number: number; thisUpdate: string; nextUpdate: string; revokedCount: number; pem: string }

/** The platform CA (an SM2 root and an SM2 issuing CA, keys held by the key service), certificates and CRLs. */
export function createCertificates(deps: CryptoDeps, keys: KeyActions, ops: Operations) {
  const { repo } = deps
  let ca: { root: CertificateRecord; issuing: CertificateRecord } | undefined

  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

  function out(c: CertificateRecord, issuerSubject: string): CertificateOut {
    const status = c.revokedAt !== null ? 'revoked' : c.notAfter < deps.clock.now() ? 'expired' : 'valid'
    return {
      id: c.id, serialNumber: c.serialNumber, role: c.role, keyId: c.keyId, keyVersion: c.keyVersion, subject: c.subject, issuer: issuerSubject,
      notBefore: iso(c.notBefore)!, notAfter: iso(c.notAfter)!, status, revokedAt: iso(c.revokedAt), revocationReason: c.revocationReason, pem: toPem('CERTIFICATE', c.der),
    }
  }

  async function spkiOf(key: KeyRecord, version: number): Promise<Uint8Array> {
    const ver = await repo.getVersion(key.id, version)
    if (!ver?.publicKey) throw new CryptoModuleError.KEY_VERSION_NOT_FOUND(key.id, version)
    return publicKeySpki(key.algorithm, ver.publicKey)
  }

  /** Signs and stores one certificate (and, for a CA role, its `crypto_ca` row) with its audit row and event. */
  async function issue(actor: Actor, a: {
    role: CertificateRole; key: KeyRecord; keyVersion: number; subject: DistinguishedName; issuerName: DistinguishedName
    signer: KeyRecord; signerVersion: number; issuerId: string | null; issuerKeyId?: Uint8Array; notAfter: number; usage: KeyUsageName[]; pathLength?: number
  }): Promise<CertificateRecord> {
    const now = deps.clock.now()
    const spki = await spkiOf(a.key, a.keyVersion)
    const serialNumber = newSerialNumber()
    const { cert, tbs } = buildCertificate({
      serialNumber, issuer: a.issuerName, subject: a.subject, notBefore: now, notAfter: a.notAfter, spki, keyUsage: a.usage,
      ...(a.role === 'leaf' ? {} : { ca: { pathLength: a.pathLength } }), ...(a.issuerKeyId ? { authorityKeyId: a.issuerKeyId } : {}),
    })
    const { signature } = await ops.signInternal(a.signer, tbs, a.signerVersion)
    const record: CertificateRecord = {
      id: deps.ids.next('crt'), serialNumber, role: a.role, keyId: a.key.id, keyVersion: a.keyVersion, issuerId: a.issuerId, subject: formatName(a.subject),
      notBefore: Math.floor(now / 1000) * 1000, notAfter: Math.floor(a.notAfter / 1000) * 1000, der: finishCertificate(cert, signature),
      revokedAt: null, revocationReason: null, createdBy: actor.id, createdAt: now,
    }
    await withTransaction(deps.db, async (trx) => {
      await repo.insertCertificate(trx, record)
      if (a.role !== 'leaf') await repo.insertCa(trx, a.role, record.id)
      await deps.audit.append(trx, {
        actorId: actor.id, actorKind: actor.kind, action: 'crypto.certificate.issued', targetType: 'crypto_certificate', targetId: record.id, requestId: actor.requestId ?? null,
        detail: { role: a.role, serialNumber, keyId: a.key.id, keyVersion: a.keyVersion, subject: record.subject, signedWith: a.signer.id },
      })
      await deps.events.publish(trx, 'crypto.certificate.issued', record.id, { certificateId: record.id, keyId: a.key.id, serialNumber }, { requestId: actor.requestId ?? null, actorId: actor.id })
    })
    return record
  }

  async function ensureCaCert(role: 'root' | 'issuing', parent?: { cert: CertificateRecord; key: KeyRecord }): Promise<CertificateRecord> {
    const existing = await repo.getCaCertificateId(role)
    if (existing) return (await repo.getCertificate(existing))!
    const spec = role === 'root' ? ROOT : ISSUING
    const key = (await repo.getKey((await keys.ensureSystemKey(spec.label, 'SM2', 'sign')).id))!
    const notAfter = Math.min(deps.clock.now() + spec.years * 365 * DAY, parent ? parent.cert.notAfter : Infinity)
    try {
      return await issue(SYSTEM_ACTOR, {
        role, key, keyVersion: key.currentVersion, subject: spec.name, issuerName: parent ? ROOT.name : spec.name, signer: parent?.key ?? key, signerVersion: parent ? parent.cert.keyVersion : key.currentVersion,
        issuerId: parent?.cert.id ?? null, issuerKeyId: parent ? keyIdentifier(await spkiOf(parent.key, parent.cert.keyVersion)) : undefined,
        notAfter, usage: ['keyCertSign', 'cRLSign'], pathLength: role === 'issuing' ? 0 : undefined,
      })
    } catch (err) {
      // Another process set the CA up at the same moment: use theirs.
      const raced = isUniqueViolation(err) ? await repo.getCaCertificateId(role) : undefined
      if (raced) return (await repo.getCertificate(raced))!
      throw err
    }
  }

  /** Creates the root and issuing CA on first use (idempotent); later calls are answered from memory. */
  async function ensureCa(): Promise<{ root: CertificateRecord; issuing: CertificateRecord }> {
    if (ca) return ca
    const root = await ensureCaCert('root')
    const rootKey = (await repo.getKey(root.keyId))!
    const issuing = await ensureCaCert('issuing', { cert: root, key: rootKey })
    ca = { root, issuing }
    return ca
  }

  async function visibleCertificate(p: Principal, id: string): Promise<CertificateRecord> {
    const c = await repo.getCertificate(id)
    if (!c) throw new CryptoModuleError.CERT_NOT_FOUND(id)
    if (c.role === 'leaf') {
      const key = await repo.getKey(c.keyId)
      if (!key || !canSeeKey(p, key)) throw new CryptoModuleError.CERT_NOT_FOUND(id)
    }
    return c
  }

  async function issuerSubjectOf(c: CertificateRecord): Promise<string> {
    if (!c.issuerId) return c.subject
    const { root, issuing } = await ensureCa()
    if (c.issuerId === issuing.id) return issuing.subject
    if (c.issuerId === root.id) return root.subject
    return (await repo.getCertificate(c.issuerId))?.subject ?? ''
  }

  /** Issues a new CRL when there is none, it is due (a day before nextUpdate), or a revocation is newer. */
  async function currentCrl(force = false): Promise<CrlOut> {
    const { issuing } = await ensureCa()
    const revoked = await repo.listRevoked(issuing.id)
    const latest = await repo.latestCrl()
    const now = deps.clock.now()
    const newest = revoked.reduce((m, c) => Math.max(m, c.revokedAt ?? 0), 0)
    // created_at keeps milliseconds; thisUpdate in the CRL is whole seconds.
    const fresh = latest && !force && latest.createdAt >= newest && now < latest.nextUpdate - DAY
    if (fresh) return { number: latest.number, thisUpdate: iso(latest.thisUpdate)!, nextUpdate: iso(latest.nextUpdate)!, revokedCount: revoked.length, pem: toPem('X509 CRL', latest.der) }
    const number = (latest?.number ?? 0) + 1
    const issuingKey = (await repo.getKey(issuing.keyId))!
    const thisUpdate = Math.floor(now / 1000) * 1000
    const { crl, tbs } = buildCrl({
      issuer: ISSUING.name, issuerKeyId: keyIdentifier(await spkiOf(issuingKey, issuing.keyVersion)), number, thisUpdate, nextUpdate: thisUpdate + CRL_VALIDITY,
      revoked: revoked.map((c) => ({ serialNumber: c.serialNumber, revokedAt: c.revokedAt!, reason: (c.revocationReason ?? 'unspecified') as RevocationReason })),
    })
    const der = finishCrl(crl, (await ops.signInternal(issuingKey, tbs, issuing.keyVersion)).signature)
    try {
      await withTransaction(deps.db, async (trx) => {
        await repo.insertCrl(trx, { number, issuerId: issuing.id, thisUpdate, nextUpdate: thisUpdate + CRL_VALIDITY, der, createdAt: now })
        await deps.audit.append(trx, { actorId: SYSTEM_ACTOR.id, actorKind: SYSTEM_ACTOR.kind, action: 'crypto.crl.issued', targetType: 'crypto_crl', targetId: String(number), detail: { revoked: revoked.length } })
      })
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      return currentCrl(false) // another process issued this number first
    }
    return { number, thisUpdate: iso(thisUpdate)!, nextUpdate: iso(thisUpdate + CRL_VALIDITY)!, revokedCount: revoked.length, pem: toPem('X509 CRL', der) }
  }

  async function issueLeaf(actor: Actor, key: KeyRecord, input: Omit<IssueCertificateInput, 'keyId'>): Promise<CertificateOut> {
    if (!isAsymmetric(key.algorithm)) throw new CryptoModuleError.CERT_KEY_UNSUITABLE(key.id, `${key.algorithm} is a symmetric algorithm`)
    if (key.state === 'disabled') throw new CryptoModuleError.KEY_DISABLED(key.id)
    if (key.state === 'destroyed') throw new CryptoModuleError.KEY_DESTROYED(key.id)
    const keyVersion = input.keyVersion ?? key.currentVersion
    if (keyVersion < 1 || keyVersion > key.currentVersion) throw new CryptoModuleError.KEY_VERSION_NOT_FOUND(key.id, keyVersion, { errors: [{ path: 'body/keyVersion', code: 'not-found', message: `no version ${keyVersion}` }] })
    const { issuing } = await ensureCa()
    const issuingKey = (await repo.getKey(issuing.keyId))!
    const notAfter = Math.min(deps.clock.now() + (input.validityDays ?? 365) * DAY, issuing.notAfter)
    const usage: KeyUsageName[] = key.purpose === 'sign' ? ['digitalSignature', 'nonRepudiation'] : ['keyEncipherment', 'dataEncipherment']
    const record = await issue(actor, {
      role: 'leaf', key, keyVersion, subject: { country: 'CN', ...input.subject }, issuerName: ISSUING.name, signer: issuingKey, signerVersion: issuing.keyVersion, issuerId: issuing.id,
      issuerKeyId: keyIdentifier(await spkiOf(issuingKey, issuing.keyVersion)), notAfter, usage,
    })
    return out(record, issuing.subject)
  }

  return {
    ensureCa,
    hasCertificate: async (keyId: string): Promise<boolean> => (await repo.listCertificatesOfKey(keyId)).length > 0,

    async getCa(): Promise<{ root: CertificateOut; issuing: CertificateOut; chainPem: string }> {
      const { root, issuing } = await ensureCa()
      const r = out(root, root.subject)
      const i = out(issuing, root.subject)
      return { root: r, issuing: i, chainPem: i.pem + r.pem }
    },

    getCrl: () => currentCrl(false),

    /** Issues a certificate for an active asymmetric key the principal can see, signed by the issuing CA. */
    async issueCertificate(p: Principal, input: IssueCertificateInput, requestId?: string): Promise<CertificateOut> {
      return issueLeaf(actorOf(p, requestId), await keys.getVisible(p, input.keyId), input)
    },

    issueLeaf,

    async getCertificateAs(p: Principal, id: string): Promise<CertificateOut> {
      const c = await visibleCertificate(p, id)
      return out(c, await issuerSubjectOf(c))
    },

    async listCertificatesOfKey(p: Principal, keyId: string): Promise<CertificateOut[]> {
      const key = await keys.getVisible(p, keyId)
      const list = await repo.listCertificatesOfKey(key.id)
      return Promise.all(list.map(async (c) => out(c, await issuerSubjectOf(c))))
    },

    /** Revokes a leaf certificate and issues a fresh CRL that lists it. */
    async revokeCertificate(p: Principal, id: string, reason: RevocationReason, requestId?: string): Promise<CertificateOut> {
      const c = await visibleCertificate(p, id)
      if (c.role !== 'leaf') throw new CryptoModuleError.CERT_CA_REVOKE(id)
      await withTransaction(deps.db, async (trx) => {
        if (!(await repo.revokeCertificate(trx, id, reason, deps.clock.now()))) throw new CryptoModuleError.CERT_ALREADY_REVOKED(id)
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'crypto.certificate.revoked', targetType: 'crypto_certificate', targetId: id, requestId: requestId ?? null, detail: { serialNumber: c.serialNumber, reason } })
        await deps.events.publish(trx, 'crypto.certificate.revoked', id, { certificateId: id, keyId: c.keyId, serialNumber: c.serialNumber, reason }, { requestId: requestId ?? null, actorId: p.id })
      })
      await currentCrl(true)
      return out((await repo.getCertificate(id))!, await issuerSubjectOf(c))
    },
  }
}

export type Certificates = ReturnType<typeof createCertificates>
