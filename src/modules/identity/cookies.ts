/** The platform's session cookies: names, parsing and Set-Cookie values. */

export const SESSION_COOKIE = 'zc_session'
/** Readable by the web app, which echoes it in `x-csrf-token` (signed double-submit). */
export const CSRF_COOKIE = 'zc_csrf'
export const CSRF_HEADER = 'x-csrf-token'

/** Reads one cookie from a Cookie header without allocating a map. Returns undefined when absent. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  let i = header.indexOf(`${name}=`)
  while (i > 0 && header[i - 1] !== ' ' && header[i - 1] !== ';') i = header.indexOf(`${name}=`, i + 1)
  if (i < 0) return undefined
  const start = i + name.length + 1
  const end = header.indexOf(';', start)
  const value = header.slice(start, end < 0 ? undefined : end).trim()
  return value || undefined
}

export interface CookieOptions { secure: boolean; sameSite: 'lax' | 'strict'; maxAgeSeconds?: number; httpOnly?: boolean }

/** A Set-Cookie value for `name` on path `/`; `maxAgeSeconds: 0` deletes it. Values must be cookie-safe (base64url). */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', `SameSite=${o.sameSite === 'strict' ? 'Strict' : 'Lax'}`]
  if (o.httpOnly !== false) parts.push('HttpOnly')
  if (o.secure) parts.push('Secure')
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`)
  return parts.join('; ')
}

/** The two cookies of a web session: the HttpOnly session token and the readable CSRF token. */
export function sessionCookies(token: string, csrf: string, expiresAt: string, now: number, o: { secure: boolean; sameSite: 'lax' | 'strict' }): string[] {
  const maxAgeSeconds = (Date.parse(expiresAt) - now) / 1000
  return [
    serializeCookie(SESSION_COOKIE, token, { ...o, maxAgeSeconds }),
    serializeCookie(CSRF_COOKIE, csrf, { ...o, maxAgeSeconds, httpOnly: false }),
  ]
}

export function clearSessionCookies(o: { secure: boolean; sameSite: 'lax' | 'strict' }): string[] {
  return [serializeCookie(SESSION_COOKIE, '', { ...o, maxAgeSeconds: 0 }), serializeCookie(CSRF_COOKIE, '', { ...o, maxAgeSeconds: 0, httpOnly: false })]
}
