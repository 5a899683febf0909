import type { FastifyInstance } from 'fastify'
import type { IdentityService } from '../service/index.ts'
import { accountRoutes } from './accounts.ts'
import { adminRoutes } from './admin.ts'
import { authRoutes } from './auth.ts'
import { orgRoutes } from './org.ts'
import type { CookieSettings } from './helpers.ts'

export interface RouteOptions { cookies: CookieSettings; now: () => number }

/** Every /api/v1 route of the identity module. */
export async function identityRoutes(app: FastifyInstance, api: IdentityService, opts: RouteOptions): Promise<void> {
  const catalog = () => app.kernel.modules.flatMap((m) => Object.entries((m.permissions ?? {}) as Record<string, string>).map(([code, description]) => ({ code, module: m.name, description })))
    .sort((a, b) => a.code.localeCompare(b.code))
  api.setPermissionCatalog(() => new Set(catalog().map((p) => p.code)))
  await authRoutes(app, api, opts.cookies, opts.now)
  await accountRoutes(app, api)
  await orgRoutes(app, api, catalog)
  await adminRoutes(app, api)
}
