import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isCryptoError, sm2GenerateKeyPair, sm2Verify } from '../../lib/crypto/index.ts'
import { prepareSigner } from './algorithms.ts'
import { createSignPool } from './sign-pool.ts'

const keys = sm2GenerateKeyPair()
const other = sm2GenerateKeyPair()
const inlineCalls: string[] = []
const inline = (ref: string, secret: () => Uint8Array, message: Uint8Array, opts: { userId?: string; format?: 'der' | 'raw' }) => {
  inlineCalls.push(ref)
  return prepareSigner('SM2', secret()).sign(message, opts)
}
const msg = (i: number) => Buffer.from(`licence ${i}`)

describe('SM2 sign pool', () => {
  it('signs on a worker thread: every signature verifies under its own key, user ID and format, in order', async () => {
    inlineCalls.length = 0
    const pool = createSignPool({ size: 2, inline })
    let secretReads = 0
    const secret = () => { secretReads++; return keys.privateKey }
    try {
      const sigs = await Promise.all(Array.from({ length: 100 }, (_, i) => pool.sign('k#1', secret, msg(i), { userId: 'issuer@zs', format: i % 2 ? 'raw' : 'der' })))
      sigs.forEach((sig, i) => {
        assert.equal(sm2Verify(keys.publicKey, msg(i), sig, { userId: 'issuer@zs', format: i % 2 ? 'raw' : 'der' }), true, `signature ${i}`)
        assert.equal(sm2Verify(keys.publicKey, msg(i + 1), sig, { userId: 'issuer@zs', format: i % 2 ? 'raw' : 'der' }), false)
      })
      assert.ok(secretReads <= 2, `the secret is read once per worker, not per signature (${secretReads})`)
      const [a, b] = await Promise.all([pool.sign('k#1', secret, msg(1)), pool.sign('o#1', () => other.privateKey, msg(1))])
      assert.equal(sm2Verify(keys.publicKey, msg(1), a), true)
      assert.equal(sm2Verify(other.publicKey, msg(1), b), true)
      assert.equal(sm2Verify(keys.publicKey, msg(1), b), false)
      assert.deepEqual(inlineCalls, [], 'nothing was signed on the main thread')
    } finally {
      await pool.close()
    }
  })

  it('answers a bad input with the typed error, and goes on signing', async () => {
    const pool = createSignPool({ size: 1, inline })
    try {
      await assert.rejects(pool.sign('k#1', () => keys.privateKey, msg(0), { userId: 'x'.repeat(9000) }), (e) => isCryptoError(e, 'CRYPTO_BAD_INPUT'))
      assert.equal(sm2Verify(keys.publicKey, msg(2), await pool.sign('k#1', () => keys.privateKey, msg(2))), true)
    } finally {
      await pool.close()
    }
  })

  it('a forgotten key is sent again when next used', async () => {
    const pool = createSignPool({ size: 1, inline })
    let reads = 0
    try {
      await pool.sign('k#1', () => { reads++; return keys.privateKey }, msg(0))
      pool.forget('k#1')
      const sig = await pool.sign('k#1', () => { reads++; return keys.privateKey }, msg(3))
      assert.equal(reads, 2)
      assert.equal(sm2Verify(keys.publicKey, msg(3), sig), true)
    } finally {
      await pool.close()
    }
  })

  it('signs on the main thread when the worker cannot run, and logs it once', async () => {
    inlineCalls.length = 0
    const warnings: unknown[] = []
    const broken = { script: 'throw new Error("no worker here")', eval: true }
    const pool = createSignPool({ size: 1, inline, entry: broken, log: { warn: (...a: unknown[]) => { warnings.push(a) } } as never })
    try {
      const sigs = await Promise.all([0, 1, 2].map((i) => pool.sign('k#1', () => keys.privateKey, msg(i))))
      sigs.forEach((sig, i) => assert.equal(sm2Verify(keys.publicKey, msg(i), sig), true))
      assert.equal(sm2Verify(keys.publicKey, msg(9), await pool.sign('k#1', () => keys.privateKey, msg(9))), true)
      assert.equal(inlineCalls.length, 4)
      assert.equal(warnings.length, 1)
    } finally {
      await pool.close()
    }
  })

  it('with no workers signs in place; close waits for the jobs in flight', async () => {
    const none = createSignPool({ size: 0, inline })
    assert.equal(sm2Verify(keys.publicKey, msg(4), await none.sign('k#1', () => keys.privateKey, msg(4))), true)
    const pool = createSignPool({ size: 1, inline })
    const pending = Array.from({ length: 20 }, (_, i) => pool.sign('k#1', () => keys.privateKey, msg(i)))
    await pool.close()
    const sigs = await Promise.all(pending)
    sigs.forEach((sig, i) => assert.equal(sm2Verify(keys.publicKey, msg(i), sig), true))
  })
})

describe('CRYPTO_SIGN_WORKERS', () => {
  it('defaults to one thread per core beyond the first (at most 4), takes 0–64, refuses anything else by name', async () => {
    const { availableParallelism } = await import('node:os')
    const { signWorkersOf } = await import('./index.ts')
    assert.equal(signWorkersOf(undefined), Math.min(4, Math.max(0, availableParallelism() - 1)))
    assert.equal(signWorkersOf(''), signWorkersOf(undefined))
    assert.equal(signWorkersOf('0'), 0)
    assert.equal(signWorkersOf('3'), 3)
    for (const bad of ['-1', '1.5', 'two', '65']) assert.throws(() => signWorkersOf(bad), /CRYPTO_SIGN_WORKERS/)
  })
})
