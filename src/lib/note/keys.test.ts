import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  NoteError,
  SIGNATURE_TYPE,
  computeKeyId,
  ed25519PublicKeyBytes,
  ed25519VerifierKey,
  formatKeyId,
  formatVerifierKey,
  isValidKeyName,
  parseVerifierKey,
  verifierFromKey,
  type NoteErrorCode,
} from './index.ts'

// Published example key of golang.org/x/mod/sumdb/note (package documentation).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const PETER_PUBLIC = Uint8Array.from(Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1))

const fails = (code: NoteErrorCode) => (e: unknown) => e instanceof NoteError && e.code === code

describe('key IDs and verifier keys', () => {
  it('computes the key ID SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4] of the published vkey', () => {
    assert.equal(formatKeyId(computeKeyId('PeterNeumann', SIGNATURE_TYPE.ED25519, PETER_PUBLIC)), 'c74f20a3')
    assert.equal(computeKeyId('PeterNeumann', Uint8Array.of(1), PETER_PUBLIC), 0xc74f20a3)
  })

  it('formats and parses vkeys, including the published one', () => {
    assert.equal(ed25519VerifierKey('PeterNeumann', PETER_PUBLIC), PETER_VKEY)
    const parsed = parseVerifierKey(PETER_VKEY)
    assert.equal(parsed.name, 'PeterNeumann')
    assert.equal(parsed.keyId, 0xc74f20a3)
    assert.equal(parsed.keyType, SIGNATURE_TYPE.ED25519)
    assert.deepEqual(parsed.publicKey, PETER_PUBLIC)
    assert.equal(verifierFromKey(PETER_VKEY).keyId, 0xc74f20a3)
  })

  it('separates signature types: the same key has another ID as a cosigner (0x04)', () => {
    const { publicKey } = generateKeyPairSync('ed25519')
    const raw = ed25519PublicKeyBytes(publicKey)
    assert.notEqual(computeKeyId('w.example/1', 0x01, raw), computeKeyId('w.example/1', 0x04, raw))
    assert.equal(verifierFromKey(formatVerifierKey('w.example/1', 0x04, raw)).keyId, computeKeyId('w.example/1', 0x04, raw))
  })

  it('accepts a multi-byte 0xff type for keys defined elsewhere (SM2) but builds no verifier for it', () => {
    const type = Uint8Array.of(0xff, ...new TextEncoder().encode('sm2/v1'))
    const vkey = formatVerifierKey('账本.example.gov.cn/log1', type, new Uint8Array(65).fill(4))
    const parsed = parseVerifierKey(vkey)
    assert.equal(parsed.keyType, 0xff)
    assert.equal(parsed.keyId, computeKeyId('账本.example.gov.cn/log1', type, new Uint8Array(65).fill(4)))
    assert.throws(() => verifierFromKey(vkey), fails('NOTE_UNSUPPORTED_KEY_TYPE'))
  })

  it('rejects malformed verifier keys with typed errors', () => {
    for (const vkey of ['', 'PeterNeumann', 'PeterNeumann+c74f20a3', 'PeterNeumann+c74f20a+ARpc', 'PeterNeumann+c74f20a3+!!!!', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'PeterNeumann+c74f20a3+AQ==']) {
      assert.throws(() => parseVerifierKey(vkey), fails('NOTE_BAD_VERIFIER_KEY'), vkey)
    }
    assert.throws(() => parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4')), fails('NOTE_KEY_ID_MISMATCH'))
    assert.throws(() => parseVerifierKey(PETER_VKEY.replace('ARpc', 'ARpd')), fails('NOTE_KEY_ID_MISMATCH'))
    assert.throws(() => verifierFromKey(formatVerifierKey('k', 0x01, new Uint8Array(31))), fails('NOTE_BAD_VERIFIER_KEY'))
  })

  it('validates key names: non-empty, no Unicode spaces, no plus', () => {
    for (const ok of ['example.com/log', '政务链.example/日志', 'a']) assert.equal(isValidKeyName(ok), true, ok)
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u3000b', 'a\u00a0b', 'a\u0085b', 'a\ud800']) assert.equal(isValidKeyName(bad), false, JSON.stringify(bad))
    assert.throws(() => computeKeyId('a b', 1, PETER_PUBLIC), fails('NOTE_INVALID_KEY_NAME'))
    assert.throws(() => computeKeyId('a', 256, PETER_PUBLIC), fails('NOTE_UNSUPPORTED_KEY_TYPE'))
  })
})
