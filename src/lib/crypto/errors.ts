/**
 * Typed errors of the national-crypto primitives (SM2, SM3, SM4, SM4-GCM, PEM).
 *
 * Every failure carries a stable `code`; tests and callers branch on the code, never on the
 * message. Messages and `expected`/`actual` never contain private key bytes, plaintext or the
 * expected authentication tag (that would be a forgery oracle).
 */

/** The stable error codes and what each one means. */
export const CRYPTO_ERROR_CODES = {
  CRYPTO_BAD_KEY: 'A key has the wrong length, is out of range or is not a point on the curve.',
  CRYPTO_BAD_KEY_ENCODING: 'A PEM/DER key is malformed or is not an SM2 key.',
  CRYPTO_BAD_IV: 'An IV/nonce has the wrong length for the mode.',
  CRYPTO_BAD_INPUT: 'An argument is malformed (wrong length, empty where data is required, bad option).',
  CRYPTO_BAD_SIGNATURE_ENCODING: 'A signature is neither strict DER nor 64 raw bytes as requested.',
  CRYPTO_BAD_SIGNATURE: 'An SM2 signature does not verify (assert-style verification only).',
  CRYPTO_BAD_CIPHERTEXT_ENCODING: 'An SM2 ciphertext matches none of C1C3C2, C1C2C3 or GM/T 0009 DER.',
  CRYPTO_DECRYPT_FAILED: 'Decryption failed: SM2 C3 check, or SM4 padding, did not hold.',
  CRYPTO_TAG_MISMATCH: 'An SM4-GCM authentication tag does not match; no plaintext is released.',
  CRYPTO_SELF_TEST_FAILED: 'A known-answer self-test gave a wrong result.',
} as const

export type CryptoErrorCode = keyof typeof CRYPTO_ERROR_CODES

/** Optional details of a {@link CryptoError}: public expected/actual values and a cause. */
export interface CryptoErrorDetails {
  /** What was wanted, e.g. `'32 bytes'` or a public value in hex. Never secret material. */
  expected?: string
  /** What was given or computed, e.g. `'31 bytes'`. Never secret material. */
  actual?: string
  cause?: unknown
}

/**
 * Error thrown by every function of `src/lib/crypto`. Requires a code from
 * {@link CRYPTO_ERROR_CODES}; `expected`/`actual` are set where a comparison is meaningful.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode
  readonly expected?: string
  readonly actual?: string

  constructor(code: CryptoErrorCode, message: string, details: CryptoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'CryptoError'
    this.code = code
    if (details.expected !== undefined) this.expected = details.expected
    if (details.actual !== undefined) this.actual = details.actual
  }
}

/** Returns true when `err` is a {@link CryptoError}, optionally with the given code. */
export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code)
}

/**
 * Throws `CRYPTO_BAD_INPUT` (or `code`) unless `value` is a Uint8Array of `length` bytes.
 * Requires a short `name` for the message; never prints the bytes themselves.
 */
export function assertBytes(
  value: unknown,
  name: string,
  length?: number,
  code: CryptoErrorCode = 'CRYPTO_BAD_INPUT',
): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new CryptoError(code, `${name} must be a Uint8Array`, {
      expected: 'Uint8Array',
      actual: value === null ? 'null' : typeof value,
    })
  }
  if (length !== undefined && value.length !== length) {
    throw new CryptoError(code, `${name} must be ${length} bytes`, {
      expected: `${length} bytes`,
      actual: `${value.length} bytes`,
    })
  }
}
