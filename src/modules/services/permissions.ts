/** Permission codes the services module checks. Searching the catalog and reading guides is public. */
export const SERVICES_PERMISSIONS = {
  'services:item:read': 'Read the whole catalog in the console, drafts and retired items included, and export it',
  'services:item:manage': 'Create and edit service items, publish and retire versions, import the catalog',
  'services:application:read': 'Read applications of your departments (work queues, details, statistics)',
  'services:application:accept': 'Claim submitted applications and decide on acceptance: 受理, 不予受理, 补正',
  'services:application:approve': 'Act on approval steps: approve, refuse, countersign, return, transfer',
  'services:appointment:manage': 'See the appointments of service halls and check visitors in',
} as const

export type ServicesPermission = keyof typeof SERVICES_PERMISSIONS
