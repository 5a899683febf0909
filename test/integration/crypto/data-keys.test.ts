import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { AppError } from '../../../src/core/errors.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createCryptoModule, type CryptoApi, type CryptoService } from '../../../src/modules/crypto/index.ts'
import { ADMIN, buildCryptoApp, createTestPrincipals, fromB64, ok, b64 } from './helpers.ts'

type App = Awaited<ReturnType<typeof buildCryptoApp>>

/** Rejects with an AppError of `code`. */
async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof AppError && err.code === code)
}

const AAD = Buffer.from('zhicheng/test/data-key')

for (const dialect of DIALECTS) {
  describe(`CryptoApi envelope encryption: generateDataKey / unwrapDataKey [${dialect}]`, () => {
    let t: App
    let crypto: CryptoApi & CryptoService
    // A long flush interval: these tests decide when counts reach the database.
    const modules = [...allModules.filter((m) => m.name !== 'crypto'), createCryptoModule({ usageFlushMs: 3_600_000 }), createTestPrincipals()]
    before(async () => {
      t = await buildCryptoApp(dialect, { modules })
      crypto = t.app.kernel.apis.crypto as CryptoApi & CryptoService
    })
    after(async () => { await t?.close() })
    const usageRow = async (id: string) => Number((await t.app.kernel.db.selectFrom('crypto_key').select('usage_count').where('id', '=', id).executeTakeFirstOrThrow()).usage_count)
    const used = async (id: string) => (await t.app.kernel.audit.query({ action: 'crypto.key.used', targetId: id })).items

    it('SM4, AES-256 and SM2 wrap keys: a fresh data key of the asked length unwraps to the same bytes; the wrapped form hides it', async () => {
      for (const [label, algorithm] of [['dk-sm4', 'SM4'], ['dk-aes', 'AES-256'], ['dk-sm2', 'SM2']] as const) {
        const key = await crypto.ensureSystemKey(label, algorithm, 'wrap')
        const aad = algorithm === 'SM2' ? undefined : AAD
        for (const dataAlgorithm of ['SM4', 'AES-256'] as const) {
          const dk = await crypto.generateDataKey(key.id, dataAlgorithm, { aad })
          assert.deepEqual([dk.plaintext.length, dk.keyVersion, dk.algorithm], [dataAlgorithm === 'SM4' ? 16 : 32, 1, dataAlgorithm])
          assert.ok(!Buffer.from(dk.wrapped).includes(Buffer.from(dk.plaintext)))
          assert.deepEqual(Buffer.from(await crypto.unwrapDataKey(key.id, dk.wrapped, { keyVersion: dk.keyVersion, aad })), Buffer.from(dk.plaintext))
          const again = await crypto.generateDataKey(key.id, dataAlgorithm, { aad })
          assert.notDeepEqual(Buffer.from(again.plaintext), Buffer.from(dk.plaintext))
        }
      }
      // The default data key is SM4.
      const key = await crypto.ensureSystemKey('dk-sm4', 'SM4', 'wrap')
      assert.equal((await crypto.generateDataKey(key.id)).plaintext.length, 16)
    })

    it('a changed wrapped key or another aad is refused with CRYPTO_DECRYPT_FAILED and releases nothing', async () => {
      const key = await crypto.ensureSystemKey('dk-tamper', 'SM4', 'wrap')
      const dk = await crypto.generateDataKey(key.id, 'SM4', { aad: AAD })
      for (const i of [0, 12, dk.wrapped.length - 1]) {
        const bad = Buffer.from(dk.wrapped)
        bad[i]! ^= 1
        await rejectsWith(crypto.unwrapDataKey(key.id, bad, { aad: AAD }), 'CRYPTO_DECRYPT_FAILED')
      }
      await rejectsWith(crypto.unwrapDataKey(key.id, dk.wrapped, { aad: Buffer.from('another use') }), 'CRYPTO_DECRYPT_FAILED')
      await rejectsWith(crypto.unwrapDataKey(key.id, dk.wrapped), 'CRYPTO_DECRYPT_FAILED')
      await rejectsWith(crypto.unwrapDataKey(key.id, Buffer.from('short'), { aad: AAD }), 'CRYPTO_BAD_CIPHERTEXT_ENCODING')
      // Wrapped under another wrap key: does not open under this one.
      const other = await crypto.ensureSystemKey('dk-other', 'SM4', 'wrap')
      await rejectsWith(crypto.unwrapDataKey(other.id, dk.wrapped, { aad: AAD }), 'CRYPTO_DECRYPT_FAILED')
    })

    it('refuses unknown keys, keys of another purpose or algorithm, aad for SM2, and disabled keys', async () => {
      await rejectsWith(crypto.generateDataKey('key_01J00000000000000000000000'), 'CRYPTO_KEY_NOT_FOUND')
      await rejectsWith(crypto.unwrapDataKey('key_01J00000000000000000000000', Buffer.alloc(40)), 'CRYPTO_KEY_NOT_FOUND')
      const enc = await crypto.ensureSystemKey('dk-enc', 'SM4', 'encrypt')
      await rejectsWith(crypto.generateDataKey(enc.id), 'CRYPTO_WRONG_PURPOSE')
      // An encrypt key's ciphertexts are not data keys: unwrapDataKey is no decryption oracle for them.
      const sealed = ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${enc.id}/encrypt`, headers: ADMIN, payload: { plaintext: b64('0123456789abcdef') } }))
      await rejectsWith(crypto.unwrapDataKey(enc.id, fromB64(sealed.ciphertext)), 'CRYPTO_WRONG_PURPOSE')
      const sign = await crypto.ensureSystemKey('dk-ed', 'Ed25519', 'sign')
      await rejectsWith(crypto.generateDataKey(sign.id), 'CRYPTO_UNSUPPORTED_OPERATION')
      const sm2 = await crypto.ensureSystemKey('dk-sm2', 'SM2', 'wrap')
      await rejectsWith(crypto.generateDataKey(sm2.id, 'SM4', { aad: AAD }), 'CRYPTO_BAD_INPUT')
      const key = await crypto.ensureSystemKey('dk-life', 'SM4', 'wrap')
      const dk = await crypto.generateDataKey(key.id)
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/disable`, headers: ADMIN }))
      await rejectsWith(crypto.generateDataKey(key.id), 'CRYPTO_KEY_DISABLED')
      await rejectsWith(crypto.unwrapDataKey(key.id, dk.wrapped), 'CRYPTO_KEY_DISABLED')
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/enable`, headers: ADMIN }))
      assert.deepEqual(Buffer.from(await crypto.unwrapDataKey(key.id, dk.wrapped)), Buffer.from(dk.plaintext))
    })

    it('after rotation new data keys use v2; a v1 data key unwraps when its version is named', async () => {
      const key = await crypto.ensureSystemKey('dk-rot', 'SM4', 'wrap')
      const v1 = await crypto.generateDataKey(key.id, 'SM4', { aad: AAD })
      ok(await t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/rotate`, headers: ADMIN }))
      const v2 = await crypto.generateDataKey(key.id, 'SM4', { aad: AAD })
      assert.deepEqual([v1.keyVersion, v2.keyVersion], [1, 2])
      assert.deepEqual(Buffer.from(await crypto.unwrapDataKey(key.id, v1.wrapped, { keyVersion: 1, aad: AAD })), Buffer.from(v1.plaintext))
      await rejectsWith(crypto.unwrapDataKey(key.id, v1.wrapped, { aad: AAD }), 'CRYPTO_DECRYPT_FAILED')
      assert.deepEqual(Buffer.from(await crypto.unwrapDataKey(key.id, v2.wrapped, { aad: AAD })), Buffer.from(v2.plaintext))
      await rejectsWith(crypto.unwrapDataKey(key.id, v1.wrapped, { keyVersion: 3, aad: AAD }), 'CRYPTO_KEY_VERSION_NOT_FOUND')
    })

    it('counts module-internal data-key uses in memory and audits them per flush, like sign; refused calls count nothing', async () => {
      const key = await crypto.ensureSystemKey('dk-count', 'SM4', 'wrap')
      const dks = []
      for (let i = 0; i < 3; i++) dks.push(await crypto.generateDataKey(key.id, 'SM4', { aad: AAD }))
      for (const dk of dks) await crypto.unwrapDataKey(key.id, dk.wrapped, { aad: AAD })
      await rejectsWith(crypto.unwrapDataKey(key.id, dks[0]!.wrapped, { aad: Buffer.from('x') }), 'CRYPTO_DECRYPT_FAILED')
      assert.equal(await usageRow(key.id), 0)
      assert.equal((await used(key.id)).length, 0)
      assert.equal((await crypto.getKey(key.id))!.usageCount, 6)
      await crypto.flushUsage()
      assert.equal(await usageRow(key.id), 6)
      const [audit] = await used(key.id)
      assert.deepEqual({ ...audit!.detail, from: undefined, to: undefined }, { via: 'module', uses: 6, operations: { 'generate-data-key': 3, 'unwrap-data-key': 3 }, from: undefined, to: undefined })
      assert.equal(audit!.actorId, 'system:crypto')
      // No data key in the audit trail.
      const all = JSON.stringify(await t.app.kernel.db.selectFrom('core_audit').selectAll().where('target_id', '=', key.id).execute())
      for (const dk of dks) assert.ok(!all.includes(Buffer.from(dk.plaintext).toString('hex')) && !all.includes(Buffer.from(dk.plaintext).toString('base64').slice(0, 20)))
    })
  })
}
