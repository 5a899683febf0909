/**
 * C2SP tlog-checkpoint note text: origin line, tree size in decimal, base64 root hash, then
 * optional non-empty extension lines, each ending in a newline.
 */
import { decodeBase64, encodeBase64 } from './base64.ts'
import { NoteError } from './errors.ts'
import { openNote, type NoteOptions, type OpenedNote } from './note.ts'
import type { Verifier } from './keys.ts'
import { controlCharacterAt, hasLoneSurrogate } from './text.ts'

/** The tree head a checkpoint states. */
export interface Checkpoint {
  /** Unique identity of the log, e.g. `ledger.example.gov.cn/log1`. */
  readonly origin: string
  /** Number of leaves. */
  readonly size: number
  /** Root hash of the tree at `size`. */
  readonly rootHash: Uint8Array
  /** Opaque extension lines (not recommended by the spec); [] when none. */
  readonly extensions: readonly string[]
}

/** Parsing options: the expected hash length (32 for SHA-256 and SM3). */
export interface CheckpointOptions {
  readonly hashSize?: number
}

function bad(field: string, why: string, actual?: string | number, line?: number): NoteError {
  return new NoteError('NOTE_BAD_CHECKPOINT', `checkpoint ${field}: ${why}`, { expected: field, actual, line })
}

function checkLine(field: string, value: string, line: number): void {
  if (value.length === 0) throw bad(field, 'must not be empty', value, line)
  if (value.includes('\n') || controlCharacterAt(value) >= 0 || hasLoneSurrogate(value)) {
    throw bad(field, 'must be one line of printable text', value, line)
  }
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/

/**
 * Parses checkpoint note text (the note's text part, with its final newline). Requires at
 * least three lines: non-empty origin, size in decimal without leading zeros, base64 root hash
 * of `hashSize` bytes (default 32); further lines must be non-empty. Throws NOTE_BAD_CHECKPOINT.
 */
export function parseCheckpoint(text: string, options: CheckpointOptions = {}): Checkpoint {
  const hashSize = options.hashSize ?? 32
  if (!text.endsWith('\n')) throw bad('text', 'must end with a newline', text.slice(-20))
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3) throw bad('text', 'needs origin, size and root hash lines', lines.length)
  const [origin, sizeText, rootText, ...extensions] = lines
  checkLine('origin', origin, 1)
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw bad('size', 'must be a decimal integer without leading zeros, at most 2^53 - 1', sizeText, 2)
  }
  const rootHash = decodeBase64(rootText)
  if (rootHash === undefined || rootHash.length !== hashSize) throw bad('root hash', `must be base64 of ${hashSize} bytes`, rootText, 3)
  extensions.forEach((ext, i) => checkLine('extension', ext, 4 + i))
  return { origin, size: Number(sizeText), rootHash, extensions }
}

/**
 * Formats a checkpoint as note text ending in a newline. Requires a one-line non-empty origin,
 * a safe integer size >= 0, a non-empty root hash and one-line non-empty extensions.
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  checkLine('origin', checkpoint.origin, 1)
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw bad('size', 'must be a safe integer >= 0', String(checkpoint.size), 2)
  if (!(checkpoint.rootHash instanceof Uint8Array) || checkpoint.rootHash.length === 0) throw bad('root hash', 'must not be empty', 0, 3)
  checkpoint.extensions.forEach((ext, i) => checkLine('extension', ext, 4 + i))
  return [checkpoint.origin, String(checkpoint.size), encodeBase64(checkpoint.rootHash), ...checkpoint.extensions].map((l) => `${l}\n`).join('')
}

/**
 * Opens a signed checkpoint: verifies the note against `verifiers` (see openNote) and parses
 * its text. Requires a signature by a known key that verifies and a well-formed checkpoint.
 */
export async function openCheckpoint(
  input: string | Uint8Array,
  verifiers: readonly Verifier[],
  options: CheckpointOptions & NoteOptions = {},
): Promise<{ checkpoint: Checkpoint; note: OpenedNote }> {
  const note = await openNote(input, verifiers, options)
  return { checkpoint: parseCheckpoint(note.text, options), note }
}
