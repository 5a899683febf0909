// Two platform instances on one database: the catalogue search index each holds in memory follows
// what the other publishes and retires (SERVICES_INDEX_SYNC_MS), on SQLite and PostgreSQL.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../src/core/app.ts'
import { loadConfig } from '../../../src/core/config.ts'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN_TOKEN } from '../../helpers/build-test-app.ts'
import { as, buildServicesApp, itemData, json, publishItem, withDependencies, type ServicesTestApp } from './helpers.ts'

for (const dialect of DIALECTS) {
  describe(`services search index across instances [${dialect}]`, () => {
    let a: ServicesTestApp
    let b: FastifyInstance
    before(async () => {
      a = await buildServicesApp(dialect)
      const config = loadConfig({ DATABASE_URL: a.database.url, LOG_LEVEL: 'silent', ADMIN_TOKEN, DATA_DIR: '.tmp/test-data', BUILD_WEB: 'false', SERVICES_INDEX_SYNC_MS: '0' })
      b = await buildApp({ config, modules: withDependencies(['ops', 'services']), clock: a.clock, startEvents: false })
      await b.ready()
    })
    after(async () => {
      await b?.close()
      await a?.close()
    })

    const hits = async (app: FastifyInstance, q: string) => json(await app.inject({ url: `/api/v1/services/items?q=${encodeURIComponent(q)}` })).items.map((h: { id: string }) => h.id) as string[]

    it('an item published on one instance is found on the other; retired there, it is gone', async () => {
      assert.deepEqual(await hits(b, '首次申领发票'), [], 'the other instance has loaded its index')
      const id = await publishItem(a.app, { ...itemData('seal-filing'), name: '首次申领发票' })
      a.clock.advance(10)
      assert.equal((await hits(b, '首次申领发票'))[0], id)
      const retired = await a.app.inject({ method: 'POST', url: `/api/v1/services/catalog/${id}/retire`, headers: as('editor') })
      assert.equal(retired.statusCode, 200, retired.body)
      a.clock.advance(10)
      assert.equal((await hits(b, '首次申领发票')).includes(id), false)
    })
  })
}
