import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { pino, type Logger } from 'pino'
import { Registry, collectDefaultMetrics, Histogram, Gauge } from 'prom-client'
import type { Config } from './config.ts'
import { openConnection, type Connection } from './db/dialect.ts'
import { migrateToLatest, pendingMigrations, type MigrationMap } from './db/migrator.ts'
import { createEventBus, type EventBus, type EventBusOptions } from './events.ts'
import { createNatsBridge, type NatsBridge } from './nats.ts'
import { createAuditLog, type AuditLog } from './audit.ts'
import { resolveModules, type ModuleContext, type ModuleDefinition } from './module.ts'
import { adminTokenAuthenticator, type Authenticator } from './http/auth.ts'
import { installAccessControl } from './http/access.ts'
import { installRequestContext, requestIdFrom, createRequestIdSource } from './http/request-context.ts'
import { installErrorHandling } from './http/errors.ts'
import { installSecurityHeaders } from './http/security-headers.ts'
import { coreMigrations } from './migrations/index.ts'
import { createIdGenerator, type IdGenerator } from '../lib/ids.ts'
import { systemClock, type Clock } from '../lib/time.ts'
import { APP_VERSION } from './version.ts'
import { ProblemSchema } from './http/problem-schema.ts'
import { lazySchemas } from './http/lazy-schemas.ts'

/** The running kernel, reachable as `app.kernel`. */
export interface Kernel {
  config: Config
  db: Kysely<any>
  connection: Connection
  log: Logger
  clock: Clock
  ids: IdGenerator
  events: EventBus
  audit: AuditLog
  metrics: Registry
  modules: ModuleDefinition<any>[]
  /** Module APIs by name. */
  apis: Record<string, unknown>
  migrationSources: Array<{ module: string; migrations: MigrationMap }>
  readinessChecks: Map<string, () => Promise<boolean>>
  /** Applies pending migrations of the kernel and every enabled module. Idempotent. */
  migrate(): Promise<string[]>
  pendingMigrations(): Promise<string[]>
  /** Runs every enabled module's demo seed, in dependency order. Idempotent. */
  seedDemo(): Promise<void>
  /** Compiles every route schema now (they compile on first use otherwise); answers how many. */
  compileSchemas(): number
}

declare module 'fastify' {
  interface FastifyInstance {
    kernel: Kernel
  }
}

