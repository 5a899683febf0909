import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isCryptoError } from '../../lib/crypto/index.ts'
import { createSoftwareBackend } from './backend.ts'
import { deriveKek, kekIdOf, loadRootKey } from './root-key.ts'

describe('root key and software backend', () => {
  it('derives a fixed KEK from a fixed root key (HKDF over HMAC-SM3)', () => {
    const kek = deriveKek(Buffer.alloc(32, 1))
    assert.equal(kek.length, 16)
    assert.deepEqual(deriveKek(Buffer.alloc(32, 1)), kek)
    assert.notDeepEqual(deriveKek(Buffer.alloc(32, 2)), kek)
    assert.match(kekIdOf(kek), /^[0-9a-f]{16}$/)
  })

  it('reads ROOT_KEY as hex or base64, generates root.key with mode 0600 once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-rk-'))
    try {
      const hex = 'a1'.repeat(32)
      assert.deepEqual(Buffer.from(loadRootKey({ ROOT_KEY: hex }, dir).key), Buffer.from(hex, 'hex'))
      assert.deepEqual(Buffer.from(loadRootKey({ ROOT_KEY: Buffer.from(hex, 'hex').toString('base64') }, dir).key), Buffer.from(hex, 'hex'))
      assert.throws(() => loadRootKey({ ROOT_KEY: 'abc' }, dir), /invalid ROOT_KEY/)
      const first = loadRootKey({}, dir)
      assert.equal(first.source, 'DATA_DIR/root.key (generated)')
      assert.equal(statSync(join(dir, 'root.key')).mode & 0o777, 0o600)
      const second = loadRootKey({}, dir)
      assert.equal(second.source, 'DATA_DIR/root.key (existing)')
      assert.deepEqual(Buffer.from(second.key), Buffer.from(first.key))
      assert.equal(readFileSync(join(dir, 'root.key'), 'utf8').trim(), Buffer.from(first.key).toString('hex'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a wrapped key opens only under its KEK and for its own key id, version and algorithm', async () => {
    const a = createSoftwareBackend(deriveKek(Buffer.alloc(32, 1)))
    const b = createSoftwareBackend(deriveKek(Buffer.alloc(32, 2)))
    const ref = { keyId: 'key_A', version: 1, algorithm: 'SM4' as const }
    const { handle, kekId } = await a.generate(ref)
    assert.equal(a.canOpen(kekId), true)
    assert.equal(b.canOpen(kekId), false)
    const sealed = await a.seal(ref, handle, Buffer.from('x'))
    assert.equal(Buffer.from(await a.open(ref, handle, sealed)).toString(), 'x')
    const bad = (e: unknown) => isCryptoError(e, 'CRYPTO_BAD_KEY') && !/[0-9a-f]{32}/.test((e as Error).message)
    await assert.rejects(b.open(ref, handle, sealed), bad)
    await assert.rejects(a.open({ ...ref, keyId: 'key_B' }, handle, sealed), bad)
    await assert.rejects(a.open({ ...ref, version: 2 }, handle, sealed), bad)
    await assert.rejects(a.open(ref, 'pkcs11:whatever', sealed), bad)
  })
})
