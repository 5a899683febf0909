import { defineErrors } from '../../core/errors.ts'

export const CityError = defineErrors('CITY', {
  DIVISION_NOT_FOUND: [404, 'Division %s not found', '行政区划 %s 不存在', '行政區劃 %s 不存在'],
  NOT_SEEDED: [404, 'No city is configured yet; run `zhicheng seed --demo`', '尚未配置城市，请运行 zhicheng seed --demo', '尚未配置城市，請執行 zhicheng seed --demo'],
})
