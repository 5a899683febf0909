// The licence type editor's API (console 证照类型管理): create, next revision with optimistic
// concurrency, history, the rules between a definition's parts, what stays once licences exist,
// permissions; every refusal is a problem+json that changes nothing. SQLite and PostgreSQL.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import type { LicenseTypeDefinition } from '../../../src/modules/licenses/types.ts'
import { ADMIN, BUSINESS, as, buildLicensesApp, businessLicenceBody, countRows, eventsOf, ok, type LicensesTestApp } from './helpers.ts'

const L = (zh: string, tw: string, en: string) => ({ 'zh-CN': zh, 'zh-TW': tw, 'en-US': en })

/** 网络预约出租汽车驾驶员证: a person's licence issued by the transport bureau. */
function driverType(patch: Partial<LicenseTypeDefinition> = {}): LicenseTypeDefinition {
  return {
    code: '11442000MB2C0099TST', key: 'ridehail-driver-test', name: L('网络预约出租汽车驾驶员证', '網路預約出租汽車駕駛員證', 'Ride-hailing Driver Licence'),
    holderKind: 'person', issuers: ['zs-jtj'],
    schema: {
      type: 'object',
      properties: {
        holderName: { type: 'string', title: L('姓名', '姓名', 'Name'), maxLength: 50 },
        idNumber: { type: 'string', title: L('身份证号码', '身分證號碼', 'ID number'), format: 'id-card', sensitive: true },
        vehicleClass: { type: 'string', title: L('准驾车型', '準駕車型', 'Vehicle class'), enum: ['C1', 'C2'], enumLabels: [L('小型汽车', '小型汽車', 'Car'), L('小型自动挡汽车', '小型自排汽車', 'Automatic car')] },
      },
      required: ['holderName', 'idNumber'],
    },
    holderFields: { name: 'holderName', identifier: 'idNumber' },
    validity: { kind: 'period', years: 6 },
    statusCodes: [{ code: 'valid', label: L('有效', '有效', 'Valid') }, { code: 'revoked', label: L('注销', '註銷', 'Cancelled') }],
    template: { layout: 'card', emblem: true, colour: '#1f6feb' },
    ...patch,
  }
}

