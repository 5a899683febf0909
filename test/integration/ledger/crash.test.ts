import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { DIALECTS, createTestDatabase } from '../../helpers/dialects.ts'
import { childArgs } from '../../helpers/child.ts'

const CHILD = join(import.meta.dirname, 'fixtures/crash-child.ts')

/** Runs the load child and SIGKILLs it once `acks` entries were acknowledged; returns the acknowledgements. */
function loadAndKill(url: string, acks: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, childArgs(CHILD), { env: { ...process.env, MODE: 'load', DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000)
    child.stdout!.on('data', (d) => {
      out += d
      if (out.split('\n').filter((l) => l.startsWith('ACK evidence')).length >= acks) child.kill('SIGKILL')
    })
    child.stderr!.on('data', (d) => { err += d })
    child.once('exit', (_code, signal) => {
      clearTimeout(timer)
      // Only complete lines count: a line cut by the kill was never an acknowledgement.
      resolve({ lines: out.split('\n').slice(0, -1).filter((l) => l.startsWith('ACK ')), signal, err })
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`ledger survives kill -9 during load [${dialect}]`, () => {
    it('loses no acknowledged entry: after a restart every one is in the log at its index, anchors included, and the audit is clean', async () => {
      const db = await createTestDatabase(dialect)
      try {
        const load = await loadAndKill(db.url, 200)
        assert.equal(load.signal, 'SIGKILL', load.err)
        const acked = load.lines.map((l) => l.split(' '))
        const evidence = acked.filter((a) => a[1] === 'evidence')
        const anchors = acked.filter((a) => a[1] === 'anchor')
        assert.ok(evidence.length >= 200 && anchors.length > 0, `acks: ${evidence.length} evidence, ${anchors.length} anchors`)

        const r = spawnSync(process.execPath, childArgs(CHILD), { env: { ...process.env, MODE: 'audit', DATABASE_URL: db.url }, encoding: 'utf8', timeout: 150_000 })
        assert.equal(r.status, 0, r.stderr)
        const { report, entries, leaves, checkpointSize } = JSON.parse(r.stdout.trim().split('\n').at(-1)!)
        const byId = new Map(entries.map((e: { id: string; seq: number }) => [e.id, Number(e.seq)]))
        const leafAt = new Map(leaves.map((l: { node_key: number; hash: string }) => [Number(l.node_key), l.hash]))
        for (const [, , id, index, leafHash] of evidence) {
          assert.equal(byId.get(id), Number(index), `evidence ${id}`)
          assert.equal(leafAt.get(Number(index)), leafHash, `leaf of ${id}`)
        }
        for (const [, , id] of anchors) assert.ok(byId.has(id), `anchored ${id} was committed but is not in the log`)
        // Nothing twice, no gap, and a checkpoint covers everything after the restart.
        assert.equal(new Set(entries.map((e: { id: string }) => e.id)).size, entries.length)
        assert.deepEqual(entries.map((e: { seq: number }) => Number(e.seq)), entries.map((_: unknown, i: number) => i))
        assert.equal(checkpointSize, entries.length)
        assert.deepEqual(report.problems, [])
        assert.equal(report.ok, true)
      } finally {
        await db.drop()
      }
    })
  })
}
