import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog } from '../../../core/audit.ts'
import type { EventBus } from '../../../core/events.ts'
import { can, type Principal } from '../../../core/http/auth.ts'
import type { FieldError } from '../../../core/errors.ts'
import { isCryptoError } from '../../../lib/crypto/index.ts'
import type { IdGenerator } from '../../../lib/ids.ts'
import type { Clock } from '../../../lib/time.ts'
import { publicKeyPem } from '../algorithms.ts'
import type { KeyBackend } from '../backend.ts'
import { CryptoModuleError } from '../errors.ts'
import type { CryptoRepo, KeyRecord } from '../repo.ts'
import type { KeyInfo } from '../types.ts'

/** The ports of the crypto service. */
export interface CryptoDeps {
  db: Kysely<any>
  repo: CryptoRepo
  backend: KeyBackend
  audit: AuditLog
  events: EventBus
  clock: Clock
  ids: IdGenerator
  log: Logger
  /** How often batched (module-internal) key uses are flushed to the database; default 2 s. */
  usageFlushMs?: number
  /** Releases the key backend (its signing threads) on stop. */
  closeBackend?: () => Promise<void> | undefined
}

/** Who acts, for audit rows and `created_by`. */
export interface Actor { id: string; kind: string; requestId?: string | null }

/** The platform itself (module-internal calls through the CryptoApi). */
export const SYSTEM_ACTOR: Actor = { id: 'system:crypto', kind: 'system' }

export const actorOf = (p: Principal, requestId?: string): Actor => ({ id: p.id, kind: p.kind, requestId: requestId ?? null })

/** True when `p` may act on keys of every owner. */
export const isKeyAdmin = (p: Principal): boolean => can(p, 'crypto:key:admin')

/** Departments whose keys `p` may see without crypto:key:admin. */
export function ownDepartments(p: Principal): string[] {
  return [...new Set([p.departmentId, p.orgId].filter((x): x is string => !!x))]
}

/** Tenant rule: admins see every key; others only keys owned by their department or organisation. */
export function canSeeKey(p: Principal, key: KeyRecord): boolean {
  return isKeyAdmin(p) || (key.owner.type === 'department' && ownDepartments(p).includes(key.owner.id))
}

/** The public description of a key; `pendingUses` are uses counted in memory and not yet flushed. */
export function toKeyInfo(key: KeyRecord, publicKey: Uint8Array | undefined | null, pendingUses: number): KeyInfo {
  const info: KeyInfo = {
    id: key.id, label: key.label, algorithm: key.algorithm, purpose: key.purpose, owner: { ...key.owner }, state: key.state,
    version: key.currentVersion, usageCount: key.usageCount + pendingUses, createdAt: new Date(key.createdAt).toISOString(),
  }
  if (publicKey) info.publicKeyPem = publicKeyPem(key.algorithm, publicKey)
  return info
}

// Error constructors take an options object as their last argument only when it has `errors`.
const fieldError = (path: string | undefined, message: string): [{ errors: FieldError[] }] | [] =>
  path ? [{ errors: [{ path, code: 'crypto', message }] }] : []

/**
 * Translates a `CryptoError` from the primitives or the backend into the module's AppError;
 * anything else is rethrown. `field` names the request field the bad value came from.
 * CryptoError messages carry no material by construction, so they are safe to show.
 */
export function translateCryptoError(err: unknown, what: { keyId: string; algorithm: string; format?: string; field?: string }): never {
  if (!isCryptoError(err)) throw err
  const opts = fieldError(what.field, err.message)
  switch (err.code) {
    case 'CRYPTO_BAD_SIGNATURE_ENCODING':
      throw new CryptoModuleError.BAD_SIGNATURE_ENCODING(what.algorithm === 'Ed25519' ? 'raw' : (what.format ?? 'der'), what.algorithm, err.message, ...opts)
    case 'CRYPTO_BAD_CIPHERTEXT_ENCODING':
      throw new CryptoModuleError.BAD_CIPHERTEXT_ENCODING(err.message, ...opts)
    case 'CRYPTO_DECRYPT_FAILED':
    case 'CRYPTO_TAG_MISMATCH':
      throw new CryptoModuleError.DECRYPT_FAILED()
    case 'CRYPTO_BAD_INPUT':
    case 'CRYPTO_BAD_IV':
      throw new CryptoModuleError.BAD_INPUT(err.message, ...opts)
    case 'CRYPTO_BAD_KEY':
      // Material that does not open is an operator problem (wrong root key), not the caller's.
      throw new CryptoModuleError.BACKEND_UNAVAILABLE(what.keyId, { cause: err })
    default:
      throw err
  }
}
