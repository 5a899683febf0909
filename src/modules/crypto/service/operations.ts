import { randomBytes, type KeyObject } from 'node:crypto'
import type { Principal } from '../../../core/http/auth.ts'
import { isCryptoError, type Sm2CiphertextMode } from '../../../lib/crypto/index.ts'
import {
  canSign, isSymmetric, publicKeyJwk, publicKeyObject, publicKeyPem, sm2EncryptTo, verifySignature,
  type KeyAlgorithm, type KeyPurpose, type SignatureFormat,
} from '../algorithms.ts'
import type { KeyRef } from '../backend.ts'
import { CryptoModuleError } from '../errors.ts'
import type { KeyRecord, KeyVersionRecord } from '../repo.ts'
import { actorOf, translateCryptoError, type CryptoDeps } from './context.ts'
import type { KeyActions } from './keys.ts'
import type { UsageCounter } from './usage.ts'

export type Operation = 'sign' | 'encrypt' | 'decrypt' | 'generate-data-key' | 'unwrap-data-key'

const NEEDS: Record<Operation, { purposes: KeyPurpose[]; algorithms: KeyAlgorithm[] }> = {
  'sign': { purposes: ['sign'], algorithms: ['SM2', 'Ed25519', 'ECDSA-P256'] },
  'encrypt': { purposes: ['encrypt'], algorithms: ['SM2', 'SM4', 'AES-256'] },
  'decrypt': { purposes: ['encrypt', 'wrap'], algorithms: ['SM2', 'SM4', 'AES-256'] },
  'generate-data-key': { purposes: ['wrap'], algorithms: ['SM2', 'SM4', 'AES-256'] },
  'unwrap-data-key': { purposes: ['wrap'], algorithms: ['SM2', 'SM4', 'AES-256'] },
}

export interface SignInput { message: Uint8Array; userId?: string; format?: SignatureFormat }
export interface VerifyInput extends SignInput { signature: Uint8Array; keyVersion?: number }
export interface EncryptInput { plaintext: Uint8Array; aad?: Uint8Array }
export interface DecryptInput { ciphertext: Uint8Array; keyVersion?: number; aad?: Uint8Array; mode?: Sm2CiphertextMode }
export interface DataKeyInput { algorithm?: 'SM4' | 'AES-256'; aad?: Uint8Array }
export interface DataKeyOut { plaintext: Uint8Array; wrapped: Uint8Array; keyVersion: number; algorithm: 'SM4' | 'AES-256' }
export interface PublicKeyOut { keyId: string; version: number; algorithm: KeyAlgorithm; raw: Uint8Array; pem: string; jwk: Record<string, unknown> }

const refOf = (key: KeyRecord, version: number): KeyRef => ({ keyId: key.id, version, algorithm: key.algorithm })