export interface BuildAppOptions {
  config: Config
  /** All known modules; `config.modules` picks a subset. */
  modules: ModuleDefinition<any>[]
  connection?: Connection
  clock?: Clock
  ids?: IdGenerator
  logger?: Logger
  /** Start the event dispatcher at ready (default true). */
  startEvents?: boolean
  /** Dispatcher tuning (poll interval, lease, attempts, backoff). */
  eventOptions?: Pick<EventBusOptions, 'pollMs' | 'leaseMs' | 'maxAttempts' | 'backoff'>
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.privateKey']

/**
 * Builds the application: kernel plugins, then every enabled module in dependency order. Never
 * listens. Throws on a missing or cyclic module dependency and on a route without a permission.
 */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = opts
  const log = opts.logger ?? pino({ level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } })
  const modules = resolveModules(opts.modules, config.modules)
  const connection = opts.connection ?? openConnection(config.databaseUrl)
  const clock = opts.clock ?? systemClock
  const ids = opts.ids ?? createIdGenerator(() => clock.now())
  const metrics = new Registry()
  const nextRequestId = createRequestIdSource()
  collectDefaultMetrics({ register: metrics })

  const schemas = lazySchemas()
  const app = Fastify({
    loggerInstance: log,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id'], nextRequestId),
    return503OnClosing: true,
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaController: schemas.controller,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance

  const events = createEventBus({ db: connection.db, clock, ids, log: log.child({ part: 'events' }), ...opts.eventOptions })
  const audit = createAuditLog(connection.db, clock, ids)
  const authenticators: Authenticator[] = []
  if (config.adminToken) authenticators.push(adminTokenAuthenticator(config.adminToken))
  const readinessChecks = new Map<string, () => Promise<boolean>>()
  const permissions = new Set<string>()
  for (const m of modules) for (const p of Object.keys(m.permissions ?? {})) permissions.add(p)
  const migrationSources = [{ module: 'core', migrations: coreMigrations }, ...modules.map((m) => ({ module: m.name, migrations: m.migrations ?? {} }))]

  const apis: Record<string, unknown> = {}
  const kernel: Kernel = {
    compileSchemas: () => schemas.compileAll(),
    config, db: connection.db, connection, log, clock, ids, events, audit, metrics, modules, apis, migrationSources, readinessChecks,
    migrate: () => migrateToLatest(connection.db, migrationSources),
    pendingMigrations: () => pendingMigrations(connection.db, migrationSources),
    async seedDemo() {
      for (const m of modules) {
        if (!m.seedDemo) continue
        const started = performance.now()
        await m.seedDemo(apis[m.name], contexts.get(m.name)!)
        log.info({ module: m.name, ms: Math.round(performance.now() - started) }, 'demo seed')
      }
    },
  }
  app.decorate('kernel', kernel)

  installSecurityHeaders(app)
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: config.corsOrigins, credentials: true })
  await app.register(rateLimit, { global: false })
  await app.register(swagger, {
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: { title: 'zhicheng (智城) API', version: APP_VERSION, description: 'The city platform API. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  app.addSchema(ProblemSchema)
  installRequestContext(app, authenticators)
  installAccessControl(app, () => permissions)
  installErrorHandling(app, config.bodyLimit, spaFallback(config.webDir))
  installHttpMetrics(app, metrics, events)

  const contexts = new Map<string, ModuleContext>()
  for (const mod of modules) {
    const deps: Record<string, unknown> = {}
    for (const d of mod.dependsOn ?? []) deps[d] = apis[d]
    const ctx: ModuleContext = {
      config, db: connection.db, dialect: connection.dialect, log: log.child({ module: mod.name }), clock, ids, events, audit, metrics, deps,
      addAuthenticator: (a) => { authenticators.push(a) },
      addReadinessCheck: (name, check) => { readinessChecks.set(name, check) },
      moduleNames: modules.map((m) => m.name), pendingMigrations: kernel.pendingMigrations, readinessChecks,
    }
    contexts.set(mod.name, ctx)
    events.declare(mod.name, Object.keys(mod.events ?? {}))
    apis[mod.name] = mod.setup ? await mod.setup(ctx) : undefined
    for (const sub of mod.subscribers?.(apis[mod.name], ctx) ?? []) {
      if (!sub.name.startsWith(`${mod.name}.`)) throw new Error(`subscriber ${sub.name} must start with ${mod.name}.`)
      events.subscribe(sub)
    }
    const api = apis[mod.name]
    if (mod.routes) await app.register(async (child) => { await mod.routes!(child, api, ctx) }, { prefix: '/api/v1' })
    if (mod.rootRoutes) await app.register(async (child) => { await mod.rootRoutes!(child, api, ctx) })
  }

  if (existsSync(join(config.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false, maxAge: '1y', immutable: true, serveDotFiles: false })
    app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, (_req, reply) => sendIndex(reply))
  }

  let bridge: NatsBridge | undefined
  app.addHook('onReady', async () => {
    if (config.natsUrl) {
      bridge = await createNatsBridge(config.natsUrl, log)
      events.subscribe(bridge.subscription)
    }
    if (opts.startEvents !== false) events.start()
  })
  app.addHook('onClose', async () => {
    await events.stop()
    for (const m of [...modules].reverse()) await m.stop?.(apis[m.name])
    await bridge?.close()
    if (!opts.connection) await connection.close()
  })
  return app
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0, immutable: false })
}

/** Answers unknown GET paths outside the API with the web app's index.html (client-side routes). */
function spaFallback(webDir: string) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined
    const path = request.url.split('?')[0]!
    if (/^\/(api|docs|ledger|healthz|readyz|metrics)(\/|$)/.test(path) || /\.[a-z0-9]+$/i.test(path)) return undefined
    if (!existsSync(join(webDir, 'index.html'))) return undefined
    return sendIndex(reply)
  }
}

function installHttpMetrics(app: FastifyInstance, metrics: Registry, events: EventBus): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'], registers: [metrics], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  })
  new Gauge({
    name: 'zhicheng_event_deliveries', help: 'Outbox deliveries by status', labelNames: ['status'], registers: [metrics],
    async collect() {
      const stats = await events.stats().catch(() => ({} as Record<string, number>))
      for (const [status, n] of Object.entries(stats)) this.set({ status }, n)
    },
  })
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    done()
  })
}