for (const dialect of DIALECTS) {
  describe(`licence type editor [${dialect}]`, () => {
    let t: LicensesTestApp
    before(async () => {
      t = await buildLicensesApp(dialect)
      // Identity's departments: issuers must be the city, a bureau or a town.
      const dept = async (body: object) => ok(await t.app.inject({ method: 'POST', url: '/api/v1/identity/departments', headers: ADMIN, payload: body }), 201)
      const city = await dept({ parentId: null, code: 'zs', name: '中山市', kind: 'city' })
      for (const [code, name] of [['zs-jtj', '中山市交通运输局'], ['zs-scjgj', '中山市市场监督管理局'], ['zs-gaj', '中山市公安局']]) await dept({ parentId: city.id, code, name, kind: 'bureau' })
      const scj = (await t.app.inject({ url: '/api/v1/identity/departments', headers: ADMIN })).json() as Array<{ id: string; code: string }>
      await dept({ parentId: scj.find((d) => d.code === 'zs-scjgj')!.id, code: 'zs-scjgj-djk', name: '登记注册科', kind: 'section' })
    })
    after(() => t.close())

    const post = (body: unknown, who: Parameters<typeof as>[0] = 'typist') => t.app.inject({ method: 'POST', url: '/api/v1/licenses/types', headers: as(who), payload: body as object })
    const put = (code: string, body: unknown, who: Parameters<typeof as>[0] = 'typist') => t.app.inject({ method: 'PUT', url: `/api/v1/licenses/types/${code}`, headers: as(who), payload: body as object })
    // What a type write touches (background work such as status-list publication writes other audit rows and events).
    const state = async () => {
      const db = t.app.kernel.db
      const audit = await db.selectFrom('core_audit').select((eb) => eb.fn.countAll().as('n')).where('action', 'like', 'licenses.type.%').executeTakeFirstOrThrow()
      const events = await db.selectFrom('core_event').select((eb) => eb.fn.countAll().as('n')).where('name', '=', 'licenses.type.saved').executeTakeFirstOrThrow()
      return [await countRows(t.app, 'licenses_type'), await countRows(t.app, 'licenses_type_revision'), Number(audit.n), Number(events.n), JSON.stringify(await db.selectFrom('licenses_type').select(['code', 'revision']).orderBy('code').execute())]
    }

    it('lists the departments a type may name: city, bureaus and towns, not their sections', async () => {
      const r = ok(await t.app.inject({ url: '/api/v1/licenses/type-issuers', headers: as('typist') }))
      assert.deepEqual(r.items.map((d: { code: string }) => d.code), ['zs', 'zs-gaj', 'zs-jtj', 'zs-scjgj'])
      assertProblem(await t.app.inject({ url: '/api/v1/licenses/type-issuers', headers: as('officer') }), 403, 'CORE_FORBIDDEN')
    })

    it('refuses a broken definition, a taken code or key, and callers without the permission; nothing changes', async () => {
      const before = await state()
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/licenses/types', payload: driverType() }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await post(driverType(), 'officer'), 403, 'CORE_FORBIDDEN')
      const shape = assertProblem(await post({ ...driverType(), holderKind: 'robot', extra: 1 }), 400, 'CORE_VALIDATION')
      assert.ok(shape.errors.length >= 1)
      const missingTitle = driverType()
      missingTitle.schema.properties.vehicleClass.title = { ...missingTitle.schema.properties.vehicleClass.title, 'en-US': '' }
      const title = assertProblem(await post(missingTitle), 400, 'LIC_TYPE_INVALID')
      assert.deepEqual(title.errors.map((e: { path: string }) => e.path), ['/schema/properties/vehicleClass/title/en-US'])
      const rules = driverType({ issuers: ['zs-jtj', 'zs-scjgj-djk', 'zs-nowhere'], holderFields: { name: 'holderName', identifier: 'vehicleClass' } })
      rules.schema.required = ['holderName', 'idNumber', 'ghost']
      const bad = assertProblem(await post(rules), 400, 'LIC_TYPE_INVALID')
      assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['/holderFields/identifier', '/issuers/1', '/issuers/2', '/schema/required/2'])
      assert.match(bad.detail, /4/)
      assertProblem(await post(driverType({ code: BUSINESS.code })), 409, 'LIC_TYPE_EXISTS')
      assertProblem(await post(driverType({ key: BUSINESS.key })), 409, 'LIC_TYPE_EXISTS')
      assert.deepEqual(await state(), before)
    })

    it('creates a type at revision 1, audited, with its event; the public catalogue shows it; Chinese errors for a Chinese caller', async () => {
      const created = ok(await post(driverType()), 201)
      assert.equal(created.revision, 1)
      assert.equal(created.name['zh-CN'], '网络预约出租汽车驾驶员证')
      const pub = ok(await t.app.inject({ url: `/api/v1/licenses/types/${created.code}` }))
      assert.deepEqual([pub.revision, pub.key, pub.issuers], [1, 'ridehail-driver-test', ['zs-jtj']])
      assert.ok(ok(await t.app.inject({ url: '/api/v1/licenses/types' })).items.some((x: { code: string }) => x.code === created.code))
      const audit = await t.app.kernel.db.selectFrom('core_audit').select(['action', 'actor_id']).where('target_id', '=', created.code).execute()
      assert.deepEqual(audit.map((a) => [a.action, a.actor_id]), [['licenses.type.created', 'stf_types']])
      assert.deepEqual(await eventsOf(t.app, created.code), ['licenses.type.saved'])
      const zh = await t.app.inject({ method: 'POST', url: '/api/v1/licenses/types', headers: { ...as('typist'), 'accept-language': 'zh-CN' }, payload: driverType() })
      assert.match(assertProblem(zh, 409, 'LIC_TYPE_EXISTS').detail, /已被其他证照类型使用/)
    })

    it('saves the next revision from the one edited; a stale save gets 409 and changes nothing; code and key stay; history keeps each', async () => {
      const code = driverType().code
      const next = driverType({ name: L('网络预约出租汽车驾驶员证', '網路預約出租汽車駕駛員證', 'Online Ride-hailing Driver Licence') })
      const saved = ok(await put(code, { ...next, revision: 1 }))
      assert.equal(saved.revision, 2)
      assert.equal(ok(await t.app.inject({ url: `/api/v1/licenses/types/${code}` })).name['en-US'], 'Online Ride-hailing Driver Licence')
      const before = await state()
      const stale = assertProblem(await put(code, { ...driverType(), revision: 1 }), 409, 'LIC_TYPE_STALE')
      assert.match(stale.detail, /第 2 版/)
      assertProblem(await put(code, { ...driverType({ key: 'other-key' }), revision: 2 }), 400, 'LIC_TYPE_INVALID')
      assertProblem(await put(code, { ...driverType({ code: 'OTHERCODE' }), revision: 2 }), 400, 'LIC_TYPE_INVALID')
      assertProblem(await put('NOSUCHTYPE', { ...driverType({ code: 'NOSUCHTYPE' }), revision: 1 }), 404, 'LIC_TYPE_NOT_FOUND')
      assertProblem(await put(code, { ...driverType() }), 400, 'CORE_VALIDATION')
      assert.deepEqual(await state(), before)
      const history = ok(await t.app.inject({ url: `/api/v1/licenses/types/${code}/history`, headers: as('typist') }))
      assert.deepEqual(history.items.map((h: { revision: number; actorName: string }) => [h.revision, h.actorName]), [[2, '证照目录管理员 周敏'], [1, '证照目录管理员 周敏']])
      assert.equal(history.items[1].definition.name['en-US'], 'Ride-hailing Driver Licence')
      const audit = await t.app.kernel.db.selectFrom('core_audit').select(['action', 'detail']).where('target_id', '=', code).where('action', '=', 'licenses.type.updated').execute()
      assert.deepEqual(JSON.parse(String(audit[0].detail)).changed, ['name'])
      assertProblem(await t.app.inject({ url: `/api/v1/licenses/types/${code}/history`, headers: as('officer') }), 403, 'CORE_FORBIDDEN')
    })

    it('once licences of a type exist, its holder and its fields stay; adding a field is fine; issuance follows the new revision', async () => {
      ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses', headers: as('officer'), payload: businessLicenceBody(71) }), 201)
      const current = ok(await t.app.inject({ url: `/api/v1/licenses/types/${BUSINESS.code}` }))
      const { revision, ...def } = current as LicenseTypeDefinition & { revision: number }
      const before = await state()
      const broken = structuredClone(def)
      broken.holderKind = 'person'
      delete (broken.schema.properties as Record<string, unknown>).businessScope
      broken.schema.required = broken.schema.required.filter((k) => k !== 'businessScope')
      broken.template.fields = broken.template.fields?.filter((k) => k !== 'businessScope')
      const refused = assertProblem(await put(BUSINESS.code, { ...broken, revision }), 409, 'LIC_TYPE_IN_USE')
      assert.deepEqual(refused.errors.map((e: { path: string }) => e.path).sort(), ['/holderKind', '/schema/properties/businessScope'])
      assert.deepEqual(await state(), before)
      const grown = structuredClone(def)
      grown.schema.properties.website = { type: 'string', title: L('网址', '網址', 'Website'), maxLength: 200 }
      ok(await put(BUSINESS.code, { ...grown, revision }))
      const issued = ok(await t.app.inject({ method: 'POST', url: '/api/v1/licenses', headers: as('officer'), payload: businessLicenceBody(72, { website: 'https://example.cn' }) }), 201)
      assert.equal(issued.document.licence.fields.website, 'https://example.cn')
    })

    it('a second seed keeps what the console changed', async () => {
      const { LICENSE_TYPES } = await import('../../../src/modules/licenses/data/types.ts')
      assert.equal(await t.api.seedTypes(LICENSE_TYPES), 0)
      const stored = ok(await t.app.inject({ url: `/api/v1/licenses/types/${BUSINESS.code}` }))
      assert.ok(stored.schema.properties.website, 'the edited revision is still there')
      assert.equal(stored.revision, 2)
    })
  })
}
