/** Permission codes the ops module checks. */
export const OPS_PERMISSIONS = {
  'ops:audit:read': 'Read the platform audit log',
  'ops:event:read': 'Read event delivery state and dead letters',
  'ops:event:retry': 'Send a dead-lettered event delivery again',
} as const
