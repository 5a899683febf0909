/**
 * Open311 GeoReport v2 at /open311/v2: discovery, services, service definitions, POST requests
 * (api_key, form-encoded), GET requests with the spec's filters and 90-day window, GET one request,
 * tokens, and FixMyStreet's servicerequestupdates; JSON and XML; errors as `[{code, description}]`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../../lib/time.ts'
import { AppError, pickLang, type Lang } from '../../../core/errors.ts'
import type { GridApi } from '../service/index.ts'
import { getCategory } from '../catalog.ts'
import { EVENT_STATUSES, TERMINAL, type EventStatus } from '../workflow.ts'
import { requestView, serviceDefinition, serviceList, serviceNotice, serviceType, updateView } from './mapping.ts'
import { toXml } from './xml.ts'

type Format = 'json' | 'xml'

/** An Open311 error: HTTP status and description, answered as `[{code, description}]`. */
class Open311Failure extends Error {
  constructor(readonly status: number, description: string) {
    super(description)
  }
}

const DAY = 86_400_000
const WINDOW_DAYS = 90
const MAX_RESULTS = 1000
const OPEN: EventStatus[] = EVENT_STATUSES.filter((s) => !TERMINAL.has(s))
const CLOSED: EventStatus[] = [...TERMINAL]

function formatOf(url: string): Format {
  return /\.xml(\?|$)/.test(url) ? 'xml' : 'json'
}

function send(reply: FastifyReply, format: Format, root: string, value: unknown, status = 200): FastifyReply {
  reply.status(status)
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value))
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value))
}

function sendError(reply: FastifyReply, format: Format, status: number, description: string): FastifyReply {
  return send(reply, format, 'errors', [{ code: status, description }], status)
}

/** Splits `name.ext` into name and format; 404 for another extension. */
function split(file: string): { name: string; format: Format } {
  const m = /^(.+)\.(json|xml)$/.exec(file)
  if (!m) throw new Open311Failure(404, `unknown resource ${file}; use .json or .xml`)
  return { name: m[1]!, format: m[2] as Format }
}

function parseDate(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined
  // W3C date-time with a zone: 2010-01-01T00:00:00Z or +08:00.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) throw new Open311Failure(400, `${name} must be a W3C date-time such as 2026-01-01T00:00:00Z`)
  const t = Date.parse(value)
  if (Number.isNaN(t)) throw new Open311Failure(400, `${name} is not a valid date-time`)
  return t
}

/** Reads form fields, including `attribute[code]=v` and `attribute[code][]=v`. */
function formFields(body: unknown): { fields: Record<string, string>; attributes: Record<string, string> } {
  const fields: Record<string, string> = {}
  const attributes: Record<string, string> = {}
  const entries: Array<[string, unknown]> = body && typeof body === 'object' ? Object.entries(body as Record<string, unknown>) : []
  for (const [k, raw] of entries) {
    const v = Array.isArray(raw) ? raw.map(String).join(',') : raw === undefined || raw === null ? '' : String(raw)
    const m = /^attribute\[([A-Za-z0-9_]+)\](\[\])?$/.exec(k)
    if (m) attributes[m[1]!] = attributes[m[1]!] ? `${attributes[m[1]!]},${v}` : v
    else fields[k] = v
  }
  return { fields, attributes }
}

