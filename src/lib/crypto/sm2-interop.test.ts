import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import smCrypto from 'sm-crypto'
import { exportSm2PrivateKeyPem, exportSm2PublicKeyPem, importSm2PrivateKeyPem } from './pem.ts'
import { sm2Decrypt, sm2Encrypt } from './sm2-cipher.ts'
import { sm2Sign, sm2Verify } from './sm2-sign.ts'
import { sm2GenerateKeyPair } from './sm2.ts'
import { sm3 } from './sm3.ts'
import { sm4CbcEncrypt, sm4EcbDecrypt } from './sm4.ts'

const { sm2: peer } = smCrypto
const hex = (s: string): Uint8Array => Buffer.from(s, 'hex')
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const ROUNDS = 6

describe('interop with npm sm-crypto', () => {
  it('sm-crypto signatures ({hash:true, der:true}) verify here', () => {
    for (let i = 0; i < ROUNDS; i++) {
      const keys = peer.generateKeyPairHex()
      const message = `sm-crypto message ${i} 国密`
      const sig = peer.doSignature(message, keys.privateKey, { hash: true, der: true })
      assert.equal(sm2Verify(hex(keys.publicKey), Buffer.from(message), hex(sig)), true)
      assert.equal(sm2Verify(hex(keys.publicKey), Buffer.from(message + '!'), hex(sig)), false)
    }
  })

  it('signatures made here verify in sm-crypto, and a wrong ID fails there', () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { privateKey, publicKey } = sm2GenerateKeyPair()
      const message = `zhicheng message ${i}`
      const sig = toHex(sm2Sign(privateKey, Buffer.from(message)))
      assert.equal(peer.doVerifySignature(message, sig, toHex(publicKey), { hash: true, der: true }), true)
      const otherId = { hash: true, der: true, userId: 'someone-else' }
      assert.equal(peer.doVerifySignature(message, sig, toHex(publicKey), otherId), false)
    }
  })

  it('a custom user ID agrees both ways', () => {
    const keys = peer.generateKeyPairHex()
    const opts = { hash: true, der: true, userId: 'alice@zhicheng.gov.cn' }
    const sig = peer.doSignature('m', keys.privateKey, opts)
    assert.equal(sm2Verify(hex(keys.publicKey), Buffer.from('m'), hex(sig), { userId: opts.userId }), true)
    const ours = toHex(sm2Sign(hex(keys.privateKey), Buffer.from('m'), { userId: opts.userId }))
    assert.equal(peer.doVerifySignature('m', ours, keys.publicKey, opts), true)
  })

  for (const [cipherMode, mode] of [[1, 'C1C3C2'], [0, 'C1C2C3']] as const) {
    it(`sm-crypto ciphertexts (cipherMode ${cipherMode}, no 04 prefix) decrypt here as ${mode}`, () => {
      const keys = peer.generateKeyPairHex()
      const message = randomBytes(77)
      const ct = peer.doEncrypt(Array.from(message), keys.publicKey, cipherMode)
      assert.equal(toHex(sm2Decrypt(hex(keys.privateKey), hex(ct), { mode })), toHex(message))
    })

    it(`ciphertexts made here as ${mode} decrypt in sm-crypto (cipherMode ${cipherMode})`, () => {
      const { privateKey, publicKey } = sm2GenerateKeyPair()
      const message = randomBytes(45)
      // sm-crypto wants C1 without the 04 prefix.
      const ct = toHex(sm2Encrypt(publicKey, message, { format: mode })).slice(2)
      const out = peer.doDecrypt(ct, toHex(privateKey), cipherMode, { output: 'array' }) as unknown as number[]
      assert.equal(toHex(Uint8Array.from(out)), toHex(message))
    })
  }

  it('SM3 and SM4 agree with sm-crypto', () => {
    const data = randomBytes(200)
    assert.equal(toHex(sm3(data)), smCrypto.sm3(Array.from(data)))
    const key = randomBytes(16)
    const iv = randomBytes(16)
    const peerCbc = smCrypto.sm4.encrypt(Array.from(data), toHex(key), { mode: 'cbc', iv: toHex(iv), output: 'array' })
    assert.equal(toHex(sm4CbcEncrypt(key, iv, data)), toHex(Uint8Array.from(peerCbc)))
    const peerEcb = smCrypto.sm4.encrypt(Array.from(data), toHex(key), { output: 'array' })
    assert.equal(toHex(sm4EcbDecrypt(key, Uint8Array.from(peerEcb))), toHex(data))
  })
})

