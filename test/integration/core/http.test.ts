import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { DIALECTS } from '../../helpers/dialects.ts'
import { buildTestApp, ADMIN, type TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { createProbeModule, NO_PERMISSION_TOKEN } from '../../helpers/probe-module.ts'
import { allModules } from '../../../src/modules/index.ts'

for (const dialect of DIALECTS) {
  describe(`kernel HTTP contract [${dialect}]`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(dialect, { modules: [...allModules, createProbeModule()], config: { bodyLimit: 2048 } }) })
    after(async () => { await t?.close() })

    it('answers liveness, readiness and version', async () => {
      assert.deepEqual((await t.app.inject({ url: '/healthz' })).json(), { status: 'ok' })
      const ready = await t.app.inject({ url: '/readyz' })
      assert.equal(ready.statusCode, 200)
      const checks = ready.json().checks
      assert.equal(ready.json().status, 'ready')
      assert.equal(checks.database, true)
      assert.equal(checks.migrations, true)
      assert.ok(Object.values(checks).every((ok) => ok === true))
      const v = await t.app.inject({ url: '/api/v1/version' })
      const { modules, ...rest } = v.json()
      assert.deepEqual(rest, { name: 'zhicheng', version: '0.1.0', node: process.version, dialect })
      assert.deepEqual([...modules].sort(), [...allModules.map((m) => m.name), 'probe'].sort())
      assert.equal(modules.at(-1), 'probe')
      assert.ok(modules.indexOf('ops') < modules.indexOf('probe'))
    })

    it('answers an unknown route with a 404 problem in the caller language', async () => {
      const zh = assertProblem(await t.app.inject({ url: '/api/v1/no-such-thing' }), 404, 'CORE_NOT_FOUND')
      assert.match(zh.detail, /不存在/)
      const en = assertProblem(await t.app.inject({ url: '/api/v1/no-such-thing', headers: { 'accept-language': 'en-US,en;q=0.9' } }), 404, 'CORE_NOT_FOUND')
      assert.equal(en.detail, 'Route GET /api/v1/no-such-thing not found')
      const tw = assertProblem(await t.app.inject({ url: '/api/v1/x', headers: { 'accept-language': 'zh-TW' } }), 404, 'CORE_NOT_FOUND')
      assert.match(tw.detail, /介面/)
    })

    it('refuses malformed JSON, schema violations and oversize bodies, changing nothing', async () => {
      const post = (payload: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/probe/items', payload, headers: { ...ADMIN, 'content-type': 'application/json', ...headers } })
      assertProblem(await post('{"name": '), 400, 'CORE_BAD_JSON')
      const invalid = assertProblem(await post(JSON.stringify({ name: '', count: -1, extra: true })), 400, 'CORE_VALIDATION')
      assert.deepEqual(invalid.errors.map((e: { path: string }) => e.path).sort(), ['body/count', 'body/extra', 'body/name'])
      for (const e of invalid.errors) assert.ok(e.code && e.message)
      const missing = assertProblem(await post(JSON.stringify({})), 400, 'CORE_VALIDATION')
      assert.deepEqual(missing.errors.map((e: { path: string }) => e.path).sort(), ['body/count', 'body/name'])
      assertProblem(await post(JSON.stringify({ name: 'big', count: 1, note: 'x'.repeat(3000) })), 413, 'CORE_BODY_TOO_LARGE')
      assertProblem(await post('<name/>', { 'content-type': 'application/xml' }), 415, 'CORE_UNSUPPORTED_MEDIA_TYPE')
      const rows = await t.app.kernel.db.selectFrom('probe_item').selectAll().execute()
      assert.equal(rows.length, 0)
      const audit = await t.app.kernel.audit.query({ action: 'probe.item.created' })
      assert.equal(audit.items.length, 0)
    })

    it('authenticates (401), authorises (403) and writes state, audit and event in one transaction', async () => {
      const body = { name: 'lamp', count: 3 }
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: body }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: body, headers: { authorization: `Bearer ${NO_PERMISSION_TOKEN}` } }), 403, 'CORE_FORBIDDEN')
      assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: body, headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token' } }), 401, 'CORE_UNAUTHENTICATED')
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: body, headers: { ...ADMIN, 'x-request-id': 'trace-42' } })
      assert.equal(res.statusCode, 201)
      assert.equal(res.headers['x-request-id'], 'trace-42')
      const { id } = res.json()
      assert.match(id, /^prb_[0-9A-HJKMNP-TV-Z]{26}$/)
      const page = await t.app.inject({ url: '/api/v1/ops/audit?action=probe.item.created', headers: ADMIN })
      assert.equal(page.statusCode, 200)
      const [rec] = page.json().items
      assert.deepEqual({ ...rec, id: undefined, at: undefined }, {
        id: undefined, at: undefined, actorId: 'system:admin', actorKind: 'system', action: 'probe.item.created',
        targetType: 'probe_item', targetId: id, requestId: 'trace-42', outcome: 'success', ip: null, detail: null,
      })
      assert.ok(!Number.isNaN(Date.parse(rec.at)))
      const events = await t.app.kernel.db.selectFrom('core_event').selectAll().where('aggregate_id', '=', id).execute()
      assert.equal(events.length, 1)
      assert.equal(events[0].name, 'probe.item.created')
      assert.equal(events[0].request_id, 'trace-42')
    })

    it('rolls back state, audit and event together when the write fails', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: { name: 'rollback', count: 1 }, headers: ADMIN })
      assertProblem(res, 422, 'PROBE_REFUSED')
      assert.equal((await t.app.kernel.db.selectFrom('probe_item').selectAll().where('name', '=', 'rollback').execute()).length, 0)
      const ev = await t.app.kernel.db.selectFrom('core_event').select('payload').execute()
      assert.ok(ev.every((e) => !String(e.payload).includes('rollback')))
    })

    it('keeps the audit log append-only in the database itself', async () => {
      await assert.rejects(sql`update core_audit set action = 'forged'`.execute(t.app.kernel.db), /append-only/)
      await assert.rejects(sql`delete from core_audit`.execute(t.app.kernel.db), /append-only/)
    })

    it('hides internal errors behind a 500 with the request id', async () => {
      const body = assertProblem(await t.app.inject({ url: '/api/v1/probe/crash' }), 500, 'CORE_INTERNAL')
      assert.doesNotMatch(JSON.stringify(body), /secret internal detail/)
      assert.ok(body.detail.includes(body.requestId))
    })

    it('validates query strings with field errors', async () => {
      const body = assertProblem(await t.app.inject({ url: '/api/v1/ops/audit?limit=999&outcome=maybe', headers: ADMIN }), 400, 'CORE_VALIDATION')
      assert.deepEqual(body.errors.map((e: { path: string }) => e.path).sort(), ['querystring/limit', 'querystring/outcome'])
    })

    it('rate-limits a route that asks for it', async () => {
      for (let i = 0; i < 2; i++) assert.equal((await t.app.inject({ url: '/api/v1/probe/limited' })).statusCode, 200)
      assertProblem(await t.app.inject({ url: '/api/v1/probe/limited' }), 429, 'CORE_RATE_LIMITED')
    })

    it('sends security headers and no CORS headers by default', async () => {
      const res = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/version', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } })
      assert.equal(res.headers['access-control-allow-origin'], undefined)
      const v = await t.app.inject({ url: '/api/v1/version' })
      assert.equal(v.headers['x-content-type-options'], 'nosniff')
      assert.equal(v.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'")
      assert.equal(v.headers['cache-control'], 'no-store')
      assert.equal(v.headers['x-frame-options'], 'DENY')
      assert.ok(v.headers['strict-transport-security'])
      // Documents (the API explorer here, the web app in production) get helmet's full set.
      const doc = await t.app.inject({ url: '/docs/static/index.html' })
      assert.match(String(doc.headers['content-security-policy']), /default-src 'self'/)
      assert.equal(doc.headers['cross-origin-opener-policy'], 'same-origin')
      assert.equal(doc.headers['x-content-type-options'], 'nosniff')
    })

    it('serves OpenAPI 3.1 with every /api/v1 route and Prometheus metrics', async () => {
      const doc = (await t.app.inject({ url: '/docs/json' })).json()
      assert.equal(doc.openapi, '3.1.0')
      for (const path of ['/api/v1/version', '/api/v1/ops/audit', '/api/v1/city', '/api/v1/probe/items']) assert.ok(doc.paths[path], path)
      assert.ok(doc.components.schemas.Problem)
      const metrics = await t.app.inject({ url: '/metrics' })
      assert.equal(metrics.statusCode, 200)
      assert.match(metrics.body, /http_request_duration_seconds_bucket\{/)
      assert.match(metrics.body, /zhicheng_event_deliveries\{status="pending"\}/)
    })
  })

  describe(`readiness before migration [${dialect}]`, () => {
    it('answers 503 while migrations are pending', async () => {
      const t = await buildTestApp(dialect)
      try {
        const probe = createProbeModule()
        // A second app on the same database with one more module: its migration is pending.
        const { buildApp } = await import('../../../src/core/app.ts')
        const app2 = await buildApp({ config: t.app.kernel.config, modules: [...allModules, probe], startEvents: false })
        try {
          const body = assertProblem(await app2.inject({ url: '/readyz' }), 503, 'CORE_NOT_READY')
          assert.match(body.detail, /migrations/)
        } finally {
          await app2.close()
        }
      } finally {
        await t.close()
      }
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`CORS when configured [${dialect}]`, () => {
    it('allows exactly the configured origins', async () => {
      const t = await buildTestApp(dialect, { config: { corsOrigins: ['https://portal.example.gov.cn'] } })
      try {
        const ok = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/version', headers: { origin: 'https://portal.example.gov.cn', 'access-control-request-method': 'GET' } })
        assert.equal(ok.headers['access-control-allow-origin'], 'https://portal.example.gov.cn')
        const other = await t.app.inject({ url: '/api/v1/version', headers: { origin: 'https://evil.example' } })
        assert.equal(other.headers['access-control-allow-origin'], undefined)
      } finally {
        await t.close()
      }
    })
  })
}
