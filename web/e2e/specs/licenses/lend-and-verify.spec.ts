// Electronic licences end to end (issue 9's Done-when), on SQLite and on PostgreSQL (TEST_DIALECTS):
// zhang.san's application for 个体工商户设立登记 is accepted and approved → the 营业执照 appears in his
// wallet → he lends it, from the wallet, to another application of his (公共场所卫生许可) → the clerk
// of that application sees its fields in the console without any upload → he revokes the consent →
// the clerk no longer sees it (and the API answers 410). Then the public verification page checks a
// valid licence (JSON, PDF with the embedded licence, and a scanned QR link) and a tampered one.
// The services steps around the licence (apply, accept, approve) go through the API: the services
// spec covers their pages. Screens go to test-results/screens/licenses-*.png.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { makeCnId } from '../../../../src/lib/cn-id.ts'
import { encodeLicenceQr } from '../../../../src/modules/licenses/render/qr.ts'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.ts'
import { launchBrowser, openPage, screenshot, seriousViolations, type OpenedPage } from '../../fixtures/browser.ts'

const ADMIN_TOKEN = 'e2e-licences-admin-token-0123456789abcdef'
const STAFF_PASSWORD = 'Lic#Zhongshan2026e2e'
const PDF = Buffer.from('%PDF-1.4\n% e2e material\n%%EOF\n')
type Json = Record<string, any>

async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown; form?: FormData } = {}): Promise<{ status: number; json: Json; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.form ?? (init.body ? JSON.stringify(init.body) : undefined),
  })
  const text = await res.text()
  let json: Json = {}
  try { json = text ? JSON.parse(text) : {} } catch { /* a file */ }
  return { status: res.status, json, text }
}
async function api(base: string, path: string, init: Parameters<typeof call>[2] = {}): Promise<Json> {
  const r = await call(base, path, init)
  if (r.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${r.text.slice(0, 400)}`)
  return r.json
}
const login = async (base: string, name: string, password: string) => (await api(base, '/api/v1/auth/login', { method: 'POST', body: { login: name, password, mode: 'token' } })).accessToken as string

async function officer(base: string, username: string, displayName: string, permissions: string[]): Promise<string> {
  const dept = await api(base, '/api/v1/identity/departments', { token: ADMIN_TOKEN })
  const list = (Array.isArray(dept) ? dept : (dept.items ?? dept.departments ?? [])) as Array<{ id: string; code: string }>
  const department = list.find((d) => d.code === 'zs-zsj-zwfw') ?? list[0]!
  const role = await api(base, '/api/v1/identity/roles', { method: 'POST', token: ADMIN_TOKEN, body: { code: `lic-${username.replace('.', '-')}`, name: displayName, permissions, dataScope: 'all', requireMfa: false } })
  await api(base, '/api/v1/identity/accounts', { method: 'POST', token: ADMIN_TOKEN, body: { username, password: STAFF_PASSWORD, displayName, departmentId: department.id, roleIds: [role.id] } })
  return login(base, username, STAFF_PASSWORD)
}

/** The published item with exactly this name (city level). */
async function itemId(base: string, name: string): Promise<string> {
  const r = await api(base, `/api/v1/services/items?q=${encodeURIComponent(name)}`)
  const hit = (r.items ?? r.hits ?? []).find((h: Json) => h.name === name)
  assert.ok(hit, `no item ${name}`)
  return hit.id
}

/** A draft with answers and every applicant material (uploads; e-licence materials marked 免提交). */
async function draft(base: string, token: string, item: string, answers: Json): Promise<Json> {
  let app = await api(base, '/api/v1/services/applications', { method: 'POST', token, body: { itemId: item } })
  app = await api(base, `/api/v1/services/applications/${app.id}/form`, { method: 'PATCH', token, body: { version: app.version, data: answers } })
  for (const m of app.materials as Json[]) {
    if (m.source === 'department') continue
    if (m.source === 'licence') app = await api(base, `/api/v1/services/applications/${app.id}/materials/${m.code}/licence`, { method: 'POST', token })
    else {
      const form = new FormData()
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${m.code}.pdf`)
      app = await api(base, `/api/v1/services/applications/${app.id}/materials/${m.code}`, { method: 'PUT', token, form })
    }
  }
  return app
}

async function act(base: string, token: string, id: string, action: string): Promise<Json> {
  const now = await api(base, `/api/v1/services/applications/${id}`, { token })
  return api(base, `/api/v1/services/applications/${id}/${action}`, { method: 'POST', token, body: { version: now.version } })
}

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await f()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

