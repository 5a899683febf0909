/**
 * Events the identity module publishes. Payloads carry ids, kinds and codes, never a personal
 * identifier in clear.
 */
export const IDENTITY_EVENTS = {
  'identity.account.created': 'An account was created (citizen or enterprise registration, staff creation); payload { accountId, kind }',
  'identity.account.updated': 'An account profile, status, department, posts or roles changed; payload { accountId, changes }',
  'identity.account.locked': 'An account was locked after repeated login failures; payload { accountId, until }',
  'identity.enterprise.registered': 'An enterprise was registered; payload { enterpriseId, accountId, legalRepAccountId }',
  'identity.role.changed': 'A role was created, edited or deleted; payload { roleId, code, change }',
  'identity.department.changed': 'A department was created, edited, moved or deleted; payload { departmentId, change }',
  'identity.session.revoked': 'A session was logged out or revoked; payload { sessionId, accountId, reason }',
} as const

export type IdentityEventName = keyof typeof IDENTITY_EVENTS
