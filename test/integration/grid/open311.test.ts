import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import AjvModule from 'ajv'
import formatsModule from 'ajv-formats'
import { DIALECTS } from '../../helpers/dialects.ts'
import type { TestApp } from '../../helpers/build-test-app.ts'
import { DEMO_OPEN311_KEY } from '../../../src/modules/grid/seed/demo.ts'
import { buildGridApp, closeGridApp, counts, pointIn } from './fixtures.ts'
import * as S from './open311-schemas.ts'

const Ajv = ((AjvModule as any).default ?? AjvModule) as typeof AjvModule
const addFormats = ((formatsModule as any).default ?? formatsModule) as (ajv: any) => void
const strict = new (Ajv as any)({ allErrors: true, strict: false })
const coercing = new (Ajv as any)({ allErrors: true, strict: false, coerceTypes: true })
addFormats(strict)
addFormats(coercing)

/** Validates a JSON body, or an XML body after Spark conversion (XML text coerced to the schema's types). */
function check(schema: object, res: { body: string; headers: Record<string, unknown> }, format: 'json' | 'xml'): any {
  let data: unknown
  if (format === 'json') {
    assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
    data = JSON.parse(res.body)
  } else {
    assert.match(String(res.headers['content-type']), /^text\/xml; charset=utf-8/)
    assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?>/)
    data = S.sparkJson(S.parseXml(res.body))
  }
  const validate = (format === 'json' ? strict : coercing).compile(schema)
  assert.ok(validate(data), `${format}: ${JSON.stringify(validate.errors)}\n${res.body.slice(0, 500)}`)
  return data
}