export async function open311Routes(root: FastifyInstance, api: GridApi, opts: { clock: Clock }): Promise<void> {
  await root.register(async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => {
      const out: Record<string, string | string[]> = {}
      for (const [k, v] of new URLSearchParams(body as string)) {
        const prev = out[k]
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
      }
      done(null, out)
    })
    app.setErrorHandler((err, req, reply) => {
      const format = formatOf(req.url)
      if (err instanceof Open311Failure) return sendError(reply, format, err.status, err.message)
      if (err instanceof AppError && err.status < 500) return sendError(reply, format, err.status >= 400 && err.status < 500 ? (err.status === 404 || err.status === 403 ? err.status : 400) : 400, err.localized(req.lang ?? 'en-US'))
      const status = (err as { statusCode?: number }).statusCode
      if (status && status >= 400 && status < 500) return sendError(reply, format, status === 415 ? 400 : status, (err as Error).message)
      req.log.error({ err }, 'open311 request failed')
      return sendError(reply, format, 500, `internal error; quote request id ${req.id}`)
    })
    app.setNotFoundHandler((req, reply) => sendError(reply, formatOf(req.url), 404, `no such Open311 resource: ${req.method} ${req.url.split('?')[0]}`))

    const lang = (req: FastifyRequest): Lang => {
      const q = (req.query as Record<string, string | undefined>).locale
      return q === 'zh-CN' || q === 'zh-TW' || q === 'en-US' ? q : pickLang(req.headers['accept-language'])
    }
    const hide = { hide: true }
    const base = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}/open311/v2`

    for (const format of ['json', 'xml'] as const) {
      app.get(`/discovery.${format}`, { schema: hide }, async (req, reply) => send(reply, format, 'discovery', {
        changeset: '2026-11-28T00:00:00Z',
        contact: 'The city platform operator (zhicheng); see /docs',
        key_service: `${base(req).replace(/\/open311\/v2$/, '')}/console — Open311 keys are issued by the operator (grid:open311:manage)`,
        endpoints: [
          { specification: 'http://wiki.open311.org/GeoReport_v2', url: base(req), changeset: '2026-11-28T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'] },
        ],
      }))

      app.get(`/services.${format}`, { schema: hide }, async (req, reply) => send(reply, format, 'services', serviceList(lang(req))))

      app.get(`/requests.${format}`, { schema: hide }, async (req, reply) => {
        const q = req.query as Record<string, string | undefined>
        const l = lang(req)
        if (q.service_request_id) {
          const ids = q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_RESULTS)
          const rows = await api.queries.findRaw({ ids, limit: MAX_RESULTS })
          return send(reply, format, 'service_requests', rows.map((e) => requestView(e, l)))
        }
        const start = parseDate(q.start_date, 'start_date')
        const end = parseDate(q.end_date, 'end_date')
        const now = opts.clock.now()
        const to = end ?? (start !== undefined ? Math.min(start + WINDOW_DAYS * DAY, now) : now)
        const from = start ?? to - WINDOW_DAYS * DAY
        if (to < from) throw new Open311Failure(400, 'end_date is before start_date')
        if (to - from > WINDOW_DAYS * DAY) throw new Open311Failure(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`)
        const codes = q.service_code ? q.service_code.split(',').map((s) => s.trim()).filter(Boolean) : []
        for (const c of codes) if (!getCategory(c)) throw new Open311Failure(404, `service_code ${c} not found`)
        const wanted = q.status ? q.status.split(',').map((s) => s.trim()) : []
        for (const s of wanted) if (s !== 'open' && s !== 'closed') throw new Open311Failure(400, `status must be open or closed (got ${s})`)
        const statuses = wanted.length === 1 ? (wanted[0] === 'open' ? OPEN : CLOSED) : undefined
        const rows: Awaited<ReturnType<typeof api.queries.findRaw>> = []
        for (const code of codes.length ? codes : [undefined]) {
          rows.push(...await api.queries.findRaw({ categoryCode: code, statuses, reportedFrom: from, reportedTo: to + 1, limit: MAX_RESULTS }))
        }
        rows.sort((a, b) => b.reportedAt - a.reportedAt || (a.id < b.id ? 1 : -1))
        return send(reply, format, 'service_requests', rows.slice(0, MAX_RESULTS).map((e) => requestView(e, l)))
      })

      app.post(`/requests.${format}`, { schema: hide }, async (req, reply) => {
        const { fields, attributes } = formFields(req.body)
        if (!(await api.open311Keys.checkKey(fields.api_key))) throw new Open311Failure(403, 'Invalid api_key received -- cannot create a request')
        if (!fields.service_code) throw new Open311Failure(400, 'service_code was not provided')
        const category = getCategory(fields.service_code)
        if (!category) throw new Open311Failure(404, `service_code ${fields.service_code} not found`)
        let lon = fields.long === undefined || fields.long === '' ? undefined : Number(fields.long)
        let lat = fields.lat === undefined || fields.lat === '' ? undefined : Number(fields.lat)
        let address = fields.address_string || undefined
        if ((lon === undefined) !== (lat === undefined)) throw new Open311Failure(400, 'lat and long must be sent together')
        if (lon !== undefined && (!Number.isFinite(lon) || !Number.isFinite(lat!) || Math.abs(lat!) > 90 || Math.abs(lon) > 180)) throw new Open311Failure(400, 'lat and long must be WGS84 numbers')
        if (lon === undefined) {
          if (!address && !fields.address_id) throw new Open311Failure(400, 'a location is required: lat & long, address_string or address_id')
          const found = fields.address_id ? await api.registry.addressById(fields.address_id) : (await api.registry.searchAddresses(address!, 1))[0]
          if (!found) throw new Open311Failure(400, `the address ${fields.address_id ?? address} could not be located`)
          lon = found.lon
          lat = found.lat
          address ??= found.fullText
        }
        const l = lang(req)
        const name = [fields.last_name, fields.first_name].filter(Boolean).join('') || undefined
        const r = await api.events.reportEvent(undefined, {
          categoryCode: category.code, description: (fields.description || category.name[l]).slice(0, 4000), lon, lat: lat!, address,
          reporterName: name?.slice(0, 100), contact: (fields.phone || fields.email || undefined)?.slice(0, 100),
          attributes: Object.keys(attributes).length ? attributes : undefined,
          mediaUrl: /^https?:\/\/\S{1,500}$/.test(fields.media_url ?? '') ? fields.media_url : undefined,
        }, 'open311', req.id)
        const notice = serviceNotice(category, l)
        const body = serviceType(category) === 'realtime'
          ? [{ service_request_id: r.event.id, service_notice: notice, account_id: null }]
          : [{ token: r.event.open311Token, service_notice: notice, account_id: null }]
        return send(reply, format, 'service_requests', body)
      })

      app.get(`/servicerequestupdates.${format}`, { schema: hide }, async (req, reply) => {
        const q = req.query as Record<string, string | undefined>
        const now = opts.clock.now()
        const end = parseDate(q.end_date, 'end_date') ?? now
        const start = parseDate(q.start_date, 'start_date') ?? end - DAY
        if (end < start) throw new Open311Failure(400, 'end_date is before start_date')
        if (end - start > WINDOW_DAYS * DAY) throw new Open311Failure(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`)
        const updates = await api.queries.updatesBetween(start, end + 1, MAX_RESULTS)
        return send(reply, format, 'service_request_updates', updates.map((u) => updateView(u, lang(req))))
      })
    }

    app.get<{ Params: { file: string } }>('/services/:file', { schema: hide }, async (req, reply) => {
      const { name, format } = split(req.params.file)
      const c = getCategory(name)
      if (!c) throw new Open311Failure(404, `service_code ${name} not found`)
      return send(reply, format, 'service_definition', serviceDefinition(c))
    })

    app.get<{ Params: { file: string } }>('/requests/:file', { schema: hide }, async (req, reply) => {
      const { name, format } = split(req.params.file)
      const [e] = await api.queries.findRaw({ ids: [name], limit: 1 })
      if (!e) throw new Open311Failure(404, `service_request_id ${name} not found`)
      return send(reply, format, 'service_requests', [requestView(e, lang(req))])
    })

    app.get<{ Params: { file: string } }>('/tokens/:file', { schema: hide }, async (req, reply) => {
      const { name, format } = split(req.params.file)
      const e = await api.queries.byOpen311Token(name)
      if (!e) throw new Open311Failure(404, `token ${name} not found`)
      return send(reply, format, 'service_requests', [{ service_request_id: e.id, token: name }])
    })
  }, { prefix: '/open311/v2' })
}
