import { parseArgs } from 'node:util'
import { join, resolve } from 'node:path'
import { loadConfig, ConfigError, type Config } from '../core/config.ts'
import { APP_VERSION } from '../core/version.ts'
import { LEDGER_HELP } from './ledger-help.ts'

// Everything heavy (the kernel, the module registry and their libraries) is imported only by
// the command that needs it, so `version`, `--help`, offline crypto and a configuration error
// answer at once and print nothing from libraries they never use.

const HELP = `zhicheng ${APP_VERSION} — the city platform

Usage: zhicheng <command> [options]

Commands:
  start     run the platform (migrates; seeds the demo city on an empty database)
            --port N --host H --database URL --data-dir DIR --modules a,b --demo | --no-demo
  migrate   apply pending database migrations (idempotent)
  seed      --demo: add the demo city (deterministic, idempotent)
  keys      list | create | export-public KEY_ID against a running platform (--url, --token or ADMIN_TOKEN)
  crypto    sign --key PRIVATE.pem [--id ID] --in FILE | verify --key PUBLIC.pem|CERT.pem [--id ID] --in FILE --sig B64
            offline SM2 / Ed25519 / ECDSA P-256 signatures (zhicheng crypto --help)
  version   print the version
${LEDGER_HELP}

Configuration comes from the environment (PORT, HOST, DATA_DIR, DATABASE_URL, NATS_URL,
LOG_LEVEL, MODULES, DEMO, BODY_LIMIT, CORS_ORIGINS, ADMIN_TOKEN) over an optional JSON file
(ZHICHENG_CONFIG or ./zhicheng.config.json). Flags win over both.`

/** Maps command-line flags onto configuration keys. */
function flagsToEnv(values: Record<string, string | boolean | undefined>): Record<string, string> {
  const env: Record<string, string> = {}
  if (typeof values.port === 'string') env.PORT = values.port
  if (typeof values.host === 'string') env.HOST = values.host
  if (typeof values.database === 'string') env.DATABASE_URL = values.database
  if (typeof values['data-dir'] === 'string') env.DATA_DIR = values['data-dir']
  if (typeof values.modules === 'string') env.MODULES = values.modules
  if (values.demo === true) env.DEMO = 'true'
  if (values['no-demo'] === true) env.DEMO = 'false'
  return env
}

/** Runs one CLI command; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'keys') return (await import('./crypto.ts')).keysCommand(rest) // own options: src/cli/crypto.ts
  if (command === 'crypto') return (await import('./crypto.ts')).cryptoCommand(rest)
  if (command === 'verify' || command === 'ledger' || command === 'witness') return (await import('./ledger.ts')).runLedgerCommand(command, rest)
  if (command === 'licenses') return (await import('./licenses.ts')).licensesCommand(rest)
  let parsed
  try {
    parsed = parseArgs({
      args: rest, allowPositionals: true, strict: true,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, database: { type: 'string' }, 'data-dir': { type: 'string' },
        modules: { type: 'string' }, demo: { type: 'boolean' }, 'no-demo': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    console.error(`zhicheng: ${(err as Error).message}`)
    return 2
  }
  if (!command || command === 'help' || command === '--help' || command === '-h' || parsed.values.help) {
    console.log(HELP)
    return command ? 0 : 2
  }
  if (command === 'version' || command === '--version') {
    console.log(APP_VERSION)
    return 0
  }
  let config: Config
  try {
    config = loadConfig({ ...process.env, ...flagsToEnv(parsed.values) })
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`zhicheng: ${err.message}`)
      return 1
    }
    throw err
  }
  try {
    if (command !== 'start' && command !== 'migrate' && command !== 'seed') {
      console.error(`zhicheng: unknown command "${command}"\n\n${HELP}`)
      return 2
    }
    const { buildApp } = await import('../core/app.ts')
    const { allModules } = await import('../modules/index.ts')
    switch (command) {
      case 'start': {
        const { ensureWebBuild } = await import('./web-build.ts')
        const { startServer } = await import('../core/server.ts')
        if (config.buildWeb && config.webDir === resolve(join(import.meta.dirname, '../../web/dist'))) ensureWebBuild((m) => console.log(m))
        await startServer({
          config, modules: allModules,
          onListening: (url) => console.log(`zhicheng ${APP_VERSION} is running at ${url}  (portal ${url}/  console ${url}/console  dashboard ${url}/brain  API ${url}/docs)`),
        })
        return 0
      }
      case 'migrate': {
        const app = await buildApp({ config, modules: allModules, startEvents: false })
        try {
          const applied = await app.kernel.migrate()
          console.log(applied.length ? `applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'database is up to date')
        } finally {
          await app.close()
        }
        return 0
      }
      case 'seed': {
        if (!parsed.values.demo) {
          console.error('zhicheng seed: say what to seed: --demo')
          return 2
        }
        const app = await buildApp({ config, modules: allModules, startEvents: false })
        try {
          await app.kernel.migrate()
          await app.kernel.seedDemo()
          console.log('demo city seeded')
        } finally {
          await app.close()
        }
        return 0
      }
      default:
        console.error(`zhicheng: unknown command "${command}"\n\n${HELP}`)
        return 2
    }
  } catch (err) {
    console.error(`zhicheng ${command}: ${(err as Error).message}`)
    return 1
  }
}
