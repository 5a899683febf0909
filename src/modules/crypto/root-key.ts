/**
 * The root key of the software key backend and the key-encryption key (KEK) derived from it.
 *
 * Source, first match wins: `ROOT_KEY` (32 bytes as 64 hex digits or base64), `ROOT_KEY_FILE`
 * (a file holding the same), else `<DATA_DIR>/root.key`, generated on first start with mode 0600.
 * A key file readable by group or others is refused. The root key is never logged; its
 * KEK is identified by `kekId`, a public fingerprint stored beside every wrapped key.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hmacSm3, sm3 } from '../../lib/crypto/index.ts'

export const ROOT_KEY_LENGTH = 32
export const KEK_LENGTH = 16

export interface RootKey {
  /** The 32 root key bytes. */
  key: Uint8Array
  source: 'ROOT_KEY' | 'ROOT_KEY_FILE' | 'DATA_DIR/root.key (existing)' | 'DATA_DIR/root.key (generated)'
  path?: string
}

/** A configuration problem with the root key; the message names the setting, never the key. */
export class RootKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RootKeyError'
  }
}

function parseKey(text: string, where: string): Uint8Array {
  const t = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
    if (b.length === ROOT_KEY_LENGTH) return b
  }
  throw new RootKeyError(`invalid ${where}: expected 32 bytes as 64 hex digits or base64`)
}

function readKeyFile(path: string, where: string): Uint8Array {
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777
    if (mode & 0o077) throw new RootKeyError(`${where} ${path} is readable by group or others (mode ${mode.toString(8)}); run chmod 600 ${path}`)
  }
  return parseKey(readFileSync(path, 'utf8'), `${where} ${path}`)
}

/**
 * Loads the root key from `env` or `dataDir`, generating `<dataDir>/root.key` (mode 0600,
 * created exclusively so that two processes starting together agree) when none exists.
 * Throws {@link RootKeyError} on a malformed or over-readable key.
 */
export function loadRootKey(env: Record<string, string | undefined>, dataDir: string): RootKey {
  if (env.ROOT_KEY?.trim()) return { key: parseKey(env.ROOT_KEY, 'ROOT_KEY'), source: 'ROOT_KEY' }
  if (env.ROOT_KEY_FILE?.trim()) {
    const path = env.ROOT_KEY_FILE.trim()
    return { key: readKeyFile(path, 'ROOT_KEY_FILE'), source: 'ROOT_KEY_FILE', path }
  }
  const path = join(dataDir, 'root.key')
  try {
    return { key: readKeyFile(path, 'root key file'), source: 'DATA_DIR/root.key (existing)', path }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(ROOT_KEY_LENGTH)
  try {
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    // Another process created it first: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: readKeyFile(path, 'root key file'), source: 'DATA_DIR/root.key (existing)', path }
    throw err
  }
  return { key, source: 'DATA_DIR/root.key (generated)', path }
}

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8')

/**
 * Derives the 16-byte SM4 key-encryption key with HKDF (RFC 5869) over HMAC-SM3:
 * PRK = HMAC-SM3(salt "zhicheng/crypto/root", root), KEK = first 16 bytes of HMAC-SM3(PRK, info ‖ 0x01),
 * info "zhicheng/crypto/kek/v1".
 */
export function deriveKek(root: Uint8Array): Uint8Array {
  const prk = hmacSm3(enc('zhicheng/crypto/root'), root)
  return hmacSm3(prk, Buffer.concat([enc('zhicheng/crypto/kek/v1'), Uint8Array.of(1)])).subarray(0, KEK_LENGTH)
}

/** A public fingerprint of a KEK (16 hex digits), stored with each wrapped key to detect a wrong root key. */
export function kekIdOf(kek: Uint8Array): string {
  return Buffer.from(sm3(enc('zhicheng/crypto/kek-id'), kek)).subarray(0, 8).toString('hex')
}
