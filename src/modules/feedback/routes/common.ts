import type { FastifyRequest } from 'fastify'
import type { CallContext } from '../service/index.ts'

export const Problem = { $ref: 'Problem#' }
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
export const tags = ['feedback']
export const ctx = (req: FastifyRequest): CallContext => ({ principal: req.principal!, requestId: req.id, lang: req.lang })
