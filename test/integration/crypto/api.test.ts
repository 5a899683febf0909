import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createPublicKey, verify as nodeVerify } from 'node:crypto'
import { DIALECTS } from '../../helpers/dialects.ts'
import { AppError } from '../../../src/core/errors.ts'
import { sm2Verify } from '../../../src/lib/crypto/index.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createCryptoModule, type CryptoApi, type CryptoService } from '../../../src/modules/crypto/index.ts'
import { ADMIN, ISO, KEY_ID, buildCryptoApp, createTestPrincipals, matched, ok } from './helpers.ts'

type App = Awaited<ReturnType<typeof buildCryptoApp>>

/** Rejects with an AppError of `code`. */
async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof AppError && err.code === code)
}

for (const dialect of DIALECTS) {
  describe(`CryptoApi (what other modules use) [${dialect}]`, () => {
    let t: App
    let crypto: CryptoApi & CryptoService
    // A long flush interval: these tests decide when counts reach the database.
    const modules = [...allModules.filter((m) => m.name !== 'crypto'), createCryptoModule({ usageFlushMs: 3_600_000 }), createTestPrincipals()]
    before(async () => {
      t = await buildCryptoApp(dialect, { modules })
      crypto = t.app.kernel.apis.crypto as CryptoApi & CryptoService
    })
    after(async () => { await t?.close() })
    const row = (id: string) => t.app.kernel.db.selectFrom('crypto_key').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const used = async (id: string) => (await t.app.kernel.audit.query({ action: 'crypto.key.used', targetId: id })).items

    it('ensureSystemKey is idempotent, owned by the system, audited once', async () => {
      const a = await crypto.ensureSystemKey('ledger-checkpoint', 'SM2', 'sign')
      assert.deepEqual(matched(a, { id: KEY_ID, createdAt: ISO, publicKeyPem: /BEGIN PUBLIC KEY/ }), {
        id: '<matched>', label: 'ledger-checkpoint', algorithm: 'SM2', purpose: 'sign', owner: { type: 'system', id: 'ledger-checkpoint' },
        state: 'active', version: 1, usageCount: 0, createdAt: '<matched>', publicKeyPem: '<matched>',
      })
      assert.deepEqual(await crypto.ensureSystemKey('ledger-checkpoint', 'SM2', 'sign'), a)
      const created = await t.app.kernel.audit.query({ action: 'crypto.key.created', targetId: a.id })
      assert.deepEqual(created.items.map((r) => [r.actorId, r.actorKind]), [['system:crypto', 'system']])
      await rejectsWith(crypto.ensureSystemKey('ledger-checkpoint', 'Ed25519', 'sign'), 'CRYPTO_BAD_INPUT')
      await rejectsWith(crypto.ensureSystemKey('bad label', 'SM2', 'sign'), 'CRYPTO_BAD_INPUT')
      assert.deepEqual(await crypto.getKey(a.id), a)
      assert.equal(await crypto.getKey('key_01J00000000000000000000000'), undefined)
    })

    it('sign/verify: SM2 DER with the default or a given ID, P-256 DER or raw, Ed25519 raw; getPublicKey raw forms', async () => {
      const sm2 = await crypto.ensureSystemKey('api-sm2', 'SM2', 'sign')
      const p256 = await crypto.ensureSystemKey('api-p256', 'ECDSA-P256', 'sign')
      const ed = await crypto.ensureSystemKey('api-ed', 'Ed25519', 'sign')
      const m = Buffer.from('checkpoint 442000/17 root=…')
      const sm2Pub = await crypto.getPublicKey(sm2.id)
      assert.equal(sm2Pub.raw.length, 65)
      assert.equal(sm2Pub.raw[0], 4)
      assert.equal(sm2Pub.pem, sm2.publicKeyPem)
      assert.equal(sm2Pub.jwk.crv, 'SM2')
      const s1 = await crypto.sign(sm2.id, m)
      assert.equal(s1.keyVersion, 1)
      assert.equal(s1.signature[0], 0x30)
      assert.equal(sm2Verify(sm2Pub.raw, m, s1.signature), true)
      assert.equal(await crypto.verify(sm2.id, m, s1.signature), true)
      const s2 = await crypto.sign(sm2.id, m, { userId: 'node-7@zhicheng', format: 'raw' })
      assert.equal(s2.signature.length, 64)
      assert.equal(await crypto.verify(sm2.id, m, s2.signature, { userId: 'node-7@zhicheng', format: 'raw' }), true)
      assert.equal(await crypto.verify(sm2.id, m, s2.signature, { format: 'raw' }), false)
      // Malformed signatures are false, never a throw.
      assert.equal(await crypto.verify(sm2.id, m, Buffer.from('junk')), false)

      const p = await crypto.sign(p256.id, m)
      const pPub = await crypto.getPublicKey(p256.id)
      assert.equal(pPub.raw.length, 65)
      assert.equal(nodeVerify('sha256', m, createPublicKey(pPub.pem), p.signature), true)
      assert.equal((await crypto.sign(p256.id, m, { format: 'raw' })).signature.length, 64)
      const e = await crypto.sign(ed.id, m)
      const ePub = await crypto.getPublicKey(ed.id)
      assert.equal(ePub.raw.length, 32)
      assert.equal(e.signature.length, 64)
      assert.equal(await crypto.verify(ed.id, m, e.signature), true)
      assert.equal(await crypto.verify(ed.id, Buffer.from('other'), e.signature), false)
    })

    it('signer: checks the key once, signs many (SM2 on the signing threads) while a transaction holds the connection, counts each', async () => {
      const key = await crypto.ensureSystemKey('api-signer', 'SM2', 'sign')
      const pub = (await crypto.getPublicKey(key.id)).raw
      await crypto.flushUsage()
      const before = (await row(key.id)).usage_count
      const signer = await crypto.signer(key.id, { userId: 'issuer@zs' })
      assert.equal(signer.keyVersion, 1)
      const messages = Array.from({ length: 40 }, (_, i) => Buffer.from(`licence ${i}`))
      // The signatures complete inside an open transaction: signing needs no database.
      const sigs = await t.app.kernel.db.transaction().execute(async (trx) => {
        await trx.selectFrom('crypto_key').select('id').where('id', '=', key.id).execute()
        return Promise.all(messages.map((m) => signer.sign(m)))
      })
      sigs.forEach((sig, i) => {
        assert.equal(sm2Verify(pub, messages[i]!, sig, { userId: 'issuer@zs' }), true)
        assert.equal(sm2Verify(pub, messages[i]!, sig), false)
      })
      await crypto.flushUsage()
      assert.equal(Number((await row(key.id)).usage_count), Number(before) + 40)
      await rejectsWith(crypto.signer('key_01J00000000000000000000000'), 'CRYPTO_KEY_NOT_FOUND')
      await rejectsWith(crypto.signer((await crypto.ensureSystemKey('api-signer-ed', 'Ed25519', 'sign')).id, { userId: 'x' }), 'CRYPTO_BAD_INPUT')
      await rejectsWith(crypto.signer((await crypto.ensureSystemKey('api-signer-wrap', 'SM4', 'wrap')).id), 'CRYPTO_UNSUPPORTED_OPERATION')
    })

    it('counts module-internal uses in memory and flushes them with one audit row per key', async () => {
      const key = await crypto.ensureSystemKey('api-count', 'SM2', 'sign')
      for (let i = 0; i < 25; i++) await crypto.sign(key.id, Buffer.from(`entry ${i}`))
      // No write per signature: the row and the audit log are untouched until the flush.
      assert.equal(Number((await row(key.id)).usage_count), 0)
      assert.equal((await used(key.id)).length, 0)
      assert.equal((await crypto.getKey(key.id))!.usageCount, 25)
      await crypto.flushUsage()
      assert.equal(Number((await row(key.id)).usage_count), 25)
      assert.equal((await crypto.getKey(key.id))!.usageCount, 25)
      const [audit] = await used(key.id)
      assert.deepEqual({ ...audit.detail, from: undefined, to: undefined }, { via: 'module', uses: 25, operations: { sign: 25 }, from: undefined, to: undefined })
      assert.match(String(audit.detail!.from), ISO)
      assert.equal(audit.actorId, 'system:crypto')
      await crypto.sign(key.id, Buffer.from('one more'))
      await crypto.flushUsage()
      assert.equal(Number((await row(key.id)).usage_count), 26)
      assert.equal((await used(key.id)).length, 2)
    })

    it('throws typed errors for unknown, disabled, destroyed keys and the wrong purpose, counting nothing', async () => {
      await rejectsWith(crypto.sign('key_01J00000000000000000000000', Buffer.from('x')), 'CRYPTO_KEY_NOT_FOUND')
      await rejectsWith(crypto.verify('key_01J00000000000000000000000', Buffer.from('x'), Buffer.from('y')), 'CRYPTO_KEY_NOT_FOUND')
      const enc = await crypto.ensureSystemKey('api-enc', 'SM4', 'encrypt')
      await rejectsWith(crypto.sign(enc.id, Buffer.from('x')), 'CRYPTO_UNSUPPORTED_OPERATION')
      await rejectsWith(crypto.getPublicKey(enc.id), 'CRYPTO_NO_PUBLIC_KEY')
      const sm2enc = await crypto.ensureSystemKey('api-sm2-enc', 'SM2', 'encrypt')
      await rejectsWith(crypto.sign(sm2enc.id, Buffer.from('x')), 'CRYPTO_WRONG_PURPOSE')
      const key = await crypto.ensureSystemKey('api-life', 'SM2', 'sign')
      const sig = await crypto.sign(key.id, Buffer.from('before'))
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/disable`, headers: ADMIN }))
      await rejectsWith(crypto.sign(key.id, Buffer.from('x')), 'CRYPTO_KEY_DISABLED')
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/destroy`, headers: ADMIN }))
      await rejectsWith(crypto.sign(key.id, Buffer.from('x')), 'CRYPTO_KEY_DESTROYED')
      assert.equal(await crypto.verify(key.id, Buffer.from('before'), sig.signature), true)
      assert.equal((await crypto.getKey(key.id))!.usageCount, 1)
      await rejectsWith(crypto.getPublicKey(key.id, 2), 'CRYPTO_KEY_VERSION_NOT_FOUND')
    })

    it('after rotation signs with v2 and verifies v1 when asked', async () => {
      const key = await crypto.ensureSystemKey('api-rot', 'SM2', 'sign')
      const v1 = await crypto.sign(key.id, Buffer.from('m'))
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/rotate`, headers: ADMIN }))
      const v2 = await crypto.sign(key.id, Buffer.from('m'))
      assert.deepEqual([v1.keyVersion, v2.keyVersion], [1, 2])
      assert.equal(await crypto.verify(key.id, Buffer.from('m'), v1.signature, { keyVersion: 1 }), true)
      assert.equal(await crypto.verify(key.id, Buffer.from('m'), v1.signature), false)
      assert.equal(await crypto.verify(key.id, Buffer.from('m'), v2.signature), true)
      assert.notDeepEqual((await crypto.getPublicKey(key.id, 1)).raw, (await crypto.getPublicKey(key.id)).raw)
    })
  })
}

describe('CryptoApi usage counts flush on a timer and at shutdown', () => {
  it('flushes by itself, and the rest on app close', async () => {
    const modules = [...allModules.filter((m) => m.name !== 'crypto'), createCryptoModule({ usageFlushMs: 50 }), createTestPrincipals()]
    const t = await buildCryptoApp('sqlite', { modules })
    const crypto = t.app.kernel.apis.crypto as CryptoApi & CryptoService
    const key = await crypto.ensureSystemKey('timer', 'Ed25519', 'sign')
    await crypto.sign(key.id, Buffer.from('a'))
    await new Promise((r) => setTimeout(r, 300))
    const count = async () => Number((await t.app.kernel.db.selectFrom('crypto_key').select('usage_count').where('id', '=', key.id).executeTakeFirstOrThrow()).usage_count)
    assert.equal(await count(), 1)
    await crypto.sign(key.id, Buffer.from('b'))
    await crypto.stop()
    assert.equal(await count(), 2)
    await t.close()
  })
})
