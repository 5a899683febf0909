/** Permission codes the licences module checks. Holders need only a principal; verification is public. */
export const LICENSES_PERMISSIONS = {
  'licenses:license:issue': "Issue licences and new versions of them for one's own department",
  'licenses:license:read': "Read licences issued by one's own department",
  'licenses:license:status': "Suspend, revoke and restore licences of one's own department, with a reason; publish status lists",
  'licenses:license:import': 'Bulk-import an existing licence register (CSV / JSON)',
  'licenses:type:manage': 'Create and edit licence types',
  'licenses:consent:read': "Read licence data lent by consent (免提交) to an application of one's own department",
  'licenses:stats:read': 'Read licence statistics: issued, reuse and verification counts',
} as const
