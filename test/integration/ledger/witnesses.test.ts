import { describe, it, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { MemoryTree, SM3_HASHER } from '../../../src/lib/merkle/index.ts'
import { ed25519PublicKeyBytes, ed25519VerifierKey, encodeBase64, formatCheckpoint, signNote } from '../../../src/lib/note/index.ts'
import type { CryptoApi } from '../../../src/modules/crypto/index.ts'
import { createSm2NoteSigner } from '../../../src/modules/ledger/note-keys.ts'
import { generateWitnessKey } from '../../../src/witness/key-file.ts'
import { ORG_A, ledgerModules, openApp, runCliAsync, startWitness, type WitnessProcess, settle } from './helpers.ts'

const ORIGIN = 'zhicheng.local/ledger'
const ITEM = { type: 'inspection-record', title: '消防检查记录 118 号', department: '市消防救援支队' }
const FILE = Buffer.from('检查记录：灭火器 12 具，均在有效期内。')
const sm3 = (d: Uint8Array | string) => createHash('sm3').update(d).digest('hex')

for (const dialect of DIALECTS) {
  describe(`ledger witnesses: two witness processes, a quorum, a refused fork [${dialect}]`, () => {
    let database: TestDatabase
    let app: FastifyInstance
    let logKeys: string[]
    let w1: WitnessProcess & { dir: string; port: number }
    let w2: WitnessProcess & { dir: string; port: number }
    const dir = mkdtempSync(join(tmpdir(), 'zc-ledger-witness-'))

    before(async () => {
      database = await createTestDatabase(dialect)
      // First boot without witnesses: the crypto module creates the log keys the witnesses must trust.
      const first = await openApp(database, ledgerModules())
      logKeys = (await first.inject({ url: '/api/v1/ledger/log' })).json().keys
      await first.close()
      ;[w1, w2] = await Promise.all([startWitness('witness.example/w1', logKeys), startWitness('witness.example/w2', [logKeys[0]])])
      app = await openApp(database, ledgerModules({ witnesses: [{ url: w1.url, key: w1.vkey }, { url: w2.url, key: w2.vkey }], quorum: 2, publishTimeoutMs: 10_000, witnessTimeoutMs: 6000 }))
    })
    after(async () => {
      await app?.close()
      await Promise.all([w1?.stop(), w2?.stop()])
      await settle()
      await database?.drop()
    })

    it('publishes a checkpoint only once both witnesses cosigned; the receipt verifies offline with their keys', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence', headers: ORG_A, payload: { ...ITEM, content: FILE.toString('base64') } })
      assert.equal(res.statusCode, 201, res.body)
      const receipt = res.json().receipt
      const lines = receipt.checkpoint.split('\n').filter((l: string) => l.startsWith('— '))
      assert.deepEqual(lines.map((l: string) => l.split(' ')[1]), [ORIGIN, ORIGIN, 'witness.example/w1', 'witness.example/w2'])
      // Each witness persisted what it cosigned before answering.
      for (const w of [w1, w2]) assert.deepEqual(JSON.parse(readFileSync(w.stateFile, 'utf8')).logs[ORIGIN].size, 1)
      const info = (await app.inject({ url: '/api/v1/ledger/log' })).json()
      assert.deepEqual(info.witnesses.map((w: { name: string }) => w.name), ['witness.example/w1', 'witness.example/w2'])
      assert.equal(info.quorum, 2)

      // Offline: a separate process with only the keys and the files.
      const receiptFile = join(dir, 'receipt.json')
      const evidenceFile = join(dir, 'record.txt')
      writeFileSync(receiptFile, JSON.stringify(receipt))
      writeFileSync(evidenceFile, FILE)
      const verify = (...args: string[]) => runCliAsync(['verify', receiptFile, ...args])
      const ok = await verify('--file', evidenceFile, '--log-key', logKeys[0], '--witness-key', w1.vkey, '--witness-key', w2.vkey)
      assert.equal(ok.status, 0, ok.out + ok.err)
      assert.match(ok.out, /cosigned by witness witness\.example\/w1 at \d{4}-/)
      assert.match(ok.out, /VERIFIED/)
      // The refusals are offline checks, the same on every dialect: run them once.
      if (dialect !== DIALECTS[0]) return
      writeFileSync(join(dir, 'forged.txt'), 'forged')
      const stranger = generateWitnessKey(join(dir, 'w3.key'), 'witness.example/w3')
      const impostor = ed25519VerifierKey(ORIGIN, ed25519PublicKeyBytes(generateKeyPairSync('ed25519').publicKey))
      const [ed, forged, missing, quorumOne, witnessAsLog, wrongLog] = await Promise.all([
        // The Ed25519 log key verifies the same receipt (public interop).
        verify('--log-key', logKeys[1]),
        verify('--file', join(dir, 'forged.txt'), '--log-key', logKeys[0]),
        verify('--log-key', logKeys[0], '--witness-key', w1.vkey, '--witness-key', stranger),
        verify('--log-key', logKeys[0], '--witness-key', w1.vkey, '--witness-key', stranger, '--quorum', '1'),
        verify('--log-key', w1.vkey),
        verify('--log-key', impostor),
      ])
      assert.equal(ed.status, 0, ed.out + ed.err)
      // Wrong file, unknown witness key, a witness key posing as the log key, an impostor log key: exit 1 and the failing check.
      assert.deepEqual([forged.status, missing.status, quorumOne.status, witnessAsLog.status, wrongLog.status], [1, 1, 0, 1, 1])
      assert.match(forged.out, /LEDGER_FILE_MISMATCH/)
      assert.match(missing.out, /LEDGER_WITNESS_QUORUM.*1 of the 2/)
      assert.match(witnessAsLog.out, /LEDGER_BAD_KEY/)
      assert.match(wrongLog.out, /LEDGER_SIGNATURE_INVALID/)
    })

    it('a witness refuses a checkpoint that rewrites history (422), a stale old size (409) and a same-size fork (409)', async () => {
      const state = JSON.parse(readFileSync(w1.stateFile, 'utf8')).logs[ORIGIN] as { size: number; rootHash: string }
      const crypto = app.kernel.apis.crypto as CryptoApi
      const key = await crypto.ensureSystemKey('ledger.checkpoint.sm2', 'SM2', 'sign')
      const pub = (await crypto.getPublicKey(key.id)).raw
      // The log operator itself turns rogue: a tree of the next size with a different history, signed with the real log key.
      const forged = new MemoryTree(SM3_HASHER)
      for (let i = 0; i <= state.size; i++) forged.appendData(Buffer.from(`rewritten ${i}`))
      const signer = createSm2NoteSigner(ORIGIN, pub, async (m) => (await crypto.sign(key.id, m, { format: 'raw' })).signature)
      const sign = (size: number, root: Uint8Array) => signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: root, extensions: [] }), [signer])
      const add = (body: string) => fetch(`${w1.url}/add-checkpoint`, { method: 'POST', body })
      const proof = forged.consistencyProof(state.size).map((h) => `${encodeBase64(h)}\n`).join('')

      const rewrite = await add(`old ${state.size}\n${proof}\n${await sign(state.size + 1, forged.root())}`)
      assert.equal(rewrite.status, 422, await rewrite.clone().text())
      assert.match(await rewrite.text(), /consistency proof .* does not verify/)
      const stale = await add(`old 0\n\n${await sign(state.size + 1, forged.root())}`)
      assert.equal(stale.status, 409)
      assert.equal(stale.headers.get('content-type'), 'text/x.tlog.size')
      assert.equal(await stale.text(), `${state.size}\n`)
      const sameSize = await add(`old ${state.size}\n\n${await sign(state.size, forged.root(state.size))}`)
      assert.equal(sameSize.status, 409)
      // Unknown origin 404, no trusted signature 403, malformed 400; the state did not move.
      const otherLog = createSm2NoteSigner('other.example/log', pub, async (m) => (await crypto.sign(key.id, m, { format: 'raw' })).signature)
      assert.equal((await add(`old 0\n\n${await signNote(formatCheckpoint({ origin: 'other.example/log', size: 1, rootHash: forged.root(1), extensions: [] }), [otherLog])}`)).status, 404)
      const unsigned = (await sign(state.size + 1, forged.root())).replace(/— zhicheng\.local\/ledger (\S{10})/, '— zhicheng.local/ledger AAAA$1')
      assert.equal((await add(`old ${state.size}\n${proof}\n${unsigned}`)).status, 403)
      assert.equal((await add('nonsense')).status, 400)
      assert.deepEqual(JSON.parse(readFileSync(w1.stateFile, 'utf8')).logs[ORIGIN], state)
      // The log keeps publishing its true history.
      const next = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence', headers: ORG_A, payload: { ...ITEM, hash: `sm3:${sm3('next')}` } })
      assert.equal(next.statusCode, 201, next.body)
      assert.equal(JSON.parse(readFileSync(w1.stateFile, 'utf8')).logs[ORIGIN].size, state.size + 1)
    })

    it('without the quorum nothing is published: 503 after the wait, the entry is kept, and a later checkpoint covers it', async () => {
      const before = (await app.inject({ url: '/ledger/checkpoint' })).body
      await w2.stop()
      const res = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence', headers: ORG_A, payload: { ...ITEM, hash: `sm3:${sm3('while w2 is down')}` } })
      assertProblem(res, 503, 'LEDGER_NOT_PUBLISHED')
      assert.equal((await app.inject({ url: '/ledger/checkpoint' })).body, before)
      const found = await app.inject({ url: `/api/v1/ledger/evidence?hash=sm3:${sm3('while w2 is down')}`, headers: ORG_A })
      assertProblem(found, 503, 'LEDGER_NOT_PUBLISHED')
      w2 = await startWitness('witness.example/w2', [logKeys[0]], { dir: w2.dir, port: w2.port })
      const after = await app.inject({ method: 'POST', url: '/api/v1/ledger/evidence', headers: ORG_A, payload: { ...ITEM, hash: `sm3:${sm3('w2 is back')}` } })
      assert.equal(after.statusCode, 201, after.body)
      const kept = await app.inject({ url: `/api/v1/ledger/evidence?hash=sm3:${sm3('while w2 is down')}`, headers: ORG_A })
      assert.equal(kept.statusCode, 200, kept.body)
      assert.equal(kept.json().items[0].index, 2)
      assert.match(kept.json().items[0].receipt.checkpoint, /— witness\.example\/w2 /)
    })
  })
}
