import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { startPlatform, type Platform } from '../../helpers/server.ts'
import { openConnection } from '../../../src/core/db/dialect.ts'
import { findLeaks, readSecrets } from './helpers.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const skip = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl CLI not found'

interface Run { code: number; stdout: string; stderr: string }

/** Runs `node bin/zhicheng.js …` as a user would, in `cwd`. */
function zhicheng(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/zhicheng.js'), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', fail)
    child.on('exit', (code) => done({ code: code ?? -1, stdout, stderr }))
  })
}

describe('zhicheng crypto sign|verify (offline) against the OpenSSL 3 command line', { skip }, () => {
  let dir: string
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' })
    assert.equal(r.status, 0, `openssl ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const opensslVerifies = (...args: string[]) => spawnSync('openssl', ['pkeyutl', '-verify', '-rawin', ...args], { cwd: dir }).status === 0
  const write = (name: string, data: string | Uint8Array) => { writeFileSync(join(dir, name), data); return name }
  const cli = (...args: string[]) => zhicheng(dir, args)

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zc-cli-'))
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'sm2.pem')
    openssl('pkey', '-in', 'sm2.pem', '-pubout', '-out', 'sm2.pub')
    openssl('req', '-x509', '-new', '-key', 'sm2.pem', '-sm3', '-subj', '/CN=signer/O=zhicheng', '-days', '30', '-out', 'sm2.crt')
    openssl('genpkey', '-algorithm', 'ed25519', '-out', 'ed.pem')
    openssl('pkey', '-in', 'ed.pem', '-pubout', '-out', 'ed.pub')
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'p256-sec1.pem')
    openssl('pkey', '-in', 'p256-sec1.pem', '-out', 'p256.pem')
    openssl('pkey', '-in', 'p256.pem', '-pubout', '-out', 'p256.pub')
    write('msg.bin', Buffer.concat([Buffer.from('行政许可决定书 No. 442000-2026-0042\n'), Buffer.from([0, 1, 2, 255])]))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('SM2: our signatures verify in OpenSSL (default and custom ID); theirs verify here', async () => {
    const ours = await cli('crypto', 'sign', '--key', 'sm2.pem', '--in', 'msg.bin')
    assert.equal(ours.code, 0, ours.stderr)
    write('ours.sig', Buffer.from(ours.stdout.trim(), 'base64'))
    assert.equal(opensslVerifies('-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', 'sm2.pub', '-in', 'msg.bin', '-sigfile', 'ours.sig'), true)
    assert.equal(opensslVerifies('-digest', 'sm3', '-pkeyopt', 'distid:someone-else', '-pubin', '-inkey', 'sm2.pub', '-in', 'msg.bin', '-sigfile', 'ours.sig'), false)
    const withId = await cli('crypto', 'sign', '--key', 'sm2.pem', '--id', 'alice@zs.gov.cn', '--in', 'msg.bin')
    write('id.sig', Buffer.from(withId.stdout.trim(), 'base64'))
    assert.equal(opensslVerifies('-digest', 'sm3', '-pkeyopt', 'distid:alice@zs.gov.cn', '-pubin', '-inkey', 'sm2.pub', '-in', 'msg.bin', '-sigfile', 'id.sig'), true)

    openssl('pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-inkey', 'sm2.pem', '-in', 'msg.bin', '-out', 'theirs.sig')
    const theirs = readFileSync(join(dir, 'theirs.sig')).toString('base64')
    for (const key of ['sm2.pub', 'sm2.crt', 'sm2.pem']) {
      const v = await cli('crypto', 'verify', '--key', key, '--in', 'msg.bin', '--sig', theirs)
      assert.equal(v.code, 0, v.stdout + v.stderr)
      assert.match(v.stdout, /^valid: SM2 signature \(key from (public key|certificate|private key), ID 1234567812345678\) verifies/)
    }
    const fromFile = await cli('crypto', 'verify', '--key', 'sm2.crt', '--in', 'msg.bin', '--sig', '@theirs.sig')
    assert.equal(fromFile.code, 0, fromFile.stdout)
    openssl('pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:node-7', '-inkey', 'sm2.pem', '-in', 'msg.bin', '-out', 'theirs-id.sig')
    const theirsId = readFileSync(join(dir, 'theirs-id.sig')).toString('base64')
    assert.equal((await cli('crypto', 'verify', '--key', 'sm2.pub', '--id', 'node-7', '--in', 'msg.bin', '--sig', theirsId)).code, 0)
    const wrongId = await cli('crypto', 'verify', '--key', 'sm2.pub', '--in', 'msg.bin', '--sig', theirsId)
    assert.equal(wrongId.code, 1)
    assert.match(wrongId.stdout, /^invalid: SM2 signature .* does not verify/)
  })

  it('Ed25519 and ECDSA P-256 (PKCS#8 and SEC1 keys), both directions', async () => {
    for (const [key, pub, digest] of [['ed.pem', 'ed.pub', []], ['p256.pem', 'p256.pub', ['-digest', 'sha256']], ['p256-sec1.pem', 'p256.pub', ['-digest', 'sha256']]] as const) {
      const ours = await cli('crypto', 'sign', '--key', key, '--in', 'msg.bin')
      assert.equal(ours.code, 0, ours.stderr)
      write('o.sig', Buffer.from(ours.stdout.trim(), 'base64'))
      assert.equal(opensslVerifies(...digest, '-pubin', '-inkey', pub, '-in', 'msg.bin', '-sigfile', 'o.sig'), true, key)
      openssl('pkeyutl', '-sign', '-rawin', ...digest, '-inkey', key, '-in', 'msg.bin', '-out', 't.sig')
      const v = await cli('crypto', 'verify', '--key', pub, '--in', 'msg.bin', '--sig', readFileSync(join(dir, 't.sig')).toString('base64'))
      assert.equal(v.code, 0, v.stdout + v.stderr)
      assert.match(v.stdout, key.startsWith('ed') ? /^valid: Ed25519 signature/ : /^valid: ECDSA-P256 signature/)
    }
  })

  it('says which: a changed file or signature is invalid (exit 1); bad usage exits 2', async () => {
    openssl('pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-inkey', 'sm2.pem', '-in', 'msg.bin', '-out', 's.sig')
    const sig = readFileSync(join(dir, 's.sig'))
    write('changed.bin', 'something else')
    const changed = await cli('crypto', 'verify', '--key', 'sm2.pub', '--in', 'changed.bin', '--sig', sig.toString('base64'))
    assert.deepEqual([changed.code, changed.stdout.trim()], [1, 'invalid: SM2 signature (key from public key, ID 1234567812345678) does not verify'])
    const garbled = await cli('crypto', 'verify', '--key', 'sm2.pub', '--in', 'msg.bin', '--sig', Buffer.from('not a signature').toString('base64'))
    assert.equal(garbled.code, 1)
    assert.match(garbled.stdout, /^invalid: the SM2 signature .* is malformed/)
    assert.equal((await cli('crypto', 'verify', '--key', 'sm2.pub', '--in', 'msg.bin', '--sig', '***')).code, 1)
    assert.equal((await cli('crypto', 'sign', '--key', 'sm2.pem')).code, 2)
    assert.equal((await cli('crypto', 'sign', '--key', 'ed.pem', '--id', 'x', '--in', 'msg.bin')).code, 2)
    assert.equal((await cli('crypto', 'frobnicate')).code, 2)
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa.pem')
    const rsa = await cli('crypto', 'sign', '--key', 'rsa.pem', '--in', 'msg.bin')
    assert.equal(rsa.code, 1)
    assert.match(rsa.stderr, /unsupported key type rsa/)
    assert.doesNotMatch(rsa.stderr + rsa.stdout, /BEGIN|MII/)
  })
})

for (const dialect of DIALECTS) {
  describe(`zhicheng keys against a running platform; its log holds no key material [${dialect}]`, { skip }, () => {
    let platform: Platform
    let database: TestDatabase | undefined
    let dir: string
    let dbUrl: string
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'zc-keys-cli-'))
      const env: Record<string, string> = { ADMIN_TOKEN, BUILD_WEB: 'false', LOG_LEVEL: 'trace' }
      if (dialect === 'postgres') {
        database = await createTestDatabase('postgres')
        env.DATABASE_URL = database.url
      }
      platform = await startPlatform({ env })
      dbUrl = database?.url ?? `sqlite:${join(platform.dataDir, 'zhicheng.db')}`
    })
    after(async () => {
      await platform?.stop()
      if (database) {
        await new Promise((r) => setTimeout(r, 150))
        await database.drop()
      }
      rmSync(dir, { recursive: true, force: true })
    })
    const keys = (...args: string[]) => zhicheng(dir, ['keys', ...args, '--url', platform.url], { ADMIN_TOKEN })

    it('lists the seeded keys, creates one, exports its public key; a platform signature verifies offline', async () => {
      const list = await keys('list', '--owner-type', 'seal')
      assert.equal(list.code, 0, list.stderr)
      assert.match(list.stdout, /^ID\s+LABEL\s+ALGORITHM\s+PURPOSE\s+OWNER\s+STATE\s+VERSION\s+USES\n/)
      assert.match(list.stdout, /official-seal\s+SM2\s+sign\s+seal:seal-442000-data-bureau-official\s+active\s+v1\s+\d+/)

      const created = await keys('create', '--label', 'cli-made', '--algorithm', 'SM2', '--purpose', 'sign', '--owner-type', 'department', '--owner-id', 'dept-cli')
      assert.equal(created.code, 0, created.stderr)
      const keyId = created.stdout.trim()
      assert.match(keyId, /^key_[0-9A-HJKMNP-TV-Z]{26}$/)
      const again = await keys('create', '--label', 'cli-made', '--algorithm', 'SM2', '--purpose', 'sign', '--owner-type', 'department', '--owner-id', 'dept-cli')
      assert.equal(again.code, 1)
      assert.match(again.stderr, /409 CRYPTO_LABEL_TAKEN/)
      assert.match((await keys('list', '--owner-id', 'dept-cli', '--json')).stdout, new RegExp(keyId))

      const pem = await keys('export-public', keyId, '--out', 'k.pub')
      assert.equal(pem.code, 0, pem.stderr)
      const text = spawnSync('openssl', ['pkey', '-pubin', '-in', 'k.pub', '-text', '-noout'], { cwd: dir, encoding: 'utf8' })
      assert.equal(text.status, 0, text.stderr)
      assert.match(text.stdout, /ASN1 OID: SM2/)
      const jwk = JSON.parse((await keys('export-public', keyId, '--format', 'jwk')).stdout)
      assert.deepEqual([jwk.kty, jwk.crv, jwk.kid], ['EC', 'SM2', `${keyId}.1`])
      assert.equal(Buffer.from((await keys('export-public', keyId, '--format', 'raw')).stdout.trim(), 'base64').length, 65)
      assert.equal((await keys('export-public', 'key_01J00000000000000000000000')).code, 1)
      assert.equal((await zhicheng(dir, ['keys', 'list', '--url', platform.url], { ADMIN_TOKEN: '' })).code, 2)
      const wrongToken = await zhicheng(dir, ['keys', 'list', '--url', platform.url, '--token', 'not-the-token-not-the-token-not-the'])
      assert.equal(wrongToken.code, 1)
      assert.match(wrongToken.stderr, /401 CORE_UNAUTHENTICATED/)

      const message = Buffer.from('signed by the platform, checked offline')
      writeFileSync(join(dir, 'm.bin'), message)
      const res = await fetch(`${platform.url}/api/v1/crypto/keys/${keyId}/sign`, {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: message.toString('base64') }),
      })
      const { signature } = await res.json() as { signature: string }
      const verified = await zhicheng(dir, ['crypto', 'verify', '--key', 'k.pub', '--in', 'm.bin', '--sig', signature])
      assert.equal(verified.code, 0, verified.stdout + verified.stderr)
      writeFileSync(join(dir, 's.der'), Buffer.from(signature, 'base64'))
      assert.equal(spawnSync('openssl', ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', 'k.pub', '-in', 'm.bin', '-sigfile', 's.der'], { cwd: dir }).status, 0)
    })

    it('the platform output (trace level) contains none of its secrets', async () => {
      const connection = openConnection(dbUrl)
      let secrets
      try {
        secrets = await readSecrets(connection.db, readFileSync(join(platform.dataDir, 'root.key'), 'utf8'))
      } finally {
        await connection.close()
      }
      assert.ok(secrets.length >= 2 + 6 + 2 + 1, `secrets: ${secrets.length}`)
      const output = platform.output()
      assert.match(output, /crypto root key loaded/)
      assert.deepEqual(findLeaks(output, secrets), [])
    })
  })
}
