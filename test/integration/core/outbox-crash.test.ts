import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { DIALECTS, createTestDatabase } from '../../helpers/dialects.ts'
import { childArgs } from '../../helpers/child.ts'

const CHILD = join(import.meta.dirname, 'fixtures/outbox-child.ts')

function run(mode: string, url: string) {
  const r = spawnSync(process.execPath, childArgs(CHILD), { env: { ...process.env, MODE: mode, DATABASE_URL: url }, encoding: 'utf8', timeout: 60_000 })
  return { signal: r.signal, status: r.status, out: r.stdout.trim(), err: r.stderr }
}

for (const dialect of DIALECTS) {
  describe(`outbox survives a killed process [${dialect}]`, () => {
    it('delivers every committed event exactly once, in order per aggregate, across two crashes', async () => {
      const db = await createTestDatabase(dialect)
      try {
        const published = run('publish', db.url)
        assert.equal(published.signal, 'SIGKILL', published.err)
        const { a, b } = JSON.parse(published.out)

        const crashed = run('crash', db.url)
        assert.equal(crashed.signal, 'SIGKILL', `the handler should have killed the process: ${crashed.err}`)

        const done = run('deliver', db.url)
        assert.equal(done.status, 0, done.err)
        const { rows, deliveries } = JSON.parse(done.out) as { rows: Array<{ event_id: string; item_id: string; seq: number }>; deliveries: Array<{ event_id: string; status: string; attempts: number }> }

        // Nothing lost: five events committed, five deliveries done.
        assert.equal(deliveries.length, 5)
        assert.deepEqual(deliveries.map((d) => d.status), Array(5).fill('delivered'))
        // Nothing twice: one effect per event, and the effects' sequence has no gap.
        assert.equal(new Set(rows.map((r) => r.event_id)).size, 5)
        assert.deepEqual(rows.map((r) => Number(r.seq)), [1, 2, 3, 4, 5])
        // In order per aggregate: A's four events take effect in publication order.
        const ofA = rows.filter((r) => r.item_id === a).map((r) => r.event_id)
        assert.deepEqual(ofA, [...ofA].sort())
        assert.equal(ofA.length, 4)
        assert.equal(rows.filter((r) => r.item_id === b).length, 1)
        // The third delivery was interrupted once and succeeded on its second attempt.
        assert.ok(deliveries.some((d) => Number(d.attempts) === 2), JSON.stringify(deliveries))
      } finally {
        await db.drop()
      }
    })
  })
}
