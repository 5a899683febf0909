/**
 * SM4 block cipher (GB/T 32907) in ECB, CBC, CTR and OFB modes on Node's native OpenSSL
 * implementation ('sm4-ecb', 'sm4-cbc', 'sm4-ctr', 'sm4-ofb').
 *
 * ECB and CBC are unauthenticated and CBC with PKCS#7 padding is a padding oracle when its
 * errors reach an attacker: new protocols should use SM4-GCM (`sm4-gcm.ts`).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { CryptoError, assertBytes } from './errors.ts'

/** SM4 key, block and IV length in bytes. */
export const SM4_BLOCK_LENGTH = 16
export const SM4_KEY_LENGTH = 16

/** Padding of ECB/CBC: PKCS#7 (the default) or none (input must be whole blocks). */
export type Sm4Padding = 'pkcs7' | 'none'

export interface Sm4PaddingOptions {
  padding?: Sm4Padding
}

type Sm4Cipher = 'sm4-ecb' | 'sm4-cbc' | 'sm4-ctr' | 'sm4-ofb'

function assertKey(key: unknown): asserts key is Uint8Array {
  assertBytes(key, 'SM4 key', SM4_KEY_LENGTH, 'CRYPTO_BAD_KEY')
}

function assertIv(iv: unknown): asserts iv is Uint8Array {
  assertBytes(iv, 'SM4 IV', SM4_BLOCK_LENGTH, 'CRYPTO_BAD_IV')
}

function paddingOf(options: Sm4PaddingOptions): boolean {
  const padding = options.padding ?? 'pkcs7'
  if (padding !== 'pkcs7' && padding !== 'none') {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'unknown SM4 padding', {
      expected: "'pkcs7' | 'none'",
      actual: String(padding),
    })
  }
  return padding === 'pkcs7'
}

/** Runs one native SM4 operation; `pad` only matters for ECB/CBC. */
function run(
  cipher: Sm4Cipher,
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
  isEncrypt: boolean,
  pad: boolean,
): Uint8Array {
  assertBytes(data, 'SM4 input')
  const isBlockMode = cipher === 'sm4-ecb' || cipher === 'sm4-cbc'
  if (isBlockMode && (!pad || !isEncrypt) && data.length % SM4_BLOCK_LENGTH !== 0) {
    throw new CryptoError('CRYPTO_BAD_INPUT', 'SM4 input must be a whole number of blocks', {
      expected: `multiple of ${SM4_BLOCK_LENGTH} bytes`,
      actual: `${data.length} bytes`,
    })
  }
  if (isBlockMode && pad && !isEncrypt && data.length === 0) {
    throw new CryptoError('CRYPTO_DECRYPT_FAILED', 'SM4 padded ciphertext is empty')
  }
  const c = isEncrypt ? createCipheriv(cipher, key, iv) : createDecipheriv(cipher, key, iv)
  if (isBlockMode) c.setAutoPadding(pad)
  try {
    const head = c.update(data)
    const tail = c.final()
    return tail.length === 0 ? head : Buffer.concat([head, tail])
  } catch (cause) {
    // OpenSSL reports a wrong PKCS#7 padding as 'bad decrypt'; the detail stays in `cause`.
    throw new CryptoError('CRYPTO_DECRYPT_FAILED', 'SM4 decryption failed (bad padding)', { cause })
  }
}

/** Encrypts exactly one 16-byte block with SM4 (raw ECB). Requires a 16-byte key and block. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  assertKey(key)
  assertBytes(block, 'SM4 block', SM4_BLOCK_LENGTH)
  return run('sm4-ecb', key, null, block, true, false)
}

/** Decrypts exactly one 16-byte block with SM4 (raw ECB). Requires a 16-byte key and block. */
export function sm4DecryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  assertKey(key)
  assertBytes(block, 'SM4 block', SM4_BLOCK_LENGTH)
  return run('sm4-ecb', key, null, block, false, false)
}

/**
 * Encrypts `data` with SM4-ECB. Requires a 16-byte key; with `padding: 'none'` the input must
 * be whole blocks. ECB leaks equal blocks: use it only for legacy interop.
 */
export function sm4EcbEncrypt(key: Uint8Array, data: Uint8Array, options: Sm4PaddingOptions = {}): Uint8Array {
  assertKey(key)
  return run('sm4-ecb', key, null, data, true, paddingOf(options))
}

/** Decrypts SM4-ECB. Requires a 16-byte key and whole blocks; throws `CRYPTO_DECRYPT_FAILED` on bad padding. */
export function sm4EcbDecrypt(key: Uint8Array, data: Uint8Array, options: Sm4PaddingOptions = {}): Uint8Array {
  assertKey(key)
  return run('sm4-ecb', key, null, data, false, paddingOf(options))
}

/**
 * Encrypts `data` with SM4-CBC. Requires a 16-byte key and a 16-byte unpredictable IV; with
 * `padding: 'none'` the input must be whole blocks.
 */
export function sm4CbcEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  options: Sm4PaddingOptions = {},
): Uint8Array {
  assertKey(key)
  assertIv(iv)
  return run('sm4-cbc', key, iv, data, true, paddingOf(options))
}

/** Decrypts SM4-CBC. Requires a 16-byte key and IV and whole blocks; throws `CRYPTO_DECRYPT_FAILED` on bad padding. */
export function sm4CbcDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  options: Sm4PaddingOptions = {},
): Uint8Array {
  assertKey(key)
  assertIv(iv)
  return run('sm4-cbc', key, iv, data, false, paddingOf(options))
}

/**
 * Encrypts or decrypts `data` with SM4-CTR (the same operation both ways). Requires a
 * 16-byte key and a 16-byte initial counter block that is never reused under the key; the
 * whole block is incremented as a 128-bit big-endian counter.
 */
export function sm4Ctr(key: Uint8Array, counter: Uint8Array, data: Uint8Array): Uint8Array {
  assertKey(key)
  assertIv(counter)
  return run('sm4-ctr', key, counter, data, true, false)
}

/**
 * Encrypts or decrypts `data` with SM4-OFB (the same operation both ways). Requires a
 * 16-byte key and a 16-byte IV that is never reused under the key.
 */
export function sm4Ofb(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  assertKey(key)
  assertIv(iv)
  return run('sm4-ofb', key, iv, data, true, false)
}
