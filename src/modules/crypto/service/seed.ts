import type { KeyAlgorithm, KeyPurpose } from '../algorithms.ts'
import type { KeyOwner } from '../types.ts'
import { SYSTEM_ACTOR } from './context.ts'
import type { Certificates } from './certificates.ts'
import type { KeyActions } from './keys.ts'

/** The city data bureau (中山市政务服务数据管理局) as a department owner in the demo city. */
export const DEMO_DATA_BUREAU = 'dept-442000-data-bureau'

/** Demo keys: deterministic owners and labels, so the seed is idempotent. */
export const DEMO_KEYS: Array<{ label: string; algorithm: KeyAlgorithm; purpose: KeyPurpose; owner: KeyOwner }> = [
  { label: 'official-seal', algorithm: 'SM2', purpose: 'sign', owner: { type: 'seal', id: 'seal-442000-data-bureau-official' } },
  { label: 'document-signing', algorithm: 'SM2', purpose: 'sign', owner: { type: 'department', id: DEMO_DATA_BUREAU } },
  { label: 'archive-encryption', algorithm: 'SM4', purpose: 'encrypt', owner: { type: 'department', id: DEMO_DATA_BUREAU } },
  { label: 'data-keys', algorithm: 'SM4', purpose: 'wrap', owner: { type: 'system', id: 'data-keys' } },
  { label: 'interop-ed25519', algorithm: 'Ed25519', purpose: 'sign', owner: { type: 'system', id: 'interop-ed25519' } },
  { label: 'interop-p256', algorithm: 'ECDSA-P256', purpose: 'sign', owner: { type: 'system', id: 'interop-p256' } },
]

/**
 * Seeds the platform CA, the demo keys and a certificate for the data bureau's official seal
 * key. A second run changes nothing. Returns how many keys were created.
 */
export async function seedDemoKeys(keys: KeyActions, certificates: Certificates): Promise<{ created: number; certificates: number }> {
  await certificates.ensureCa()
  let created = 0
  for (const k of DEMO_KEYS) if ((await keys.ensureKey(SYSTEM_ACTOR, k)).created) created++
  const seal = (await keys.ensureKey(SYSTEM_ACTOR, DEMO_KEYS[0])).key
  let issued = 0
  if (!(await certificates.hasCertificate(seal.id))) {
    await certificates.issueLeaf(SYSTEM_ACTOR, (await keys.getRecord(seal.id))!, {
      subject: { commonName: '中山市政务服务数据管理局 电子公章', organization: '中山市政务服务数据管理局', locality: '中山市', province: '广东省', country: 'CN' },
      validityDays: 3 * 365,
    })
    issued = 1
  }
  return { created, certificates: issued }
}
