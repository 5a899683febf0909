import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS } from '../../helpers/dialects.ts'
import { assertProblem } from '../../helpers/problem.ts'
import { makeUsccFromParts } from '../../../src/lib/uscc.ts'
import { buildIdentityTestApp, loginAs, expectJson, ENTERPRISES, DEMO_PASSWORDS, type IdentityTestApp } from '../../helpers/principals.ts'

async function count(t: IdentityTestApp, table: string): Promise<number> {
  const r = await t.app.kernel.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

for (const dialect of DIALECTS) {
  describe(`identity: enterprises and agents [${dialect}]`, () => {
    let t: IdentityTestApp
    before(async () => { t = await buildIdentityTestApp(dialect, { seed: true }) })
    after(async () => { await t?.close() })

    const code = makeUsccFromParts('91', '442000', 'MA4WC777')
    const body = { name: '中山市翠亨数据服务有限公司', creditCode: code, password: 'Enterprise-Key-2026' }
    const register = (headers: Record<string, string> | undefined, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/enterprises', headers, payload })

    it('401 anonymous; 403 for a staff account; 400 for invalid credit codes and weak passwords, changing nothing', async () => {
      assertProblem(await register(undefined, body), 401, 'CORE_UNAUTHENTICATED')
      const staff = await loginAs(t, 'xl.grid')
      assertProblem(await register(staff.headers, body), 403, 'IDENTITY_CITIZEN_ONLY')
      const citizen = await loginAs(t, 'li.si')
      const before = await count(t, 'identity_enterprise')
      for (const [creditCode, problem] of [['123', 'format'], ['91442000MA4WC777IO', 'format'], ['J1442000MA4WC7770X', 'authority'], [code.slice(0, 17) + (code[17] === '0' ? '1' : '0'), 'check-character']]) {
        const p = assertProblem(await register(citizen.headers, { ...body, creditCode }), 400, 'IDENTITY_INVALID_CREDIT_CODE')
        assert.deepEqual(p.errors[0].code, problem, creditCode)
      }
      assertProblem(await register(citizen.headers, { ...body, password: 'weak' }), 400, 'IDENTITY_WEAK_PASSWORD')
      assertProblem(await register(citizen.headers, { ...body, creditCode: ENTERPRISES[0].creditCode }), 409, 'IDENTITY_CREDIT_CODE_TAKEN')
      assert.equal(await count(t, 'identity_enterprise'), before)
    })

    it('registers an enterprise (full body) whose legal representative is the caller; it logs in with its credit code', async () => {
      const citizen = await loginAs(t, 'li.si')
      const e = expectJson(await register(citizen.headers, body), 201)
      assert.deepEqual(e, { id: e.id, name: body.name, creditCode: code, accountId: e.accountId, legalRepAccountId: citizen.accountId, status: 'active', createdAt: e.createdAt })
      const ent = await loginAs(t, code, { password: body.password })
      const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers: ent.headers }), 200)
      assert.deepEqual([me.kind, me.orgId, me.roles], ['enterprise', e.id, ['enterprise']])
      const events = await t.app.kernel.db.selectFrom('core_event').select(['name', 'payload']).where('aggregate_id', '=', e.id).execute()
      assert.deepEqual(events.map((x) => [x.name, JSON.parse(x.payload)]), [['identity.enterprise.registered', { enterpriseId: e.id, accountId: e.accountId, legalRepAccountId: citizen.accountId }]])
    })

    it('agents: the legal representative authorises one, who then acts for the enterprise; others get 404/403', async () => {
      const rep = await loginAs(t, 'zhang.san')
      const [ent] = expectJson(await t.app.inject({ url: '/api/v1/me/enterprises', headers: rep.headers }), 200)
      assert.equal(ent.name, ENTERPRISES[0].name)
      const stranger = await loginAs(t, 'chen.mei')
      assertProblem(await t.app.inject({ url: `/api/v1/enterprises/${ent.id}`, headers: stranger.headers }), 404, 'IDENTITY_ENTERPRISE_NOT_FOUND')
      assertProblem(await t.app.inject({ url: `/api/v1/enterprises/${ent.id}/agents`, headers: stranger.headers }), 404, 'IDENTITY_ENTERPRISE_NOT_FOUND')
      // The existing agent may see but not manage.
      const agent = await loginAs(t, 'li.si')
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${ent.id}/agents`, headers: agent.headers, payload: { username: 'wang.wu' } }), 403, 'IDENTITY_NOT_ENTERPRISE_MANAGER')
      const agents = expectJson(await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${ent.id}/agents`, headers: rep.headers, payload: { username: 'wang.wu' } }), 200)
      assert.deepEqual(agents.map((a: { username: string; isLegalRep: boolean }) => `${a.username}:${a.isLegalRep}`).sort(), ['li.si:false', 'wang.wu:false', 'zhang.san:true'])
      assertProblem(await t.app.inject({ method: 'POST', url: `/api/v1/enterprises/${ent.id}/agents`, headers: rep.headers, payload: { username: 'clerk.li' } }), 404, 'IDENTITY_ACCOUNT_NOT_FOUND')
      const acting = await loginAs(t, 'wang.wu', { actAs: ent.id })
      const me = expectJson(await t.app.inject({ url: '/api/v1/me', headers: acting.headers }), 200)
      assert.deepEqual([me.kind, me.orgId, me.name], ['enterprise', ent.id, `王五（${ENTERPRISES[0].name}）`])
      // Withdrawn authority stops the acting session at once.
      const wangId = agents.find((a: { username: string }) => a.username === 'wang.wu').accountId
      assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/enterprises/${ent.id}/agents/${wangId}`, headers: rep.headers })).statusCode, 204)
      assertProblem(await t.app.inject({ url: '/api/v1/me', headers: acting.headers }), 401, 'CORE_UNAUTHENTICATED')
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'wang.wu', password: DEMO_PASSWORDS.citizen, actAs: ent.id } })
      assertProblem(refused, 403, 'IDENTITY_NOT_AN_AGENT')
    })
  })
}
