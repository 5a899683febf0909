import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { ADMIN, ISO, KEY_ID, NOBODY, OFFICER_A, OFFICER_B, READER_A, buildCryptoApp, matched, ok } from './helpers.ts'

type App = Awaited<ReturnType<typeof buildCryptoApp>>

for (const dialect of DIALECTS) {
  describe(`crypto keys [${dialect}]`, () => {
    let t: App
    // Modules may hold system keys from the start (grid's `grid-pii`): counts are against these.
    const baseline = { crypto_key: 0, crypto_key_version: 0, created: 0 }
    before(async () => {
      t = await buildCryptoApp(dialect)
      baseline.crypto_key = await count('crypto_key')
      baseline.crypto_key_version = await count('crypto_key_version')
      baseline.created = (await auditOf('crypto.key.created')).length
    })
    after(async () => { await t?.close() })

    const create = (headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/crypto/keys', headers, payload: payload as object })
    const count = async (table: string) => (await t.app.kernel.db.selectFrom(table).selectAll().execute()).length
    const auditOf = async (action: string, targetId?: string) => (await t.app.kernel.audit.query({ action, ...(targetId ? { targetId } : {}) })).items
    const eventsOf = (aggregateId: string) => t.app.kernel.db.selectFrom('core_event').select(['name', 'request_id', 'payload']).where('aggregate_id', '=', aggregateId).orderBy('id').execute()

    it('create: 401 without credentials, 403 without the permission', async () => {
      const body = { label: 'k', algorithm: 'SM2', purpose: 'sign' }
      assertProblem(await create({}, body), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await create(NOBODY, body), 403, 'CORE_FORBIDDEN')
      assertProblem(await create(READER_A, body), 403, 'CORE_FORBIDDEN')
      assert.equal(await count('crypto_key'), baseline.crypto_key)
    })

    it('create: 403 for another department or a system/seal owner without crypto:key:admin', async () => {
      assertProblem(await create(OFFICER_B, { label: 'k', algorithm: 'SM2', purpose: 'sign', owner: { type: 'department', id: 'dept-a' } }), 403, 'CRYPTO_OWNER_FORBIDDEN')
      assertProblem(await create(OFFICER_A, { label: 'k', algorithm: 'SM2', purpose: 'sign', owner: { type: 'system', id: 'k' } }), 403, 'CRYPTO_OWNER_FORBIDDEN')
      assertProblem(await create(OFFICER_A, { label: 'k', algorithm: 'SM2', purpose: 'sign', owner: { type: 'seal', id: 's1' } }), 403, 'CRYPTO_OWNER_FORBIDDEN')
      assert.equal(await count('crypto_key'), baseline.crypto_key)
    })

    it('create: 400 with field errors, and nothing is written', async () => {
      const bad = assertProblem(await create(OFFICER_A, { label: 'has space', algorithm: 'RSA', purpose: 'sign', extra: 1 }), 400, 'CORE_VALIDATION')
      assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['body/algorithm', 'body/extra', 'body/label'])
      const missing = assertProblem(await create(OFFICER_A, {}), 400, 'CORE_VALIDATION')
      assert.deepEqual(missing.errors.map((e: { path: string }) => e.path).sort(), ['body/algorithm', 'body/label', 'body/purpose'])
      const combo = assertProblem(await create(OFFICER_A, { label: 'ed', algorithm: 'Ed25519', purpose: 'encrypt' }), 400, 'CRYPTO_PURPOSE_NOT_ALLOWED')
      assert.deepEqual(combo.errors, [{ path: 'body/purpose', code: 'enum', message: 'Ed25519 allows sign' }])
      assertProblem(await create(OFFICER_A, { label: 'sm4', algorithm: 'SM4', purpose: 'sign' }), 400, 'CRYPTO_PURPOSE_NOT_ALLOWED')
      assertProblem(await create(ADMIN, { label: 'no-owner', algorithm: 'SM4', purpose: 'encrypt' }), 400, 'CRYPTO_BAD_INPUT')
      assert.equal(await count('crypto_key'), baseline.crypto_key)
      assert.equal(await count('crypto_key_version'), baseline.crypto_key_version)
      assert.equal((await auditOf('crypto.key.created')).length, baseline.created)
    })

    it('create: every algorithm, full body; own department by default; audited with an event', async () => {
      const cases = [
        ['SM2', 'sign', true], ['SM2', 'encrypt', true], ['Ed25519', 'sign', true], ['ECDSA-P256', 'sign', true], ['SM4', 'encrypt', false], ['AES-256', 'wrap', false],
      ] as const
      for (const [algorithm, purpose, asymmetric] of cases) {
        const label = `${algorithm.toLowerCase()}-${purpose}`
        const res = await create({ ...OFFICER_A, 'x-request-id': `create-${label}` }, { label, algorithm, purpose })
        const body = ok(res, 201)
        const want: Record<string, unknown> = { id: '<matched>', label, algorithm, purpose, owner: { type: 'department', id: 'dept-a' }, state: 'active', version: 1, usageCount: 0, createdAt: '<matched>' }
        if (asymmetric) want.publicKeyPem = '<matched>'
        assert.deepEqual(matched(body, { id: KEY_ID, createdAt: ISO, ...(asymmetric ? { publicKeyPem: /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/ } : {}) }), want)

        const versions = await t.app.kernel.db.selectFrom('crypto_key_version').selectAll().where('key_id', '=', body.id).execute()
        assert.equal(versions.length, 1)
        assert.equal(versions[0].backend, 'software')
        assert.match(versions[0].handle, /^sw1\./)
        assert.match(versions[0].kek_id, /^[0-9a-f]{16}$/)
        assert.equal(versions[0].public_key === null, !asymmetric)
        const [audit] = await auditOf('crypto.key.created', body.id)
        assert.deepEqual({ ...audit, id: undefined, at: undefined }, {
          id: undefined, at: undefined, actorId: 'test:officer-a', actorKind: 'staff', action: 'crypto.key.created', targetType: 'crypto_key', targetId: body.id,
          requestId: `create-${label}`, outcome: 'success', ip: null, detail: { label, algorithm, purpose, owner: { type: 'department', id: 'dept-a' }, backend: 'software' },
        })
        const events = await eventsOf(body.id)
        assert.deepEqual(events.map((e) => [e.name, e.request_id]), [['crypto.key.created', `create-${label}`]])
        assert.deepEqual(JSON.parse(events[0].payload), { keyId: body.id, algorithm, purpose, owner: { type: 'department', id: 'dept-a' }, version: 1 })
      }
    })

    it('create: 409 for a label its owner already uses; another owner may use it', async () => {
      ok(await create(OFFICER_A, { label: 'dup', algorithm: 'SM4', purpose: 'encrypt' }), 201)
      const before = await count('crypto_key')
      const dup = assertProblem(await create(OFFICER_A, { label: 'dup', algorithm: 'SM2', purpose: 'sign' }), 409, 'CRYPTO_LABEL_TAKEN')
      assert.deepEqual(dup.errors.map((e: { path: string }) => e.path), ['body/label'])
      assert.equal(await count('crypto_key'), before)
      ok(await create(OFFICER_B, { label: 'dup', algorithm: 'SM2', purpose: 'sign' }), 201)
      ok(await create(ADMIN, { label: 'dup', algorithm: 'SM2', purpose: 'sign', owner: { type: 'system', id: 'dup' } }), 201)
    })

    it('list: 401/403; only visible keys, newest first, cursor pages, filters', async () => {
      assertProblem(await t.app.inject({ url: '/api/v1/crypto/keys' }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: '/api/v1/crypto/keys', headers: NOBODY }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ url: '/api/v1/crypto/keys?limit=0&state=gone', headers: OFFICER_A }), 400, 'CORE_VALIDATION')
      const all = ok(await t.app.inject({ url: '/api/v1/crypto/keys?limit=200', headers: ADMIN })).items
      const mine = ok(await t.app.inject({ url: '/api/v1/crypto/keys?limit=200', headers: READER_A })).items
      assert.ok(mine.length >= 7)
      assert.ok(mine.every((k: any) => k.owner.type === 'department' && k.owner.id === 'dept-a'))
      assert.ok(all.length > mine.length)
      const ids = mine.map((k: any) => k.id)
      assert.deepEqual(ids, [...ids].sort().reverse())
      const theirs = ok(await t.app.inject({ url: '/api/v1/crypto/keys', headers: OFFICER_B })).items
      assert.ok(theirs.every((k: any) => k.owner.id === 'dept-b'))
      // Pages of 2 walk the same list.
      const walked: string[] = []
      let cursor: string | null = null
      do {
        const page: any = ok(await t.app.inject({ url: `/api/v1/crypto/keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: READER_A }))
        assert.ok(page.items.length <= 2)
        walked.push(...page.items.map((k: any) => k.id))
        cursor = page.nextCursor
      } while (cursor)
      assert.deepEqual(walked, ids)
      const sm2 = ok(await t.app.inject({ url: '/api/v1/crypto/keys?algorithm=SM2&purpose=sign', headers: READER_A })).items
      assert.deepEqual(sm2.map((k: any) => k.label), ['sm2-sign'])
    })

    it('get: 404 for another department and for an unknown key, 400 for a malformed id', async () => {
      const [key] = ok(await t.app.inject({ url: '/api/v1/crypto/keys?algorithm=SM2&purpose=sign', headers: OFFICER_A })).items
      assert.deepEqual(ok(await t.app.inject({ url: `/api/v1/crypto/keys/${key.id}`, headers: READER_A })), key)
      assertProblem(await t.app.inject({ url: `/api/v1/crypto/keys/${key.id}`, headers: OFFICER_B }), 404, 'CRYPTO_KEY_NOT_FOUND')
      assertProblem(await t.app.inject({ url: '/api/v1/crypto/keys/key_01J00000000000000000000000', headers: ADMIN }), 404, 'CRYPTO_KEY_NOT_FOUND')
      const bad = assertProblem(await t.app.inject({ url: '/api/v1/crypto/keys/nope', headers: ADMIN }), 400, 'CORE_VALIDATION')
      assert.equal(bad.errors[0].path, 'params/keyId')
    })

    it('rotate: 401/404/403; a new current version, the old one kept; audited with an event', async () => {
      const key = ok(await create(OFFICER_A, { label: 'rot', algorithm: 'SM2', purpose: 'sign' }), 201)
      const url = `/api/v1/crypto/keys/${key.id}/rotate`
      assertProblem(await t.app.inject({ method: 'POST', url }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ method: 'POST', url, headers: OFFICER_B }), 404, 'CRYPTO_KEY_NOT_FOUND')
      assertProblem(await t.app.inject({ method: 'POST', url, headers: READER_A }), 403, 'CORE_FORBIDDEN')
      const rotated = ok(await t.app.inject({ method: 'POST', url, headers: { ...OFFICER_A, 'x-request-id': 'rot-1' } }))
      assert.deepEqual({ ...rotated, publicKeyPem: undefined }, { ...key, version: 2, publicKeyPem: undefined })
      assert.notEqual(rotated.publicKeyPem, key.publicKeyPem)
      const v1 = ok(await t.app.inject({ url: `/api/v1/crypto/keys/${key.id}/public-key?version=1`, headers: READER_A }))
      assert.equal(v1.pem, key.publicKeyPem)
      assert.equal(ok(await t.app.inject({ url: `/api/v1/crypto/keys/${key.id}/public-key`, headers: READER_A })).version, 2)
      assertProblem(await t.app.inject({ url: `/api/v1/crypto/keys/${key.id}/public-key?version=3`, headers: READER_A }), 404, 'CRYPTO_KEY_VERSION_NOT_FOUND')
      const [audit] = await auditOf('crypto.key.rotated', key.id)
      assert.deepEqual([audit.actorId, audit.requestId, audit.detail], ['test:officer-a', 'rot-1', { version: 2 }])
      assert.deepEqual((await eventsOf(key.id)).map((e) => e.name), ['crypto.key.created', 'crypto.key.rotated'])
    })

    it('disable → enable → disable → destroy; refused transitions change nothing', async () => {
      const key = ok(await create(OFFICER_A, { label: 'life', algorithm: 'ECDSA-P256', purpose: 'sign' }), 201)
      const post = (action: string, headers = OFFICER_A) => t.app.inject({ method: 'POST', url: `/api/v1/crypto/keys/${key.id}/${action}`, headers })
      assertProblem(await post('destroy'), 409, 'CRYPTO_KEY_NOT_DISABLED')
      assertProblem(await post('enable'), 409, 'CRYPTO_KEY_NOT_DISABLED')
      assertProblem(await post('disable', OFFICER_B), 404, 'CRYPTO_KEY_NOT_FOUND')
      assertProblem(await post('disable', READER_A), 403, 'CORE_FORBIDDEN')
      assert.equal(ok(await post('disable')).state, 'disabled')
      assertProblem(await post('disable'), 409, 'CRYPTO_KEY_NOT_ACTIVE')
      assertProblem(await post('rotate'), 409, 'CRYPTO_KEY_NOT_ACTIVE')
      assert.equal(ok(await post('enable')).state, 'active')
      assert.equal(ok(await post('disable')).state, 'disabled')
      const destroyed = ok(await post('destroy'))
      assert.deepEqual(destroyed, { ...key, state: 'destroyed' })
      for (const action of ['enable', 'disable', 'rotate', 'destroy']) assertProblem(await post(action), 409, 'CRYPTO_KEY_DESTROYED')
      const versions = await t.app.kernel.db.selectFrom('crypto_key_version').selectAll().where('key_id', '=', key.id).execute()
      assert.deepEqual(versions.map((v) => [v.handle, v.public_key !== null, v.destroyed_at !== null]), [[null, true, true]])
      // The public key stays readable for verifying old signatures.
      assert.equal(ok(await t.app.inject({ url: `/api/v1/crypto/keys/${key.id}/public-key`, headers: READER_A })).pem, key.publicKeyPem)
      assert.deepEqual((await eventsOf(key.id)).map((e) => e.name), ['crypto.key.created', 'crypto.key.disabled', 'crypto.key.enabled', 'crypto.key.disabled', 'crypto.key.destroyed'])
      assert.deepEqual((await t.app.kernel.audit.query({ targetId: key.id })).items.map((a) => a.action).reverse(), ['crypto.key.created', 'crypto.key.disabled', 'crypto.key.enabled', 'crypto.key.disabled', 'crypto.key.destroyed'])
    })
  })
}
