import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { makeCnId } from '../../../src/lib/cn-id.ts'
import { makeUscc } from '../../../src/lib/uscc.ts'
import { as, assertIso, buildGridApp, closeGridApp, counts } from './fixtures.ts'

const UNIT = '44200000100101'
const ID_NUMBER = makeCnId('442000', '19900307', 135)
const CREDIT = makeUscc('91442000MA5TE0T01')
const TABLES = ['grid_housing', 'grid_person', 'grid_unit', 'grid_registry_change', 'core_audit']

for (const dialect of DIALECTS) {
  describe(`grid: the actual registers — housing, people, units [${dialect}]`, () => {
    let t: TestApp
    let address: { id: string; fullText: string; gridCode: string; buildingCode: string }
    let housingId: string
    let personId: string
    before(async () => {
      t = await buildGridApp(dialect)
      const items = (await t.app.inject({ url: `/api/v1/grid/addresses?q=${encodeURIComponent('单元')}&limit=100`, headers: as('reader') })).json().items
      address = items.find((a: { gridCode: string }) => a.gridCode === UNIT) ?? items[0]
      assert.ok(address, 'a seeded unit address')
    })
    after(async () => { await closeGridApp(t) })

    const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, who: Parameters<typeof as>[0] | null, payload?: object) =>
      t.app.inject({ method, url: `/api/v1/grid/${url}`, headers: who ? as(who) : {}, ...(payload ? { payload } : {}) })

    it('401 without credentials, 403 without the register permissions', async () => {
      assertProblem(await send('GET', 'people', null), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await send('GET', 'units', 'nobody'), 403, 'CORE_FORBIDDEN')
      assertProblem(await send('POST', 'housing', 'reader', { addressId: address.id, use: 'residential', tenure: 'owned', occupancy: 'self' }), 403, 'CORE_FORBIDDEN')
      assertProblem(await send('DELETE', 'people/gper_demo000001', 'officer'), 403, 'CORE_FORBIDDEN')
    })

    it('the seeded registers are answered masked and filtered by grid', async () => {
      const page = (await send('GET', `people?gridCode=${UNIT}&limit=5`, 'reader')).json()
      assert.equal(page.items.length, 5)
      for (const p of page.items) {
        assert.equal(p.gridCode, UNIT)
        assert.equal(p.masked, true)
        assert.match(p.idNumber, /^\d{4}\*{10}[\dX]{4}$/)
        assert.match(p.mobile, /^1\d{2}\*{4}\d{4}$/)
        assert.match(p.name, /^\S\*+$/u)
      }
      const next = (await send('GET', `people?gridCode=${UNIT}&limit=5&cursor=${page.nextCursor}`, 'reader')).json()
      assert.ok(next.items.every((p: { id: string }) => p.id > page.items[4].id))
      const units = (await send('GET', 'units?limit=3', 'reader')).json().items
      assert.equal(units.length, 3)
      assert.ok(units.every((u: { legalPerson: string; creditCode: string }) => /\*/.test(u.legalPerson) && u.creditCode.length === 18))
    })

    it('bad input gets a 400 with the field and changes nothing', async () => {
      const before = await counts(t, TABLES)
      const badId = ID_NUMBER.slice(0, 17) + (ID_NUMBER[17] === '0' ? '1' : '0')
      const p1 = assertProblem(await send('POST', 'people', 'worker', { name: '陈晓', idNumber: badId, residence: 'registered', addressId: address.id }), 400, 'GRID_BAD_REGISTER')
      assert.deepEqual(p1.errors.map((e: { path: string }) => e.path), ['body/idNumber'])
      const p2 = assertProblem(await send('POST', 'housing', 'worker', { addressId: 'gadr_nowhere', use: 'residential', tenure: 'owned', occupancy: 'self' }), 400, 'GRID_BAD_REGISTER')
      assert.deepEqual(p2.errors.map((e: { path: string }) => e.path), ['body/addressId'])
      const p3 = assertProblem(await send('POST', 'units', 'worker', { name: 'x', creditCode: CREDIT.slice(0, 17) + 'Y', kind: 'enterprise', industry: '零售', legalPerson: '李四', status: 'active', addressId: address.id }), 400, 'GRID_BAD_REGISTER')
      assert.deepEqual(p3.errors.map((e: { path: string }) => e.path), ['body/creditCode'])
      const p4 = assertProblem(await send('POST', 'people', 'worker', { name: '陈晓', idNumber: ID_NUMBER, residence: 'alien', addressId: address.id, extra: 1 }), 400, 'CORE_VALIDATION')
      assert.deepEqual(p4.errors.map((e: { path: string }) => e.path).sort(), ['body/extra', 'body/residence'])
      assert.deepEqual(await counts(t, TABLES), before)
    })

    it('registers a dwelling and a resident on a standard address; the grid comes from the address', async () => {
      const h = await send('POST', 'housing', 'worker', { addressId: address.id, use: 'residential', tenure: 'rented', areaM2: 88.5, occupancy: 'rented' })
      assert.equal(h.statusCode, 201, h.body)
      housingId = h.json().id
      assert.match(housingId, /^ghou_/)
      const { id: _i, createdAt, updatedAt, history, ...rest } = h.json()
      assertIso(createdAt)
      assertIso(updatedAt)
      assert.deepEqual(rest, { addressId: address.id, address: address.fullText, gridCode: address.gridCode, buildingCode: address.buildingCode, use: 'residential', tenure: 'rented', areaM2: 88.5, occupancy: 'rented', version: 1 })
      assert.equal(history.length, 1)
      assert.equal(history[0].before, null)

      const r = await send('POST', 'people', 'worker', { name: '陈晓明', idNumber: ID_NUMBER, mobile: '13912345678', residence: 'floating', housingId })
      assert.equal(r.statusCode, 201, r.body)
      const p = r.json()
      personId = p.id
      assert.deepEqual({ name: p.name, idNumber: p.idNumber, mobile: p.mobile, masked: p.masked, addressId: p.addressId, gridCode: p.gridCode, housingId: p.housingId },
        { name: '陈**', idNumber: `${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(14)}`, mobile: '139****5678', masked: true, addressId: address.id, gridCode: address.gridCode, housingId })
      assert.equal((await t.app.kernel.audit.query({ action: 'grid.person.created', targetId: personId })).items.length, 1)

      // One entry per person: the same number again (lower-case x or not) is refused, naming it masked, and writes nothing.
      const unchanged = await counts(t, TABLES)
      const dup = assertProblem(await send('POST', 'people', 'worker', { name: '陈小明', idNumber: ID_NUMBER.toLowerCase(), residence: 'registered', addressId: address.id }), 409, 'GRID_ID_NUMBER_TAKEN')
      assert.ok(!JSON.stringify(dup).includes(ID_NUMBER.slice(6, 14)), 'the answer does not carry the number in clear')
      assert.deepEqual(await counts(t, TABLES), unchanged)
    })

    it('search finds a resident by a whole ID number or part of the name, still masked', async () => {
      const byId = (await send('GET', `people?q=${ID_NUMBER}`, 'reader')).json().items
      assert.deepEqual(byId.map((x: { id: string }) => x.id), [personId])
      const byName = (await send('GET', `people?q=${encodeURIComponent('晓明')}&housingId=${housingId}`, 'reader')).json().items
      assert.deepEqual(byName.map((x: { id: string; masked: boolean }) => [x.id, x.masked]), [[personId, true]])
      assert.deepEqual((await send('GET', `people?q=${encodeURIComponent('不存在的人')}`, 'reader')).json().items, [])
      // The same search with the query in a POST body (the console's way: no ID number in a URL); reads only.
      const audits = (await counts(t, TABLES)).core_audit
      const posted = await send('POST', 'people/search', 'reader', { q: ID_NUMBER })
      assert.equal(posted.statusCode, 200, posted.body)
      assert.deepEqual(posted.json().items.map((x: { id: string; masked: boolean }) => [x.id, x.masked]), [[personId, true]])
      assert.equal((await counts(t, TABLES)).core_audit, audits)
      assertProblem(await send('POST', 'people/search', 'reader', { q: ID_NUMBER, extra: 1 }), 400, 'CORE_VALIDATION')
      assertProblem(await send('POST', 'people/search', null, { q: ID_NUMBER }), 401, 'CORE_UNAUTHENTICATED')
    })

    it('one record in clear only for grid:registry:pii, and that read is audited', async () => {
      const masked = (await send('GET', `people/${personId}`, 'worker')).json()
      assert.equal(masked.masked, true)
      assert.equal((await t.app.kernel.audit.query({ action: 'grid.person.revealed', targetId: personId })).items.length, 0)
      const clear = (await send('GET', `people/${personId}`, 'officer')).json()
      assert.deepEqual({ name: clear.name, idNumber: clear.idNumber, mobile: clear.mobile, masked: clear.masked }, { name: '陈晓明', idNumber: ID_NUMBER, mobile: '13912345678', masked: false })
      const audit = (await t.app.kernel.audit.query({ action: 'grid.person.revealed', targetId: personId })).items
      assert.deepEqual(audit.map((a: { actorId: string }) => a.actorId), ['usr_officer'])
    })

    it('a field update keeps a masked history; a stale version is refused and changes nothing', async () => {
      const res = await send('PATCH', `people/${personId}`, 'worker', { mobile: '13800001111', version: 1 })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().version, 2)
      assert.deepEqual(res.json().history.at(-1).before, { mobile: '139****5678' })
      assert.deepEqual(res.json().history.at(-1).after, { mobile: '138****1111' })
      const before = await counts(t, TABLES)
      assertProblem(await send('PATCH', `people/${personId}`, 'worker', { residence: 'registered', version: 1 }), 409, 'GRID_REGISTER_CONFLICT')
      assertProblem(await send('PATCH', 'people/gper_missing', 'worker', { residence: 'registered' }), 404, 'GRID_PERSON_NOT_FOUND')
      assert.deepEqual(await counts(t, TABLES), before)
      const rows = await t.app.kernel.db.selectFrom('grid_registry_change').select(['before', 'after']).where('entity_id', '=', personId).execute()
      assert.ok(rows.length >= 2)
      for (const r of rows) assert.ok(!`${r.before}${r.after}`.includes(ID_NUMBER) && !`${r.before}${r.after}`.includes('13912345678'), 'history never holds identifiers in clear')
    })

    it('registers a unit; a credit code is registered once; the legal person is masked', async () => {
      const body = { name: '岐江灯饰商行', creditCode: CREDIT, kind: 'enterprise', industry: '灯饰', legalPerson: '梁志强', contactMobile: '13700002222', employees: 12, status: 'active', addressId: address.id }
      const r = await send('POST', 'units', 'worker', body)
      assert.equal(r.statusCode, 201, r.body)
      assert.deepEqual({ legalPerson: r.json().legalPerson, contactMobile: r.json().contactMobile, gridCode: r.json().gridCode }, { legalPerson: '梁**', contactMobile: '137****2222', gridCode: address.gridCode })
      const before = await counts(t, TABLES)
      assertProblem(await send('POST', 'units', 'worker', { ...body, name: '另一家' }), 409, 'GRID_CREDIT_CODE_TAKEN')
      assert.deepEqual(await counts(t, TABLES), before)
      const found = (await send('GET', `units?q=${CREDIT}`, 'reader')).json().items
      assert.deepEqual(found.map((u: { id: string }) => u.id), [r.json().id])
    })

    it('a dwelling with residents cannot be removed; after the resident moves away it can', async () => {
      const before = await counts(t, TABLES)
      assertProblem(await send('DELETE', `housing/${housingId}`, 'worker'), 409, 'GRID_HOUSING_OCCUPIED')
      assert.deepEqual(await counts(t, TABLES), before)
      assert.equal((await send('DELETE', `people/${personId}`, 'worker')).statusCode, 204)
      assert.equal((await send('DELETE', `housing/${housingId}`, 'worker')).statusCode, 204)
      assertProblem(await send('GET', `housing/${housingId}`, 'reader'), 404, 'GRID_HOUSING_NOT_FOUND')
      assertProblem(await send('DELETE', `people/${personId}`, 'worker'), 404, 'GRID_PERSON_NOT_FOUND')
      const removal = await t.app.kernel.db.selectFrom('grid_registry_change').selectAll().where('entity_id', '=', personId).orderBy('at').orderBy('id').execute()
      assert.deepEqual(JSON.parse(removal.at(-1)!.after), { removed: true })
    })
  })
}