const skip = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl CLI not found'

describe('interop with the OpenSSL 3 CLI', { skip }, () => {
  let dir = ''
  const openssl = (...args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' })
  const path = (name: string): string => join(dir, name)
  const opensslVerifies = (...extra: string[]): boolean => {
    const args = ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pubin', '-inkey', 'pub.pem', '-in', 'msg', '-sigfile', 'sig']
    return spawnSync('openssl', [...args, ...extra], { cwd: dir }).status === 0
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zhicheng-sm2-'))
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'k.pem')
    openssl('pkey', '-in', 'k.pem', '-pubout', '-out', 'pub.pem')
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('OpenSSL signatures (distid 1234567812345678) verify here', async () => {
    const { publicKey } = importSm2PrivateKeyPem(await readFile(path('k.pem'), 'utf8'))
    for (let i = 0; i < ROUNDS; i++) {
      const message = randomBytes(10 + i * 50)
      await writeFile(path('msg'), message)
      openssl('pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-inkey', 'k.pem', '-in', 'msg', '-out', 'sig',
        '-pkeyopt', 'distid:1234567812345678')
      const sig = await readFile(path('sig'))
      assert.equal(sm2Verify(publicKey, message, sig), true)
      assert.equal(sm2Verify(publicKey, message, sig, { userId: '1234567812345679' }), false)
    }
  })

  it('signatures made here verify in OpenSSL, and fail there under another ID or message', async () => {
    const { privateKey } = importSm2PrivateKeyPem(await readFile(path('k.pem'), 'utf8'))
    for (let i = 0; i < ROUNDS; i++) {
      const message = randomBytes(1 + i * 70)
      await writeFile(path('msg'), message)
      await writeFile(path('sig'), sm2Sign(privateKey, message))
      assert.equal(opensslVerifies('-pkeyopt', 'distid:1234567812345678'), true)
      assert.equal(opensslVerifies('-pkeyopt', 'distid:1234567812345670'), false)
    }
    await writeFile(path('msg'), 'tampered')
    assert.equal(opensslVerifies('-pkeyopt', 'distid:1234567812345678'), false)
  })

  it('a custom distid agrees both ways with a key made here', async () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair()
    await writeFile(path('k2.pem'), exportSm2PrivateKeyPem(privateKey))
    await writeFile(path('pub.pem'), exportSm2PublicKeyPem(publicKey))
    await writeFile(path('msg'), 'ledger checkpoint 42')
    openssl('pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-inkey', 'k2.pem', '-in', 'msg', '-out', 'sig',
      '-pkeyopt', 'distid:node-7@zhicheng')
    const sig = await readFile(path('sig'))
    assert.equal(sm2Verify(publicKey, Buffer.from('ledger checkpoint 42'), sig, { userId: 'node-7@zhicheng' }), true)
    await writeFile(path('sig'), sm2Sign(privateKey, Buffer.from('ledger checkpoint 42'), { userId: 'node-7@zhicheng' }))
    assert.equal(opensslVerifies('-pkeyopt', 'distid:node-7@zhicheng'), true)
    openssl('pkey', '-in', 'k.pem', '-pubout', '-out', 'pub.pem')
  })

  it('OpenSSL SM2 ciphertexts (GM/T 0009 DER) decrypt here', async () => {
    const { privateKey } = importSm2PrivateKeyPem(await readFile(path('k.pem'), 'utf8'))
    const message = randomBytes(100)
    await writeFile(path('plain'), message)
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', 'pub.pem', '-in', 'plain', '-out', 'ct')
    assert.equal(toHex(sm2Decrypt(privateKey, await readFile(path('ct')))), toHex(message))
  })

  it('DER ciphertexts made here decrypt in OpenSSL', async () => {
    const { publicKey } = importSm2PrivateKeyPem(await readFile(path('k.pem'), 'utf8'))
    const message = randomBytes(33)
    await writeFile(path('ct'), sm2Encrypt(publicKey, message, { format: 'asn1' }))
    const out = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', 'k.pem', '-in', 'ct'], { cwd: dir })
    assert.equal(toHex(out), toHex(message))
  })
})
