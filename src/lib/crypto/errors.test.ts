import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { CRYPTO_ERROR_CODES, CryptoError, assertBytes, isCryptoError } from './errors.ts'
import * as api from './index.ts'

const here = dirname(fileURLToPath(import.meta.url))
const sources = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(here, f), 'utf8') }))

describe('CryptoError', () => {
  it('carries a stable code and public expected/actual values', () => {
    const err = new CryptoError('CRYPTO_BAD_KEY', 'bad key', { expected: '32 bytes', actual: '31 bytes' })
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'CryptoError')
    assert.deepEqual([err.code, err.expected, err.actual], ['CRYPTO_BAD_KEY', '32 bytes', '31 bytes'])
    assert.ok(isCryptoError(err, 'CRYPTO_BAD_KEY'))
    assert.ok(!isCryptoError(err, 'CRYPTO_BAD_IV'))
    assert.ok(!isCryptoError(new Error('x')))
  })

  it('assertBytes reports got/want lengths', () => {
    try {
      assertBytes(new Uint8Array(3), 'nonce', 12, 'CRYPTO_BAD_IV')
      assert.fail('no error')
    } catch (err) {
      assert.ok(isCryptoError(err, 'CRYPTO_BAD_IV'))
      assert.deepEqual([err.expected, err.actual], ['12 bytes', '3 bytes'])
    }
  })
})

describe('error codes are documented and used', () => {
  const used = new Set(sources.flatMap(({ text }) => text.match(/'CRYPTO_[A-Z_]+'/g) ?? []).map((s) => s.slice(1, -1)))

  it('every code thrown in src/lib/crypto is listed with a meaning', () => {
    for (const c of used) assert.ok(c in CRYPTO_ERROR_CODES, `${c} is not in CRYPTO_ERROR_CODES`)
    for (const meaning of Object.values(CRYPTO_ERROR_CODES)) assert.ok(meaning.length > 10)
  })

  it('every listed code is thrown somewhere (no stale entry)', () => {
    for (const c of Object.keys(CRYPTO_ERROR_CODES)) assert.ok(used.has(c), `${c} is never used`)
  })
})

describe('module boundary (STYLE.md §3: lib/ imports nothing from core/ or modules/)', () => {
  it('imports only node: built-ins, @noble/curves and files of this folder', () => {
    for (const { file, text } of sources) {
      for (const [, spec] of text.matchAll(/^import .* from '([^']+)'/gm)) {
        const ok = spec.startsWith('node:') || spec.startsWith('@noble/curves/') || /^\.\/[a-z0-9-]+\.ts$/.test(spec)
        assert.ok(ok, `${file} imports ${spec}`)
      }
    }
  })

  it('keeps every source file under 300 lines', () => {
    for (const { file, text } of sources) assert.ok(text.split('\n').length <= 300, `${file} is too long`)
  })
})

describe('public API', () => {
  it('exports the documented functions from index.ts', () => {
    const functions = [
      'sm3', 'hmacSm3', 'sm3Kdf',
      'sm4EncryptBlock', 'sm4DecryptBlock', 'sm4EcbEncrypt', 'sm4EcbDecrypt', 'sm4CbcEncrypt', 'sm4CbcDecrypt',
      'sm4Ctr', 'sm4Ofb', 'sm4GcmEncrypt', 'sm4GcmDecrypt', 'sm4GcmSeal', 'sm4GcmOpen',
      'sm2GenerateKeyPair', 'sm2GetPublicKey', 'sm2CompressPublicKey', 'sm2DecompressPublicKey', 'sm2ComputeZa',
      'sm2Digest', 'sm2Sign', 'sm2SignWithK', 'sm2Verify', 'assertSm2Signature', 'createSm2Signer',
      'createSm2Verifier', 'sm2SignatureToDer', 'sm2SignatureFromDer', 'clearSm2VerifyCache', 'sm2VerifyCacheSize',
      'sm2Encrypt', 'sm2EncryptWithK', 'sm2Decrypt', 'sm2ConvertCiphertext',
      'importSm2PrivateKeyPem', 'importSm2PublicKeyPem', 'exportSm2PrivateKeyPem', 'exportSm2PublicKeyPem',
      'selfTest', 'isCryptoError',
    ]
    for (const name of functions) assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name)
    assert.equal(typeof api.CryptoError, 'function')
  })
})
