import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicKey, verify as nodeVerify } from 'node:crypto'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { importSm2PublicKeyPem, sm2ConvertCiphertext, sm2Verify } from '../../../src/lib/crypto/index.ts'
import { ADMIN, NOBODY, OFFICER_A, OFFICER_B, READER_A, b64, buildCryptoApp, fromB64, ok } from './helpers.ts'

type App = Awaited<ReturnType<typeof buildCryptoApp>>

for (const dialect of DIALECTS) {
  describe(`crypto operations by key id [${dialect}]`, () => {
    let t: App
    const keys: Record<string, any> = {}
    before(async () => {
      t = await buildCryptoApp(dialect)
      for (const [name, algorithm, purpose] of [
        ['sm2', 'SM2', 'sign'], ['sm2enc', 'SM2', 'encrypt'], ['sm2wrap', 'SM2', 'wrap'], ['ed', 'Ed25519', 'sign'], ['p256', 'ECDSA-P256', 'sign'],
        ['sm4', 'SM4', 'encrypt'], ['aes', 'AES-256', 'encrypt'], ['sm4wrap', 'SM4', 'wrap'], ['aeswrap', 'AES-256', 'wrap'],
      ] as const) keys[name] = ok(await t.app.inject({ method: 'POST', url: '/api/v1/crypto/keys', headers: OFFICER_A, payload: { label: name, algorithm, purpose } }), 201)
    })
    after(async () => { await t?.close() })

    const post = (key: string, op: string, payload: unknown, headers: Record<string, string> = OFFICER_A) =>
      t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keys[key].id}/${op}`, headers, payload: payload as object })
    const usage = async (key: string) => Number((await t.app.kernel.db.selectFrom('crypto_key').select('usage_count').where('id', '=', keys[key].id).executeTakeFirstOrThrow()).usage_count)
    const uses = async (key: string) => (await t.app.kernel.audit.query({ action: 'crypto.key.used', targetId: keys[key].id })).items
    const msg = b64('电子证照 license 2026-0001')

    /** Asserts a refused call changed no usage count and wrote no audit row. */
    async function unchanged(key: string, fn: () => Promise<void>): Promise<void> {
      const [count, rows] = [await usage(key), (await uses(key)).length]
      await fn()
      assert.equal(await usage(key), count)
      assert.equal((await uses(key)).length, rows)
    }

    it('sign: 401, 404 for another department, 403 without crypto:key:use, 400 with field errors', async () => {
      await unchanged('sm2', async () => {
        assertProblem(await post('sm2', 'sign', { message: msg }, {}), 401, 'CORE_UNAUTHENTICATED')
        assertProblem(await post('sm2', 'sign', { message: msg }, OFFICER_B), 404, 'CRYPTO_KEY_NOT_FOUND')
        assertProblem(await post('sm2', 'sign', { message: msg }, READER_A), 403, 'CORE_FORBIDDEN')
        assertProblem(await post('sm2', 'sign', { message: msg }, NOBODY), 403, 'CORE_FORBIDDEN')
        const bad = assertProblem(await post('sm2', 'sign', { message: 'not base64!', format: 'pem', userId: '', x: 1 }), 400, 'CORE_VALIDATION')
        assert.deepEqual([...new Set(bad.errors.map((e: { path: string }) => e.path))].sort(), ['body/format', 'body/message', 'body/userId', 'body/x'])
        assertProblem(await post('sm2', 'sign', { message: 'YQ' }), 400, 'CORE_VALIDATION') // unpadded
        const ed = assertProblem(await post('ed', 'sign', { message: msg, userId: 'alice' }), 400, 'CRYPTO_BAD_INPUT')
        assert.deepEqual(ed.errors.map((e: { path: string }) => e.path), ['body/userId'])
      })
    })

    it('sign: SM2 (DER, raw, custom ID), Ed25519, ECDSA-P256 — full body; each verifies independently', async () => {
      const sm2Public = importSm2PublicKeyPem(keys.sm2.publicKeyPem)
      const der = ok(await post('sm2', 'sign', { message: msg }, { ...OFFICER_A, 'x-request-id': 'sign-1' }))
      assert.deepEqual({ ...der, signature: undefined }, { keyId: keys.sm2.id, keyVersion: 1, algorithm: 'SM2', signature: undefined })
      assert.equal(sm2Verify(sm2Public, fromB64(msg), fromB64(der.signature)), true)
      const raw = ok(await post('sm2', 'sign', { message: msg, format: 'raw', userId: 'alice@442000' }))
      assert.equal(fromB64(raw.signature).length, 64)
      assert.equal(sm2Verify(sm2Public, fromB64(msg), fromB64(raw.signature), { format: 'raw', userId: 'alice@442000' }), true)
      assert.equal(sm2Verify(sm2Public, fromB64(msg), fromB64(raw.signature), { format: 'raw' }), false)

      const ed = ok(await post('ed', 'sign', { message: msg, format: 'der' }))
      assert.equal(fromB64(ed.signature).length, 64)
      assert.equal(nodeVerify(null, fromB64(msg), createPublicKey(keys.ed.publicKeyPem), fromB64(ed.signature)), true)
      const p256 = ok(await post('p256', 'sign', { message: msg }))
      assert.equal(nodeVerify('sha256', fromB64(msg), createPublicKey(keys.p256.publicKeyPem), fromB64(p256.signature)), true)
      const p256raw = ok(await post('p256', 'sign', { message: msg, format: 'raw' }))
      assert.equal(nodeVerify('sha256', fromB64(msg), { key: createPublicKey(keys.p256.publicKeyPem), dsaEncoding: 'ieee-p1363' }, fromB64(p256raw.signature)), true)
    })

    it('sign: each use is counted and audited once, with actor and request id', async () => {
      assert.equal(await usage('sm2'), 2)
      const rows = await uses('sm2')
      assert.equal(rows.length, 2)
      const first = rows.at(-1)!
      assert.deepEqual({ ...first, id: undefined, at: undefined }, {
        id: undefined, at: undefined, actorId: 'test:officer-a', actorKind: 'staff', action: 'crypto.key.used', targetType: 'crypto_key', targetId: keys.sm2.id,
        requestId: 'sign-1', outcome: 'success', ip: null, detail: { via: 'api', operation: 'sign', version: 1 },
      })
      assert.equal(ok(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.sm2.id}`, headers: READER_A })).usageCount, 2)
    })

    it('verify: valid, tampered, wrong ID, malformed (400), another department (404); not counted', async () => {
      const sig = ok(await post('sm2', 'sign', { message: msg, userId: 'bob' })).signature
      await unchanged('sm2', async () => {
        assert.deepEqual(ok(await post('sm2', 'verify', { message: msg, signature: sig, userId: 'bob' }, READER_A)), { keyId: keys.sm2.id, keyVersion: 1, valid: true })
        assert.equal(ok(await post('sm2', 'verify', { message: b64('tampered'), signature: sig, userId: 'bob' }, READER_A)).valid, false)
        assert.equal(ok(await post('sm2', 'verify', { message: msg, signature: sig }, READER_A)).valid, false)
        const bad = assertProblem(await post('sm2', 'verify', { message: msg, signature: b64('not a DER signature') }, READER_A), 400, 'CRYPTO_BAD_SIGNATURE_ENCODING')
        assert.deepEqual(bad.errors.map((e: { path: string }) => e.path), ['body/signature'])
        assertProblem(await post('sm2', 'verify', { message: msg, signature: sig }, OFFICER_B), 404, 'CRYPTO_KEY_NOT_FOUND')
        assertProblem(await post('sm2', 'verify', { message: msg, signature: sig }, NOBODY), 403, 'CORE_FORBIDDEN')
        assertProblem(await post('ed', 'verify', { message: msg, signature: b64('short') }, READER_A), 400, 'CRYPTO_BAD_SIGNATURE_ENCODING')
        assertProblem(await post('p256', 'verify', { message: msg, signature: b64('x'.repeat(70)) }, READER_A), 400, 'CRYPTO_BAD_SIGNATURE_ENCODING')
        assertProblem(await post('sm4', 'verify', { message: msg, signature: sig }, READER_A), 422, 'CRYPTO_UNSUPPORTED_OPERATION')
      })
    })

    it('refuses the wrong algorithm or purpose for an operation (422), changing nothing', async () => {
      for (const [key, op, body, code] of [
        ['sm4', 'sign', { message: msg }, 'CRYPTO_UNSUPPORTED_OPERATION'],
        ['sm2enc', 'sign', { message: msg }, 'CRYPTO_WRONG_PURPOSE'],
        ['ed', 'encrypt', { plaintext: msg }, 'CRYPTO_UNSUPPORTED_OPERATION'],
        ['sm2', 'encrypt', { plaintext: msg }, 'CRYPTO_WRONG_PURPOSE'],
        ['sm4wrap', 'encrypt', { plaintext: msg }, 'CRYPTO_WRONG_PURPOSE'],
        ['sm4', 'data-keys', {}, 'CRYPTO_WRONG_PURPOSE'],
        ['p256', 'decrypt', { ciphertext: msg }, 'CRYPTO_UNSUPPORTED_OPERATION'],
      ] as const) await unchanged(key, async () => { assertProblem(await post(key, op, body), 422, code) })
      assertProblem(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.sm4.id}/public-key`, headers: READER_A }), 422, 'CRYPTO_NO_PUBLIC_KEY')
    })

    for (const key of ['sm4', 'aes'] as const) {
      it(`encrypt/decrypt ${key}: round trip with aad; tampered, truncated, wrong aad refused; counted`, async () => {
        const before = await usage(key)
        const aad = b64('licence:lic_01')
        const enc = ok(await post(key, 'encrypt', { plaintext: msg, aad }))
        assert.deepEqual({ ...enc, ciphertext: undefined }, { keyId: keys[key].id, keyVersion: 1, algorithm: keys[key].algorithm, ciphertext: undefined })
        assert.equal(fromB64(enc.ciphertext).length, 12 + fromB64(msg).length + 16)
        assert.deepEqual(ok(await post(key, 'decrypt', { ciphertext: enc.ciphertext, aad })), { keyId: keys[key].id, keyVersion: 1, plaintext: msg })
        assert.equal(await usage(key), before + 2)
        assert.deepEqual((await uses(key)).map((u) => u.detail!.operation), ['decrypt', 'encrypt'])
        await unchanged(key, async () => {
          const tampered = fromB64(enc.ciphertext)
          tampered[14] ^= 1
          assertProblem(await post(key, 'decrypt', { ciphertext: b64(tampered), aad }), 422, 'CRYPTO_DECRYPT_FAILED')
          assertProblem(await post(key, 'decrypt', { ciphertext: enc.ciphertext, aad: b64('licence:lic_02') }), 422, 'CRYPTO_DECRYPT_FAILED')
          assertProblem(await post(key, 'decrypt', { ciphertext: enc.ciphertext }), 422, 'CRYPTO_DECRYPT_FAILED')
          const short = assertProblem(await post(key, 'decrypt', { ciphertext: b64('short') }), 400, 'CRYPTO_BAD_CIPHERTEXT_ENCODING')
          assert.deepEqual(short.errors.map((e: { path: string }) => e.path), ['body/ciphertext'])
          assertProblem(await post(key, 'decrypt', { ciphertext: 'bad base64' }), 400, 'CORE_VALIDATION')
          assertProblem(await post(key, 'decrypt', { ciphertext: enc.ciphertext, aad, mode: 'C1C2C3' }), 400, 'CRYPTO_BAD_INPUT')
          assertProblem(await post(key, 'encrypt', { plaintext: msg }, OFFICER_B), 404, 'CRYPTO_KEY_NOT_FOUND')
          assertProblem(await post(key, 'encrypt', { plaintext: msg }, READER_A), 403, 'CORE_FORBIDDEN')
        })
      })
    }

    it('SM2 encrypt/decrypt: canonical C1C3C2; also accepts C1C2C3 with mode, no 04 prefix, and GM/T 0009 DER', async () => {
      const enc = ok(await post('sm2enc', 'encrypt', { plaintext: msg }))
      const ct = fromB64(enc.ciphertext)
      assert.equal(ct[0], 4)
      assert.equal(ct.length, 65 + 32 + fromB64(msg).length)
      const dec = (ciphertext: Uint8Array, extra = {}) => post('sm2enc', 'decrypt', { ciphertext: b64(ciphertext), ...extra })
      assert.equal(ok(await dec(ct)).plaintext, msg)
      assert.equal(ok(await dec(ct.subarray(1))).plaintext, msg)
      assert.equal(ok(await dec(sm2ConvertCiphertext(ct, 'C1C2C3'), { mode: 'C1C2C3' })).plaintext, msg)
      assert.equal(ok(await dec(sm2ConvertCiphertext(ct, 'asn1'))).plaintext, msg)
      await unchanged('sm2enc', async () => {
        const flipped = Buffer.from(ct)
        flipped[ct.length - 1] ^= 1
        assertProblem(await dec(flipped), 422, 'CRYPTO_DECRYPT_FAILED')
        assertProblem(await dec(Buffer.from('0123456789abcdef')), 400, 'CRYPTO_BAD_CIPHERTEXT_ENCODING')
        assertProblem(await post('sm2enc', 'encrypt', { plaintext: msg, aad: msg }), 400, 'CRYPTO_BAD_INPUT')
      })
    })

    it('data keys (envelope): SM4 and AES-256 data keys under SM4, AES-256 and SM2 wrap keys; unwrap with decrypt', async () => {
      for (const wrap of ['sm4wrap', 'aeswrap', 'sm2wrap'] as const) {
        for (const algorithm of ['SM4', 'AES-256'] as const) {
          const dk = ok(await post(wrap, 'data-keys', { algorithm }), 201)
          assert.deepEqual({ ...dk, plaintext: undefined, wrapped: undefined }, { keyId: keys[wrap].id, keyVersion: 1, algorithm, plaintext: undefined, wrapped: undefined })
          assert.equal(fromB64(dk.plaintext).length, algorithm === 'SM4' ? 16 : 32)
          assert.equal(ok(await post(wrap, 'decrypt', { ciphertext: dk.wrapped })).plaintext, dk.plaintext)
        }
      }
      assert.equal(ok(await post('sm4wrap', 'data-keys', {}), 201).algorithm, 'SM4')
      const [row] = await uses('sm4wrap')
      assert.deepEqual(row.detail, { via: 'api', operation: 'generate-data-key', version: 1, dataKeyAlgorithm: 'SM4' })
      assertProblem(await post('sm4wrap', 'data-keys', { algorithm: 'DES' }), 400, 'CORE_VALIDATION')
    })

    it('rotation: new ciphertexts and signatures use v2; v1 still decrypts and verifies when named', async () => {
      const oldCt = ok(await post('sm4', 'encrypt', { plaintext: msg })).ciphertext
      const oldSig = ok(await post('p256', 'sign', { message: msg })).signature
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keys.sm4.id}/rotate`, headers: OFFICER_A }))
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keys.p256.id}/rotate`, headers: OFFICER_A }))
      assert.equal(ok(await post('sm4', 'encrypt', { plaintext: msg })).keyVersion, 2)
      assert.deepEqual(ok(await post('sm4', 'decrypt', { ciphertext: oldCt, keyVersion: 1 })), { keyId: keys.sm4.id, keyVersion: 1, plaintext: msg })
      assertProblem(await post('sm4', 'decrypt', { ciphertext: oldCt }), 422, 'CRYPTO_DECRYPT_FAILED')
      assertProblem(await post('sm4', 'decrypt', { ciphertext: oldCt, keyVersion: 9 }), 404, 'CRYPTO_KEY_VERSION_NOT_FOUND')
      assert.equal(ok(await post('p256', 'sign', { message: msg })).keyVersion, 2)
      assert.deepEqual(ok(await post('p256', 'verify', { message: msg, signature: oldSig, keyVersion: 1 })), { keyId: keys.p256.id, keyVersion: 1, valid: true })
      assert.deepEqual(ok(await post('p256', 'verify', { message: msg, signature: oldSig })), { keyId: keys.p256.id, keyVersion: 2, valid: false })
    })

    it('disabled and destroyed keys refuse private-key use (409) but keep verifying', async () => {
      const sig = ok(await post('ed', 'sign', { message: msg })).signature
      const ct = ok(await post('aes', 'encrypt', { plaintext: msg })).ciphertext
      const lifecycle = (key: string, action: string) => t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${keys[key].id}/${action}`, headers: ADMIN })
      ok(await lifecycle('ed', 'disable'))
      ok(await lifecycle('aes', 'disable'))
      await unchanged('ed', async () => {
        assertProblem(await post('ed', 'sign', { message: msg }), 409, 'CRYPTO_KEY_DISABLED')
        assert.equal(ok(await post('ed', 'verify', { message: msg, signature: sig })).valid, true)
      })
      await unchanged('aes', async () => {
        assertProblem(await post('aes', 'decrypt', { ciphertext: ct }), 409, 'CRYPTO_KEY_DISABLED')
        assertProblem(await post('aes', 'encrypt', { plaintext: msg }), 409, 'CRYPTO_KEY_DISABLED')
      })
      ok(await lifecycle('ed', 'destroy'))
      ok(await lifecycle('aes', 'destroy'))
      await unchanged('ed', async () => {
        assertProblem(await post('ed', 'sign', { message: msg }), 409, 'CRYPTO_KEY_DESTROYED')
        assert.equal(ok(await post('ed', 'verify', { message: msg, signature: sig })).valid, true)
      })
      await unchanged('aes', async () => { assertProblem(await post('aes', 'decrypt', { ciphertext: ct }), 409, 'CRYPTO_KEY_DESTROYED') })
    })

    it('public key: PEM, JWK and raw agree for SM2, Ed25519 and P-256', async () => {
      const sm2 = ok(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.sm2.id}/public-key`, headers: READER_A }))
      assert.deepEqual(Object.keys(sm2).sort(), ['algorithm', 'jwk', 'keyId', 'pem', 'raw', 'version'])
      const raw = fromB64(sm2.raw)
      assert.equal(raw.length, 65)
      assert.deepEqual(Buffer.from(importSm2PublicKeyPem(sm2.pem)), raw)
      assert.deepEqual(sm2.jwk, { kty: 'EC', crv: 'SM2', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url'), alg: 'SM2', kid: `${keys.sm2.id}.1` })
      const p256 = ok(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.p256.id}/public-key?version=1`, headers: READER_A }))
      const fromJwk = createPublicKey({ key: p256.jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })
      assert.equal(fromJwk, p256.pem)
      assert.equal(fromB64(p256.raw).length, 65)
      const ed = ok(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.ed.id}/public-key`, headers: READER_A }))
      assert.equal(fromB64(ed.raw).length, 32)
      assert.equal(createPublicKey({ key: ed.jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }), ed.pem)
      assertProblem(await t.app.inject({ url: `/api/v1/crypto/keys/${keys.ed.id}/public-key`, headers: OFFICER_B }), 404, 'CRYPTO_KEY_NOT_FOUND')
    })
  })
}
