/** Permission codes the crypto module checks. */
export const CRYPTO_PERMISSIONS = {
  'crypto:key:create': "Create keys for one's own department",
  'crypto:key:read': 'List keys, read key metadata and public keys, verify signatures',
  'crypto:key:use': 'Sign, encrypt, decrypt and generate data keys with a key (audited, counted)',
  'crypto:key:rotate': 'Rotate a key to a new version (old versions stay for verify/decrypt)',
  'crypto:key:disable': 'Disable and re-enable keys',
  'crypto:key:destroy': 'Destroy a disabled key, erasing its private material',
  'crypto:key:admin': 'Act on keys of every owner (system, seal and all departments)',
  'crypto:cert:issue': 'Issue X.509 certificates for keys from the platform CA',
  'crypto:cert:read': 'Read certificates issued by the platform CA',
  'crypto:cert:revoke': 'Revoke certificates (they appear on the next CRL)',
} as const

export type CryptoPermission = keyof typeof CRYPTO_PERMISSIONS
