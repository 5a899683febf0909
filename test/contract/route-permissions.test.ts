/**
 * Walks every route the full platform registers and checks the access contract (STYLE.md §9,
 * issue 3 item 5): every /api/v1 route declares `public`, `authenticated` or a declared permission
 * code; an anonymous caller gets 401 on every non-public route; a principal without permissions
 * (a fresh citizen) gets 403 on every route that needs a permission code. Requests carry a body,
 * parameters and query generated from the route's own schema, so that validation (which runs
 * before the access check) passes and the answer shows the access decision.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import type { RouteOptions } from 'fastify'
import { buildTestApp, type TestApp } from '../helpers/build-test-app.ts'
import { allModules } from '../../src/modules/index.ts'
import type { ModuleDefinition } from '../../src/core/module.ts'

interface Seen { method: string; url: string; permission: string | undefined; schema: RouteOptions['schema'] }

const routes: Seen[] = []
let t: TestApp
let noPermissionToken = ''

/** Wraps a module so that every route it registers (under /api/v1 or at the root) is recorded. */
function recording(m: ModuleDefinition<any>): ModuleDefinition<any> {
  const hook = (app: Parameters<NonNullable<ModuleDefinition['routes']>>[0]) => app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue
      routes.push({ method, url: r.url, permission: (r.config as { permission?: string } | undefined)?.permission, schema: r.schema })
    }
  })
  return {
    ...m,
    routes: m.routes && (async (app, api, ctx) => { hook(app); await m.routes!(app, api, ctx) }),
    rootRoutes: m.rootRoutes && (async (app, api, ctx) => { hook(app); await m.rootRoutes!(app, api, ctx) }),
  }
}

const ajv = new Ajv({ coerceTypes: 'array', useDefaults: true, allErrors: false, strict: false })
;(addFormats as unknown as (a: Ajv) => void)(ajv)

/** A value that satisfies `schema` (JSON Schema as TypeBox writes it); `seed` varies strings. */
function sample(schema: any, seed: number): unknown {
  if (!schema || typeof schema !== 'object') return undefined
  if ('const' in schema) return schema.const
  if (schema.enum) return schema.enum[0]
  if (schema.anyOf) return sample(schema.anyOf.find((s: any) => s.type !== 'null') ?? schema.anyOf[0], seed)
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: any) => sample(s, seed)))
  if ('default' in schema) return schema.default
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const props = schema.properties ?? {}
      const required: string[] = schema.required ?? []
      for (const k of required) out[k] = sample(props[k], seed)
      for (const k of Object.keys(props)) if (Object.keys(out).length < (schema.minProperties ?? 0) && !(k in out)) out[k] = sample(props[k], seed)
      // A record (TypeBox writes patternProperties): keys that match its pattern, up to minProperties.
      for (const [pattern, value] of Object.entries<any>(schema.patternProperties ?? {})) {
        for (let i = 0; Object.keys(out).length < (schema.minProperties ?? 0) && i < 20; i++) {
          const key = sample({ type: 'string', pattern }, seed + i) as string
          if (!(key in out)) out[key] = sample(value, seed)
        }
      }
      return out
    }
    case 'array': return Array.from({ length: schema.minItems ?? 0 }, (_, i) => sample(schema.items, seed + i))
    case 'integer': case 'number': return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1)
    case 'boolean': return true
    case 'null': return null
    case 'string': {
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z'
      if (schema.format === 'date') return '2026-01-01'
      if (schema.format === 'email') return 'someone@example.com'
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/x'
      if (schema.pattern) {
        const re = new RegExp(schema.pattern)
        const fits = (s: string) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity)
        const found = fc.sample(fc.stringMatching(re), { numRuns: 50, seed }).find(fits)
        if (found !== undefined) return found
      }
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1)).slice(0, schema.maxLength ?? 1000)
    }
    default: return undefined
  }
}

