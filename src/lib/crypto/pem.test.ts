import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { isCryptoError } from './errors.ts'
import { exportSm2PrivateKeyPem, exportSm2PublicKeyPem, importSm2PrivateKeyPem, importSm2PublicKeyPem } from './pem.ts'
import { sm2GenerateKeyPair, sm2GetPublicKey } from './sm2.ts'
import { SM2_VECTOR as V } from './vectors.ts'

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const code = (c: string) => (err: unknown) => isCryptoError(err) && err.code === c
const skip = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl CLI not found'

describe('SM2 PEM against OpenSSL 3', { skip }, () => {
  let dir = ''
  let privatePem = ''
  let publicPem = ''
  const openssl = (...args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' })

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zhicheng-pem-'))
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'k.pem')
    openssl('pkey', '-in', 'k.pem', '-pubout', '-out', 'pub.pem')
    privatePem = await readFile(join(dir, 'k.pem'), 'utf8')
    publicPem = await readFile(join(dir, 'pub.pem'), 'utf8')
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('imports an OpenSSL PKCS#8 SM2 private key and its SPKI public key', () => {
    const { privateKey, publicKey } = importSm2PrivateKeyPem(privatePem)
    assert.equal(privateKey.length, 32)
    assert.equal(toHex(publicKey), toHex(sm2GetPublicKey(privateKey)))
    assert.equal(toHex(importSm2PublicKeyPem(publicPem)), toHex(publicKey))
  })

  it('exports both keys byte for byte as OpenSSL wrote them', () => {
    const { privateKey, publicKey } = importSm2PrivateKeyPem(privatePem)
    assert.equal(exportSm2PrivateKeyPem(privateKey), privatePem)
    assert.equal(exportSm2PublicKeyPem(publicKey), publicPem)
  })

  it('writes keys that OpenSSL reads back as SM2 with the same public key', async () => {
    const { privateKey, publicKey } = sm2GenerateKeyPair()
    await writeFile(join(dir, 'ours.pem'), exportSm2PrivateKeyPem(privateKey))
    await writeFile(join(dir, 'ours-pub.pem'), exportSm2PublicKeyPem(publicKey))
    assert.match(openssl('pkey', '-in', 'ours.pem', '-noout', '-text'), /ASN1 OID: SM2/)
    assert.equal(openssl('pkey', '-in', 'ours.pem', '-pubout'), exportSm2PublicKeyPem(publicKey))
    assert.equal(openssl('pkey', '-pubin', '-in', 'ours-pub.pem', '-pubout'), exportSm2PublicKeyPem(publicKey))
  })

  it('imports the SEC1 form that `openssl ec` writes ("SM2 PRIVATE KEY")', async () => {
    openssl('ec', '-in', 'k.pem', '-out', 'sec1.pem')
    const sec1 = await readFile(join(dir, 'sec1.pem'), 'utf8')
    assert.match(sec1, /BEGIN SM2 PRIVATE KEY/)
    assert.equal(toHex(importSm2PrivateKeyPem(sec1).privateKey), toHex(importSm2PrivateKeyPem(privatePem).privateKey))
  })

  it('imports a SEC1 key whose embedded public key is compressed', async () => {
    openssl('ec', '-in', 'k.pem', '-conv_form', 'compressed', '-out', 'sec1c.pem')
    const sec1 = await readFile(join(dir, 'sec1c.pem'), 'utf8')
    assert.equal(toHex(importSm2PrivateKeyPem(sec1).publicKey), toHex(importSm2PrivateKeyPem(privatePem).publicKey))
  })

  it('pins why node:crypto is not used: Node 20 cannot hand back an SM2 key as JWK', () => {
    const key = createPrivateKey(privatePem)
    assert.equal(key.asymmetricKeyType, undefined)
    assert.throws(() => key.export({ format: 'jwk' }), { code: 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE' })
  })
})

describe('SM2 PEM rejection', () => {
  const vectorPem = exportSm2PrivateKeyPem(Buffer.from(V.d, 'hex'))

  it('round-trips the GB/T 32918.5 example key', () => {
    const { privateKey, publicKey } = importSm2PrivateKeyPem(vectorPem)
    assert.equal(toHex(privateKey), V.d)
    assert.equal(toHex(publicKey), `04${V.publicX}${V.publicY}`)
  })

  it('rejects a P-256 key, an RSA key and an encrypted key with CRYPTO_BAD_KEY_ENCODING', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const pems = [
      p256.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      p256.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-128-cbc', passphrase: 'x' }).toString(),
    ]
    for (const pem of pems) assert.throws(() => importSm2PrivateKeyPem(pem), code('CRYPTO_BAD_KEY_ENCODING'))
    const p256Public = p256.publicKey.export({ format: 'pem', type: 'spki' }).toString()
    assert.throws(() => importSm2PublicKeyPem(p256Public), code('CRYPTO_BAD_KEY_ENCODING'))
  })

  it('rejects a flipped bit in the embedded public key (spliced or corrupted file)', () => {
    const der = Buffer.from(vectorPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')
    der[der.length - 1] ^= 1
    const pem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`
    assert.throws(() => importSm2PrivateKeyPem(pem), code('CRYPTO_BAD_KEY_ENCODING'))
    const other = sm2GenerateKeyPair().publicKey
    const spliced = Buffer.concat([der.subarray(0, der.length - 65), other])
    const splicedPem = `-----BEGIN PRIVATE KEY-----\n${spliced.toString('base64')}\n-----END PRIVATE KEY-----\n`
    assert.throws(() => importSm2PrivateKeyPem(splicedPem), code('CRYPTO_BAD_KEY_ENCODING'))
  })

  it('rejects truncated DER, bad base64, a mismatched END label and non-PEM text', () => {
    const body = vectorPem.replace(/-----[A-Z ]+-----|\s/g, '')
    const truncated = Buffer.from(body, 'base64').subarray(0, 100).toString('base64')
    const cases = [
      `-----BEGIN PRIVATE KEY-----\n${truncated}\n-----END PRIVATE KEY-----\n`,
      `-----BEGIN PRIVATE KEY-----\n${body.slice(0, 20)}!${body.slice(21)}\n-----END PRIVATE KEY-----\n`,
      vectorPem.replace('END PRIVATE KEY', 'END PUBLIC KEY'),
      'not a key',
    ]
    for (const pem of cases) assert.throws(() => importSm2PrivateKeyPem(pem), code('CRYPTO_BAD_KEY_ENCODING'))
  })

  it('rejects a public key PEM whose point is off the curve', () => {
    const pem = exportSm2PublicKeyPem(Buffer.from(`04${V.publicX}${V.publicY}`, 'hex'))
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')
    der[der.length - 1] ^= 1
    const bad = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`
    assert.throws(() => importSm2PublicKeyPem(bad), code('CRYPTO_BAD_KEY_ENCODING'))
  })

  it('never puts the private key in an error message', () => {
    const der = Buffer.from(vectorPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')
    der[der.length - 1] ^= 1
    try {
      importSm2PrivateKeyPem(`-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`)
      assert.fail('no error')
    } catch (err) {
      assert.ok(isCryptoError(err))
      assert.ok(!JSON.stringify([err.message, err.expected, err.actual]).toLowerCase().includes(V.d))
    }
  })
})
