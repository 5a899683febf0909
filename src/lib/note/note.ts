/**
 * C2SP signed-note: text ending in a newline, a blank line, then one or more lines
 * `— <key name> <base64(key ID ‖ signature)>`. Parsing, formatting, signing through
 * caller-provided Signers, and opening (verifying) against a set of known Verifiers, with the
 * semantics of golang.org/x/mod/sumdb/note: unknown keys are ignored, a known key that fails
 * rejects the note, and at least one known key must verify.
 */
import { decodeBase64, encodeBase64 } from './base64.ts'
import { NoteError } from './errors.ts'
import { assertKeyName, formatKeyId, isValidKeyName, type Signer, type Verifier } from './keys.ts'
import { controlCharacterAt, hasLoneSurrogate, lineAt } from './text.ts'

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string
  readonly keyId: number
  /** Signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array
}

/** A parsed, not yet verified, signed note. */
export interface SignedNote {
  /** The signed text, including its final newline but not the blank separator line. */
  readonly text: string
  readonly signatures: readonly NoteSignature[]
}

/** A note whose signatures were checked against known verifiers. */
export interface OpenedNote {
  readonly text: string
  /** Signatures by known keys, all verified (one per key). */
  readonly verified: readonly NoteSignature[]
  /** Signatures by keys the caller did not supply; not checked. */
  readonly unverified: readonly NoteSignature[]
}

/** Limits for parsing; the spec requires accepting at least 16 signatures. */
export interface NoteOptions {
  /** Maximum number of signature lines (default 100, at least 16). */
  readonly maxSignatures?: number
}

const SIG_PREFIX = '\u2014 '
const DEFAULT_MAX_SIGNATURES = 100

function decodeInput(input: string | Uint8Array): string {
  if (typeof input !== 'string') {
    try {
      // ignoreBOM keeps a leading U+FEFF as part of the text instead of silently dropping it.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input)
    } catch {
      throw new NoteError('NOTE_INVALID_UTF8', 'note is not valid UTF-8')
    }
  }
  if (hasLoneSurrogate(input)) throw new NoteError('NOTE_INVALID_UTF8', 'note holds a lone surrogate')
  return input
}

function checkText(text: string): void {
  const at = controlCharacterAt(text)
  if (at >= 0) {
    throw new NoteError('NOTE_CONTROL_CHARACTER', `control character U+${text.charCodeAt(at).toString(16).padStart(4, '0')}`, {
      expected: 'no control characters other than newline',
      actual: text.charCodeAt(at),
      line: lineAt(text, at),
    })
  }
}

function encodeSignature(sig: NoteSignature): string {
  assertKeyName(sig.name)
  const raw = new Uint8Array(4 + sig.signature.length)
  new DataView(raw.buffer).setUint32(0, sig.keyId >>> 0)
  raw.set(sig.signature, 4)
  return `${SIG_PREFIX}${sig.name} ${encodeBase64(raw)}\n`
}

/**
 * Parses a signed note; requires valid UTF-8 (or a well-formed string) without control
 * characters other than newline, a blank line before the signatures, and every signature line
 * well formed. Throws NoteError; never verifies any signature.
 */
export function parseSignedNote(input: string | Uint8Array, options: NoteOptions = {}): SignedNote {
  const max = Math.max(16, options.maxSignatures ?? DEFAULT_MAX_SIGNATURES)
  const note = decodeInput(input)
  checkText(note)
  const split = note.lastIndexOf('\n\n')
  if (split < 0) throw new NoteError('NOTE_MISSING_BLANK_LINE', 'no blank line before the signatures')
  const text = note.slice(0, split + 1)
  const block = note.slice(split + 2)
  if (block.length === 0) throw new NoteError('NOTE_NO_SIGNATURES', 'note has no signature lines', { line: lineAt(note, split + 2) })
  if (!block.endsWith('\n')) {
    throw new NoteError('NOTE_MISSING_FINAL_NEWLINE', 'note does not end with a newline', { line: lineAt(note, note.length) })
  }
  const lines = block.slice(0, -1).split('\n')
  if (lines.length > max) {
    throw new NoteError('NOTE_TOO_MANY_SIGNATURES', `note has ${lines.length} signatures, limit ${max}`, { expected: max, actual: lines.length })
  }
  const firstLine = lineAt(note, split + 2)
  const signatures = lines.map((line, i): NoteSignature => {
    const at = { line: firstLine + i }
    if (!line.startsWith(SIG_PREFIX)) {
      throw new NoteError('NOTE_BAD_SIGNATURE_LINE', 'signature line does not start with "— "', { ...at, actual: line.slice(0, 20) })
    }
    const rest = line.slice(SIG_PREFIX.length)
    const space = rest.indexOf(' ')
    const name = rest.slice(0, space)
    if (space < 0) throw new NoteError('NOTE_BAD_SIGNATURE_LINE', 'signature line has no signature', { ...at, actual: line.slice(0, 20) })
    if (!isValidKeyName(name)) {
      throw new NoteError('NOTE_INVALID_KEY_NAME', `bad key name ${JSON.stringify(name)}`, { ...at, actual: name })
    }
    const raw = decodeBase64(rest.slice(space + 1))
    if (raw === undefined) throw new NoteError('NOTE_BAD_BASE64', 'signature is not base64', { ...at, actual: rest.slice(space + 1, space + 21) })
    if (raw.length < 5) throw new NoteError('NOTE_SIGNATURE_TOO_SHORT', `signature has ${raw.length} bytes`, { ...at, expected: '>= 5', actual: raw.length })
    return { name, keyId: new DataView(raw.buffer).getUint32(0), signature: raw.slice(4) }
  })
  return { text, signatures }
}

