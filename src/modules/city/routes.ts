import type { FastifyInstance } from 'fastify'
import type { CityService } from './service.ts'
import { CityReply, DivisionParams, DivisionSchema } from './schema.ts'

const Problem = { $ref: 'Problem#' }

/** Public reading of the city and its divisions. */
export async function cityRoutes(app: FastifyInstance, city: CityService): Promise<void> {
  app.get('/city', {
    config: { permission: 'public' },
    schema: { tags: ['city'], summary: 'The city', description: 'The city and its towns and sub-districts (镇街), names in zh-CN, zh-TW and en-US.', response: { 200: CityReply, 404: Problem } },
  }, async () => city.getCity())

  app.get<{ Params: DivisionParams }>('/city/divisions/:code', {
    config: { permission: 'public' },
    schema: { tags: ['city'], summary: 'One division', params: DivisionParams, response: { 200: DivisionSchema, 400: Problem, 404: Problem } },
  }, async (req) => city.getDivisionOrThrow(req.params.code))
}
