/**
 * A native licence built from a demo seed without signing it for real: the shape and sizes of
 * what the server issues, for rendering previews and the renderer's tests. The signature is a
 * deterministic stand-in of the right length (an SM2 DER signature is 70–72 bytes), so nothing
 * built here verifies.
 */
import { createHash } from 'node:crypto'
import { formatLicenseVersion, makeLicenseId } from '../../../lib/license-id/index.ts'
import { NATIVE_FORMAT, type NativeLicence } from '../types.ts'
import type { DemoLicenceSeed } from '../data/demo.ts'
import { issuerOf } from '../data/issuers.ts'
import { licenseTypeByKey } from '../data/types.ts'

/** The unsigned-but-shaped native licence of a demo seed (status list index derived from the key). */
export function sampleLicence(seed: DemoLicenceSeed, origin = 'https://zwfw.zs.gov.cn'): NativeLicence {
  const type = licenseTypeByKey(seed.type)
  const issuer = issuerOf(seed.issuer)
  if (!issuer) throw new Error(`unknown issuer ${seed.issuer}`)
  const id = makeLicenseId({ typeCode: type.code, issuerCode: issuer.creditCode, number: seed.number, version: formatLicenseVersion(seed.version) })
  const digest = createHash('sha256').update(seed.key).digest()
  const list = `sl_${issuer.departmentId}_1`
  return {
    format: NATIVE_FORMAT,
    licence: {
      id,
      type: { code: type.code, name: type.name['zh-CN'] },
      issuer: { departmentId: issuer.departmentId, name: issuer.name['zh-CN'], creditCode: issuer.creditCode },
      holder: { kind: seed.holder.kind, name: seed.holder.name, identifier: seed.holder.identifier },
      fields: seed.fields,
      issuedAt: seed.issuedAt,
      validFrom: seed.validFrom,
      validUntil: seed.validUntil,
      replaces: null,
      status: { type: 'BitstringStatusListEntry', list, index: digest.readUInt16BE(0), url: `${origin}/api/v1/licenses/status-lists/${list}` },
    },
    signature: { algorithm: 'SM2-with-SM3', userId: '1234567812345678', keyId: 'key_01JDEMO0000000000000000000', keyVersion: 1, value: Buffer.concat([Buffer.from([0x30, 0x45, 0x02, 0x21, 0x00]), digest, Buffer.from([0x02, 0x20]), digest]).toString('base64') },
    anchor: { entryId: 'ent_01JDEMO0000000000000000000', hash: `sm3:${createHash('sha256').update(id).digest('hex')}` },
    receipt: null,
  }
}