/** A request for `r` that passes its schema validation (tries a few seeds). */
function requestFor(r: Seen): { url: string; payload?: string; headers: Record<string, string> } {
  const s = (r.schema ?? {}) as Record<string, any>
  for (let seed = 1; seed <= 20; seed++) {
    const params = (sample(s.params ?? { type: 'object' }, seed) ?? {}) as Record<string, unknown>
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, (_, name) => encodeURIComponent(String(params[name] ?? sample(s.params?.properties?.[name], seed) ?? 'x'))).replace(/\*$/, 'x')
    const query = s.querystring ? (sample(s.querystring, seed) as Record<string, unknown>) : {}
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
    const body = s.body ? sample(s.body, seed) : undefined
    const ok = (!s.body || ajv.validate(s.body, structuredClone(body))) && (!s.params || ajv.validate(s.params, structuredClone(params)))
    if (ok || seed === 20) {
      return { url: qs ? `${path}?${qs}` : path, payload: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': 'application/json' } }
    }
  }
  throw new Error('unreachable')
}

before(async () => {
  t = await buildTestApp('sqlite', { modules: allModules.map(recording) })
  const reg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'contract.walker', password: 'Contract-Walk-2026', realName: '测试', idNumber: '11010519491231002X', mobile: '13012345678' } })
  assert.equal(reg.statusCode, 201, reg.body)
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'contract.walker', password: 'Contract-Walk-2026', mode: 'token' } })
  noPermissionToken = login.json().accessToken
  const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${noPermissionToken}` } })
  assert.deepEqual(me.json().permissions, [])
})
after(async () => { await t?.close() })

const api = () => routes.filter((r) => r.url.startsWith('/api/'))

test('every route schema compiles (they compile on first use at run time): validators and serializers', () => {
  const compiled = t.app.kernel.compileSchemas()
  // At least a validator or a serializer per /api/v1 route.
  assert.ok(compiled >= routes.length, `${compiled} schemas for ${routes.length} routes`)
})

test('the walk sees the routes of every module', () => {
  assert.ok(api().length > 40, `only ${api().length} API routes seen`)
  for (const prefix of ['/api/v1/version', '/api/v1/city', '/api/v1/me', '/api/v1/identity/accounts']) assert.ok(api().some((r) => r.url === prefix), prefix)
})

test('every /api/v1 route declares public, authenticated or a permission some module declares', () => {
  const known = new Set(allModules.flatMap((m) => Object.keys(m.permissions ?? {})))
  const bad = api().filter((r) => !(r.permission === 'public' || r.permission === 'authenticated' || (r.permission && known.has(r.permission))))
  assert.deepEqual(bad.map((r) => `${r.method} ${r.url}: ${r.permission}`), [])
})

test('an anonymous caller gets 401 on every non-public route', async () => {
  const wrong: string[] = []
  const checked = api().filter((x) => x.permission !== 'public')
  assert.ok(checked.length > 30, `${checked.length} non-public routes`)
  for (const r of checked) {
    const req = requestFor(r)
    const res = await t.app.inject({ method: r.method as 'GET', url: req.url, payload: req.payload, headers: req.headers })
    if (res.statusCode !== 401 || res.json().code !== 'CORE_UNAUTHENTICATED') wrong.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 160)}`)
  }
  assert.deepEqual(wrong, [])
})

test('a principal without permissions gets 403 on every route that needs a permission code', async () => {
  const wrong: string[] = []
  const checked = api().filter((x) => x.permission !== 'public' && x.permission !== 'authenticated')
  assert.ok(checked.length > 30, `${checked.length} routes with a permission code`)
  for (const r of checked) {
    const req = requestFor(r)
    const res = await t.app.inject({ method: r.method as 'GET', url: req.url, payload: req.payload, headers: { ...req.headers, authorization: `Bearer ${noPermissionToken}` } })
    if (res.statusCode !== 403 || res.json().code !== 'CORE_FORBIDDEN') wrong.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 160)}`)
  }
  assert.deepEqual(wrong, [])
})
