import { describe, it, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN, buildTestApp, type TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { NO_PERMS, ORG_A, ORG_B, closeTestApp, countRows, ledgerModules } from './helpers.ts'

const sm3 = (data: string | Uint8Array) => createHash('sm3').update(data).digest('hex')
const FILE = Buffer.from('租赁合同 第 2026-118 号：甲方中山市某局，乙方某公司。')
const ITEM = { type: 'contract', title: '租赁合同 2026-118', department: '市市场监督管理局', metadata: { caseNo: '(2026)粤2071民初118号', pages: 3 } }
const ID = /^ent_[0-9A-HJKMNP-TV-Z]{26}$/
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

for (const dialect of DIALECTS) {
  describe(`ledger evidence API [${dialect}]`, () => {
    let t: TestApp
    let first: Record<string, any>
    before(async () => { t = await buildTestApp(dialect, { modules: ledgerModules({ maxBatch: 5 }) }) })
    after(() => closeTestApp(t))

    const post = (url: string, payload: unknown, headers: Record<string, string> = ORG_A) => t.app.inject({ method: 'POST', url, payload: payload as object, headers })
    const state = async () => ({ entries: await countRows(t.app.kernel.db, 'ledger_entry'), checkpoints: await countRows(t.app.kernel.db, 'ledger_checkpoint') })

    it('POST /ledger/evidence: 401 without credentials, 403 without ledger:evidence:submit, nothing recorded', async () => {
      assertProblem(await post('/api/v1/ledger/evidence', { ...ITEM, hash: sm3(FILE) }, {}), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await post('/api/v1/ledger/evidence', { ...ITEM, hash: sm3(FILE) }, NO_PERMS), 403, 'CORE_FORBIDDEN')
      assert.deepEqual(await state(), { entries: 0, checkpoints: 0 })
    })

    it('POST /ledger/evidence: 400 with field details for an invalid body; 4xx for bad hashes and content; nothing recorded', async () => {
      const bad = assertProblem(await post('/api/v1/ledger/evidence', { ...ITEM, title: '', hash: 'md5:1234', extra: 1 }), 400, 'CORE_VALIDATION')
      assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['body/extra', 'body/hash', 'body/title'])
      assertProblem(await post('/api/v1/ledger/evidence', ITEM), 400, 'LEDGER_NO_PAYLOAD')
      assertProblem(await post('/api/v1/ledger/evidence', { ...ITEM, content: 'not base64!' }), 400, 'LEDGER_BAD_CONTENT')
      assertProblem(await post('/api/v1/ledger/evidence', { ...ITEM, content: FILE.toString('base64'), hash: `sm3:${'0'.repeat(64)}` }), 422, 'LEDGER_HASH_MISMATCH')
      assertProblem(await post('/api/v1/ledger/evidence', { ...ITEM, hash: sm3(FILE), metadata: { blob: 'x'.repeat(9000) } }), 400, 'LEDGER_METADATA_TOO_LARGE')
      assert.deepEqual(await state(), { entries: 0, checkpoints: 0 })
    })

    it('POST /ledger/evidence: records the file hash and answers a receipt with a witnessed checkpoint', async () => {
      const res = await post('/api/v1/ledger/evidence', { ...ITEM, content: FILE.toString('base64') })
      assert.equal(res.statusCode, 201, res.body)
      first = res.json()
      assert.match(first.id, ID)
      assert.match(first.recordedAt, ISO)
      const time = Date.parse(first.recordedAt)
      const meta = { department: ITEM.department, metadata: ITEM.metadata, title: ITEM.title, type: ITEM.type }
      // The leaf format, spelled out: canonical JSON, keys sorted, v = 1.
      const leaf = `{"hash":"sm3:${sm3(FILE)}","id":"${first.id}","kind":"evidence","meta":{"department":"市市场监督管理局","metadata":{"caseNo":"(2026)粤2071民初118号","pages":3},"title":"租赁合同 2026-118","type":"contract"},"time":${time},"v":1}`
      const leafHash = sm3(Buffer.concat([Buffer.of(0), Buffer.from(leaf)]))
      assert.match(first.receipt.checkpoint, /^zhicheng\.local\/ledger\n1\n[A-Za-z0-9+/]{43}=\n\n(— zhicheng\.local\/ledger \S+\n){2}$/)
      assert.deepEqual(first, {
        id: first.id, index: 0, ...ITEM, hash: `sm3:${sm3(FILE)}`, recordedAt: first.recordedAt, submittedBy: 'stf_org_a',
        receipt: {
          format: 'zhicheng-ledger-receipt/v1', origin: 'zhicheng.local/ledger', treeHash: 'sm3', index: 0,
          entry: { id: first.id, kind: 'evidence', hash: `sm3:${sm3(FILE)}`, meta, time },
          leafHash, inclusionProof: [], checkpoint: first.receipt.checkpoint, recordedAt: first.recordedAt,
        },
      })
      // The checkpoint root of a one-entry tree is the leaf hash.
      assert.equal(Buffer.from(first.receipt.checkpoint.split('\n')[2], 'base64').toString('hex'), leafHash)
    })

    it('side effects: one entry, its nodes, a published checkpoint, the audit record and the outbox events', async () => {
      const db = t.app.kernel.db
      assert.deepEqual(await state(), { entries: 1, checkpoints: 1 })
      const row = await db.selectFrom('ledger_entry').selectAll().executeTakeFirstOrThrow()
      assert.deepEqual({ ...row, seq: Number(row.seq), created_at: Number(row.created_at), hash_prefix: Number(row.hash_prefix) }, {
        seq: 0, id: first.id, kind: 'evidence', hash_alg: 'sm3', payload_hash: sm3(FILE), hash_prefix: Number.parseInt(sm3(FILE).slice(0, 13), 16), org_id: 'org_a', submitted_by: 'stf_org_a',
        meta: JSON.stringify(first.receipt.entry.meta), created_at: first.receipt.entry.time,
      })
      const cp = await db.selectFrom('ledger_checkpoint').selectAll().executeTakeFirstOrThrow()
      assert.equal(Number(cp.size), 1)
      assert.equal(cp.note, first.receipt.checkpoint)
      assert.ok(cp.published_at)
      const audit = await t.app.kernel.audit.query({ action: 'ledger.evidence.submitted' })
      assert.equal(audit.items.length, 1)
      assert.deepEqual({ actor: audit.items[0].actorId, target: audit.items[0].targetId, detail: audit.items[0].detail }, { actor: 'stf_org_a', target: first.id, detail: { count: 1, firstIndex: 0, lastIndex: 0 } })
      const events = await db.selectFrom('core_event').select(['name', 'aggregate_id', 'payload']).where('name', 'like', 'ledger.%').orderBy('id').execute()
      assert.deepEqual(events.map((e) => [e.name, e.aggregate_id, JSON.parse(e.payload)]), [
        ['ledger.evidence.recorded', first.id, { entries: [{ id: first.id, index: 0, hash: first.hash }] }],
        ['ledger.checkpoint.published', 'zhicheng.local/ledger', { size: 1, rootHash: first.receipt.leafHash, cosignatures: 0 }],
      ])
    })

    it('POST /ledger/evidence/batch: one result per item, oversized batches 413, empty ones 400', async () => {
      const before = await state()
      assertProblem(await post('/api/v1/ledger/evidence/batch', { items: Array.from({ length: 6 }, (_, i) => ({ ...ITEM, hash: sm3(`x${i}`) })) }), 413, 'LEDGER_BATCH_TOO_LARGE')
      assertProblem(await post('/api/v1/ledger/evidence/batch', { items: [] }), 400, 'LEDGER_BATCH_EMPTY')
      assertProblem(await post('/api/v1/ledger/evidence/batch', { items: [{ ...ITEM, hash: 'nope' }] }), 400, 'CORE_VALIDATION')
      assert.deepEqual(await state(), before)
      const res = await post('/api/v1/ledger/evidence/batch', { items: [
        { ...ITEM, title: '照片 1', hash: `sha256:${createHash('sha256').update('p1').digest('hex')}` },
        { ...ITEM, title: '照片 2', content: Buffer.from('p2').toString('base64'), hash: sm3('other') },
        { ...ITEM, title: '照片 3', content: Buffer.from('p3').toString('base64'), hashAlgorithm: 'sha256' },
      ] })
      assert.equal(res.statusCode, 200, res.body)
      const items = res.json().items
      assert.deepEqual(items.map((r: any) => (r.ok ? [r.evidence.index, r.evidence.hash] : [r.item, r.code])), [
        [1, `sha256:${createHash('sha256').update('p1').digest('hex')}`],
        [1, 'LEDGER_HASH_MISMATCH'],
        [2, `sha256:${createHash('sha256').update('p3').digest('hex')}`],
      ])
      assert.equal(items[0].evidence.receipt.checkpoint, items[2].evidence.receipt.checkpoint)
      assert.deepEqual(await state(), { entries: before.entries + 2, checkpoints: before.checkpoints + 1 })
    })

    it('GET /ledger/evidence/:id: 401, 404 for another organisation, 400 for a malformed id, the evidence with a fresh receipt', async () => {
      assertProblem(await t.app.inject({ url: `/api/v1/ledger/evidence/${first.id}` }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url: `/api/v1/ledger/evidence/${first.id}`, headers: ORG_B }), 404, 'LEDGER_NOT_FOUND')
      assertProblem(await t.app.inject({ url: '/api/v1/ledger/evidence/nope', headers: ORG_A }), 400, 'CORE_VALIDATION')
      assertProblem(await t.app.inject({ url: '/api/v1/ledger/evidence/ent_01ARZ3NDEKTSV4RRFFQ69G5FAV', headers: ORG_A }), 404, 'LEDGER_NOT_FOUND')
      const res = await t.app.inject({ url: `/api/v1/ledger/evidence/${first.id}`, headers: ORG_A })
      assert.equal(res.statusCode, 200, res.body)
      const got = res.json()
      // Same evidence, now proven against the newest checkpoint (size 3).
      assert.deepEqual({ ...got, receipt: undefined }, { ...first, receipt: undefined })
      assert.equal(got.receipt.inclusionProof.length, 2)
      assert.match(got.receipt.checkpoint, /^zhicheng\.local\/ledger\n3\n/)
      const admin = await t.app.inject({ url: `/api/v1/ledger/evidence/${first.id}`, headers: ADMIN })
      assert.equal(admin.statusCode, 200)
    })

    it('GET /ledger/evidence?hash=: only the organisation’s evidence with that hash', async () => {
      await post('/api/v1/ledger/evidence', { ...ITEM, hash: sm3(FILE) }, ORG_B)
      const a = await t.app.inject({ url: `/api/v1/ledger/evidence?hash=sm3:${sm3(FILE)}`, headers: ORG_A })
      assert.equal(a.statusCode, 200, a.body)
      assert.deepEqual(a.json().items.map((e: any) => e.id), [first.id])
      const b = await t.app.inject({ url: `/api/v1/ledger/evidence?hash=${sm3(FILE).toUpperCase()}`, headers: ORG_B })
      assert.deepEqual(b.json().items.map((e: any) => [e.index, e.submittedBy]), [[3, 'stf_org_b']])
      assertProblem(await t.app.inject({ url: '/api/v1/ledger/evidence?hash=xyz', headers: ORG_A }), 400, 'CORE_VALIDATION')
      assertProblem(await t.app.inject({ url: `/api/v1/ledger/evidence?hash=${sm3(FILE)}` }), 401, 'CORE_UNAUTHENTICATED')
    })

    it('GET /ledger/evidence/:id/content: the kept file for its organisation only; none for evidence recorded by hash', async () => {
      const url = `/api/v1/ledger/evidence/${first.id}/content`
      assertProblem(await t.app.inject({ url }), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await t.app.inject({ url, headers: ORG_B }), 404, 'LEDGER_NOT_FOUND')
      assertProblem(await t.app.inject({ url: '/api/v1/ledger/evidence/nope/content', headers: ORG_A }), 400, 'CORE_VALIDATION')
      const res = await t.app.inject({ url, headers: ORG_A })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], 'application/octet-stream')
      assert.deepEqual(res.rawPayload, FILE)
      // Organisation B recorded the same file by its hash only: it gets no file, although one with that hash is kept.
      const [byHash] = (await t.app.inject({ url: `/api/v1/ledger/evidence?hash=sm3:${sm3(FILE)}`, headers: ORG_B })).json().items
      assertProblem(await t.app.inject({ url: `/api/v1/ledger/evidence/${byHash.id}/content`, headers: ORG_B }), 404, 'LEDGER_CONTENT_NOT_FOUND')
    })

    it('POST /ledger/verify (public): verifies the file against the receipt; names the failing check', async () => {
      const receipt = (await t.app.inject({ url: `/api/v1/ledger/evidence/${first.id}`, headers: ORG_A })).json().receipt
      const ok = await post('/api/v1/ledger/verify', { receipt, content: FILE.toString('base64') }, {})
      assert.equal(ok.statusCode, 200, ok.body)
      assert.deepEqual(ok.json(), {
        verified: true, origin: 'zhicheng.local/ledger', index: 0, treeSize: 4, rootHash: ok.json().rootHash, leafHash: first.receipt.leafHash,
        recordedAt: first.recordedAt, logSignatures: ['zhicheng.local/ledger', 'zhicheng.local/ledger'], witnesses: [],
        payload: { hash: `sm3:${sm3(FILE)}`, matches: true },
      })
      assertProblem(await post('/api/v1/ledger/verify', { receipt, content: Buffer.from('forged').toString('base64') }, {}), 422, 'LEDGER_FILE_MISMATCH')
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, entry: { ...receipt.entry, meta: { ...receipt.entry.meta, title: '改' } } } }, {}), 422, 'LEDGER_LEAF_MISMATCH')
      const flipped = [...receipt.inclusionProof]
      flipped[0] = flipped[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'))
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, inclusionProof: flipped } }, {}), 422, 'LEDGER_PROOF_INVALID')
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, inclusionProof: flipped.slice(1) } }, {}), 400, 'LEDGER_PROOF_MALFORMED')
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, index: 9 } }, {}), 400, 'LEDGER_PROOF_MALFORMED')
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, checkpoint: receipt.checkpoint.replace('\n4\n', '\n5\n') } }, {}), 422, 'LEDGER_SIGNATURE_INVALID')
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, checkpoint: 'garbage' } }, {}), 400, 'LEDGER_CHECKPOINT_MALFORMED')
      assertProblem(await post('/api/v1/ledger/verify', { receipt: { ...receipt, leafHash: 'xyz' } }, {}), 400, 'LEDGER_RECEIPT_MALFORMED')
      assertProblem(await post('/api/v1/ledger/verify', { nothing: true }, {}), 400, 'CORE_VALIDATION')
    })

    it('GET /ledger/log (public): origin, tree hash, verifier keys, newest checkpoint', async () => {
      const res = await t.app.inject({ url: '/api/v1/ledger/log' })
      assert.equal(res.statusCode, 200)
      const log = res.json()
      assert.deepEqual({ ...log, keys: log.keys.length, checkpoint: log.checkpoint.split('\n')[1] }, { origin: 'zhicheng.local/ledger', treeHash: 'sm3', keys: 2, witnesses: [], quorum: 0, size: 4, checkpoint: '4' })
      const material = (vkey: string) => Buffer.from(vkey.split('+').slice(2).join('+'), 'base64')
      // SM2: 0xff "sm2/v1" then the 65-byte point 04‖x‖y; Ed25519: 0x01 then 32 bytes.
      assert.deepEqual([...material(log.keys[0]).subarray(0, 8)], [0xff, ...Buffer.from('sm2/v1'), 0x04])
      assert.equal(material(log.keys[0]).length, 7 + 65)
      assert.deepEqual([material(log.keys[1])[0], material(log.keys[1]).length], [0x01, 33])
    })

    it('POST /ledger/audit: 401, 403, and a clean report', async () => {
      assertProblem(await post('/api/v1/ledger/audit', undefined, {}), 401, 'CORE_UNAUTHENTICATED')
      assertProblem(await post('/api/v1/ledger/audit', undefined, ORG_A), 403, 'CORE_FORBIDDEN')
      const res = await post('/api/v1/ledger/audit', undefined, ADMIN)
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual({ ...(res.json() as object), rootHash: undefined }, { ok: true, size: 4, rootHash: undefined, entriesChecked: 4, checkpointsChecked: 3, problems: [] })
    })
  })
}
