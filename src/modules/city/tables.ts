export interface CityDivisionTable {
  code: string
  parent_code: string | null
  kind: string
  name_zh_hans: string
  name_zh_hant: string
  name_en: string
  sort: number
  created_at: number
}

export interface CityTables {
  city_division: CityDivisionTable
}
