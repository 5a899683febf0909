import { can, type DataScope, type Principal } from '../../../core/http/auth.ts'

const NONE: DataScope = { all: false, departmentIds: [], self: true }
const ALL: DataScope = { all: true, departmentIds: [], self: true }

/** The data scope of a principal: its own, or everything for a `system` principal, or only itself. */
export function scopeOf(p: Principal): DataScope {
  return p.dataScope ?? (p.kind === 'system' ? ALL : NONE)
}

/** True when `p` may see a row owned by `ownerId` in `departmentId` (either may be null). */
export function inScope(p: Principal, departmentId: string | null, ownerId: string | null): boolean {
  if (ownerId !== null && ownerId === p.id) return true
  const s = scopeOf(p)
  if (s.all) return true
  return departmentId !== null && s.departmentIds.includes(departmentId)
}

/** True when `p` may grant every one of `permissions` (it holds each, or `*`). */
export function canGrant(p: Principal, permissions: string[]): string | undefined {
  if (p.permissions.has('*')) return undefined
  return permissions.find((perm) => perm === '*' || !can(p, perm))
}
