/** Kysely interfaces of the crypto module's tables. Times are epoch milliseconds. */
export interface CryptoKeyTable {
  id: string
  label: string
  algorithm: string
  purpose: string
  owner_type: string
  owner_id: string
  state: string
  current_version: number
  usage_count: number
  last_used_at: number | null
  created_by: string
  created_at: number
  updated_at: number
}

export interface CryptoKeyVersionTable {
  key_id: string
  version: number
  /** Raw public key, base64; null for symmetric keys. Kept after destruction for verification. */
  public_key: string | null
  backend: string
  /** Fingerprint of the KEK the handle is wrapped under (software backend). */
  kek_id: string | null
  /** Backend handle of the private/secret material; null once destroyed. */
  handle: string | null
  created_at: number
  destroyed_at: number | null
}

export interface CryptoCertificateTable {
  id: string
  serial_number: string
  role: string
  key_id: string
  key_version: number
  issuer_id: string | null
  subject: string
  not_before: number
  not_after: number
  der: string
  revoked_at: number | null
  revocation_reason: string | null
  created_by: string
  created_at: number
}

export interface CryptoCaTable {
  role: string
  certificate_id: string
}

export interface CryptoCrlTable {
  number: number
  issuer_id: string
  this_update: number
  next_update: number
  der: string
  created_at: number
}

export interface CryptoTables {
  crypto_key: CryptoKeyTable
  crypto_key_version: CryptoKeyVersionTable
  crypto_certificate: CryptoCertificateTable
  crypto_ca: CryptoCaTable
  crypto_crl: CryptoCrlTable
}
