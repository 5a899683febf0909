import { timingSafeEqual, createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

export type PrincipalKind = 'system' | 'staff' | 'citizen' | 'enterprise' | 'service'

/** Who is calling: resolved once per request by the authenticators, read by services. */
export interface Principal {
  id: string
  kind: PrincipalKind
  name: string
  /** Permission codes `module:resource:action`; `*` grants everything (the bootstrap administrator). */
  permissions: ReadonlySet<string>
  /** The organisation (department tree root or enterprise) the principal acts for, for tenant checks. */
  orgId?: string
  departmentId?: string
  /** Role codes held (identity module); informational, checks use `permissions`. */
  roles?: readonly string[]
  /** Which rows the principal may see; undefined means unrestricted for `system`, own rows only otherwise. */
  dataScope?: DataScope
  /** Grid or division codes the principal works in (grid module); undefined or empty means none. */
  gridScope?: readonly string[]
  /** The login session behind this request, when there is one (for logout and session listing). */
  sessionId?: string
  /** True when the session was opened with a second factor. */
  mfa?: boolean
}

/**
 * The rows a principal may see, already resolved to department ids so that repositories can apply
 * it in SQL: `all`, or rows of `departmentIds`, plus (when `self`) rows the principal owns.
 */
export interface DataScope {
  all: boolean
  departmentIds: readonly string[]
  self: boolean
}

/** True when `principal` holds `permission` (or `*`). */
export function can(principal: Principal | undefined, permission: string): boolean {
  return !!principal && (principal.permissions.has('*') || principal.permissions.has(permission))
}

/** Resolves a principal from a request, or undefined when this authenticator does not apply. */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | undefined> | Principal | undefined

/** Reads `Authorization: Bearer <token>`. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization
  if (!h) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  return m?.[1]
}

/**
 * The bootstrap administrator: `ADMIN_TOKEN` as a bearer token yields a system principal with every
 * permission, until the identity module issues real accounts. Compared in constant time.
 */
export function adminTokenAuthenticator(adminToken: string): Authenticator {
  const want = createHash('sha256').update(adminToken).digest()
  const principal: Principal = { id: 'system:admin', kind: 'system', name: 'bootstrap administrator', permissions: new Set(['*']) }
  return (request) => {
    const token = bearerToken(request)
    if (!token) return undefined
    const got = createHash('sha256').update(token).digest()
    return timingSafeEqual(got, want) ? principal : undefined
  }
}
