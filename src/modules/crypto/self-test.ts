/**
 * Known-answer tests of the international algorithms the module offers beside SM2/SM3/SM4
 * (whose self-test is `selfTest()` of lib/crypto): Ed25519 (RFC 8032 §7.1 test 1), ECDSA P-256
 * verification (RFC 6979 §A.2.5, SHA-256, "sample"), AES-256-GCM (GCM spec test case 14), and a
 * pairwise sign/verify of each signature algorithm through the module's own code paths.
 */
import { CryptoError } from '../../lib/crypto/index.ts'
import { gcmOpen, prepareSigner, publicKeyOf, verifySignature } from './algorithms.ts'
import { createCipheriv } from 'node:crypto'

const hex = (s: string): Buffer => Buffer.from(s, 'hex')

function check(name: string, ok: boolean): void {
  if (!ok) throw new CryptoError('CRYPTO_SELF_TEST_FAILED', `crypto self-test failed: ${name}`)
}

/** Runs the known-answer tests; throws `CRYPTO_SELF_TEST_FAILED` naming the first failure. */
export function algorithmSelfTest(): void {
  const edSeed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
  const edPublic = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
  const edSig = hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b')
  check('Ed25519 public key', Buffer.from(publicKeyOf('Ed25519', edSeed)).equals(edPublic))
  check('Ed25519 signature', Buffer.from(prepareSigner('Ed25519', edSeed).sign(new Uint8Array(0))).equals(edSig))
  check('Ed25519 verify', verifySignature('Ed25519', edPublic, new Uint8Array(0), edSig))

  const p256 = hex('04' + '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6' + '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299')
  const p256Sig = hex('efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716' + 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8')
  const sample = Buffer.from('sample')
  check('P-256 public key', Buffer.from(publicKeyOf('ECDSA-P256', hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721'))).equals(p256))
  check('P-256 verify', verifySignature('ECDSA-P256', p256, sample, p256Sig, { format: 'raw' }))
  const flipped = Buffer.from(p256Sig)
  flipped[63] ^= 1
  check('P-256 verify rejects a flipped bit', !verifySignature('ECDSA-P256', p256, sample, flipped, { format: 'raw' }))
  const p256Own = prepareSigner('ECDSA-P256', hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721')).sign(sample)
  check('P-256 pairwise sign/verify', verifySignature('ECDSA-P256', p256, sample, p256Own))

  const key = Buffer.alloc(32)
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12))
  const body = Buffer.concat([cipher.update(Buffer.alloc(16)), cipher.final()])
  check('AES-256-GCM ciphertext', body.equals(hex('cea7403d4d606b6e074ec5d3baf39d18')))
  check('AES-256-GCM tag', cipher.getAuthTag().equals(hex('d0d1c8a799996bf0265b98b5d48ab919')))
  const sealed = Buffer.concat([Buffer.alloc(12), body, cipher.getAuthTag()])
  check('AES-256-GCM open', Buffer.from(gcmOpen('AES-256', key, sealed)).equals(Buffer.alloc(16)))
  sealed[20] ^= 1
  let refused = false
  try { gcmOpen('AES-256', key, sealed) } catch (err) { refused = err instanceof CryptoError && err.code === 'CRYPTO_TAG_MISMATCH' }
  check('AES-256-GCM refuses a changed ciphertext', refused)
}
