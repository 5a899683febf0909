/** Permission codes the identity module checks (RuoYi-style system administration, split by resource). */
export const IDENTITY_PERMISSIONS = {
  'identity:account:read': 'List and read accounts within the data scope (identifiers masked)',
  'identity:account:write': 'Create staff accounts, edit accounts, assign roles and posts, disable, unlock, reset passwords and second factors',
  'identity:pii:read': 'See personal identifiers (ID and mobile numbers) of other accounts unmasked',
  'identity:enterprise:read': 'List and read enterprises and their agents',
  'identity:department:read': 'Read the department tree',
  'identity:department:write': 'Create, edit and delete departments',
  'identity:post:read': 'Read posts',
  'identity:post:write': 'Create, edit and delete posts',
  'identity:role:read': 'Read roles, their permissions and data scopes',
  'identity:role:write': 'Create, edit and delete roles (permissions, data scope, grid scope, second-factor rule)',
  'identity:dict:write': 'Create and edit dictionaries and their items',
  'identity:session:read': 'List online sessions of all accounts',
  'identity:session:revoke': 'Force any session to log out',
  'identity:log:read': 'Search the login log and the operation log',
  'identity:oidc-client:read': 'List OpenID Connect clients',
  'identity:oidc-client:write': 'Register, edit, disable OpenID Connect clients and rotate their secrets',
} as const

export type IdentityPermission = keyof typeof IDENTITY_PERMISSIONS
