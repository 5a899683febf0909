import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { makeCnId } from '../../../src/lib/cn-id.ts'
import { makeUscc } from '../../../src/lib/uscc.ts'
import { allModules } from '../../../src/modules/index.ts'
import { createGridModule, type GridApi } from '../../../src/modules/grid/index.ts'
import { createIdentityModule } from '../../../src/modules/identity/index.ts'
import { as, startGridOn } from './fixtures.ts'

const UNIT = '44200000100101'
// Check character X, typed in lower case by the searcher: the search normalises it.
const ID_NUMBER = (() => {
  for (let seq = 100; ; seq++) {
    const id = makeCnId('442000', '19850611', seq)
    if (id.endsWith('X')) return id
  }
})()
const MOBILE = '13912345678'
const UNIT_MOBILE = '13700002222'
const LEGACY_ID = makeCnId('440104', '19720115', 481)
const LEGACY_MOBILE = '13655558888'
const LEGACY_UNIT_MOBILE = '13544446666'
/** A whole citizen ID number or mainland mobile number: what the identifier columns must never hold. */
const CLEAR_ID = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/
const CLEAR_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(14)}`

for (const dialect of DIALECTS) {
  describe(`grid: register identifiers encrypted at rest [${dialect}]`, () => {
    let database: TestDatabase
    let app: FastifyInstance
    let addressId: string
    let personId: string
    let otherId: string
    let unitId: string

    before(async () => {
      database = await createTestDatabase(dialect)
      app = await startGridOn(database, { seed: true })
      const items = (await app.inject({ url: `/api/v1/grid/addresses?q=${encodeURIComponent('单元')}&limit=100`, headers: as('reader') })).json().items
      addressId = (items.find((a: { gridCode: string }) => a.gridCode === UNIT) ?? items[0]).id
    })
    after(async () => {
      await app?.close()
      await new Promise((r) => setTimeout(r, 250))
      await database?.drop()
    })

    const send = (method: 'POST' | 'PATCH' | 'GET', url: string, who: Parameters<typeof as>[0], payload?: object) =>
      app.inject({ method, url: `/api/v1/grid/${url}`, headers: as(who), ...(payload ? { payload } : {}) })
    const personRow = (id: string) => app.kernel.db.selectFrom('grid_person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const unitRow = (id: string) => app.kernel.db.selectFrom('grid_unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const revealed = async (id: string) => (await app.kernel.audit.query({ action: 'grid.person.revealed', targetId: id })).items.length

    /** Every identifier column of every row (ciphertexts and the hex blind index excepted): none may hold a whole ID number or mobile. */
    async function assertNoClearIdentifiers(): Promise<void> {
      const people = await app.kernel.db.selectFrom('grid_person').select(['id', 'id_number', 'id_number_masked', 'mobile', 'mobile_masked', 'id_number_enc', 'id_number_index']).execute()
      assert.ok(people.length > 100, 'the seeded people and ours')
      for (const p of people) {
        for (const v of [p.id_number, p.id_number_masked, p.mobile, p.mobile_masked]) assert.ok(!CLEAR_ID.test(String(v)) && !CLEAR_MOBILE.test(String(v)), `${p.id} holds a clear identifier`)
        assert.match(String(p.id_number_enc), /^v1\.[A-Za-z0-9_-]+$/)
        assert.match(String(p.id_number_index), /^[0-9a-f]{64}$/)
      }
      const units = await app.kernel.db.selectFrom('grid_unit').select(['id', 'contact_mobile', 'contact_mobile_masked', 'contact_mobile_enc']).execute()
      for (const u of units) {
        for (const v of [u.contact_mobile, u.contact_mobile_masked]) assert.ok(!CLEAR_MOBILE.test(String(v)), `${u.id} holds a clear mobile`)
        assert.equal(u.contact_mobile_enc === null, u.contact_mobile === null)
      }
      const history = await app.kernel.db.selectFrom('grid_registry_change').select(['before', 'after']).execute()
      for (const h of history) assert.ok(!CLEAR_ID.test(`${h.before}${h.after}`) && !CLEAR_MOBILE.test(`${h.before}${h.after}`), 'history holds no clear identifier')
    }

    it('registering writes ciphertexts, a blind index and masked values: the raw rows hold no clear ID number or mobile', async () => {
      const r = await send('POST', 'people', 'worker', { name: '陈晓明', idNumber: ID_NUMBER, mobile: MOBILE, residence: 'floating', addressId })
      assert.equal(r.statusCode, 201, r.body)
      personId = r.json().id
      const o = await send('POST', 'people', 'worker', { name: '黄婉婷', idNumber: makeCnId('442000', '19930102', 222), mobile: '13600001111', residence: 'registered', addressId })
      assert.equal(o.statusCode, 201, o.body)
      otherId = o.json().id
      const u = await send('POST', 'units', 'worker', { name: '岐江灯饰商行', creditCode: makeUscc('91442000MA5TE0P02'), kind: 'enterprise', industry: '灯饰', legalPerson: '梁志强', contactMobile: UNIT_MOBILE, employees: 12, status: 'active', addressId })
      assert.equal(u.statusCode, 201, u.body)
      unitId = u.json().id

      const row = await personRow(personId)
      const dump = JSON.stringify(row)
      assert.ok(!dump.includes(ID_NUMBER) && !dump.includes(MOBILE) && !dump.includes(ID_NUMBER.slice(6, 14)), dump)
      assert.deepEqual({ id_number: row.id_number, id_number_masked: row.id_number_masked, mobile: row.mobile, mobile_masked: row.mobile_masked },
        { id_number: masked(ID_NUMBER), id_number_masked: masked(ID_NUMBER), mobile: '139****5678', mobile_masked: '139****5678' })
      assert.ok(!JSON.stringify(await unitRow(unitId)).includes(UNIT_MOBILE))
      await assertNoClearIdentifiers()
      // Nor do the audit records of these writes.
      const audit = await app.kernel.db.selectFrom('core_audit').select(['detail']).where('target_id', 'in', [personId, otherId, unitId]).execute()
      assert.ok(audit.length >= 3)
      for (const a of audit) assert.ok(!CLEAR_ID.test(String(a.detail)) && !CLEAR_MOBILE.test(String(a.detail)))
    })

    it('the exact search by ID number still finds the person (through the blind index), answered masked', async () => {
      const found = (await send('GET', `people?q=${encodeURIComponent(` ${ID_NUMBER.toLowerCase()} `)}`, 'reader')).json().items
      assert.deepEqual(found.map((x: { id: string; idNumber: string; masked: boolean }) => [x.id, x.idNumber, x.masked]), [[personId, masked(ID_NUMBER), true]])
      assert.deepEqual((await send('GET', `people?q=${makeCnId('442000', '19850611', 999)}`, 'reader')).json().items, [])
      // A seeded resident: its ID number exists only encrypted; revealed once, it finds that resident.
      const seeded = (await send('GET', `people?gridCode=${UNIT}&limit=1`, 'reader')).json().items[0]
      const clear = (await send('GET', `people/${seeded.id}`, 'officer')).json()
      assert.match(clear.idNumber, /^\d{17}[\dX]$/)
      assert.deepEqual((await send('GET', `people?q=${clear.idNumber}`, 'reader')).json().items.map((x: { id: string }) => x.id), [seeded.id])
    })

    it('a grid:registry:pii holder gets the record in clear (audited); everyone else gets the unchanged masked view', async () => {
      const view = (await send('GET', `people/${personId}`, 'worker')).json()
      assert.deepEqual({ name: view.name, idNumber: view.idNumber, mobile: view.mobile, masked: view.masked }, { name: '陈**', idNumber: masked(ID_NUMBER), mobile: '139****5678', masked: true })
      const before = await revealed(personId)
      const clear = (await send('GET', `people/${personId}`, 'officer')).json()
      assert.deepEqual({ name: clear.name, idNumber: clear.idNumber, mobile: clear.mobile, masked: clear.masked }, { name: '陈晓明', idNumber: ID_NUMBER, mobile: MOBILE, masked: false })
      assert.equal(await revealed(personId), before + 1)
      const unit = (await send('GET', `units/${unitId}`, 'officer')).json()
      assert.deepEqual({ legalPerson: unit.legalPerson, contactMobile: unit.contactMobile }, { legalPerson: '梁志强', contactMobile: UNIT_MOBILE })
      assert.equal((await send('GET', `units/${unitId}`, 'reader')).json().contactMobile, '137****2222')
    })

    it('an update re-encrypts; its history holds masked values only', async () => {
      const r = await send('PATCH', `people/${otherId}`, 'worker', { mobile: '13800001111', version: 1 })
      assert.equal(r.statusCode, 200, r.body)
      assert.deepEqual([r.json().history.at(-1).before, r.json().history.at(-1).after], [{ mobile: '136****1111' }, { mobile: '138****1111' }])
      assert.equal((await send('GET', `people/${otherId}`, 'officer')).json().mobile, '13800001111')
      assert.ok(!JSON.stringify(await personRow(otherId)).includes('13800001111'))
      await assertNoClearIdentifiers()
    })

    it('a tampered ciphertext, or one moved to another row, is refused (500) rather than decrypted, and nothing is recorded as revealed', async () => {
      const original = await personRow(personId)
      const enc = String(original.id_number_enc)
      const at = 12
      const tampered = enc.slice(0, at) + (enc[at] === 'A' ? 'B' : 'A') + enc.slice(at + 1)
      const setEnc = (id: string, value: string) => app.kernel.db.updateTable('grid_person').set({ id_number_enc: value }).where('id', '=', id).execute()
      try {
        await setEnc(personId, tampered)
        const before = await revealed(personId)
        const res = await send('GET', `people/${personId}`, 'officer')
        const body = assertProblem(res, 500, 'CORE_INTERNAL')
        assert.ok(!res.body.includes(ID_NUMBER) && !JSON.stringify(body).includes('v1.'))
        assert.equal(await revealed(personId), before)
        // An update must decrypt the row too: refused, nothing written.
        assertProblem(await send('PATCH', `people/${personId}`, 'worker', { residence: 'registered', version: original.version }), 500, 'CORE_INTERNAL')
        assert.equal((await personRow(personId)).version, original.version)
        // The masked view needs no decryption and still answers.
        assert.equal((await send('GET', `people/${personId}`, 'worker')).json().idNumber, masked(ID_NUMBER))

        // The other person's intact ciphertext, moved into this row, is bound to its own row and does not open here.
        await setEnc(personId, String((await personRow(otherId)).id_number_enc))
        assertProblem(await send('GET', `people/${personId}`, 'officer'), 500, 'CORE_INTERNAL')
        assert.equal(await revealed(personId), before)
      } finally {
        await setEnc(personId, enc)
      }
      assert.equal((await send('GET', `people/${personId}`, 'officer')).json().idNumber, ID_NUMBER)
    })

    it('after a restart on the same data: same data key, same answers; rows written in clear before encryption are backfilled once', async () => {
      const keyBefore = await app.kernel.db.selectFrom('grid_pii_key').selectAll().execute()
      assert.equal(keyBefore.length, 1)
      assert.equal(keyBefore[0]!.source, 'crypto')
      // Rows as the registers held them before the encryption migration: identifiers in clear, no ciphertext.
      const now = Date.now()
      const address = await app.kernel.db.selectFrom('grid_address').selectAll().where('id', '=', addressId).executeTakeFirstOrThrow()
      const place = { address_id: address.id, address_text: address.full_text, grid_code: address.grid_code, created_at: now, updated_at: now, version: 1 }
      await app.kernel.db.insertInto('grid_person').values({
        id: 'gper_legacy000001', name: '何志明', id_number: LEGACY_ID, id_number_masked: masked(LEGACY_ID), mobile: LEGACY_MOBILE, mobile_masked: '136****8888',
        residence: 'registered', housing_id: null, ...place,
      }).execute()
      await app.kernel.db.insertInto('grid_unit').values({
        id: 'gunt_legacy000001', name: '老字号茶楼', credit_code: makeUscc('92442000MA0000L01'), kind: 'individual', industry: '餐饮', legal_person: '吴伟',
        contact_mobile: LEGACY_UNIT_MOBILE, contact_mobile_masked: '135****6666', employees: 3, status: 'active', ...place,
      }).execute()

      await app.close()
      app = await startGridOn(database)

      assert.deepEqual(await app.kernel.db.selectFrom('grid_pii_key').selectAll().execute(), keyBefore)
      const clear = (await send('GET', `people/${personId}`, 'officer')).json()
      assert.deepEqual({ idNumber: clear.idNumber, mobile: clear.mobile }, { idNumber: ID_NUMBER, mobile: MOBILE })
      assert.equal((await send('GET', `units/${unitId}`, 'officer')).json().contactMobile, UNIT_MOBILE)
      assert.deepEqual((await send('GET', `people?q=${ID_NUMBER}`, 'reader')).json().items.map((x: { id: string }) => x.id), [personId])

      // The backfill ran at start: the legacy rows are encrypted, searchable and read back in clear.
      await assertNoClearIdentifiers()
      assert.ok(!JSON.stringify(await personRow('gper_legacy000001')).includes(LEGACY_MOBILE))
      assert.ok(!JSON.stringify(await unitRow('gunt_legacy000001')).includes(LEGACY_UNIT_MOBILE))
      assert.deepEqual((await send('GET', `people?q=${LEGACY_ID}`, 'reader')).json().items.map((x: { id: string }) => x.id), ['gper_legacy000001'])
      const legacy = (await send('GET', 'people/gper_legacy000001', 'officer')).json()
      assert.deepEqual({ idNumber: legacy.idNumber, mobile: legacy.mobile }, { idNumber: LEGACY_ID, mobile: LEGACY_MOBILE })
      assert.equal((await send('GET', 'units/gunt_legacy000001', 'officer')).json().contactMobile, LEGACY_UNIT_MOBILE)
      const backfilled = (await app.kernel.audit.query({ action: 'grid.pii.backfilled' })).items
      assert.deepEqual(backfilled.map((a) => a.detail), [{ people: 1, units: 1 }])

      // Idempotent: a third start encrypts nothing more and audits nothing more.
      await app.close()
      app = await startGridOn(database)
      assert.equal((await app.kernel.audit.query({ action: 'grid.pii.backfilled' })).items.length, 1)
      assert.equal((await send('GET', 'people/gper_legacy000001', 'officer')).json().idNumber, LEGACY_ID)
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`grid: without the crypto module, the data key is wrapped under a key file in DATA_DIR [${dialect}]`, () => {
    let database: TestDatabase
    let dataDir: string
    let app: FastifyInstance | undefined
    // ops, city, identity not signing with crypto, grid with file keys: no crypto module at all.
    const modules = [
      ...allModules.filter((m) => m.name === 'ops' || m.name === 'city'),
      createIdentityModule({ cookieSecure: false }),
      createGridModule({ piiKeys: 'file' }),
    ]
    before(async () => {
      database = await createTestDatabase(dialect)
      dataDir = mkdtempSync(join(tmpdir(), 'zc-grid-pii-'))
    })
    after(async () => {
      await app?.close()
      await new Promise((r) => setTimeout(r, 250))
      await database?.drop()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('encrypts, reads back in clear after a restart, and refuses to start with another key file or with crypto keys', async () => {
      app = await startGridOn(database, { dataDir, modules })
      assert.ok(!app.kernel.modules.some((m) => m.name === 'crypto'))
      await app.kernel.db.insertInto('grid_address').values({
        id: 'gadr_test000001', road: '岐江路', number: '1号', building: null, unit: null, room: null, full_text: '中山市石岐街道岐江路1号', aliases: '[]',
        building_code: null, lon: 113.38, lat: 22.52, grid_code: null, updated_at: Date.now(),
      }).execute()
      const r = await app.inject({ method: 'POST', url: '/api/v1/grid/people', headers: as('worker'), payload: { name: '陈晓明', idNumber: ID_NUMBER, mobile: MOBILE, residence: 'registered', addressId: 'gadr_test000001' } })
      assert.equal(r.statusCode, 201, r.body)
      const id = r.json().id
      assert.ok(!JSON.stringify(await app.kernel.db.selectFrom('grid_person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).includes(ID_NUMBER))
      const [key] = await app.kernel.db.selectFrom('grid_pii_key').selectAll().execute()
      assert.deepEqual([key!.source, /^file:[0-9a-f]{16}$/.test(key!.key_id)], ['file', true])
      assert.equal(statSync(join(dataDir, 'grid-pii.key')).mode & 0o777, 0o600)
      await app.close()

      app = await startGridOn(database, { dataDir, modules })
      const clear = (await app.inject({ url: `/api/v1/grid/people/${id}`, headers: as('officer') })).json()
      assert.deepEqual({ idNumber: clear.idNumber, mobile: clear.mobile }, { idNumber: ID_NUMBER, mobile: MOBILE })
      assert.deepEqual((await app.inject({ url: `/api/v1/grid/people?q=${ID_NUMBER}`, headers: as('reader') })).json().items.map((x: { id: string }) => x.id), [id])
      await app.close()
      app = undefined

      // Another key file, or crypto keys for a database whose key is in a file: up, but not ready;
      // identifiers answer 500 and are never replaced by a new key. (Crypto last: once its
      // migrations ran, the database no longer starts without the crypto module.)
      const otherDir = mkdtempSync(join(tmpdir(), 'zc-grid-pii-'))
      try {
        for (const [opts, why] of [[{ dataDir: otherDir, modules }, /wrapped by file:[0-9a-f]+, not by this DATA_DIR's grid-pii.key/], [{ dataDir }, /wrapped by file, but the module runs with crypto keys/]] as const) {
          app = await startGridOn(database, opts)
          assert.match(assertProblem(await app.inject({ url: '/readyz' }), 503, 'CORE_NOT_READY').detail, /grid\.piiKey/)
          await assert.rejects((app.kernel.apis.grid as GridApi).pii.cipher(), why)
          assertProblem(await app.inject({ url: `/api/v1/grid/people/${id}`, headers: as('officer') }), 500, 'CORE_INTERNAL')
          assertProblem(await app.inject({ url: `/api/v1/grid/people?q=${ID_NUMBER}`, headers: as('reader') }), 500, 'CORE_INTERNAL')
          assert.equal((await app.kernel.db.selectFrom('grid_pii_key').select('wrapped').executeTakeFirstOrThrow()).wrapped, key!.wrapped)
          await app.close()
          app = undefined
          if (opts.dataDir === otherDir) {
            // The right key file again: nothing was lost.
            app = await startGridOn(database, { dataDir, modules })
            assert.equal((await app.inject({ url: `/api/v1/grid/people/${id}`, headers: as('officer') })).json().idNumber, ID_NUMBER)
            await app.close()
            app = undefined
          }
        }
      } finally {
        rmSync(otherDir, { recursive: true, force: true })
      }
    })
  })
}
