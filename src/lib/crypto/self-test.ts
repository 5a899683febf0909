/**
 * Known-answer self-test of the national-crypto primitives, for the kernel to run at boot.
 * The vectors and their sources are in `vectors.ts`.
 */
import { CryptoError } from './errors.ts'
import { sm2Decrypt, sm2EncryptWithK } from './sm2-cipher.ts'
import { sm2SignWithK, sm2Verify } from './sm2-sign.ts'
import { sm2ComputeZa, sm2GetPublicKey } from './sm2.ts'
import { hmacSm3, sm3 } from './sm3.ts'
import { sm4GcmDecrypt, sm4GcmEncrypt } from './sm4-gcm.ts'
import { sm4CbcDecrypt, sm4CbcEncrypt, sm4EncryptBlock, sm4Ofb } from './sm4.ts'
import { HMAC_SM3_VECTORS, SM2_ENCRYPT_VECTOR, SM2_VECTOR, SM3_VECTORS, SM4_GCM_VECTOR, SM4_VECTOR } from './vectors.ts'

const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const text = (s: string): Uint8Array => Buffer.from(s, 'utf8')

function check(name: string, actual: Uint8Array | boolean, expected: string | boolean): void {
  const got = typeof actual === 'boolean' ? String(actual) : toHex(actual)
  const want = typeof expected === 'boolean' ? String(expected) : expected.toLowerCase()
  if (got !== want) {
    throw new CryptoError('CRYPTO_SELF_TEST_FAILED', `crypto self-test failed: ${name}`, { expected: want, actual: got })
  }
}

function checkThrows(name: string, fn: () => unknown, code: CryptoError['code']): void {
  try {
    fn()
  } catch (err) {
    if (err instanceof CryptoError && err.code === code) return
    throw new CryptoError('CRYPTO_SELF_TEST_FAILED', `crypto self-test failed: ${name}`, { expected: code, cause: err })
  }
  throw new CryptoError('CRYPTO_SELF_TEST_FAILED', `crypto self-test failed: ${name}`, { expected: code, actual: 'no error' })
}

function testSm3(): void {
  for (const v of SM3_VECTORS.slice(0, 2)) check(`SM3("${v.input.slice(0, 8)}…")`, sm3(text(v.input)), v.digest)
  const mac = HMAC_SM3_VECTORS[2]
  check('HMAC-SM3', hmacSm3(hex(mac.keyHex), hex(mac.dataHex)), mac.mac)
}

function testSm4(): void {
  const v = SM4_VECTOR
  check('SM4 block', sm4EncryptBlock(hex(v.key), hex(v.plaintext)), v.ciphertext)
  const pt = hex(v.modePlaintext)
  check('SM4-OFB', sm4Ofb(hex(v.ofb[0].key), hex(v.iv), pt), v.ofb[0].ciphertext)
  check('SM4-CBC round trip', sm4CbcDecrypt(hex(v.key), hex(v.iv), sm4CbcEncrypt(hex(v.key), hex(v.iv), pt)), v.modePlaintext)
}

function testSm4Gcm(): void {
  const v = SM4_GCM_VECTOR
  const { ciphertext, tag } = sm4GcmEncrypt(hex(v.key), hex(v.iv), hex(v.plaintext), hex(v.aad))
  check('SM4-GCM ciphertext', ciphertext, v.ciphertext)
  check('SM4-GCM tag', tag, v.tag)
  const forged = Uint8Array.from(tag)
  forged[0] ^= 1
  checkThrows('SM4-GCM forged tag', () => sm4GcmDecrypt(hex(v.key), hex(v.iv), ciphertext, forged, hex(v.aad)), 'CRYPTO_TAG_MISMATCH')
}

function testSm2(): void {
  const v = SM2_VECTOR
  const d = hex(v.d)
  const publicKey = sm2GetPublicKey(d)
  check('SM2 public key', publicKey, `04${v.publicX}${v.publicY}`)
  check('SM2 Z_A', sm2ComputeZa(publicKey, v.userId), v.za)
  const message = text(v.message)
  const signature = sm2SignWithK(d, message, hex(v.k), { format: 'raw' })
  check('SM2 signature', signature, v.r + v.s)
  check('SM2 verify', sm2Verify(publicKey, message, signature, { format: 'raw' }), true)
  const flipped = Uint8Array.from(signature)
  flipped[63] ^= 1
  check('SM2 verify rejects a flipped bit', sm2Verify(publicKey, message, flipped, { format: 'raw' }), false)
  const e = SM2_ENCRYPT_VECTOR
  const ciphertext = sm2EncryptWithK(publicKey, text(e.message), hex(v.k))
  check('SM2 encrypt', ciphertext, `04${e.c1x}${e.c1y}${e.c3}${e.c2}`)
  check('SM2 decrypt', sm2Decrypt(d, ciphertext), Buffer.from(e.message).toString('hex'))
}

/**
 * Runs the known-answer tests of SM3, SM4 (block, OFB, CBC), SM4-GCM and SM2 (Z_A, sign with
 * fixed k, verify, encrypt with fixed k, decrypt). Requires nothing; throws
 * `CRYPTO_SELF_TEST_FAILED` naming the first failing check, and returns nothing on success.
 */
export function selfTest(): void {
  testSm3()
  testSm4()
  testSm4Gcm()
  testSm2()
}