for (const dialect of DIALECTS) {
  describe(`grid: Open311 GeoReport v2 [${dialect}]`, () => {
    let t: TestApp
    let at: { lon: number; lat: number }
    before(async () => {
      t = await buildGridApp(dialect)
      at = await pointIn(t, '44200000500302')
    })
    after(async () => { await closeGridApp(t) })

    const get = (path: string) => t.app.inject({ url: `/open311/v2/${path}` })
    const post = (format: 'json' | 'xml', form: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload: new URLSearchParams(form).toString() })

    for (const format of ['json', 'xml'] as const) {
      it(`discovery → services → definition → POST → GET passes the schemas (${format})`, async () => {
        const disc = check(S.discoverySchema, await get(`discovery.${format}`), format)
        assert.equal(disc.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2')
        const services = check(S.servicesSchema, await get(`services.${format}`), format)
        const collapse = services.find((s: any) => s.service_code === '0401')
        assert.equal(String(collapse.metadata), 'true')
        assert.equal(collapse.type, 'realtime')
        const def = check(S.serviceDefinitionSchema, await get(`services/0401.${format}`), format)
        assert.equal(def.attributes[0].code, 'size')

        // A realtime service answers the id at once.
        const res = await post(format, { api_key: DEMO_OPEN311_KEY, service_code: '0401', lat: String(at.lat), long: String(at.lon), description: '路面塌陷约一平方米', 'attribute[size]': 'medium', media_url: 'https://example.org/p/1.jpg', email: 'li@example.org', first_name: '四', last_name: '李' })
        assert.equal(res.statusCode, 200, res.body)
        const [created] = check(S.postReplySchema, res, format)
        assert.match(created.service_request_id, /^gevt_/)
        const one = check(S.requestsSchema, await get(`requests/${created.service_request_id}.${format}`), format)
        assert.equal(one.length, 1)
        assert.deepEqual([one[0].status, one[0].service_code, String(one[0].lat), String(one[0].long)], ['open', '0401', String(at.lat), String(at.lon)])
        const row = await t.app.kernel.db.selectFrom('grid_event').select(['source', 'reporter_name', 'reporter_contact_masked']).where('id', '=', created.service_request_id).executeTakeFirstOrThrow()
        assert.deepEqual(row, { source: 'open311', reporter_name: '李四', reporter_contact_masked: 'l***@example.org' })

        // A batch service answers a token; the token resolves to the id.
        const [batch] = check(S.postReplySchema, await post(format, { api_key: DEMO_OPEN311_KEY, service_code: '0102', lat: String(at.lat), long: String(at.lon), description: '垃圾' }), format)
        assert.match(batch.token, /^otok_/)
        const [tok] = check(S.tokenReplySchema, await get(`tokens/${batch.token}.${format}`), format)
        assert.equal(tok.token, batch.token)
        const list = check(S.requestsSchema, await get(`requests.${format}?service_request_id=${created.service_request_id},${tok.service_request_id}`), format)
        assert.deepEqual(list.map((r: any) => r.service_request_id).sort(), [created.service_request_id, tok.service_request_id].sort())
      })

      it(`answers the spec's errors: bad api_key 403, unknown service_code 404, a 91-day window 400 (${format})`, async () => {
        const before = await counts(t, ['grid_event'])
        const bad = await post(format, { api_key: 'nope', service_code: '0102', lat: String(at.lat), long: String(at.lon) })
        assert.equal(bad.statusCode, 403)
        assert.equal(Number(check(S.errorsSchema, bad, format)[0].code), 403)
        const unknown = await post(format, { api_key: DEMO_OPEN311_KEY, service_code: '9999', lat: String(at.lat), long: String(at.lon) })
        assert.equal(unknown.statusCode, 404)
        check(S.errorsSchema, unknown, format)
        assert.equal((await post(format, { api_key: DEMO_OPEN311_KEY, lat: String(at.lat), long: String(at.lon) })).statusCode, 400)
        assert.equal((await post(format, { api_key: DEMO_OPEN311_KEY, service_code: '0102' })).statusCode, 400)
        const outside = await post(format, { api_key: DEMO_OPEN311_KEY, service_code: '0102', lat: '39.9', long: '116.4' })
        assert.equal(outside.statusCode, 400)
        check(S.errorsSchema, outside, format)
        const missingAttr = await post(format, { api_key: DEMO_OPEN311_KEY, service_code: '0303', lat: String(at.lat), long: String(at.lon) })
        assert.equal(missingAttr.statusCode, 400)
        assert.equal((await get(`services/9999.${format}`)).statusCode, 404)
        assert.equal((await get(`requests/gevt_missing.${format}`)).statusCode, 404)
        assert.equal((await get(`tokens/otok_missing.${format}`)).statusCode, 404)
        const wide = await get(`requests.${format}?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z`)
        assert.equal(wide.statusCode, 400)
        assert.match(JSON.stringify(check(S.errorsSchema, wide, format)), /90 days/)
        assert.equal((await get(`requests.${format}?start_date=yesterday`)).statusCode, 400)
        assert.equal((await get(`requests.${format}?status=pending`)).statusCode, 400)
        const nf = await get(`nothing.${format}`)
        assert.equal(nf.statusCode, 404)
        check(S.errorsSchema, nf, format)
        assert.deepEqual(await counts(t, ['grid_event']), before)
      })

      it(`filters requests by status, service and the default 90-day window; serves request updates (${format})`, async () => {
        const all = check(S.requestsSchema, await get(`requests.${format}`), format)
        assert.ok(all.length > 500 && all.length <= 1000, String(all.length))
        const ninetyDaysAgo = Date.now() - 90 * 86_400_000 - 60_000
        assert.ok(all.every((r: any) => Date.parse(r.requested_datetime) >= ninetyDaysAgo))
        const closed = check(S.requestsSchema, await get(`requests.${format}?status=closed&service_code=0102,0503`), format)
        assert.ok(closed.length > 0 && closed.every((r: any) => r.status === 'closed' && ['0102', '0503'].includes(r.service_code)))
        const updates = check(S.updatesSchema, await get(`servicerequestupdates.${format}`), format)
        assert.ok(updates.length > 0)
        assert.ok(updates.every((u: any) => Date.parse(u.updated_datetime) >= Date.now() - 86_400_000 - 60_000))
      })
    }
  })
}
