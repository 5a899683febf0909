/**
 * Encryption of the registers' personal identifiers (ID numbers, mobiles) under one data key, with
 * the platform's field cipher (`createFieldCipher`: SM4-GCM bound to row and column, HMAC-SM3 blind
 * index of the ID number for exact search). Both keys are derived from the data key, never stored.
 * Pure: no I/O.
 */
import { createFieldCipher, hmacSm3 } from '../../lib/crypto/index.ts'
import { maskIdNumber, maskMobile } from '../../lib/mask.ts'

const enc = new TextEncoder()

/** Thrown when a stored ciphertext does not open: changed, moved to another row or column, or under another key. */
export class PiiUnreadableError extends Error {
  constructor(readonly context: string, options?: { cause?: unknown }) {
    // The context names a row and column only: never the value.
    super(`stored personal data ${context} does not open (changed, moved or under another key)`, options)
    this.name = 'PiiUnreadableError'
  }
}

/** The additional data a value is bound to: `grid_person:<id>:id_number`. */
export const piiContext = (table: 'grid_person' | 'grid_unit', id: string, column: string): string => `${table}:${id}:${column}`

export interface RegisterCipher {
  /** Encrypts `plain` bound to `context`; returns `v1.<base64url(iv ‖ ciphertext ‖ tag)>`. */
  seal(plain: string, context: string): string
  /** Decrypts what `seal` made for the same context. Throws PiiUnreadableError otherwise; never returns a wrong value. */
  open(sealed: string, context: string): string
  /** Keyed, deterministic index of a normalised ID number (64 hex characters). */
  idNumberIndex(normalized: string): string
}

/** Derives a purpose-bound subkey: HMAC-SM3(data key, label), truncated to `length` bytes. */
function derive(dataKey: Uint8Array, label: string, length: number): Uint8Array {
  return hmacSm3(dataKey, enc.encode(`zhicheng/grid/${label}`)).subarray(0, length)
}

/** Builds the cipher from the unwrapped data key (16 or 32 bytes). */
export function createRegisterCipher(dataKey: Uint8Array): RegisterCipher {
  if (dataKey.length < 16) throw new TypeError(`data key: got ${dataKey.length} bytes, want at least 16`)
  const field = createFieldCipher({ encryption: derive(dataKey, 'pii-encryption/v1', 16), index: derive(dataKey, 'pii-index/v1', 32) })
  return {
    seal: field.seal,
    open(sealed, context) {
      try {
        return field.open(sealed, context)
      } catch (cause) {
        throw new PiiUnreadableError(context, { cause })
      }
    },
    idNumberIndex: (normalized) => field.index('cn-id', normalized),
  }
}

/**
 * The stored identifier columns of a person: ciphertexts, blind index and masked copies. The
 * legacy clear columns (`id_number`, `mobile`) get the masked values too. Requires a normalised ID number.
 */
export function personIdentifiers(c: RegisterCipher, id: string, idNumber: string, mobile: string | null) {
  return {
    id_number: maskIdNumber(idNumber), id_number_masked: maskIdNumber(idNumber),
    id_number_enc: c.seal(idNumber, piiContext('grid_person', id, 'id_number')), id_number_index: c.idNumberIndex(idNumber),
    mobile: mobile ? maskMobile(mobile) : null, mobile_masked: mobile ? maskMobile(mobile) : null,
    mobile_enc: mobile ? c.seal(mobile, piiContext('grid_person', id, 'mobile')) : null,
  }
}

/** The stored contact-mobile columns of a unit (the legacy clear column gets the masked value). */
export function unitIdentifiers(c: RegisterCipher, id: string, mobile: string | null) {
  return {
    contact_mobile: mobile ? maskMobile(mobile) : null, contact_mobile_masked: mobile ? maskMobile(mobile) : null,
    contact_mobile_enc: mobile ? c.seal(mobile, piiContext('grid_unit', id, 'contact_mobile')) : null,
  }
}

/**
 * A person's identifiers in clear. A row not yet backfilled (no ciphertext) still holds them in its
 * legacy columns. Throws PiiUnreadableError for a ciphertext that does not open.
 */
export function revealPerson(c: RegisterCipher, r: { id: string; id_number: string; id_number_enc: string | null; mobile: string | null; mobile_enc: string | null }): { idNumber: string; mobile: string | null } {
  return {
    idNumber: r.id_number_enc === null ? legacy(r.id_number, piiContext('grid_person', r.id, 'id_number'))! : c.open(r.id_number_enc, piiContext('grid_person', r.id, 'id_number')),
    mobile: r.mobile_enc === null ? legacy(r.mobile, piiContext('grid_person', r.id, 'mobile')) : c.open(r.mobile_enc, piiContext('grid_person', r.id, 'mobile')),
  }
}

/** A unit's contact mobile in clear (see `revealPerson`). */
export function revealUnit(c: RegisterCipher, r: { id: string; contact_mobile: string | null; contact_mobile_enc: string | null }): { contactMobile: string | null } {
  const context = piiContext('grid_unit', r.id, 'contact_mobile')
  return { contactMobile: r.contact_mobile_enc === null ? legacy(r.contact_mobile, context) : c.open(r.contact_mobile_enc, context) }
}

/** A legacy clear value; a masked one with its ciphertext gone was tampered with and is refused, not shown as clear. */
function legacy(value: string | null, context: string): string | null {
  if (value !== null && value.includes('*')) throw new PiiUnreadableError(context)
  return value
}
