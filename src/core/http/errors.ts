import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, CoreError, toProblem, type FieldError } from '../errors.ts'

interface AjvError { instancePath?: string; keyword: string; message?: string; params?: Record<string, unknown> }

function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const out: FieldError[] = []
  const seen = new Map<string, FieldError>()
  for (const v of validation) {
    let path = v.instancePath || ''
    if (v.keyword === 'required' && v.params?.missingProperty) path = `${path}/${String(v.params.missingProperty)}`
    if (v.keyword === 'additionalProperties' && v.params?.additionalProperty) path = `${path}/${String(v.params.additionalProperty)}`
    const full = `${context ?? 'body'}${path}`
    // A union of literals reports one `const` error per branch plus `anyOf`: fold them into one.
    if (v.keyword === 'const' || v.keyword === 'anyOf') {
      const prev = seen.get(full)
      const allowed = v.keyword === 'const' ? [JSON.stringify(v.params?.allowedValue)] : []
      if (prev && prev.code === 'enum') {
        if (allowed.length) prev.message += `, ${allowed[0]}`
        continue
      }
      const fe = { path: full, code: 'enum', message: `must be one of: ${allowed.join(', ')}` }
      if (v.keyword === 'anyOf') fe.message = 'must match one of the allowed values'
      seen.set(full, fe)
      out.push(fe)
      continue
    }
    out.push({ path: full, code: v.keyword, message: v.message ?? v.keyword })
  }
  return out
}

/** Maps any thrown value to an AppError; unknown failures become CORE_INTERNAL (cause kept for the log). */
export function toAppError(err: unknown, request: FastifyRequest, bodyLimit: number): AppError {
  if (err instanceof AppError) return err
  const e = err as FastifyError & { validation?: AjvError[]; validationContext?: string }
  if (e?.validation) {
    const errors = fieldErrors(e.validation, e.validationContext)
    return new CoreError.VALIDATION(errors.map((f) => `${f.path} ${f.message}`).join('; '), { errors })
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new CoreError.BAD_JSON()
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new CoreError.BODY_TOO_LARGE(bodyLimit)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new CoreError.UNSUPPORTED_MEDIA_TYPE(String(request.headers['content-type'] ?? ''))
  }
  if (e instanceof SyntaxError && e.statusCode === 400) return new CoreError.BAD_JSON()
  if (e?.statusCode === 429) return new CoreError.RATE_LIMITED(String((e as { after?: string }).after ?? 'a moment'))
  if (e?.statusCode === 413) return new CoreError.BODY_TOO_LARGE(bodyLimit)
  return new CoreError.INTERNAL(request.id, { cause: err })
}

/** Sends one RFC 9457 problem body. */
export function sendProblem(reply: FastifyReply, err: AppError, request: FastifyRequest): FastifyReply {
  return reply.status(err.status).type('application/problem+json; charset=utf-8').send(toProblem(err, request.lang ?? 'zh-CN', request.id))
}

/** Installs the error and not-found handlers so that every failure has the same body shape. */
export function installErrorHandling(app: FastifyInstance, bodyLimit: number, spaFallback?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined): void {
  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err, request, bodyLimit)
    if (appErr.status >= 500) request.log.error({ err: (appErr.cause ?? err) as Error }, 'request failed')
    else request.log.info({ code: appErr.code }, 'request refused')
    return sendProblem(reply, appErr, request)
  })
  app.setNotFoundHandler((request, reply) => {
    const handled = spaFallback?.(request, reply)
    if (handled) return handled
    return sendProblem(reply, new CoreError.NOT_FOUND(request.method, request.url.split('?')[0]), request)
  })
}
