import { readFileSync, existsSync } from 'node:fs'
import { resolve, join } from 'node:path'

/** The platform's validated configuration. Built once at boot; invalid input fails there, not at first use. */
export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string
  natsUrl: string | undefined
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Module names to run; undefined means every module. */
  modules: string[] | undefined
  demo: boolean
  bodyLimit: number
  corsOrigins: string[]
  adminToken: string | undefined
  webDir: string
  /** Whether `start` builds the web app when its build is missing or stale. */
  buildWeb: boolean
  /**
   * Every setting as read (config file under environment), for modules' own keys (ROOT_KEY,
   * LEDGER_*, PUBLIC_URL …), so a module setting works from the file as well as the environment.
   * Serialising or logging the config prints "[settings]" here, never a secret it holds.
   */
  readonly settings: Readonly<Record<string, string | undefined>>
}

/** Thrown for an invalid configuration value; the message is one line naming the key and what it expects. */
export class ConfigError extends Error {
  constructor(readonly key: string, expected: string, got: unknown) {
    super(`invalid configuration ${key}: expected ${expected}, got ${JSON.stringify(got)}`)
    this.name = 'ConfigError'
  }
}

type Source = Record<string, string | undefined>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

function intIn(src: Source, key: string, def: number, min: number, max: number): number {
  const raw = src[key]
  if (raw === undefined || raw === '') return def
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(key, `an integer ${min}-${max}`, raw)
  const n = Number(raw)
  if (n < min || n > max) throw new ConfigError(key, `an integer ${min}-${max}`, raw)
  return n
}

function bool(src: Source, key: string, def: boolean): boolean {
  const raw = src[key]
  if (raw === undefined || raw === '') return def
  const v = raw.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(v)) return true
  if (['0', 'false', 'no', 'off'].includes(v)) return false
  throw new ConfigError(key, 'true or false', raw)
}

function list(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  return raw.split(',').map((s) => s.trim()).filter(Boolean)
}

/** Reads an optional JSON config file whose keys are the environment names (`PORT`, `DATABASE_URL` …). */
function readConfigFile(path: string): Source {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new ConfigError('ZHICHENG_CONFIG', 'a readable JSON file', `${path} (${(err as Error).message})`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('ZHICHENG_CONFIG', 'a JSON object of settings', path)
  }
  const out: Source = {}
  for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? v.join(',') : String(v)
  return out
}

/**
 * Builds the configuration from the environment over an optional config file (`ZHICHENG_CONFIG`,
 * or `zhicheng.config.json` in the working directory). Environment values win. Throws ConfigError.
 */
export function loadConfig(env: Source = process.env, cwd = process.cwd()): Config {
  const filePath = env.ZHICHENG_CONFIG ?? (existsSync(join(cwd, 'zhicheng.config.json')) ? join(cwd, 'zhicheng.config.json') : undefined)
  const src: Source = { ...(filePath ? readConfigFile(resolve(cwd, filePath)) : {}), ...stripUndefined(env) }

  const port = intIn(src, 'PORT', 8080, 0, 65535)
  const host = src.HOST?.trim() || '0.0.0.0'
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError('HOST', 'a host name or IP address', host)
  const dataDir = resolve(cwd, src.DATA_DIR?.trim() || './data')
  const databaseUrl = src.DATABASE_URL?.trim() || `sqlite:${join(dataDir, 'zhicheng.db')}`
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'sqlite:<path> or postgres://user@host:port/db', databaseUrl)
  }
  const natsUrl = src.NATS_URL?.trim() || undefined
  if (natsUrl && !/^(nats|tls):\/\/[^\s]+$/.test(natsUrl)) throw new ConfigError('NATS_URL', 'nats://host:port', natsUrl)
  const logLevel = (src.LOG_LEVEL?.trim() || 'info') as Config['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join('|'), logLevel)
  const modules = list(src.MODULES)
  if (modules?.some((m) => !/^[a-z][a-z0-9-]*$/.test(m))) throw new ConfigError('MODULES', 'a comma-separated list of module names', src.MODULES)
  const adminToken = src.ADMIN_TOKEN?.trim() || undefined
  if (adminToken !== undefined && adminToken.length < 32) throw new ConfigError('ADMIN_TOKEN', 'at least 32 characters', '<redacted>')
  const corsOrigins = list(src.CORS_ORIGINS) ?? []
  for (const o of corsOrigins) if (!/^https?:\/\/[^\s/]+$/.test(o)) throw new ConfigError('CORS_ORIGINS', 'a comma-separated list of http(s) origins', o)

  const config: Config = {
    port,
    host,
    dataDir,
    databaseUrl,
    natsUrl,
    logLevel,
    modules,
    demo: bool(src, 'DEMO', true),
    bodyLimit: intIn(src, 'BODY_LIMIT', 1_048_576, 1024, 1_073_741_824),
    corsOrigins,
    adminToken,
    webDir: resolve(cwd, src.WEB_DIR?.trim() || './web/dist'),
    buildWeb: bool(src, 'BUILD_WEB', true),
    settings: hiddenSettings(src),
  }
  return config
}

function hiddenSettings(src: Source): Readonly<Source> {
  const settings = { ...src }
  Object.defineProperty(settings, 'toJSON', { value: () => '[settings]', enumerable: false })
  return Object.freeze(settings)
}

function stripUndefined(env: Source): Source {
  const out: Source = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v
  return out
}
