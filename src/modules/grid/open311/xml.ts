/**
 * The XML side of Open311 GeoReport v2: schemaless elements, no namespace, UTF-8 declaration, lists
 * as a plural element of singular children (`<services><service>…`). JSON is the Spark-convention
 * mapping of the same tree, so one value tree serves both formats.
 */
const SINGULAR: Record<string, string> = {
  services: 'service', service_requests: 'request', attributes: 'attribute', values: 'value', endpoints: 'endpoint',
  formats: 'format', errors: 'error', service_request_updates: 'request_update',
}

function escape(s: string): string {
  // Control characters other than tab, newline and return are not allowed in XML 1.0: dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[<>&'"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? '')
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  if (Array.isArray(value)) {
    const child = SINGULAR[name] ?? 'item'
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('')}</${name}>`
  }
  return `<${name}>${escape(String(value))}</${name}>`
}

/** Serialises `value` as an Open311 XML document whose root element is `root`. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`
}
