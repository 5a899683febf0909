/**
 * The OpenID Connect signing key held by the `crypto` module (密码资源池): a system ECDSA P-256 key
 * `oidc-signing` used by key id, so the private key never leaves `crypto` and its uses are counted
 * and audited there. oidc-provider signs through its `ExternalSigningKey` hook
 * (`features.externalSigningSupport`); ID tokens are ES256 (SM2 has no JOSE algorithm that relying
 * parties understand).
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { ExternalSigningKey } from 'oidc-provider'
import type { CryptoApi } from '../../crypto/index.ts'

export const OIDC_KEY_LABEL = 'oidc-signing'

class CryptoSigningKey extends ExternalSigningKey {
  readonly #crypto: CryptoApi
  readonly #keyId: string
  readonly #version: number
  readonly #public: KeyObject

  constructor(crypto: CryptoApi, keyId: string, version: number, pem: string) {
    super()
    this.#crypto = crypto
    this.#keyId = keyId
    this.#version = version
    this.#public = createPublicKey(pem)
    this.kid = `${keyId}.${version}`
    this.alg = 'ES256'
  }

  override keyObject(): KeyObject {
    return this.#public
  }

  /** JWS ES256 wants the raw r‖s form. Refuses (500) when the key was rotated since boot: the JWKS would not match. */
  override async sign(data: Uint8Array): Promise<Buffer> {
    const { signature, keyVersion } = await this.#crypto.sign(this.#keyId, data, { format: 'raw' })
    if (keyVersion !== this.#version) throw new Error(`crypto key ${this.#keyId} was rotated to version ${keyVersion} after the OpenID provider started with version ${this.#version}: restart to publish the new key`)
    return Buffer.from(signature)
  }
}

/** The provider's signing key, created in `crypto` on first use (idempotent across processes). */
export async function cryptoSigningKey(crypto: CryptoApi): Promise<ExternalSigningKey> {
  const key = await crypto.ensureSystemKey(OIDC_KEY_LABEL, 'ECDSA-P256', 'sign')
  const pub = await crypto.getPublicKey(key.id, key.version)
  return new CryptoSigningKey(crypto, key.id, key.version, pub.pem)
}
