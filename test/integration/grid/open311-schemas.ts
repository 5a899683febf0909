/**
 * The published Open311 GeoReport v2 JSON schemas (open311/schema-validation, schema/georeport-v2:
 * request.json, requests.json, service.json, services.json, service-definition.json), transcribed,
 * plus discovery and error shapes written from the GeoReport v2 specification text. Tests validate
 * our JSON answers against these, and our XML answers after a Spark-convention conversion.
 */
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] })

export const requestSchema = {
  description: 'Issues that have been reported as service requests. Location is submitted via lat/long or address or address_id',
  required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  properties: {
    service_request_id: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    status_notes: nullable({ type: 'string' }),
    service_name: nullable({ type: 'string' }),
    service_code: { type: 'string' },
    description: nullable({ type: 'string', maxLength: 4000 }),
    agency_responsible: nullable({ type: 'string' }),
    service_notice: nullable({ type: 'string' }),
    requested_datetime: { type: 'string', format: 'date-time' },
    updated_datetime: nullable({ type: 'string', format: 'date-time' }),
    expected_datetime: nullable({ type: 'string', format: 'date-time' }),
    address: nullable({ type: 'string' }),
    address_id: nullable({ type: 'string' }),
    zipcode: nullable({ type: 'string' }),
    lat: nullable({ type: 'number' }),
    long: nullable({ type: 'number' }),
    media_url: nullable({ type: 'string', format: 'uri' }),
  },
}

export const requestsSchema = { type: 'array', items: { ...requestSchema, minItems: 1, uniqueItems: false } }

export const serviceSchema = {
  description: 'A single service (type) offered via Open311',
  required: ['service_code', 'service_name', 'metadata', 'type'],
  properties: {
    service_code: { type: 'string' },
    service_name: { type: 'string' },
    description: nullable({ type: 'string' }),
    metadata: { type: 'boolean' },
    type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] },
    keywords: nullable({ type: 'string' }),
    group: nullable({ type: 'string' }),
  },
}

export const servicesSchema = { type: 'array', items: serviceSchema }

export const serviceDefinitionSchema = {
  description: 'Attributes associated with a service code. These attributes can be unique to the city/jurisdiction.',
  required: ['service_code', 'attributes'],
  properties: {
    service_code: { type: 'string' },
    attributes: {
      type: 'array',
      items: {
        required: ['variable', 'code', 'datatype', 'required'],
        properties: {
          variable: { type: 'boolean' },
          code: { type: 'string' },
          datatype: { type: 'string', enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: nullable({ type: 'string' }),
          order: nullable({ type: 'integer' }),
          description: nullable({ type: 'string' }),
          values: { type: 'array', items: { required: ['key', 'name'], properties: { key: { type: 'string' }, name: { type: 'string' } } } },
        },
      },
    },
  },
}

/** POST answers: a service_request_id or a token, never both (spec text). */
export const postReplySchema = {
  type: 'array', minItems: 1,
  items: {
    oneOf: [
      { required: ['service_request_id'], not: { required: ['token'] } },
      { required: ['token'], not: { required: ['service_request_id'] } },
    ],
    properties: { service_request_id: { type: 'string' }, token: { type: 'string' }, service_notice: nullable({ type: 'string' }), account_id: nullable({ type: 'string' }) },
  },
}

export const tokenReplySchema = { type: 'array', minItems: 1, items: { required: ['service_request_id', 'token'], properties: { service_request_id: { type: 'string' }, token: { type: 'string' } } } }

export const errorsSchema = { type: 'array', minItems: 1, items: { required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } }, additionalProperties: false } }

export const discoverySchema = {
  required: ['changeset', 'contact', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' }, contact: { type: 'string' }, key_service: { type: 'string' },
    endpoints: { type: 'array', minItems: 1, items: { required: ['specification', 'url', 'changeset', 'type', 'formats'], properties: { specification: { type: 'string' }, url: { type: 'string', format: 'uri' }, changeset: { type: 'string' }, type: { type: 'string', enum: ['production', 'test'] }, formats: { type: 'array', items: { type: 'string' } } } } },
  },
}

export const updatesSchema = {
  type: 'array',
  items: { required: ['update_id', 'service_request_id', 'status', 'updated_datetime'], properties: { update_id: { type: 'string' }, service_request_id: { type: 'string' }, status: { type: 'string' }, updated_datetime: { type: 'string', format: 'date-time' }, description: nullable({ type: 'string' }), media_url: nullable({ type: 'string' }) } },
}

type Node = { name: string; children: Node[]; text: string; empty: boolean }

/** A tiny parser for schemaless XML (elements and text, no attributes), enough for Open311 answers. */
export function parseXml(xml: string): Node {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '')
  const stack: Node[] = [{ name: '#root', children: [], text: '', empty: false }]
  const re = /<(\/?)([A-Za-z_][\w.-]*)(\s*\/)?>|([^<]+)/g
  for (const m of body.matchAll(re)) {
    const top = stack.at(-1)!
    if (m[4] !== undefined) { top.text += m[4].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'); continue }
    if (m[1]) {
      const done = stack.pop()!
      if (done.name !== m[2]) throw new Error(`XML: </${m[2]}> closes <${done.name}>`)
      continue
    }
    const node: Node = { name: m[2]!, children: [], text: '', empty: !!m[3] }
    top.children.push(node)
    if (!m[3]) stack.push(node)
  }
  if (stack.length !== 1 || stack[0]!.children.length !== 1) throw new Error('XML: not one well-formed root element')
  return stack[0]!.children[0]!
}

const LISTS = new Set(['services', 'service_requests', 'attributes', 'values', 'endpoints', 'formats', 'errors', 'service_request_updates'])

/** The Spark-convention JSON of an XML element: plural list elements become arrays, `<x/>` null, text stays text. */
export function sparkJson(n: Node): unknown {
  if (LISTS.has(n.name)) return n.children.map(sparkJson)
  if (n.children.length === 0) return n.empty ? null : n.text
  return Object.fromEntries(n.children.map((c) => [c.name, sparkJson(c)]))
}
