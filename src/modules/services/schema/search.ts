import { Type, type Static } from 'typebox'
import { Audience, ItemData, ItemTypeSchema } from './catalog.ts'

export const SearchQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 60, description: 'Words in Chinese (segmented by jieba, synonyms expanded) or pinyin initials (jzz)' })),
  theme: Type.Optional(Type.String({ pattern: '^(person|legal)\\.[a-z-]{2,20}$' })),
  department: Type.Optional(Type.String({ maxLength: 60 })),
  audience: Type.Optional(Audience),
  town: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{6})?$', description: 'Division code of the implementing town, or 442000 for city-level items' })),
  type: Type.Optional(ItemTypeSchema),
  collapse: Type.Optional(Type.Boolean({ description: 'One hit per item across towns (default true without a town filter)' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
}, { additionalProperties: false })
export type SearchQuerystring = Static<typeof SearchQuerystring>

export const SearchHit = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  audiences: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  onlineDepth: Type.Integer(),
  visits: Type.Integer(),
  kind: Type.String(),
  promisedLimit: Type.Integer(),
  charged: Type.Boolean(),
  popularity: Type.Integer(),
  places: Type.Integer({ description: 'How many towns implement this item (collapsed hits)' }),
})
export type SearchHit = Static<typeof SearchHit>

export const SearchReply = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(SearchHit),
  terms: Type.Array(Type.String(), { description: 'The search terms the query became (after stop words and synonyms)' }),
})
export type SearchReply = Static<typeof SearchReply>

export const SuggestQuerystring = Type.Object({ q: Type.String({ maxLength: 40 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 8 })) }, { additionalProperties: false })
export type SuggestQuerystring = Static<typeof SuggestQuerystring>

export const SuggestReply = Type.Object({
  suggestions: Type.Array(Type.Object({ text: Type.String(), id: Type.String(), places: Type.Integer() })),
})

export const ImeQuerystring = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 40, pattern: "^[A-Za-z']+$", description: "Pinyin letters without tones (ü as v); an apostrophe separates syllables (xi'an)" }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, default: 30 })),
}, { additionalProperties: false })
export type ImeQuerystring = Static<typeof ImeQuerystring>

export const ImeReply = Type.Object({
  syllables: Type.Array(Type.String(), { description: 'How the letters were split; the last syllable may be unfinished. Empty when they are not pinyin.' }),
  candidates: Type.Array(Type.Object({
    text: Type.String(),
    consumed: Type.Integer({ description: 'Letters of q this candidate stands for; the rest stay to be typed on' }),
  })),
})

export const ThemeSchema = Type.Object({
  code: Type.String(),
  audience: Audience,
  icon: Type.String(),
  name: Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), 'en-US': Type.String() }),
  count: Type.Integer({ description: 'Published items of this theme (collapsed across towns)' }),
})
export const ThemesReply = Type.Object({ themes: Type.Array(ThemeSchema) })

export const DepartmentsReply = Type.Object({
  departments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), divisionCode: Type.String(), count: Type.Integer() })),
})

export const PlacesReply = Type.Object({
  places: Type.Array(Type.Object({ id: Type.String(), divisionCode: Type.String(), divisionName: Type.String(), departmentName: Type.String() })),
})

export const GuideReply = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  popularity: Type.Integer(),
  data: ItemData,
})
