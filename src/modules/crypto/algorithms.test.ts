import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createECDH } from 'node:crypto'
import { isCryptoError } from '../../lib/crypto/index.ts'
import { ALLOWED_PURPOSES, KEY_ALGORITHMS, gcmOpen, gcmSeal, generateMaterial, isAsymmetric, prepareSigner, publicKeyJwk, publicKeyOf, publicKeyPem, verifySignature } from './algorithms.ts'
import { algorithmSelfTest } from './self-test.ts'
import { parsePrivateKeyPem, parsePublicKeyPem } from './key-files.ts'

const m = Buffer.from('message')

describe('algorithms', () => {
  it('the known-answer self-test passes', () => {
    algorithmSelfTest()
  })

  for (const algorithm of KEY_ALGORITHMS.filter(isAsymmetric)) {
    it(`${algorithm}: generated keys sign and verify; a flipped bit, another message or another ID fail`, () => {
      const { secret, publicKey } = generateMaterial(algorithm)
      assert.deepEqual(Buffer.from(publicKeyOf(algorithm, secret)), Buffer.from(publicKey!))
      assert.notDeepEqual(Buffer.from(generateMaterial(algorithm).secret), Buffer.from(secret))
      // P-256 material checked against OpenSSL's own point multiplication (ECDH), not our derivation.
      if (algorithm === 'ECDSA-P256') {
        const ecdh = createECDH('prime256v1')
        ecdh.setPrivateKey(Buffer.from(secret))
        assert.deepEqual(ecdh.getPublicKey(), Buffer.from(publicKey!))
      }
      const signer = prepareSigner(algorithm, secret)
      for (const format of ['der', 'raw'] as const) {
        const sig = signer.sign(m, { format })
        if (algorithm !== 'Ed25519' && format === 'raw') assert.equal(sig.length, 64)
        assert.equal(verifySignature(algorithm, publicKey!, m, sig, { format }), true)
        assert.equal(verifySignature(algorithm, publicKey!, Buffer.from('other'), sig, { format }), false)
        const flipped = Buffer.from(sig)
        flipped[flipped.length - 1] ^= 1
        assert.equal(verifySignature(algorithm, publicKey!, m, flipped, { format }), false)
      }
      if (algorithm === 'SM2') {
        const sig = signer.sign(m, { userId: 'alice' })
        assert.equal(verifySignature('SM2', publicKey!, m, sig, { userId: 'alice' }), true)
        assert.equal(verifySignature('SM2', publicKey!, m, sig), false)
      }
      assert.throws(() => verifySignature(algorithm, publicKey!, m, Buffer.from('junk!')), (e) => isCryptoError(e, 'CRYPTO_BAD_SIGNATURE_ENCODING'))
    })

    it(`${algorithm}: PEM and JWK of the public key; key files round-trip`, () => {
      const { publicKey } = generateMaterial(algorithm)
      const pem = publicKeyPem(algorithm, publicKey!)
      const parsed = parsePublicKeyPem(pem)
      assert.deepEqual([parsed.algorithm, Buffer.from(parsed.publicKey)], [algorithm, Buffer.from(publicKey!)])
      assert.equal(publicKeyJwk(algorithm, publicKey!, 'k').kid, 'k')
    })
  }

  it('key files: an SM2 private key exported by lib/crypto parses back', async () => {
    const { exportSm2PrivateKeyPem } = await import('../../lib/crypto/index.ts')
    const { secret, publicKey } = generateMaterial('SM2')
    const parsed = parsePrivateKeyPem(exportSm2PrivateKeyPem(secret))
    assert.deepEqual([parsed.algorithm, Buffer.from(parsed.secret), Buffer.from(parsed.publicKey)], ['SM2', Buffer.from(secret), Buffer.from(publicKey!)])
    assert.throws(() => parsePrivateKeyPem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n'), /encrypted private keys are not supported/)
    assert.throws(() => parsePublicKeyPem('hello'), /not a PEM file/)
  })

  for (const algorithm of ['SM4', 'AES-256'] as const) {
    it(`${algorithm}-GCM: round trip with aad; any change releases nothing`, () => {
      const { secret } = generateMaterial(algorithm)
      const sealed = gcmSeal(algorithm, secret, m, Buffer.from('aad'))
      assert.equal(Buffer.from(gcmOpen(algorithm, secret, sealed, Buffer.from('aad'))).toString(), 'message')
      assert.notDeepEqual(gcmSeal(algorithm, secret, m), gcmSeal(algorithm, secret, m)) // fresh IVs
      for (const at of [0, 12, sealed.length - 1]) {
        const bad = Buffer.from(sealed)
        bad[at] ^= 1
        assert.throws(() => gcmOpen(algorithm, secret, bad, Buffer.from('aad')), (e) => isCryptoError(e, 'CRYPTO_TAG_MISMATCH'))
      }
      assert.throws(() => gcmOpen(algorithm, secret, sealed), (e) => isCryptoError(e, 'CRYPTO_TAG_MISMATCH'))
      assert.throws(() => gcmOpen(algorithm, secret, sealed.subarray(0, 27)), (e) => isCryptoError(e, 'CRYPTO_BAD_CIPHERTEXT_ENCODING'))
    })
  }

  it('purposes: signature algorithms only sign; SM4/AES-256 encrypt or wrap; SM2 all three', () => {
    assert.deepEqual(ALLOWED_PURPOSES, { 'SM2': ['sign', 'encrypt', 'wrap'], 'Ed25519': ['sign'], 'ECDSA-P256': ['sign'], 'SM4': ['encrypt', 'wrap'], 'AES-256': ['encrypt', 'wrap'] })
  })
})
