import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { Config } from './config.ts'
import type { MigrationMap } from './db/migrator.ts'
import type { DialectName } from './db/dialect.ts'
import type { EventBus, Subscription } from './events.ts'
import type { AuditLog } from './audit.ts'
import type { Authenticator } from './http/auth.ts'
import type { Clock } from '../lib/time.ts'
import type { IdGenerator } from '../lib/ids.ts'

/** What the kernel hands every module: its ports. */
export interface ModuleContext {
  config: Config
  db: Kysely<any>
  dialect: DialectName
  log: Logger
  clock: Clock
  ids: IdGenerator
  events: EventBus
  audit: AuditLog
  metrics: Registry
  /** Adds a way to resolve the caller (identity registers sessions and tokens here). */
  addAuthenticator(a: Authenticator): void
  /** Registers a readiness check shown by /readyz. */
  addReadinessCheck(name: string, check: () => Promise<boolean>): void
  /** Names of the modules enabled in this process, in boot order. */
  moduleNames: string[]
  /** Migrations known to the code and not yet applied. */
  pendingMigrations(): Promise<string[]>
  /** Readiness checks registered so far (read at request time). */
  readinessChecks: ReadonlyMap<string, () => Promise<boolean>>
  /** Runtime APIs of the modules this one `dependsOn`, by name. */
  deps: Record<string, unknown>
}

export interface ModuleDefinition<Api = unknown> {
  /** Lowercase module name; prefixes its tables, events, permissions and error codes. */
  name: string
  /** Modules that must boot first; their APIs arrive in `ctx.deps`. */
  dependsOn?: string[]
  /** One line saying what the module is, for docs and /api/v1/version. */
  description: string
  migrations?: MigrationMap
  /** Permission codes `module:resource:action` → what they allow. */
  permissions?: Record<string, string>
  /** Event names `module.entity.past-tense` → what they mean. */
  events?: Record<string, string>
  /** Builds the module's API from its ports. Called once, in dependency order. */
  setup?(ctx: ModuleContext): Api | Promise<Api>
  /** Routes under `/api/v1`; each declares `config.permission`. */
  routes?(app: FastifyInstance, api: Api, ctx: ModuleContext): Promise<void> | void
  /** Routes outside `/api/v1` (health probes, metrics, public protocol endpoints). */
  rootRoutes?(app: FastifyInstance, api: Api, ctx: ModuleContext): Promise<void> | void
  /** Event subscribers of this module; names must start with the module name. */
  subscribers?(api: Api, ctx: ModuleContext): Subscription[]
  /** Adds the module's demo-city data; must be deterministic and idempotent. */
  seedDemo?(api: Api, ctx: ModuleContext): Promise<void>
  /** Stops background work on shutdown. */
  stop?(api: Api): Promise<void> | void
}

/** Declares a module. Identity function that keeps the API type. */
export function defineModule<Api>(def: ModuleDefinition<Api>): ModuleDefinition<Api> {
  if (!/^[a-z][a-z0-9]*$/.test(def.name)) throw new TypeError(`module name: got ${def.name}, want lowercase letters and digits`)
  for (const code of Object.keys(def.permissions ?? {})) {
    if (!code.startsWith(`${def.name}:`)) throw new TypeError(`module ${def.name}: permission ${code} must start with ${def.name}:`)
  }
  return def
}

/**
 * Orders `all` modules for boot, keeping only `subset` (and failing if a kept module depends on one
 * left out). Throws a one-line message on an unknown name, a missing dependency or a cycle.
 */
export function resolveModules(all: ModuleDefinition<any>[], subset?: string[]): ModuleDefinition<any>[] {
  const byName = new Map(all.map((m) => [m.name, m]))
  if (byName.size !== all.length) throw new Error('two modules share a name')
  const wanted = subset ?? all.map((m) => m.name)
  for (const name of wanted) if (!byName.has(name)) throw new Error(`unknown module "${name}"; known: ${[...byName.keys()].join(', ')}`)
  const keep = new Set(wanted)
  const ordered: ModuleDefinition<any>[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return
    if (state.get(name) === 'visiting') throw new Error(`module dependency cycle: ${[...path, name].join(' -> ')}`)
    const mod = byName.get(name)
    if (!mod) throw new Error(`module "${path.at(-1)}" depends on "${name}", which does not exist`)
    if (!keep.has(name)) throw new Error(`module "${path.at(-1)}" depends on "${name}", which is not enabled; add it to --modules`)
    state.set(name, 'visiting')
    for (const dep of mod.dependsOn ?? []) visit(dep, [...path, name])
    state.set(name, 'done')
    ordered.push(mod)
  }
  for (const name of wanted) visit(name, [])
  return ordered
}
