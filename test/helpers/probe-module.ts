/**
 * A small module used only by the kernel's tests: a table, a validated POST route that writes a row,
 * its audit record and an event in one transaction, a rate-limited route, an idempotent subscriber
 * and a principal without permissions. It exercises the kernel exactly as a real module does.
 */
import type { Kysely } from 'kysely'
import { Type, type Static } from 'typebox'
import { defineModule } from '../../src/core/module.ts'
import { defineErrors } from '../../src/core/errors.ts'
import { withTransaction } from '../../src/core/db/transaction.ts'
import { bearerToken, type Principal } from '../../src/core/http/auth.ts'
import type { DomainEvent, HandlerContext } from '../../src/core/events.ts'

export const ProbeError = defineErrors('PROBE', { REFUSED: [422, 'Probe %s refused', '探针 %s 被拒绝'] })

const CreateItemBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  count: Type.Integer({ minimum: 0 }),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false })
type CreateItemBody = Static<typeof CreateItemBody>

export const NO_PERMISSION_TOKEN = 'probe-user-without-permissions'

export interface ProbeOptions {
  /** Called by the subscriber before it writes; throw to simulate a failing handler. */
  onDeliver?: (event: DomainEvent, ctx: HandlerContext) => void | Promise<void>
  /** Called after the subscriber's write, before its transaction commits. */
  afterWrite?: (event: DomainEvent, ctx: HandlerContext) => void | Promise<void>
}

export function createProbeModule(opts: ProbeOptions = {}) {
  return defineModule<{ db: Kysely<any> }>({
    name: 'probe',
    description: 'test-only module',
    permissions: { 'probe:item:create': 'Create probe items' },
    events: { 'probe.item.created': 'A probe item was created', 'probe.item.touched': 'A probe item was touched' },
    migrations: {
      '20261125T2300_create_item': {
        async up(db) {
          await db.schema.createTable('probe_item').addColumn('id', 'varchar(40)', (c) => c.primaryKey())
            .addColumn('name', 'varchar(40)', (c) => c.notNull()).addColumn('count', 'integer', (c) => c.notNull()).execute()
          await db.schema.createTable('probe_received').addColumn('event_id', 'varchar(40)', (c) => c.primaryKey())
            .addColumn('item_id', 'varchar(40)', (c) => c.notNull()).addColumn('seq', 'integer', (c) => c.notNull()).execute()
        },
      },
    },
    setup: (ctx) => {
      ctx.addAuthenticator((req): Principal | undefined => bearerToken(req) === NO_PERMISSION_TOKEN
        ? { id: 'probe:nobody', kind: 'staff', name: 'nobody', permissions: new Set() } : undefined)
      return { db: ctx.db }
    },
    subscribers: (_api, ctx) => [{
      name: 'probe.recorder',
      pattern: 'probe.item.*',
      async handler(event, hctx) {
        await opts.onDeliver?.(event, hctx)
        const n = await hctx.trx.selectFrom('probe_received').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
        await hctx.trx.insertInto('probe_received').values({ event_id: event.id, item_id: event.aggregateId, seq: Number(n.n) + 1 }).execute()
        await opts.afterWrite?.(event, hctx)
        void ctx
      },
    }],
    routes(app, _api, ctx) {
      app.post<{ Body: CreateItemBody }>('/probe/items', {
        config: { permission: 'probe:item:create' },
        schema: { body: CreateItemBody },
      }, async (req, reply) => {
        if (req.body.name === 'refuse') throw new ProbeError.REFUSED(req.body.name)
        const id = ctx.ids.next('prb')
        await withTransaction(ctx.db, async (trx) => {
          await trx.insertInto('probe_item').values({ id, name: req.body.name, count: req.body.count }).execute()
          await ctx.audit.append(trx, { actorId: req.principal!.id, actorKind: req.principal!.kind, action: 'probe.item.created', targetType: 'probe_item', targetId: id, requestId: req.id })
          await ctx.events.publish(trx, 'probe.item.created', id, { name: req.body.name }, { requestId: req.id, actorId: req.principal!.id })
          if (req.body.name === 'rollback') throw new ProbeError.REFUSED('rollback')
        })
        return reply.status(201).send({ id })
      })
      app.post<{ Params: { id: string } }>('/probe/items/:id/touch', { config: { permission: 'probe:item:create' } }, async (req, reply) => {
        await withTransaction(ctx.db, async (trx) => {
          await ctx.audit.append(trx, { actorId: req.principal!.id, actorKind: req.principal!.kind, action: 'probe.item.touched', targetType: 'probe_item', targetId: req.params.id, requestId: req.id })
          await ctx.events.publish(trx, 'probe.item.touched', req.params.id, {}, { requestId: req.id })
        })
        return reply.status(204).send()
      })
      app.get('/probe/limited', { config: { permission: 'public', rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => ({ ok: true }))
      app.get('/probe/crash', { config: { permission: 'public' } }, async () => { throw new Error('secret internal detail') })
    },
  })
}
