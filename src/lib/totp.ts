/**
 * Time-based one-time passwords (RFC 6238, SHA-1, 6 digits, 30-second steps) on `otplib`, with
 * the time passed in and replay protection: a code is accepted at most once, and never a code
 * from a step at or before the last accepted one.
 */
import { authenticator } from 'otplib'

export const TOTP_STEP_SECONDS = 30

export type TotpResult = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'invalid' | 'replayed' }

/** A fresh random base32 secret of 20 bytes (160 bits, as RFC 4226 recommends). */
export function generateTotpSecret(): string {
  return authenticator.generateSecret(20)
}

/** The `otpauth://` URI an authenticator app scans. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret)
}

/** The code for `secret` at `now` (epoch ms). For tests and the demo. */
export function totpCode(secret: string, now: number): string {
  return authenticator.clone({ epoch: now, window: 0 }).generate(secret)
}

/**
 * Verifies `code` for `secret` at `now` (epoch ms), accepting one step of clock drift either way.
 * `lastStep` is the step of the last code accepted for this secret (or undefined). Returns the
 * matched step, which the caller must store as the new `lastStep`. Never throws.
 */
export function verifyTotp(secret: string, code: string, now: number, lastStep: number | undefined): TotpResult {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'malformed' }
  let delta: number | null
  try {
    delta = authenticator.clone({ epoch: now, window: 1 }).checkDelta(code, secret)
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (delta === null) return { ok: false, reason: 'invalid' }
  const step = Math.floor(now / 1000 / TOTP_STEP_SECONDS) + delta
  if (lastStep !== undefined && step <= lastStep) return { ok: false, reason: 'replayed' }
  return { ok: true, step }
}
