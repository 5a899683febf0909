/**
 * Reads keys in the PEM forms OpenSSL writes, for the offline CLI: PKCS#8 "PRIVATE KEY" and SEC1
 * "EC PRIVATE KEY" (SM2 or P-256), PKCS#8 Ed25519, SubjectPublicKeyInfo "PUBLIC KEY", and an
 * X.509 "CERTIFICATE" (its subject public key). The algorithm follows the key.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { CryptoError, importSm2PrivateKeyPem, importSm2PublicKeyPem, isCryptoError } from '../../lib/crypto/index.ts'
import { rawPublicKey, type KeyAlgorithm } from './algorithms.ts'
import { certificateSpki } from './x509.ts'

export type SigningAlgorithm = Extract<KeyAlgorithm, 'SM2' | 'Ed25519' | 'ECDSA-P256'>
export interface PrivateKeyFile { algorithm: SigningAlgorithm; secret: Uint8Array; publicKey: Uint8Array }
export interface PublicKeyFile { algorithm: SigningAlgorithm; publicKey: Uint8Array; from: 'public key' | 'certificate' | 'private key' }

const LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/

function fail(message: string, cause?: unknown): never {
  throw new CryptoError('CRYPTO_BAD_KEY_ENCODING', message, cause === undefined ? {} : { cause })
}

function nodeAlgorithm(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519'
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ECDSA-P256'
  const what = key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve}` : key.asymmetricKeyType ?? 'unknown'
  return fail(`unsupported key type ${what}; expected SM2, Ed25519 or EC P-256`)
}

/** True when an SM2 import failed because the key is another algorithm (then Node may read it). */
const notSm2 = (err: unknown): boolean => isCryptoError(err, 'CRYPTO_BAD_KEY_ENCODING') && /curve other than SM2|not an EC\/SM2 key|is not SM2/.test(err.message)

/** Parses a private key PEM. Throws `CRYPTO_BAD_KEY_ENCODING` naming what is wrong (never the key). */
export function parsePrivateKeyPem(pem: string): PrivateKeyFile {
  const label = LABEL.exec(pem)?.[1]
  if (!label) fail('not a PEM file')
  if (label === 'ENCRYPTED PRIVATE KEY') fail('encrypted private keys are not supported; decrypt it with `openssl pkey`')
  if (!['PRIVATE KEY', 'EC PRIVATE KEY', 'SM2 PRIVATE KEY'].includes(label)) fail(`PEM label ${label} is not a private key`)
  try {
    const kp = importSm2PrivateKeyPem(pem)
    return { algorithm: 'SM2', secret: kp.privateKey, publicKey: kp.publicKey }
  } catch (err) {
    if (!notSm2(err)) throw err
  }
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch (cause) {
    fail('the private key cannot be read', cause)
  }
  const algorithm = nodeAlgorithm(key)
  const jwk = key.export({ format: 'jwk' })
  return { algorithm, secret: Buffer.from(String(jwk.d), 'base64url'), publicKey: rawPublicKey(algorithm, createPublicKey(key)) }
}

/** Parses a public key, certificate or (deriving its public key) private key PEM. */
export function parsePublicKeyPem(pem: string): PublicKeyFile {
  const label = LABEL.exec(pem)?.[1]
  if (!label) fail('not a PEM file')
  if (label.endsWith('PRIVATE KEY')) {
    const k = parsePrivateKeyPem(pem)
    return { algorithm: k.algorithm, publicKey: k.publicKey, from: 'private key' }
  }
  let spkiPem = pem
  let from: PublicKeyFile['from'] = 'public key'
  if (label === 'CERTIFICATE') {
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1] ?? ''
    let spki: Uint8Array
    try {
      spki = certificateSpki(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
    } catch (cause) {
      fail('the certificate cannot be parsed', cause)
    }
    spkiPem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spki).toString('base64')}\n-----END PUBLIC KEY-----\n`
    from = 'certificate'
  } else if (label !== 'PUBLIC KEY') fail(`PEM label ${label} is not a public key or certificate`)
  try {
    return { algorithm: 'SM2', publicKey: importSm2PublicKeyPem(spkiPem), from }
  } catch (err) {
    if (!notSm2(err)) throw err
  }
  let key: KeyObject
  try {
    key = createPublicKey(spkiPem)
  } catch (cause) {
    fail('the public key cannot be read', cause)
  }
  const algorithm = nodeAlgorithm(key)
  return { algorithm, publicKey: rawPublicKey(algorithm, key), from }
}
