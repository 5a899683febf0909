/**
 * PEM import and export of SM2 keys in the forms OpenSSL 3 writes: PKCS#8 private keys
 * (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2`), SEC1 "EC PRIVATE KEY" or
 * "SM2 PRIVATE KEY" (what `openssl ec` writes for SM2) on import, and SubjectPublicKeyInfo
 * public keys.
 *
 * Parsed here rather than through node:crypto: on Node 20 `createPrivateKey` loads an
 * OpenSSL-generated SM2 key with `asymmetricKeyType` undefined, and `export({format:'jwk'})`
 * throws ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE, so it cannot hand the scalar back.
 */
import { DerReader, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, derBitString, derInteger, derOid, tlv } from './der.ts'
import { CryptoError } from './errors.ts'
import { Sm2Point, sm2PrivateScalar, sm2PublicPoint, type Sm2KeyPair } from './sm2.ts'

const OID_EC_PUBLIC_KEY = derOid('1.2.840.10045.2.1')
const OID_SM2 = derOid('1.2.156.10197.1.301')
const ALGORITHM = tlv(TAG_SEQUENCE, OID_EC_PUBLIC_KEY, OID_SM2)
const CONTEXT_0 = 0xa0
const CONTEXT_1 = 0xa1

function fail(reason: string, cause?: unknown): never {
  throw new CryptoError('CRYPTO_BAD_KEY_ENCODING', `SM2 key PEM/DER: ${reason}`, cause === undefined ? {} : { cause })
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** Decodes the single PEM block of `pem` and returns its label and DER bytes. */
function decodePem(pem: string): { label: string; der: Uint8Array } {
  if (typeof pem !== 'string') fail('PEM must be a string')
  const match = /^\s*-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----\s*$/.exec(pem)
  if (!match) fail('not a single well-formed PEM block')
  const body = match[2].replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
    fail('PEM body is not base64 (encrypted legacy PEM with headers is not supported)')
  }
  const der = Buffer.from(body, 'base64')
  if (der.length === 0) fail('empty PEM body')
  return { label: match[1], der }
}

function encodePem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** Reads an AlgorithmIdentifier and requires id-ecPublicKey with the SM2 curve, or the SM2 OID itself. */
function readAlgorithm(reader: DerReader): void {
  const alg = reader.sequence()
  const oid = alg.read(TAG_OID)
  const algorithm = tlv(TAG_OID, oid)
  if (sameBytes(algorithm, OID_EC_PUBLIC_KEY)) {
    if (alg.peekTag() !== TAG_OID || !sameBytes(tlv(TAG_OID, alg.read(TAG_OID)), OID_SM2)) fail('EC key on a curve other than SM2')
  } else if (!sameBytes(algorithm, OID_SM2)) {
    fail('not an EC/SM2 key')
  }
  if (!alg.isDone && alg.peekTag() === 0x05) alg.read(0x05) // tolerate explicit NULL parameters
  alg.end()
}

/** Parses SEC1 ECPrivateKey bytes and returns the key pair, checking an embedded public key. */
function readEcPrivateKey(der: Uint8Array): Sm2KeyPair {
  const outer = new DerReader(der, 'CRYPTO_BAD_KEY_ENCODING', 'SM2 ECPrivateKey')
  const seq = outer.sequence()
  if (seq.integer() !== 1n) fail('ECPrivateKey version is not 1')
  const privateKey = Uint8Array.from(seq.read(TAG_OCTET_STRING))
  if (privateKey.length !== 32) fail('private scalar is not 32 bytes')
  let embedded: Uint8Array | undefined
  if (!seq.isDone && seq.peekTag() === CONTEXT_0) {
    const params = seq.sequence(CONTEXT_0)
    if (!sameBytes(tlv(TAG_OID, params.read(TAG_OID)), OID_SM2)) fail('ECPrivateKey curve is not SM2')
    params.end()
  }
  if (!seq.isDone && seq.peekTag() === CONTEXT_1) {
    const pub = seq.sequence(CONTEXT_1)
    embedded = pub.bitString()
    pub.end()
  }
  seq.end()
  outer.end()
  let point: Sm2Point
  try {
    point = Sm2Point.BASE.multiply(sm2PrivateScalar(privateKey))
  } catch (cause) {
    fail('private scalar out of range', cause)
  }
  // A stored public key (either point form) that is not d·G means a corrupted or spliced file.
  if (embedded !== undefined && !sameBytes(embedded, point.toBytes(embedded.length === 33))) {
    fail('embedded public key does not match the private key')
  }
  return { privateKey, publicKey: point.toBytes(false) }
}

