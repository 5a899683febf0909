/**
 * Known-answer self-test of the national-crypto primitives, for the kernel to run at boot.
 * Vectors: GB/T 32905 (SM3), GM/T 0042 (HMAC-SM3), GB/T 32907 (SM4), RFC 8998 A.1
 * (SM4-GCM), GB/T 32918 / OpenSSL `sm2_internal_test.c` (SM2 sign and encrypt with fixed k).
 */
import { CryptoError } from './errors.ts'
import { sm2Decrypt, sm2EncryptWithK } from './sm2-cipher.ts'
import { sm2SignWithK, sm2Verify } from './sm2-sign.ts'
import { sm2ComputeZa, sm2GetPublicKey } from './sm2.ts'
import { hmacSm3, sm3 } from './sm3.ts'
import { sm4GcmDecrypt, sm4GcmEncrypt } from './sm4-gcm.ts'
import { sm4CbcDecrypt, sm4CbcEncrypt, sm4EncryptBlock, sm4Ofb } from './sm4.ts'

const hex = (s: string): Uint8Array => Buffer.from(s.replace(/\s+/g, ''), 'hex')
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
  check('SM3("abc")', sm3(text('abc')), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
  check('SM3("abcd"x16)', sm3(text('abcd'.repeat(16))), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732')
  // GM/T 0042-2015 Appendix D.3, third vector.
  check('HMAC-SM3', hmacSm3(hex('0b'.repeat(32)), text('Hi There')),
    'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e')
}

function testSm4(): void {
  const key = hex('0123456789abcdeffedcba9876543210')
  check('SM4 block', sm4EncryptBlock(key, key), '681edf34d206965e86b3e94f536e4246')
  const iv = hex('000102030405060708090a0b0c0d0e0f')
  const pt = hex('aaaaaaaabbbbbbbbccccccccddddddddeeeeeeeeffffffffaaaaaaaabbbbbbbb')
  check('SM4-OFB', sm4Ofb(key, iv, pt), 'ac3236cb861dd316e6413b4e3c7524b71d01aca2487ca582cbf5463e6698539b')
  check('SM4-CBC round trip', sm4CbcDecrypt(key, iv, sm4CbcEncrypt(key, iv, pt)), toHex(pt))
}

function testSm4Gcm(): void {
  const key = hex('0123456789ABCDEFFEDCBA9876543210')
  const iv = hex('00001234567800000000ABCD')
  const aad = hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2')
  const pt = hex(`AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD
    EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA`)
  const { ciphertext, tag } = sm4GcmEncrypt(key, iv, pt, aad)
  check('SM4-GCM ciphertext', ciphertext, `17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D`)
  check('SM4-GCM tag', tag, '83DE3541E4C2B58177E065A9BF7B62EC')
  const forged = Uint8Array.from(tag)
  forged[0] ^= 1
  checkThrows('SM4-GCM forged tag', () => sm4GcmDecrypt(key, iv, ciphertext, forged, aad), 'CRYPTO_TAG_MISMATCH')
}

function testSm2(): void {
  const d = hex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8')
  const k = hex('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21')
  const publicKey = sm2GetPublicKey(d)
  check('SM2 public key', publicKey, `04 09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020
    CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13`.replace(/\s+/g, ''))
  check('SM2 Z_A', sm2ComputeZa(publicKey), 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3')
  const message = text('message digest')
  const signature = sm2SignWithK(d, message, k, { format: 'raw' })
  check('SM2 signature', signature, `F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3
    B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA`.replace(/\s+/g, ''))
  check('SM2 verify', sm2Verify(publicKey, message, signature, { format: 'raw' }), true)
  const flipped = Uint8Array.from(signature)
  flipped[63] ^= 1
  check('SM2 verify rejects a flipped bit', sm2Verify(publicKey, message, flipped, { format: 'raw' }), false)
  const ciphertext = sm2EncryptWithK(publicKey, text('encryption standard'), k)
  check('SM2 encrypt', ciphertext, `04 04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73
    E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0
    59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766
    21886CA989CA9C7D58087307CA93092D651EFA`.replace(/\s+/g, ''))
  check('SM2 decrypt', sm2Decrypt(d, ciphertext), toHex(text('encryption standard')))
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
