/**
 * The demo city's licence types (证照目录): 37 types of 中山市, persons' first, then organisations'.
 * The seed upserts each by `code`; `data.test.ts` checks every definition is complete and coherent.
 */
import type { LicenseTypeDefinition } from '../types.ts'
import { ORGANIZATION_TYPES } from './types-organization.ts'
import { PERSON_TYPES } from './types-person.ts'

export { nationalTypeCode } from './types-person.ts'

export const LICENSE_TYPES: LicenseTypeDefinition[] = [...PERSON_TYPES, ...ORGANIZATION_TYPES]

/** The type with this key (`business-licence` …); throws for an unknown key (demo data errors surface at once). */
export function licenseTypeByKey(key: string): LicenseTypeDefinition {
  const t = LICENSE_TYPES.find((x) => x.key === key)
  if (!t) throw new Error(`unknown licence type key ${key}`)
  return t
}