/**
 * Formats a signed note from its text and signatures. Requires text ending in a newline with
 * no control characters, at least one signature and valid key names; throws NoteError.
 */
export function formatSignedNote(text: string, signatures: readonly NoteSignature[]): string {
  if (!text.endsWith('\n')) throw new NoteError('NOTE_MISSING_FINAL_NEWLINE', 'note text must end with a newline')
  if (hasLoneSurrogate(text)) throw new NoteError('NOTE_INVALID_UTF8', 'note text holds a lone surrogate')
  checkText(text)
  if (signatures.length === 0) throw new NoteError('NOTE_NO_SIGNATURES', 'a signed note needs at least one signature')
  return `${text}\n${signatures.map(encodeSignature).join('')}`
}

const keyOf = (s: { name: string; keyId: number }) => `${s.name}+${formatKeyId(s.keyId)}`

/**
 * Signs `text` with each signer and formats the signed note. Requires text ending in a
 * newline and signers with valid names. Signatures in `existing` are kept first, except
 * those by a signer's key, which the new signature replaces.
 */
export async function signNote(text: string, signers: readonly Signer[], existing: readonly NoteSignature[] = []): Promise<string> {
  if (!text.endsWith('\n')) throw new NoteError('NOTE_MISSING_FINAL_NEWLINE', 'note text must end with a newline')
  checkText(text)
  const message = new TextEncoder().encode(text)
  const fresh: NoteSignature[] = []
  for (const signer of signers) {
    assertKeyName(signer.name)
    fresh.push({ name: signer.name, keyId: signer.keyId, signature: await signer.sign(message) })
  }
  const replaced = new Set(fresh.map(keyOf))
  return formatSignedNote(text, [...existing.filter((s) => !replaced.has(keyOf(s))), ...fresh])
}

/**
 * Parses a note and verifies it against `verifiers`. Requires at least one signature by a
 * known key (same name and key ID) that verifies: throws NOTE_UNVERIFIED otherwise, and
 * NOTE_INVALID_SIGNATURE as soon as a known key's signature fails. Signatures by unknown keys
 * are returned unverified; repeated signatures by one key are checked once, repeated
 * identical unknown ones reported once.
 */
export async function openNote(input: string | Uint8Array, verifiers: readonly Verifier[], options: NoteOptions = {}): Promise<OpenedNote> {
  const known = new Map<string, Verifier>()
  for (const v of verifiers) {
    assertKeyName(v.name)
    if (known.has(keyOf(v))) {
      throw new NoteError('NOTE_AMBIGUOUS_VERIFIER', `two verifiers for ${keyOf(v)}`, { actual: keyOf(v) })
    }
    known.set(keyOf(v), v)
  }
  const note = parseSignedNote(input, options)
  const message = new TextEncoder().encode(note.text)
  const verified: NoteSignature[] = []
  const unverified: NoteSignature[] = []
  const seen = new Set<string>()
  for (const sig of note.signatures) {
    const key = keyOf(sig)
    const verifier = known.get(key)
    if (verifier === undefined) {
      // Drop repeated identical lines by unknown keys; distinct ones are all reported.
      const line = `${key} ${encodeBase64(sig.signature)}`
      if (!seen.has(line)) unverified.push(sig)
      seen.add(line)
      continue
    }
    if (seen.has(key)) continue
    seen.add(key)
    if (!(await verifier.verify(message, sig.signature))) {
      throw new NoteError('NOTE_INVALID_SIGNATURE', `signature by ${key} does not verify`, { actual: key })
    }
    verified.push(sig)
  }
  if (verified.length === 0) {
    throw new NoteError('NOTE_UNVERIFIED', 'no signature by a known key', {
      expected: [...known.keys()].join(', '),
      actual: note.signatures.map(keyOf).join(', '),
    })
  }
  return { text: note.text, verified, unverified }
}
