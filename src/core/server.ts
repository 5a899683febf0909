import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import type { ModuleDefinition } from './module.ts'

export interface StartOptions { config: Config; modules: ModuleDefinition<any>[]; onListening?(url: string): void }

/**
 * Builds the app, migrates, seeds the demo city on an empty database (when `demo` is on), listens,
 * and closes gracefully on SIGTERM/SIGINT: in-flight requests finish, then the database closes.
 */
export async function startServer(opts: StartOptions): Promise<FastifyInstance> {
  const app = await buildApp({ config: opts.config, modules: opts.modules })
  const k = app.kernel
  const applied = await k.migrate()
  const fresh = applied.some((m) => m.endsWith('_core_create_outbox'))
  if (opts.config.demo && fresh) {
    k.log.info('empty database: seeding the demo city')
    await k.seedDemo()
  }
  await app.listen({ port: opts.config.port, host: opts.config.host })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : opts.config.port
  const shownHost = opts.config.host === '0.0.0.0' || opts.config.host === '::' ? '127.0.0.1' : opts.config.host
  opts.onListening?.(`http://${shownHost}:${port}`)

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    k.log.info({ signal }, 'shutting down: finishing in-flight requests')
    const force = setTimeout(() => { k.log.error('shutdown timed out'); process.exit(1) }, 15_000)
    force.unref()
    // Keep-alive connections that finish their last request become idle after close() began:
    // close them as they do, so the server does not wait for the keep-alive timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100)
    idle.unref()
    app.close().finally(() => clearInterval(idle)).then(() => { k.log.info('stopped cleanly'); process.exitCode = 0 }, (err) => { k.log.error({ err }, 'shutdown failed'); process.exitCode = 1 })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  return app
}