/** Cryptographic operations by key id: sign, verify, encrypt, decrypt, data keys, public keys. */
export function createOperations(deps: CryptoDeps, keys: KeyActions, usage: UsageCounter) {
  const { repo, backend } = deps
  const keyObjects = new Map<string, KeyObject>()

  /** Refuses an operation the key's algorithm, purpose or state does not allow. */
  function checkUsable(key: KeyRecord, op: Operation): void {
    const need = NEEDS[op]
    if (!need.algorithms.includes(key.algorithm)) throw new CryptoModuleError.UNSUPPORTED_OPERATION(key.algorithm, op)
    if (!need.purposes.includes(key.purpose)) throw new CryptoModuleError.WRONG_PURPOSE(key.id, key.purpose, op, need.purposes.join(' | '))
    if (key.state === 'disabled') throw new CryptoModuleError.KEY_DISABLED(key.id)
    if (key.state === 'destroyed') throw new CryptoModuleError.KEY_DESTROYED(key.id)
  }

  async function versionOf(key: KeyRecord, version: number | undefined, needsMaterial: boolean): Promise<KeyVersionRecord & { handle: string }> {
    const v = version ?? key.currentVersion
    const ver = await repo.getVersion(key.id, v)
    if (!ver) throw new CryptoModuleError.KEY_VERSION_NOT_FOUND(key.id, v, { errors: [{ path: 'body/keyVersion', code: 'not-found', message: `no version ${v}` }] })
    if (needsMaterial) {
      if (!ver.handle) throw new CryptoModuleError.VERSION_DESTROYED(v, key.id)
      if (!backend.canOpen(ver.kekId)) throw new CryptoModuleError.BACKEND_UNAVAILABLE(key.id)
    }
    return ver as KeyVersionRecord & { handle: string }
  }

  function checkSignOptions(key: KeyRecord, userId: string | undefined): void {
    if (userId !== undefined && key.algorithm !== 'SM2') {
      throw new CryptoModuleError.BAD_INPUT('only SM2 signatures take a signer ID', { errors: [{ path: 'body/userId', code: 'unsupported', message: `${key.algorithm} has no signer ID` }] })
    }
  }

  /** Checks `key` for signing with `opts` and picks its version once; the returned `sign` needs no database. */
  async function prepareSigning(key: KeyRecord, opts: { userId?: string; format?: SignatureFormat }, version?: number) {
    checkUsable(key, 'sign')
    checkSignOptions(key, opts.userId)
    const ver = await versionOf(key, version, true)
    return {
      keyVersion: ver.version,
      async sign(message: Uint8Array): Promise<Uint8Array> {
        try {
          return await backend.sign(refOf(key, ver.version), ver.handle, message, { userId: opts.userId, format: opts.format })
        } catch (err) {
          translateCryptoError(err, { keyId: key.id, algorithm: key.algorithm, field: 'body/userId' })
        }
      },
    }
  }

  async function signWith(key: KeyRecord, input: SignInput, version?: number): Promise<{ signature: Uint8Array; keyVersion: number }> {
    const prepared = await prepareSigning(key, input, version)
    return { signature: await prepared.sign(input.message), keyVersion: prepared.keyVersion }
  }

  function publicKeyObjectOf(key: KeyRecord, ver: KeyVersionRecord): Uint8Array | KeyObject {
    if (key.algorithm === 'SM2') return ver.publicKey! // the SM2 verifier caches its own tables
    const k = `${key.id}#${ver.version}`
    let obj = keyObjects.get(k)
    if (!obj) {
      obj = publicKeyObject(key.algorithm, ver.publicKey!)
      if (keyObjects.size >= 512) keyObjects.delete(keyObjects.keys().next().value!)
      keyObjects.set(k, obj)
    }
    return obj
  }

  /** Verifies; `strict` turns a malformed signature into BAD_SIGNATURE_ENCODING instead of false. */
  async function verifyWith(key: KeyRecord, input: VerifyInput, strict: boolean): Promise<{ valid: boolean; keyVersion: number }> {
    if (!canSign(key.algorithm)) throw new CryptoModuleError.UNSUPPORTED_OPERATION(key.algorithm, 'verify')
    if (key.purpose !== 'sign') throw new CryptoModuleError.WRONG_PURPOSE(key.id, key.purpose, 'verify', 'sign')
    checkSignOptions(key, input.userId)
    const ver = await versionOf(key, input.keyVersion, false)
    try {
      return { valid: verifySignature(key.algorithm, publicKeyObjectOf(key, ver), input.message, input.signature, { userId: input.userId, format: input.format }), keyVersion: ver.version }
    } catch (err) {
      if (!strict && isCryptoError(err, 'CRYPTO_BAD_SIGNATURE_ENCODING')) return { valid: false, keyVersion: ver.version }
      translateCryptoError(err, { keyId: key.id, algorithm: key.algorithm, format: input.format, field: 'body/signature' })
    }
  }

  async function publicKeyOf(key: KeyRecord, version?: number): Promise<PublicKeyOut> {
    if (isSymmetric(key.algorithm)) throw new CryptoModuleError.NO_PUBLIC_KEY(key.id, key.algorithm)
    const ver = await versionOf(key, version, false)
    const raw = ver.publicKey!
    return { keyId: key.id, version: ver.version, algorithm: key.algorithm, raw, pem: publicKeyPem(key.algorithm, raw), jwk: publicKeyJwk(key.algorithm, raw, `${key.id}.${ver.version}`) }
  }

  function refuseAad(key: KeyRecord, aad: Uint8Array | undefined): void {
    if (aad && !isSymmetric(key.algorithm)) {
      throw new CryptoModuleError.BAD_INPUT('additional authenticated data is for SM4 and AES-256 keys only', { errors: [{ path: 'body/aad', code: 'unsupported', message: `${key.algorithm} takes no aad` }] })
    }
  }

  /** A fresh data key, returned in plaintext and wrapped under the key's current version. Counts nothing. */
  async function dataKeyWith(key: KeyRecord, input: DataKeyInput): Promise<DataKeyOut> {
    checkUsable(key, 'generate-data-key')
    refuseAad(key, input.aad)
    const algorithm = input.algorithm ?? 'SM4'
    if (algorithm !== 'SM4' && algorithm !== 'AES-256') throw new CryptoModuleError.BAD_INPUT(`data keys are SM4 or AES-256, not ${String(algorithm)}`)
    const ver = await versionOf(key, undefined, key.algorithm !== 'SM2')
    const dataKey = randomBytes(algorithm === 'SM4' ? 16 : 32)
    let wrapped: Uint8Array
    try {
      wrapped = key.algorithm === 'SM2' ? sm2EncryptTo(ver.publicKey!, dataKey) : await backend.seal(refOf(key, ver.version), ver.handle, dataKey, input.aad)
    } catch (err) {
      translateCryptoError(err, { keyId: key.id, algorithm: key.algorithm })
    }
    return { plaintext: dataKey, wrapped, keyVersion: ver.version, algorithm }
  }

  /** Opens a ciphertext of `key` (SM2 private-key decryption or GCM) with a version (default current). Counts nothing. */
  async function openWith(key: KeyRecord, op: Operation, ciphertext: Uint8Array, opts: { keyVersion?: number; aad?: Uint8Array; mode?: Sm2CiphertextMode; field?: string }): Promise<{ plaintext: Uint8Array; keyVersion: number }> {
    checkUsable(key, op)
    refuseAad(key, opts.aad)
    if (opts.mode && key.algorithm !== 'SM2') throw new CryptoModuleError.BAD_INPUT('mode is for SM2 ciphertexts only', { errors: [{ path: 'body/mode', code: 'unsupported', message: `${key.algorithm} takes no mode` }] })
    const ver = await versionOf(key, opts.keyVersion, true)
    const ref = refOf(key, ver.version)
    try {
      const plaintext = key.algorithm === 'SM2' ? await backend.decrypt(ref, ver.handle, ciphertext, { mode: opts.mode }) : await backend.open(ref, ver.handle, ciphertext, opts.aad)
      return { plaintext, keyVersion: ver.version }
    } catch (err) {
      translateCryptoError(err, { keyId: key.id, algorithm: key.algorithm, field: opts.field })
    }
  }

  return {
    /** Module-internal signing (CryptoApi): counted in memory, audited per flush. */
    async sign(keyId: string, message: Uint8Array, opts: { userId?: string; format?: SignatureFormat } = {}) {
      const key = await repo.getKey(keyId)
      if (!key) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
      const out = await signWith(key, { message, ...opts })
      usage.countLater(key.id, 'sign')
      return out
    },

    /**
     * Module-internal signing of many messages with one key: the key and its current version are
     * looked up and checked once, here; `sign` then touches no database, so a batch's signatures can
     * run (on the signing threads) while the caller's transaction holds the connection.
     */
    async signer(keyId: string, opts: { userId?: string; format?: SignatureFormat } = {}) {
      const key = await repo.getKey(keyId)
      if (!key) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
      const prepared = await prepareSigning(key, opts)
      return {
        keyVersion: prepared.keyVersion,
        async sign(message: Uint8Array): Promise<Uint8Array> {
          const signature = await prepared.sign(message)
          usage.countLater(key.id, 'sign')
          return signature
        },
      }
    },

    async verify(keyId: string, message: Uint8Array, signature: Uint8Array, opts: { userId?: string; format?: SignatureFormat; keyVersion?: number } = {}): Promise<boolean> {
      const key = await repo.getKey(keyId)
      if (!key) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
      return (await verifyWith(key, { message, signature, ...opts }, false)).valid
    },

    async getPublicKey(keyId: string, version?: number) {
      const key = await repo.getKey(keyId)
      if (!key) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
      const { algorithm, raw, pem, jwk } = await publicKeyOf(key, version)
      return { algorithm, raw, pem, jwk }
    },

    /** Module-internal envelope encryption (CryptoApi): counted in memory, audited per flush, like `sign`. */
    async generateDataKey(keyId: string, algorithm: 'SM4' | 'AES-256' = 'SM4', opts: { aad?: Uint8Array } = {}): Promise<DataKeyOut> {
      const key = await repo.getKey(keyId)
      if (!key) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
      const out = await dataKeyWith(key, { algorithm, aad: opts.aad })
      usage.countLater(key.id, 'generate-data-key')
      return out
    },

    /** Module-internal unwrapping of a data key made by `generateDataKey` (wrap keys only): counted in memory, audited per flush. */
    async unwrapDataKey(keyId: string, wrapped: Uint8Array, opts: { keyVersion?: number; aad?: Uint8Array } = {}): Promise<Uint8Array> {
      const key = await repo.getKey(keyId)
      if (!key) throw new CryptoModuleError.KEY_NOT_FOUND(keyId)
      const out = await openWith(key, 'unwrap-data-key', wrapped, opts)
      usage.countLater(key.id, 'unwrap-data-key')
      return out.plaintext
    },

    /**
     * Module-internal signing with a given version, audited by the caller (the CA: the certificate
     * row is the record). The CA signs with the version its certificate certifies, so rotating a
     * CA key cannot produce signatures its certificate does not vouch for.
     */
    signInternal: async (key: KeyRecord, message: Uint8Array, version: number) => {
      const out = await signWith(key, { message }, version)
      usage.countLater(key.id, 'sign')
      return out
    },

    async signAs(p: Principal, keyId: string, input: SignInput, requestId?: string) {
      const key = await keys.getVisible(p, keyId)
      const out = await signWith(key, input)
      await usage.recordNow(key.id, actorOf(p, requestId), { operation: 'sign', version: out.keyVersion })
      return { keyId: key.id, keyVersion: out.keyVersion, algorithm: key.algorithm, signature: out.signature }
    },

    async verifyAs(p: Principal, keyId: string, input: VerifyInput) {
      const key = await keys.getVisible(p, keyId)
      return { keyId: key.id, ...(await verifyWith(key, input, true)) }
    },

    async publicKeyAs(p: Principal, keyId: string, version?: number): Promise<PublicKeyOut> {
      return publicKeyOf(await keys.getVisible(p, keyId), version)
    },

    async encryptAs(p: Principal, keyId: string, input: EncryptInput, requestId?: string) {
      const key = await keys.getVisible(p, keyId)
      checkUsable(key, 'encrypt')
      refuseAad(key, input.aad)
      const ver = await versionOf(key, undefined, key.algorithm !== 'SM2')
      let ciphertext: Uint8Array
      try {
        ciphertext = key.algorithm === 'SM2' ? sm2EncryptTo(ver.publicKey!, input.plaintext) : await backend.seal(refOf(key, ver.version), ver.handle, input.plaintext, input.aad)
      } catch (err) {
        translateCryptoError(err, { keyId: key.id, algorithm: key.algorithm, field: 'body/plaintext' })
      }
      await usage.recordNow(key.id, actorOf(p, requestId), { operation: 'encrypt', version: ver.version })
      return { keyId: key.id, keyVersion: ver.version, algorithm: key.algorithm, ciphertext }
    },

    async decryptAs(p: Principal, keyId: string, input: DecryptInput, requestId?: string) {
      const key = await keys.getVisible(p, keyId)
      const out = await openWith(key, 'decrypt', input.ciphertext, { keyVersion: input.keyVersion, aad: input.aad, mode: input.mode, field: 'body/ciphertext' })
      await usage.recordNow(key.id, actorOf(p, requestId), { operation: 'decrypt', version: out.keyVersion })
      return { keyId: key.id, keyVersion: out.keyVersion, plaintext: out.plaintext }
    },

    /** Envelope encryption: a fresh data key, returned in plaintext and wrapped under the key's current version. */
    async generateDataKeyAs(p: Principal, keyId: string, input: DataKeyInput, requestId?: string) {
      const key = await keys.getVisible(p, keyId)
      const out = await dataKeyWith(key, input)
      await usage.recordNow(key.id, actorOf(p, requestId), { operation: 'generate-data-key', version: out.keyVersion, dataKeyAlgorithm: out.algorithm })
      return { keyId: key.id, keyVersion: out.keyVersion, algorithm: out.algorithm, plaintext: out.plaintext, wrapped: out.wrapped }
    },
  }
}

export type Operations = ReturnType<typeof createOperations>
