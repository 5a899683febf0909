/**
 * Deterministic JSON (RFC 8785, JSON Canonicalization Scheme): object members sorted by the
 * UTF-16 code units of their names, no whitespace, numbers in ECMAScript shortest form,
 * strings escaped as ECMAScript JSON.stringify does. Ledger leaves are canonical JSON so the
 * same entry hashes the same on every node and database dialect.
 *
 * Stricter than JSON.stringify: values it would silently drop or alter (undefined, functions,
 * symbols, NaN, ±Infinity, lone surrogates, Dates, Maps, class instances, cycles) are rejected
 * with a CanonicalJsonError naming the JSON Pointer of the offending value.
 */

/** Every code canonicalize() can throw, with its meaning. */
export const CANONICAL_JSON_ERROR_CODES = {
  /** A value with no JSON form: undefined, function, symbol, bigint, or a non-plain object. */
  CANONICAL_JSON_UNSUPPORTED_TYPE: 'the value has no canonical JSON form',
  /** NaN, Infinity or -Infinity, which I-JSON (RFC 7493) forbids. */
  CANONICAL_JSON_NON_FINITE_NUMBER: 'numbers must be finite',
  /** A string or member name holding a lone UTF-16 surrogate, which is not valid Unicode. */
  CANONICAL_JSON_INVALID_STRING: 'strings must be well-formed Unicode',
  /** An object or array that contains itself. */
  CANONICAL_JSON_CYCLE: 'the value contains a cycle',
} as const

/** A stable error code of canonical JSON serialisation. */
export type CanonicalJsonErrorCode = keyof typeof CANONICAL_JSON_ERROR_CODES

/**
 * Error thrown by canonicalize() and canonicalBytes(); requires a code and the JSON Pointer
 * (RFC 6901) of the rejected value, '' for the root. `actual` names what was found.
 */
export class CanonicalJsonError extends Error {
  readonly code: CanonicalJsonErrorCode
  readonly path: string
  readonly expected: string
  readonly actual: string

  constructor(code: CanonicalJsonErrorCode, path: string, actual: string) {
    const expected = CANONICAL_JSON_ERROR_CODES[code]
    super(`${expected} at '${path}': got ${actual}`)
    this.name = 'CanonicalJsonError'
    this.code = code
    this.path = path
    this.expected = expected
    this.actual = actual
  }
}

/** Any value canonicalize() accepts. */
export type CanonicalJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalJsonValue[]
  | { readonly [key: string]: CanonicalJsonValue }

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value !== 'object') return typeof value
  const proto: unknown = Object.getPrototypeOf(value)
  const name = (proto as { constructor?: { name?: string } } | null)?.constructor?.name
  return name ? `object ${name}` : 'object'
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('CANONICAL_JSON_INVALID_STRING', path, JSON.stringify(value))
  // RFC 8785 §3.2.2.2 adopts ECMAScript JSON.stringify escaping for well-formed strings.
  return JSON.stringify(value)
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('CANONICAL_JSON_NON_FINITE_NUMBER', path, String(value))
      // Number-to-string of ECMAScript = RFC 8785 §3.2.2.3; -0 serialises as 0.
      return JSON.stringify(value)
    case 'object':
      break
    default:
      throw new CanonicalJsonError('CANONICAL_JSON_UNSUPPORTED_TYPE', path, typeof value)
  }
  if (value === null) return 'null'
  if (ancestors.has(value)) throw new CanonicalJsonError('CANONICAL_JSON_CYCLE', path, 'a reference to an enclosing value')
  ancestors.add(value)
  try {
    if (Array.isArray(value)) {
      const items: string[] = []
      // Index loop, not map(): map() skips holes, which must be rejected like undefined.
      for (let i = 0; i < value.length; i++) items.push(serialize(value[i], pointer(path, i), ancestors))
      return `[${items.join(',')}]`
    }
    if (!isPlainObject(value)) throw new CanonicalJsonError('CANONICAL_JSON_UNSUPPORTED_TYPE', path, describeValue(value))
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new CanonicalJsonError('CANONICAL_JSON_UNSUPPORTED_TYPE', path, 'object with symbol keys')
    }
    // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 requires.
    const keys = Object.keys(value).sort()
    const record = value as Record<string, unknown>
    const members = keys.map((key) => {
      const at = pointer(path, key)
      return `${serializeString(key, at)}:${serialize(record[key], at, ancestors)}`
    })
    return `{${members.join(',')}}`
  } finally {
    ancestors.delete(value)
  }
}

/**
 * Serialises `value` as RFC 8785 canonical JSON text. Requires plain data: null, booleans,
 * finite numbers, well-formed strings, arrays and plain objects. Throws CanonicalJsonError for
 * anything else; never calls toJSON() and never drops a member.
 */
export function canonicalize(value: unknown): string {
  return serialize(value, '', new Set())
}

/** Serialises `value` as canonical JSON and encodes it as UTF-8; same requirements as canonicalize(). */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value))
}
