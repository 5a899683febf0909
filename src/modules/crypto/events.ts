import type { KeyAlgorithm, KeyPurpose } from './algorithms.ts'

/** Events the crypto module publishes. Payloads name keys by id; they never carry material. */
export const CRYPTO_EVENTS = {
  'crypto.key.created': 'A key was created (payload: keyId, algorithm, purpose, owner, version)',
  'crypto.key.rotated': 'A key got a new version; older versions remain for verify/decrypt',
  'crypto.key.disabled': 'A key was disabled; private-key use is refused until it is enabled',
  'crypto.key.enabled': 'A disabled key was enabled again',
  'crypto.key.destroyed': 'A key was destroyed: its private material is erased, public keys kept',
  'crypto.certificate.issued': 'The platform CA issued a certificate (payload: certificateId, keyId, serialNumber)',
  'crypto.certificate.revoked': 'A certificate was revoked and will appear on the next CRL',
} as const

export interface KeyEventPayload {
  keyId: string
  algorithm: KeyAlgorithm
  purpose: KeyPurpose
  owner: { type: string; id: string }
  version: number
}

export interface CertificateEventPayload { certificateId: string; keyId: string; serialNumber: string; reason?: string }
