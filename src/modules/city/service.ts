import type { Kysely } from 'kysely'
import type { AuditLog } from '../../core/audit.ts'
import type { Clock } from '../../lib/time.ts'
import { withTransaction } from '../../core/db/transaction.ts'
import { isDivisionCode } from '../../lib/division-code.ts'
import type { CityRepo, Division } from './repo.ts'
import { CityError } from './errors.ts'
import { DEMO_CITY, DEMO_DIVISIONS } from './data/zhongshan.ts'

export interface CityDeps { db: Kysely<any>; repo: CityRepo; audit: AuditLog; clock: Clock }

/** The city and its administrative divisions (行政区划), the frame every other module places things in. */
export function createCityService(deps: CityDeps) {
  const { repo } = deps
  return {
    /** The configured city with its direct divisions; throws CITY_NOT_SEEDED before the first seed. */
    async getCity(): Promise<{ code: string; name: Division['name']; divisions: Division[] }> {
      const root = await repo.getRoot()
      if (!root) throw new CityError.NOT_SEEDED()
      return { code: root.code, name: root.name, divisions: await repo.listChildren(root.code) }
    },
    getDivision: (code: string) => repo.getDivision(code),
    async getDivisionOrThrow(code: string): Promise<Division> {
      const d = await repo.getDivision(code)
      if (!d) throw new CityError.DIVISION_NOT_FOUND(code)
      return d
    },
    listDivisions: (parentCode: string) => repo.listChildren(parentCode),

    /** Writes the demo city and its 24 towns and sub-districts; a second run changes nothing. */
    async seedDemo(): Promise<number> {
      const now = deps.clock.now()
      const rows = [DEMO_CITY, ...DEMO_DIVISIONS].map((d, i) => {
        if (d.code !== '442000400000' && !isDivisionCode(d.code)) throw new Error(`demo division ${d.code} is malformed`)
        return {
          code: d.code, parent_code: i === 0 ? null : DEMO_CITY.code, kind: d.kind,
          name_zh_hans: d.zhHans, name_zh_hant: d.zhHant, name_en: d.en, sort: i, created_at: now,
        }
      })
      return withTransaction(deps.db, async (trx) => {
        const inserted = await repo.insertMissing(trx, rows)
        if (inserted > 0) {
          await deps.audit.append(trx, {
            actorId: 'system:seed', actorKind: 'system', action: 'city.division.seeded',
            targetType: 'city_division', targetId: DEMO_CITY.code, detail: { inserted },
          })
        }
        return inserted
      })
    },
  }
}

export type CityService = ReturnType<typeof createCityService>
