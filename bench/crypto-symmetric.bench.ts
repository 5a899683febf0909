/**
 * SM3, SM4-CBC and SM4-GCM over 1 MiB (src/lib/crypto) against the raw native primitive in the
 * same run: the wrappers should cost nothing measurable (ratio ~1.0). SM4-GCM is assembled in
 * JS from native SM4 blocks plus a JS GHASH, so it is quoted against native SM4-CTR (its floor)
 * and native AES-256-GCM (what a hardware-accelerated AEAD does on this machine).
 * Prints one line per figure: `name: value unit (ratio x baseline)`.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { Bench } from 'tinybench'
import { sm3, sm4CbcEncrypt, sm4GcmDecrypt, sm4GcmEncrypt } from '../src/lib/crypto/index.ts'

const TIME_MS = Number(process.env.BENCH_MS ?? 1000)
// Best of several rounds: other processes on a shared 2-core machine only ever slow a round down.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const MIB = 1 << 20
const data = randomBytes(MIB)
const key = randomBytes(16)
const iv16 = randomBytes(16)
const iv12 = randomBytes(12)
const aesKey = randomBytes(32)
const sealed = sm4GcmEncrypt(key, iv12, data)

function cipher(name: string, k: Uint8Array, iv: Uint8Array): Buffer {
  const c = createCipheriv(name, k, iv)
  return Buffer.concat([c.update(data), c.final()])
}

function createBench(): Bench {
  return new Bench({ time: TIME_MS, warmupTime: 300, throws: true })
    .add('raw createHash(sm3) 1 MiB', () => createHash('sm3').update(data).digest())
    .add('sm3 1 MiB (wrapper)', () => sm3(data))
    .add('raw createCipheriv(sm4-cbc) 1 MiB', () => cipher('sm4-cbc', key, iv16))
    .add('sm4-cbc encrypt 1 MiB (wrapper)', () => sm4CbcEncrypt(key, iv16, data))
    .add('raw sm4-ctr 1 MiB', () => cipher('sm4-ctr', key, iv16))
    .add('native aes-256-gcm encrypt 1 MiB', () => {
      const c = createCipheriv('aes-256-gcm', aesKey, iv12)
      Buffer.concat([c.update(data), c.final()])
      c.getAuthTag()
    })
    .add('sm4-gcm encrypt 1 MiB', () => sm4GcmEncrypt(key, iv12, data))
    .add('sm4-gcm decrypt 1 MiB', () => sm4GcmDecrypt(key, iv12, sealed.ciphertext, sealed.tag))
}

const mibPerSecond = new Map<string, number>()
for (let round = 0; round < ROUNDS; round++) {
  const bench = createBench()
  await bench.run()
  for (const task of bench.tasks) {
    if (!task.result) throw new Error(`no result for ${task.name}`)
    const value = 1000 / task.result.latency.mean // one iteration = 1 MiB; latency is in ms
    mibPerSecond.set(task.name, Math.max(value, mibPerSecond.get(task.name) ?? 0))
  }
}

const rate = (name: string): number => mibPerSecond.get(name)!
const line = (name: string, baselineName: string, baselineLabel: string): void => {
  console.log(`${name}: ${rate(name).toFixed(1)} MiB/s (${(rate(name) / rate(baselineName)).toFixed(2)}x ${baselineLabel})`)
}

for (const base of ['raw createHash(sm3) 1 MiB', 'raw createCipheriv(sm4-cbc) 1 MiB', 'raw sm4-ctr 1 MiB', 'native aes-256-gcm encrypt 1 MiB']) {
  console.log(`${base}: ${rate(base).toFixed(1)} MiB/s (1.00x baseline)`)
}
line('sm3 1 MiB (wrapper)', 'raw createHash(sm3) 1 MiB', "raw createHash('sm3')")
line('sm4-cbc encrypt 1 MiB (wrapper)', 'raw createCipheriv(sm4-cbc) 1 MiB', "raw createCipheriv('sm4-cbc')")
line('sm4-gcm encrypt 1 MiB', 'raw sm4-ctr 1 MiB', 'native sm4-ctr')
line('sm4-gcm encrypt 1 MiB', 'native aes-256-gcm encrypt 1 MiB', 'native aes-256-gcm')
line('sm4-gcm decrypt 1 MiB', 'native aes-256-gcm encrypt 1 MiB', 'native aes-256-gcm')
