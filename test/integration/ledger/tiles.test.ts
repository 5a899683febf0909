import { describe, it, after, before } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { DIALECTS } from '../../helpers/dialects.ts'
import { buildTestApp, type TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { MemoryTree, SM3_HASHER } from '../../../src/lib/merkle/index.ts'
import { parseCheckpoint, parseSignedNote } from '../../../src/lib/note/index.ts'
import { ORG_A, closeTestApp, ledgerModules } from './helpers.ts'

const N = 300

/** Splits an entry bundle (uint16 big-endian length, then the bytes). */
function entriesOf(bundle: Buffer): Buffer[] {
  const out: Buffer[] = []
  for (let at = 0; at < bundle.length;) {
    const len = bundle.readUInt16BE(at)
    out.push(bundle.subarray(at + 2, at + 2 + len))
    at += 2 + len
  }
  return out
}

for (const dialect of DIALECTS) {
  describe(`ledger tlog-tiles endpoints [${dialect}]`, () => {
    let t: TestApp
    const get = (url: string) => t.app.inject({ url })
    before(async () => { t = await buildTestApp(dialect, { modules: ledgerModules() }) })
    after(() => closeTestApp(t))

    it('answers 404 LEDGER_NO_CHECKPOINT before the first checkpoint', async () => {
      assertProblem(await get('/ledger/checkpoint'), 404, 'LEDGER_NO_CHECKPOINT')
      assertProblem(await get('/ledger/tile/0/000.p/1'), 404, 'LEDGER_TILE_NOT_FOUND')
    })

    it('serves the checkpoint, hash tiles and entry bundles from which a monitor rebuilds the root', async () => {
      const items = Array.from({ length: N }, (_, i) => ({ hash: createHash('sm3').update(`f${i}`).digest('hex'), type: 'tile-test', title: `第 ${i} 号`, department: '市档案馆' }))
      for (let i = 0; i < N; i += 150) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/ledger/evidence/batch', headers: ORG_A, payload: { items: items.slice(i, i + 150) } })
        assert.equal(res.statusCode, 200, res.body)
      }
      const cp = await get('/ledger/checkpoint')
      assert.equal(cp.statusCode, 200)
      assert.match(String(cp.headers['content-type']), /^text\/plain/)
      assert.equal(cp.headers['cache-control'], 'no-cache')
      const checkpoint = parseCheckpoint(parseSignedNote(cp.body).text)
      assert.equal(checkpoint.size, N)

      const full = await get('/ledger/tile/entries/000')
      assert.equal(full.statusCode, 200)
      assert.equal(full.headers['cache-control'], 'public, max-age=31536000, immutable')
      const partial = await get(`/ledger/tile/entries/001.p/${N - 256}`)
      assert.equal(partial.statusCode, 200)
      const entries = [...entriesOf(full.rawPayload), ...entriesOf(partial.rawPayload)]
      assert.equal(entries.length, N)
      assert.equal(JSON.parse(entries[7].toString()).meta.title, '第 7 号')
      const tree = new MemoryTree(SM3_HASHER)
      for (const e of entries) tree.appendData(e)
      assert.deepEqual(tree.root(), checkpoint.rootHash)

      const level0 = await get('/ledger/tile/0/000')
      assert.equal(level0.rawPayload.length, 256 * 32)
      assert.deepEqual(new Uint8Array(level0.rawPayload.subarray(32 * 9, 32 * 10)), tree.getNode(0, 9))
      const edge = await get(`/ledger/tile/0/001.p/${N - 256}`)
      assert.equal(edge.rawPayload.length, (N - 256) * 32)
      const level1 = await get('/ledger/tile/1/000.p/1')
      assert.deepEqual(new Uint8Array(level1.rawPayload), tree.getNode(8, 0))
    })

    it('answers 404 for tiles the tree does not have and for non-canonical paths', async () => {
      for (const path of ['0/001', `0/001.p/${N - 255}`, '1/000', '2/000.p/1', 'entries/001', '0/x000/000', '0/1', '0/000.p/0', '0/000.p/256', '64/000', '00/000', 'entries', '0/x001']) {
        assertProblem(await get(`/ledger/tile/${path}`), 404, 'LEDGER_TILE_NOT_FOUND')
      }
    })
  })
}
