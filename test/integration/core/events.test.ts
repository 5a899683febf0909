import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'nats'
import { DIALECTS } from '../../helpers/dialects.ts'
import { buildTestApp, ADMIN, type TestApp } from '../../helpers/build-test-app.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { createProbeModule, NO_PERMISSION_TOKEN } from '../../helpers/probe-module.ts'
import { allModules } from '../../../src/modules/index.ts'
import { withTransaction } from '../../../src/core/db/transaction.ts'

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222'

for (const dialect of DIALECTS) {
  describe(`outbox delivery [${dialect}]`, () => {
    let t: TestApp
    const failures = new Map<string, number>()
    let poison = true
    before(async () => { t = await buildTestApp(dialect, { modules: [...allModules, createProbeModule()], startEvents: false }) })
    after(async () => { await t?.close() })

    it('refuses to publish an undeclared event and writes nothing', async () => {
      // Modules may have published at start (grid creating its crypto key): nothing is added to that.
      const existing = (await t.app.kernel.db.selectFrom('core_event').selectAll().execute()).length
      await assert.rejects(withTransaction(t.app.kernel.db, (trx) => t.app.kernel.events.publish(trx, 'probe.item.exploded', 'x', {})), (err: any) => err.code === 'CORE_UNKNOWN_EVENT')
      assert.equal((await t.app.kernel.db.selectFrom('core_event').selectAll().execute()).length, existing)
    })

    it('retries a failing handler, keeps per-aggregate order, and dead-letters after the budget', async () => {
      const { buildApp } = await import('../../../src/core/app.ts')
      const app = await buildApp({
        // Immediate retries and a small budget keep the test fast; production backs off exponentially.
        config: t.app.kernel.config, startEvents: false, eventOptions: { maxAttempts: 3, backoff: () => 0 },
        modules: [...allModules, createProbeModule({
          onDeliver(event) {
            const name = (event.payload as { name?: string }).name
            if (name === 'flaky' && (failures.get(event.id) ?? 0) < 2) {
              failures.set(event.id, (failures.get(event.id) ?? 0) + 1)
              throw new Error('transient failure')
            }
            if (name === 'poison' && poison) throw new Error('always fails')
          },
        })],
      })
      try {
        await app.ready()
        const post = async (name: string) => (await app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: { name, count: 1 }, headers: ADMIN })).json().id as string
        const flaky = await post('flaky')
        await app.inject({ method: 'POST', url: `/api/v1/probe/items/${flaky}/touch`, headers: ADMIN })
        const poisonId = await post('poison')
        const fine = await post('fine')
        // Each drain pass delivers what is due; a failed delivery is due again at once (backoff 0).
        for (let i = 0; i < 5; i++) await app.kernel.events.drain()
        const rows = await app.kernel.db.selectFrom('probe_received').selectAll().orderBy('seq').execute()
        const flakyRows = rows.filter((r) => r.item_id === flaky)
        assert.equal(flakyRows.length, 2, 'created and touched both delivered')
        assert.ok(flakyRows[0].event_id < flakyRows[1].event_id, 'touched never overtakes created')
        assert.ok(rows.some((r) => r.item_id === fine))
        assert.ok(!rows.some((r) => r.item_id === poisonId))
        const stats = (await app.inject({ url: '/api/v1/ops/events', headers: ADMIN })).json()
        assert.equal(stats.deliveries.dead, 1)
        assert.equal(stats.dead[0].subscriber, 'probe.recorder')
        assert.equal(stats.dead[0].attempts, 3)
        assert.equal(stats.dead[0].lastError, 'always fails')

        // Retry is permission-checked, validated, audited, and delivers once the cause is fixed.
        const url = `/api/v1/ops/events/${stats.dead[0].eventId}/deliveries/probe.recorder/retry`
        assertProblem(await app.inject({ method: 'POST', url }), 401, 'CORE_UNAUTHENTICATED')
        assertProblem(await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${NO_PERMISSION_TOKEN}` } }), 403, 'CORE_FORBIDDEN')
        assertProblem(await app.inject({ method: 'POST', url: '/api/v1/ops/events/not-an-id/deliveries/probe.recorder/retry', headers: ADMIN }), 400, 'CORE_VALIDATION')
        assertProblem(await app.inject({ method: 'POST', url: `/api/v1/ops/events/${stats.dead[0].eventId}/deliveries/other.sub/retry`, headers: ADMIN }), 404, 'OPS_DELIVERY_NOT_FOUND')
        poison = false
        assert.equal((await app.inject({ method: 'POST', url, headers: ADMIN })).statusCode, 204)
        await app.kernel.events.drain()
        const after = await app.kernel.db.selectFrom('probe_received').selectAll().where('item_id', '=', poisonId).execute()
        assert.equal(after.length, 1)
        const audit = await app.kernel.audit.query({ action: 'ops.delivery.retried' })
        assert.equal(audit.items.length, 1)
        assert.equal(audit.items[0].targetId, `${stats.dead[0].eventId}/probe.recorder`)
      } finally {
        await app.close()
      }
    })

    it('publishes every event to NATS JetStream when NATS_URL is set', async () => {
      const nc = await connect({ servers: NATS_URL }).catch(() => undefined)
      if (!nc) assert.fail(`NATS is not reachable at ${NATS_URL}; .ci/run starts it`)
      const { buildApp } = await import('../../../src/core/app.ts')
      const app = await buildApp({ config: { ...t.app.kernel.config, natsUrl: NATS_URL }, modules: [...allModules, createProbeModule()], startEvents: false })
      try {
        await app.ready()
        const res = await app.inject({ method: 'POST', url: '/api/v1/probe/items', payload: { name: 'to-nats', count: 7 }, headers: ADMIN })
        const id = res.json().id
        await app.kernel.events.drain()
        const ev = await app.kernel.db.selectFrom('core_event').selectAll().where('aggregate_id', '=', id).executeTakeFirstOrThrow()
        const jsm = await nc.jetstreamManager()
        const msg = await jsm.streams.getMessage('ZHICHENG', { last_by_subj: 'zhicheng.probe.item.created' })
        const body = msg.json<{ id: string; aggregateId: string; payload: { name: string } }>()
        assert.equal(body.id, ev.id)
        assert.equal(body.aggregateId, id)
        assert.equal(body.payload.name, 'to-nats')
        assert.equal(msg.header.get('Nats-Msg-Id'), ev.id)
        const delivery = await app.kernel.db.selectFrom('core_event_delivery').selectAll().where('event_id', '=', ev.id).where('subscriber', '=', 'core.nats').executeTakeFirstOrThrow()
        assert.equal(delivery.status, 'delivered')
      } finally {
        await app.close()
        await nc.close()
      }
    })
  })
}
