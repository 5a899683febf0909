/**
 * Typed errors of the signed-note library. Codes are stable: callers and tests match on
 * `code`, never on the message text.
 */

/** Every code a note function can throw, with its meaning. */
export const NOTE_ERROR_CODES = {
  NOTE_INVALID_UTF8: 'the note is not well-formed UTF-8',
  NOTE_CONTROL_CHARACTER: 'the note contains an ASCII control character other than newline',
  NOTE_MISSING_BLANK_LINE: 'no blank line separates the text from the signatures',
  NOTE_MISSING_FINAL_NEWLINE: 'the note or its text does not end with a newline',
  NOTE_NO_SIGNATURES: 'the note has no signature lines',
  NOTE_BAD_SIGNATURE_LINE: 'a signature line is not "— <name> <base64>"',
  NOTE_BAD_BASE64: 'a signature or key is not canonical standard base64',
  NOTE_SIGNATURE_TOO_SHORT: 'a signature has no bytes after its 4-byte key ID',
  NOTE_TOO_MANY_SIGNATURES: 'the note has more signature lines than allowed',
  NOTE_INVALID_KEY_NAME: 'a key name is empty or contains a space or a plus sign',
  NOTE_BAD_VERIFIER_KEY: 'a verifier key is not <name>+<8 hex digits>+<base64 type‖key>',
  NOTE_KEY_ID_MISMATCH: 'a key ID does not match the name and key it claims',
  NOTE_UNSUPPORTED_KEY_TYPE: 'the signature type of a key is not supported here',
  NOTE_AMBIGUOUS_VERIFIER: 'two verifiers share a key name and key ID',
  NOTE_INVALID_SIGNATURE: 'a signature from a known key does not verify',
  NOTE_UNVERIFIED: 'no signature from a known key',
  NOTE_BAD_CHECKPOINT: 'the note text is not a tlog checkpoint',
  NOTE_BAD_COSIGNATURE: 'a cosignature is not an 8-byte timestamp followed by a 64-byte signature',
} as const

/** A stable error code of the note library. */
export type NoteErrorCode = keyof typeof NOTE_ERROR_CODES

/** Fields that make a note error actionable. */
export interface NoteErrorDetails {
  /** What was expected (a format, a count, a key ID). */
  readonly expected?: string | number
  /** What was found. */
  readonly actual?: string | number
  /** 1-based line of the note where parsing failed, when known. */
  readonly line?: number
}

/**
 * Error thrown by signed-note, checkpoint and cosignature functions; requires a code from
 * NOTE_ERROR_CODES. Carries expected/actual values and the failing line when known.
 */
export class NoteError extends Error {
  readonly code: NoteErrorCode
  readonly expected: string | number | undefined
  readonly actual: string | number | undefined
  readonly line: number | undefined

  constructor(code: NoteErrorCode, message: string, details: NoteErrorDetails = {}) {
    super(message)
    this.name = 'NoteError'
    this.code = code
    this.expected = details.expected
    this.actual = details.actual
    this.line = details.line
  }
}
