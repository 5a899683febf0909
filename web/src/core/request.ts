import { currentLocale, i18n } from './i18n.ts';

/** RFC 9457 problem details as the platform answers them (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId?: string;
  errors?: Array<{ path: string; code: string; message: string }>;
}

/** Codes the client itself raises when no problem body came back. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'TIMEOUT', 'HTTP_ERROR', 'BAD_RESPONSE'] as const;

/**
 * A failed API call. `message` is already localized: the catalog entry `errors.<code>` when there is
 * one, else the server's `detail` (which the server writes in the caller's language), else a generic text.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly problem?: Problem;

  constructor(code: string, status: number, message: string, problem?: Problem) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.problem = problem;
  }
}

/** Maps a problem's `code` to a localized message; never throws. */
export function localizeProblem(code: string, fallback: string | undefined, status = 0, requestId = ''): string {
  const { t, te } = i18n.global;
  const key = `errors.${code}`;
  if (te(key)) return t(key, { status, requestId });
  if (fallback) return fallback;
  return t('errors.HTTP_ERROR', { status });
}

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  /** JSON body; serialized and sent with `content-type: application/json`. */
  json?: unknown;
  /** Query parameters; undefined values are dropped. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Milliseconds before the call is abandoned with code `TIMEOUT` (default 15 s). */
  timeoutMs?: number;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string';
}

/**
 * Calls the platform API and returns the parsed JSON body typed as `T`.
 * Throws `ApiError` on network failure, timeout, or any non-2xx answer; never returns a problem body.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { json, query, timeoutMs = 15_000, headers, ...init } = options;
  const h = new Headers(headers);
  h.set('accept', 'application/json, application/problem+json');
  h.set('accept-language', currentLocale.value);
  if (json !== undefined) h.set('content-type', 'application/json');
  // Cookie-authenticated writes carry the CSRF token from the readable zc_csrf cookie (double submit).
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && !h.has('x-csrf-token')) {
    const csrf = readCookie('zc_csrf');
    if (csrf) h.set('x-csrf-token', csrf);
  }
  const signal = init.signal ?? AbortSignal.timeout(timeoutMs);

  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      credentials: 'same-origin',
      ...init,
      headers: h,
      signal,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    const code = timedOut ? 'TIMEOUT' : 'NETWORK_ERROR';
    throw new ApiError(code, 0, localizeProblem(code, undefined));
  }

  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError('BAD_RESPONSE', res.status, localizeProblem('BAD_RESPONSE', undefined));
    }
  }
  if (res.ok) return body as T;
  if (isProblem(body)) {
    throw new ApiError(body.code, res.status, localizeProblem(body.code, body.detail ?? body.title, res.status, body.requestId), body);
  }
  throw new ApiError('HTTP_ERROR', res.status, localizeProblem('HTTP_ERROR', undefined, res.status));
}