for (const dialect of DIALECTS) {
  describe(`licences: issue on approval, wallet, lend by consent, revoke; verify [${dialect}]`, { timeout: 420_000 }, () => {
    let platform: Awaited<ReturnType<typeof startPlatform>>
    let database: TestDatabase | undefined
    let browser: Browser
    let citizen: OpenedPage
    let clerk: OpenedPage
    let citizenToken = ''
    let clerkToken = ''
    let approverToken = ''
    let licenceId = ''
    let tradeName = ''
    let hygieneApp: Json = {}
    let consentId = ''
    const tag = dialect === 'sqlite' ? '' : `-${dialect}`

    before(async () => {
      database = dialect === 'postgres' ? await createTestDatabase('postgres', { demo: true }) : undefined
      platform = await startPlatform({ env: { ADMIN_TOKEN, ...(database ? { DATABASE_URL: database.url } : {}) }, timeoutMs: 240_000 })
      browser = await launchBrowser()
      citizenToken = await login(platform.url, 'zhang.san', 'Citizen@Zhongshan2026')
      clerkToken = await officer(platform.url, 'lic.clerk', '窗口受理员 周敏', ['services:application:read', 'services:application:accept', 'licenses:consent:read'])
      approverToken = await officer(platform.url, 'lic.approver', '审批科长 林涛', ['services:application:read', 'services:application:approve'])
      citizen = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${citizenToken}` }, acceptDownloads: true })
      clerk = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${clerkToken}` } })
    })
    after(async () => {
      await browser?.close()
      await platform?.stop()
      await database?.drop()
    })

    it('an approved 个体工商户设立登记 puts the 营业执照 in the applicant\u2019s wallet', async () => {
      const base = platform.url
      tradeName = `证照${dialect === 'sqlite' ? '甲' : '乙'}记`
      const before = (await api(base, '/api/v1/licenses/mine', { token: citizenToken })).items as Json[]
      // zhang.san's synthetic ID number, as the identity module's demo seed makes it.
      let app = await draft(base, citizenToken, await itemId(base, '个体工商户设立登记'), {
        operatorName: '张三', idNumber: makeCnId('442000', '19850312', 101), mobile: '13900000001', tradeName, organization: 'individual',
        businessAddress: '中山市石岐街道民生路8号首层', businessScope: '日用百货零售', employees: 2,
      })
      app = await api(base, `/api/v1/services/applications/${app.id}/submit`, { method: 'POST', token: citizenToken, body: { version: app.version } })
      await act(base, clerkToken, app.id, 'claim')
      await act(base, clerkToken, app.id, 'accept')
      await act(base, approverToken, app.id, 'claim')
      const done = await act(base, approverToken, app.id, 'approve')
      assert.equal(done.status, 'approved')

      const issued = await until('the licence issued on approval', async () => {
        const items = (await api(base, '/api/v1/licenses/mine', { token: citizenToken })).items as Json[]
        return items.find((l) => !before.some((b) => b.id === l.id) && /营业执照/.test(l.typeName['zh-CN']))
      })
      licenceId = issued.id

      const { page } = citizen
      await page.goto('/licenses')
      await page.getByRole('heading', { level: 1, name: '我的证照' }).waitFor()
      const card = page.locator(`[data-licence="${licenceId}"]`)
      await card.getByRole('link', { name: /营业执照/ }).waitFor()
      await card.locator('[data-status="valid"]').waitFor()
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, `licenses-wallet-desktop${tag}`)

      await card.getByRole('link', { name: /营业执照/ }).click()
      await page.locator('[data-identifier]').first().waitFor()
      await page.getByText(tradeName).first().waitFor()
    })

    it('the applicant lends it from the wallet to another application, choosing what to disclose', async () => {
      const base = platform.url
      // The shop applies under the credit code its new 营业执照 carries.
      const licence = await api(base, `/api/v1/licenses/mine/${licenceId}`, { token: citizenToken })
      hygieneApp = await draft(base, citizenToken, await itemId(base, '公共场所卫生许可'), {
        companyName: `中山市石岐区${tradeName}日用品店`, uscc: licence.fields.creditCode, legalRep: '张三', mobile: '13900000001', businessAddress: '中山市石岐街道民生路8号首层',
      })
      const { page } = citizen
      await page.reload()
      await page.getByRole('button', { name: '授权使用' }).click()
      const dialog = page.getByRole('dialog', { name: '授权部门使用此证照' })
      await dialog.waitFor()
      await dialog.getByText(`公共场所卫生许可（${hygieneApp.number}）`).waitFor()
      // Personal data (the operator's ID number) is not disclosed unless ticked.
      assert.equal(await dialog.getByRole('checkbox', { name: '公民身份号码' }).isChecked(), false)
      assert.equal(await dialog.getByRole('checkbox', { name: /名称/ }).isChecked(), true)
      await screenshot(page, `licenses-consent-dialog-desktop${tag}`, false)
      await dialog.getByRole('button', { name: '确认授权' }).click()
      const row = page.getByTestId('consents').locator('[data-state="active"]')
      await row.waitFor()
      consentId = (await row.getAttribute('data-consent'))!
      assert.match(consentId, /^lcs_/)
      // The material is provided by the licence under this consent, and the application goes in.
      let app = await api(base, `/api/v1/services/applications/${hygieneApp.id}/materials/business-licence/licence?consentId=${consentId}`, { method: 'POST', token: citizenToken })
      app = await api(base, `/api/v1/services/applications/${hygieneApp.id}/submit`, { method: 'POST', token: citizenToken, body: { version: app.version } })
      assert.equal(app.status, 'submitted')
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, `licenses-detail-desktop${tag}`)
    })

    it('the clerk sees the lent licence in the application instead of an upload; the read is logged for the holder', async () => {
      const { page } = clerk
      await page.goto(`/console/services/applications/${hygieneApp.id}`)
      const lent = page.getByTestId('lent-licences')
      await lent.getByRole('heading', { name: '申请人授权的电子证照（免提交）' }).waitFor()
      await lent.locator(`[data-consent="${consentId}"]`).getByText(tradeName).first().waitFor()
      await lent.getByText('签名、存证和状态已核验').waitFor()
      assert.equal(await lent.locator('[data-field="idNumber"]').count(), 0, 'the ID number was not disclosed')
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, `licenses-clerk-lent-desktop${tag}`)

      await citizen.page.reload()
      await citizen.page.getByTestId('accesses').getByText('窗口受理员 周敏').first().waitFor()
    })

    it('after the applicant revokes the consent the clerk can no longer read it', async () => {
      const { page } = citizen
      await page.getByRole('button', { name: /撤销授权：/ }).first().click()
      await page.getByRole('dialog').getByRole('button', { name: '撤销授权' }).click()
      await page.getByTestId('consents').locator(`[data-consent="${consentId}"][data-state="revoked"]`).waitFor()

      await clerk.page.reload()
      const lent = clerk.page.getByTestId('lent-licences')
      await lent.getByText('申请人未授权（或已撤销授权）本部门查看电子证照').waitFor()
      assert.equal(await lent.getByText(tradeName).count(), 0)
      await screenshot(clerk.page, `licenses-clerk-revoked-desktop${tag}`, false)
      const direct = await call(platform.url, `/api/v1/licenses/consents/${consentId}/licence?applicationId=${hygieneApp.id}`, { token: clerkToken })
      assert.equal(direct.status, 410, direct.text)
    })

    it('the public verification page accepts the licence as JSON, PDF and QR link, and refuses a tampered copy with the reason', async () => {
      const base = platform.url
      const json = (await call(base, `/api/v1/licenses/mine/${licenceId}/download?format=json`, { token: citizenToken })).json
      const anon = await openPage(browser, base)
      try {
        const { page } = anon
        await page.goto('/verify')
        await page.getByRole('heading', { level: 1, name: '电子证照核验' }).waitFor()
        const file = page.getByLabel('选择或拖入文件')
        await file.setInputFiles({ name: 'licence.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) })
        await page.locator('[data-verdict="valid"]').getByRole('heading', { name: '证照有效' }).waitFor()
        await page.locator('[data-check="signature"][data-ok="true"]').waitFor()
        assert.deepEqual(await seriousViolations(page), [])
        await screenshot(page, `licenses-verify-valid-desktop${tag}`)

        const tampered = structuredClone(json)
        tampered.licence.fields.businessScope = '日用百货零售；烟草制品零售'
        await file.setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) })
        const bad = page.locator('[data-verdict="invalid"]')
        await bad.getByRole('heading', { name: '证照无效' }).waitFor()
        await bad.locator('[data-check="signature"][data-ok="false"]').waitFor()
        assert.ok(((await bad.locator('[data-reason]').textContent()) ?? '').startsWith('原因：'))
        await screenshot(page, `licenses-verify-tampered-desktop${tag}`)

        const pdf = await call(base, `/api/v1/licenses/mine/${licenceId}/download?format=pdf`, { token: citizenToken })
        if (pdf.status === 200) {
          const bytes = Buffer.from(await (await fetch(`${base}/api/v1/licenses/mine/${licenceId}/download?format=pdf`, { headers: { authorization: `Bearer ${citizenToken}` } })).arrayBuffer())
          await file.setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: bytes })
          await page.locator('[data-verdict="valid"]').getByText('来源：PDF 内嵌的签名数据').waitFor()
        } else console.log(`# PDF download answered ${pdf.status}: ${pdf.text.slice(0, 160)}`)

        // What a phone camera opens when it scans the QR code printed on the licence.
        await page.goto(`/verify?id=${encodeURIComponent(json.licence.id)}#${encodeLicenceQr(json as Parameters<typeof encodeLicenceQr>[0])}`)
        await page.locator('[data-verdict="valid"]').getByText('来源：二维码（离线数据）').waitFor()
      } finally {
        await anon.context.close()
      }
    })
  })
}
