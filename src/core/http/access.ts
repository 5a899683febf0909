import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CoreError } from '../errors.ts'
import { can } from './auth.ts'

/**
 * What a route requires: `public`, `authenticated`, or a permission code `module:resource:action`.
 * Every route under /api/v1 declares one in `config.permission`; boot fails on a route without.
 */
export type RouteAccess = 'public' | 'authenticated' | `${string}:${string}:${string}`

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess
  }
}

const CODE = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/

/** Installs the boot-time declaration check and the per-request access check. */
export function installAccessControl(app: FastifyInstance, knownPermissions: () => ReadonlySet<string>): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return
    const access = (route.config as { permission?: string } | undefined)?.permission
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission)`)
    if (access !== 'public' && access !== 'authenticated') {
      if (!CODE.test(access)) throw new Error(`route ${route.method} ${route.url}: permission ${access} is not module:resource:action`)
      if (!knownPermissions().has(access)) throw new Error(`route ${route.method} ${route.url}: permission ${access} is not declared by any module`)
    }
  })
  app.addHook('preHandler', (request: FastifyRequest, _reply, done) => {
    const access = request.routeOptions.config?.permission
    if (!access || access === 'public') return done()
    if (!request.principal) return done(new CoreError.UNAUTHENTICATED())
    if (access !== 'authenticated' && !can(request.principal, access)) return done(new CoreError.FORBIDDEN(access))
    done()
  })
}
