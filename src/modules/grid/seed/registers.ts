/**
 * Demo rows of the actual registers (四实) on the seeded standard addresses: a dwelling per unit
 * address (房屋), one to three residents per dwelling (人口) and a business on every eighth
 * building's street address (单位). Synthetic names and identifiers with valid check characters.
 * Deterministic (own PRNG; the ciphertexts differ per run, their plaintexts do not) and idempotent
 * (written only into empty tables). ID numbers and mobiles are written encrypted like any register entry.
 */
import { withTransaction } from '../../../core/db/transaction.ts'
import { makeCnId } from '../../../lib/cn-id.ts'
import { makeUscc } from '../../../lib/uscc.ts'
import { personIdentifiers, unitIdentifiers } from '../pii-cipher.ts'
import type { Address } from '../repo/registry.ts'
import type { GridDeps } from '../service/index.ts'
import { mulberry32, pick } from './prng.ts'

const SURNAMES = ['陈', '李', '黄', '张', '梁', '刘', '林', '何', '吴', '郑', '欧阳', '冯', '周', '杨', '罗']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '杰', '丽', '军', '嘉欣', '志明', '婉婷', '俊杰', '子轩', '雨桐']
const INDUSTRIES = ['餐饮', '零售', '美容美发', '物流', '教育培训', '医疗诊所', '五金制造', '灯饰', '红木家具', '软件服务']
const SHOPS = ['记', '坊', '行', '店', '商行', '工作室']

/** Seeds housing, people and units when their tables are empty; returns the rows written. */
export async function seedRegisters(deps: GridDeps, addresses: Address[], now: number): Promise<{ housing: number; people: number; units: number }> {
  const written = { housing: 0, people: 0, units: 0 }
  if (!addresses.length || (await deps.registers.count('grid_housing')) > 0) return written
  const cipher = await deps.pii.cipher()
  const random = mulberry32(0x51a7)
  const housing: Array<Record<string, unknown>> = []
  const people: Array<Record<string, unknown>> = []
  const units: Array<Record<string, unknown>> = []
  const base = { created_at: now, updated_at: now, version: 1 }
  let seq = 0
  for (const a of addresses) {
    if (a.unit) {
      const id = `ghou_demo${String(housing.length + 1).padStart(6, '0')}`
      const occupancy = random() < 0.1 ? 'vacant' : random() < 0.35 ? 'rented' : 'self'
      housing.push({
        id, address_id: a.id, address_text: a.fullText, building_code: a.buildingCode, grid_code: a.gridCode, use: 'residential',
        tenure: occupancy === 'rented' ? 'rented' : 'owned', area_m2: 45 + Math.floor(random() * 110), occupancy, ...base,
      })
      const residents = occupancy === 'vacant' ? 0 : 1 + Math.floor(random() * 3)
      for (let r = 0; r < residents; r++) {
        seq++
        const year = 1950 + Math.floor(random() * 55)
        const birth = `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
        const idNumber = makeCnId(random() < 0.7 ? '442000' : pick(random, ['440104', '450102', '430102', '360102']), birth, seq % 1000)
        const mobile = `13${Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
        const personId = `gper_demo${String(people.length + 1).padStart(6, '0')}`
        people.push({
          id: personId, name: `${pick(random, SURNAMES)}${pick(random, GIVEN)}`, ...personIdentifiers(cipher, personId, idNumber, mobile), residence: occupancy === 'rented' ? 'floating' : 'registered',
          housing_id: id, address_id: a.id, address_text: a.fullText, grid_code: a.gridCode, ...base,
        })
      }
    } else if (housing.length % 8 === 0) {
      const industry = pick(random, INDUSTRIES)
      const creditCode = makeUscc(`92442000MA${String(units.length + 1).padStart(7, '0')}`)
      const mobile = `13${Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
      const unitId = `gunt_demo${String(units.length + 1).padStart(6, '0')}`
      units.push({
        id: unitId, name: `${pick(random, SURNAMES)}${pick(random, SURNAMES)}${industry}${pick(random, SHOPS)}`,
        credit_code: creditCode, kind: random() < 0.6 ? 'individual' : 'enterprise', industry, legal_person: `${pick(random, SURNAMES)}${pick(random, GIVEN)}`,
        ...unitIdentifiers(cipher, unitId, mobile), employees: 1 + Math.floor(random() * 40), status: random() < 0.08 ? 'closed' : 'active',
        address_id: a.id, address_text: a.fullText, grid_code: a.gridCode, ...base,
      })
    }
  }
  await withTransaction(deps.db, async (trx) => {
    await deps.registers.insertMany(trx, 'grid_housing', housing)
    await deps.registers.insertMany(trx, 'grid_person', people)
    await deps.registers.insertMany(trx, 'grid_unit', units)
  })
  return { housing: housing.length, people: people.length, units: units.length }
}
