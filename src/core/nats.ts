import { connect, type NatsConnection, type JetStreamClient } from 'nats'
import type { Logger } from 'pino'
import type { Subscription } from './events.ts'

export const NATS_STREAM = 'ZHICHENG'

export interface NatsBridge {
  subscription: Subscription
  close(): Promise<void>
}

/**
 * Connects to NATS, ensures the JetStream stream `ZHICHENG` (subjects `zhicheng.>`) and returns an
 * outbox subscriber that publishes every event to `zhicheng.<module>.<entity>.<event>`. The event id
 * is the JetStream message id, so a redelivery after a crash is de-duplicated by the server.
 */
export async function createNatsBridge(url: string, log: Logger): Promise<NatsBridge> {
  const nc: NatsConnection = await connect({ servers: url, name: 'zhicheng', maxReconnectAttempts: -1 })
  const jsm = await nc.jetstreamManager()
  try {
    await jsm.streams.info(NATS_STREAM)
  } catch {
    await jsm.streams.add({ name: NATS_STREAM, subjects: ['zhicheng.>'], duplicate_window: 2 * 60 * 1_000_000_000 })
  }
  const js: JetStreamClient = nc.jetstream()
  log.info({ url }, 'events also published to NATS JetStream')
  return {
    subscription: {
      name: 'core.nats',
      pattern: '*',
      async handler(event) {
        const body = JSON.stringify({ id: event.id, name: event.name, aggregateId: event.aggregateId, payload: event.payload, occurredAt: new Date(event.occurredAt).toISOString() })
        await js.publish(`zhicheng.${event.name}`, new TextEncoder().encode(body), { msgID: event.id })
      },
    },
    async close() {
      await nc.drain()
    },
  }
}