/**
 * Imports an SM2 private key from PEM: PKCS#8 "PRIVATE KEY" as OpenSSL writes it, or SEC1
 * "EC PRIVATE KEY" / "SM2 PRIVATE KEY". Requires an unencrypted key on the SM2 curve; throws
 * `CRYPTO_BAD_KEY_ENCODING` otherwise. Returns the 32-byte scalar and the 65-byte public key.
 */
export function importSm2PrivateKeyPem(pem: string): Sm2KeyPair {
  const { label, der } = decodePem(pem)
  if (label === 'EC PRIVATE KEY' || label === 'SM2 PRIVATE KEY') return readEcPrivateKey(der)
  if (label !== 'PRIVATE KEY') fail(`unsupported PEM label '${label}' (encrypted keys are not supported)`)
  const outer = new DerReader(der, 'CRYPTO_BAD_KEY_ENCODING', 'SM2 PKCS#8 key')
  const seq = outer.sequence()
  const version = seq.integer()
  if (version !== 0n && version !== 1n) fail('unknown PKCS#8 version')
  readAlgorithm(seq)
  const inner = seq.read(TAG_OCTET_STRING)
  // PKCS#8 v2 may append attributes and a public key; they are not needed to use the key.
  outer.end()
  return readEcPrivateKey(inner)
}

/**
 * Imports an SM2 public key from a PEM "PUBLIC KEY" (SubjectPublicKeyInfo). Requires the
 * id-ecPublicKey/SM2 algorithm and a valid point; returns 65 bytes 04‖x‖y.
 */
export function importSm2PublicKeyPem(pem: string): Uint8Array {
  const { label, der } = decodePem(pem)
  if (label !== 'PUBLIC KEY') fail(`unsupported PEM label '${label}'`)
  const outer = new DerReader(der, 'CRYPTO_BAD_KEY_ENCODING', 'SM2 SubjectPublicKeyInfo')
  const seq = outer.sequence()
  readAlgorithm(seq)
  const point = seq.bitString()
  seq.end()
  outer.end()
  try {
    return sm2PublicPoint(point).toBytes(false)
  } catch (cause) {
    fail('public key is not a valid SM2 point', cause)
  }
}

/**
 * Exports an SM2 private key as PKCS#8 PEM, byte for byte as OpenSSL 3 writes it (the inner
 * ECPrivateKey carries the public key and no curve parameters). Requires a valid private key.
 */
export function exportSm2PrivateKeyPem(privateKey: Uint8Array): string {
  const d = sm2PrivateScalar(privateKey)
  const publicKey = Sm2Point.BASE.multiply(d).toBytes(false)
  const ecPrivateKey = tlv(TAG_SEQUENCE, derInteger(1n), tlv(TAG_OCTET_STRING, privateKey),
    tlv(CONTEXT_1, derBitString(publicKey)))
  const pkcs8 = tlv(TAG_SEQUENCE, derInteger(0n), ALGORITHM, tlv(TAG_OCTET_STRING, ecPrivateKey))
  return encodePem('PRIVATE KEY', pkcs8)
}

/** Exports an SM2 public key as SubjectPublicKeyInfo PEM with an uncompressed point. Requires a valid public key. */
export function exportSm2PublicKeyPem(publicKey: Uint8Array): string {
  const point = sm2PublicPoint(publicKey).toBytes(false)
  return encodePem('PUBLIC KEY', tlv(TAG_SEQUENCE, ALGORITHM, derBitString(point)))
}
