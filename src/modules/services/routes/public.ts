import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { ServicesApi } from '../service/index.ts'
import { ProgressQuerystring, ProgressReply, type ProgressQuerystring as ProgressQ } from '../schema/applications.ts'
import { HallParams, HallsReply, SlotsQuerystring, SlotsReply } from '../schema/appointments.ts'
import { ItemParams } from '../schema/catalog.ts'
import {
  DepartmentsReply, GuideReply, ImeQuerystring, ImeReply, PlacesReply, SearchQuerystring, SearchReply, SuggestQuerystring, SuggestReply, ThemesReply,
} from '../schema/search.ts'
import { sharedPinyinIme } from '../../../lib/ime/dictionary.ts'

const Problem = { $ref: 'Problem#' }
const tags = ['services']

const BundleSchema = Type.Object({
  code: Type.String(), name: Type.String(), description: Type.String(), mode: Type.String(), themes: Type.Array(Type.String()),
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
})

/** Public routes: catalog search and browsing, guides, bundles, halls and slots, progress query. */
export async function publicRoutes(app: FastifyInstance, api: ServicesApi): Promise<void> {
  app.get<{ Querystring: SearchQuerystring }>('/services/items', {
    config: { permission: 'public' },
    schema: {
      tags, summary: 'Search the service catalog',
      description: 'Full-text search in Chinese (jieba segmentation, stop words, synonyms such as 开公司 → 营业执照) and pinyin initials (jzz → 居住证), filtered by theme, department, audience, town and type; ranked by relevance and popularity. Without q, lists by popularity. Without a town, one hit per item across towns (places says how many).',
      querystring: SearchQuerystring, response: { 200: SearchReply, 400: Problem },
    },
  }, async (req) => {
    await api.ready()
    return api.search.search(req.query)
  })

  app.get<{ Querystring: SuggestQuerystring }>('/services/items/suggest', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Suggestions while typing', description: 'Item names starting with, containing, or matching the pinyin of what was typed; then search hits. One per name.', querystring: SuggestQuerystring, response: { 200: SuggestReply, 400: Problem } },
  }, async (req) => {
    await api.ready()
    return { suggestions: api.search.suggest(req.query.q, req.query.limit) }
  })

  app.get<{ Querystring: ImeQuerystring }>('/services/ime', {
    config: { permission: 'public' },
    schema: {
      tags, summary: 'Pinyin input for the kiosk keyboard',
      description: 'Chinese candidates for pinyin letters typed on the on-screen keyboard: words spelled by the leading syllables (longest first, by frequency in jieba’s corpus), then characters of the first syllable. Each candidate says how many letters it stands for.',
      querystring: ImeQuerystring, response: { 200: ImeReply, 400: Problem },
    },
  }, async (req, reply) => {
    const ime = sharedPinyinIme()
    const q = req.query.q.toLowerCase()
    // The same letters always answer the same: let the kiosk's browser keep them.
    void reply.header('cache-control', 'public, max-age=86400')
    return { syllables: ime.split(q), candidates: ime.lookup(q, req.query.limit ?? 30) }
  })

  app.get('/services/themes', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Themes', description: 'Life events for people and the business life cycle for enterprises, with how many published items each has.', response: { 200: ThemesReply } },
  }, async () => {
    await api.ready()
    return api.themes()
  })

  app.get('/services/departments', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Implementing departments', description: 'Departments that implement published items, with item counts.', response: { 200: DepartmentsReply } },
  }, async () => {
    await api.ready()
    return { departments: api.search.departments() }
  })

  app.get<{ Params: ItemParams }>('/services/items/:id', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Service guide (办事指南)', description: 'The published version of an item: conditions, materials, steps, limits, fees, place, phones, form. 404 for drafts and retired items.', params: ItemParams, response: { 200: GuideReply, 400: Problem, 404: Problem } },
  }, async (req) => api.catalog.getGuide(req.params.id))

  app.get<{ Params: ItemParams }>('/services/items/:id/places', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Where else the item is handled', description: 'The published implementations of the same basic item in every town.', params: ItemParams, response: { 200: PlacesReply, 400: Problem } },
  }, async (req) => {
    await api.ready()
    return { places: api.search.places(req.params.id) }
  })

  app.get('/services/bundles', {
    config: { permission: 'public' },
    schema: { tags, summary: '一件事 bundles', description: 'Bundles of items applied for with one form and one set of materials.', response: { 200: Type.Object({ bundles: Type.Array(BundleSchema) }) } },
  }, async () => {
    await api.ready()
    return api.bundles()
  })

  app.get('/services/halls', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Service halls', description: 'Halls where visits can be booked.', response: { 200: HallsReply } },
  }, async () => api.appointments.listHalls())

  app.get<{ Params: HallParams; Querystring: SlotsQuerystring }>('/services/halls/:id/slots', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Time slots of a hall', description: 'Slots of one day with places left; none on weekends and public holidays (official calendar with make-up workdays).', params: HallParams, querystring: SlotsQuerystring, response: { 200: SlotsReply, 400: Problem, 404: Problem } },
  }, async (req) => api.appointments.slots(req.params.id, req.query.date))

  app.get<{ Querystring: ProgressQ }>('/services/progress', {
    config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Progress query (办件查询)', description: 'Public progress of an application by its number and the query code given at submission. Any mismatch answers 404. Rate-limited.', querystring: ProgressQuerystring, response: { 200: ProgressReply, 400: Problem, 404: Problem, 429: Problem } },
  }, async (req) => api.applications.progress(req.query.number, req.query.code))
}
