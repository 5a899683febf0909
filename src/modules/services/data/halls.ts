import type { HallRecord } from '../repo/index.ts'
import type { TownRef } from './departments.ts'

const SCHEDULE = { open: '09:00', close: '17:30', lunch: ['12:00', '13:30'] as [string, string], slotMinutes: 30, perWindow: 1 }

/** The city's service centre and one service hall per town and sub-district. */
export function demoHalls(towns: readonly TownRef[]): HallRecord[] {
  return [
    { id: 'hall-city', name: '中山市政务服务中心', divisionCode: '442000', address: '中山市东区兴中道1号', schedule: SCHEDULE, windows: 20 },
    ...towns.map((t) => ({
      id: `hall-${t.code.slice(6, 9)}`, name: `${t.name}政务服务中心`, divisionCode: t.code, address: `中山市${t.name}政务服务中心一楼大厅`,
      schedule: SCHEDULE, windows: t.kind === 'subdistrict' ? 8 : 6,
    })),
  ]
}
