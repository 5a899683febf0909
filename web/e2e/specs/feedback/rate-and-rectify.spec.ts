// 好差评 end to end, on SQLite and on PostgreSQL (TEST_DIALECTS): a citizen's application is completed
// through services; the citizen finds it under "my ratings" and rates it 非常不满意 with a tag and a
// comment; the rectification case appears in the queue of the department that handled it (the demo
// officer fb.handler of market regulation, department-scoped); the clerk calls back, verifies and
// rectifies with feedback; the citizen sees the department's feedback and rates the result; the case is
// closed. Then the other pages (kiosk, message link, 办不成事 form prefilled from a refused application,
// public and console statistics, the 办不成事 workbench) render the demo city's data and pass axe.
// Screens go to test-results/screens/feedback-*.png.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'

const ADMIN_TOKEN = 'e2e-feedback-admin-token-0123456789abcdef'
const OFFICER_PASSWORD = 'Fb#Zhongshan2026e2e'
const PDF = Buffer.from('%PDF-1.4\n% e2e material\n%%EOF\n')
const ANSWERS = { operatorName: '张三', idNumber: '11010519491231002X', mobile: '13800138000', tradeName: '三记', organization: 'individual', businessAddress: '中山市石岐街道民生路8号', businessScope: '日用百货零售', employees: 2 }

type Json = Record<string, any>

async function api(base: string, path: string, init: { method?: string; token?: string; body?: unknown; form?: FormData } = {}): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.form ?? (init.body ? JSON.stringify(init.body) : undefined),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : {}
}

const login = async (base: string, name: string, password: string) => (await api(base, '/api/v1/auth/login', { method: 'POST', body: { login: name, password, mode: 'token' } })).accessToken as string

/** A services officer (accept and approve, all departments) created through identity with the bootstrap token. */
async function servicesOfficer(base: string): Promise<string> {
  const departments = (await api(base, '/api/v1/identity/departments', { token: ADMIN_TOKEN })) as unknown as Array<{ id: string; code: string }> | Json
  const list = Array.isArray(departments) ? departments : (departments.items ?? departments.departments ?? [])
  const department = list.find((d: { code: string }) => d.code === 'zs-scjgj') ?? list[0]
  const role = await api(base, '/api/v1/identity/roles', { method: 'POST', token: ADMIN_TOKEN, body: { code: 'fb-e2e-officer', name: '审批人员（测试）', permissions: ['services:application:read', 'services:application:accept', 'services:application:approve'], dataScope: 'all', requireMfa: false } })
  await api(base, '/api/v1/identity/accounts', { method: 'POST', token: ADMIN_TOKEN, body: { username: 'fb.e2e.officer', password: OFFICER_PASSWORD, displayName: '审批人员 林涛', departmentId: department.id, roleIds: [role.id] } })
  return login(base, 'fb.e2e.officer', OFFICER_PASSWORD)
}

/** Applies for 个体工商户设立登记 as the citizen and plays it to `outcome` as the officer; returns its id. */
async function completedApplication(base: string, citizen: string, officer: string, outcome: 'approved' | 'refused'): Promise<string> {
  const hits = await api(base, `/api/v1/services/items?q=${encodeURIComponent('个体工商户设立登记')}`)
  const itemId = (hits.items ?? hits.hits)[0].id as string
  let a = await api(base, '/api/v1/services/applications', { method: 'POST', token: citizen, body: { itemId } })
  a = await api(base, `/api/v1/services/applications/${a.id}/form`, { method: 'PATCH', token: citizen, body: { version: a.version, data: ANSWERS } })
  for (const m of a.materials as Array<{ code: string; source: string }>) {
    if (m.source === 'department') continue
    if (m.source === 'licence') { a = await api(base, `/api/v1/services/applications/${a.id}/materials/${m.code}/licence`, { method: 'POST', token: citizen }); continue }
    const form = new FormData()
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${m.code}.pdf`)
    a = await api(base, `/api/v1/services/applications/${a.id}/materials/${m.code}`, { method: 'PUT', token: citizen, form })
  }
  a = await api(base, `/api/v1/services/applications/${a.id}/submit`, { method: 'POST', token: citizen, body: { version: a.version } })
  const act = async (action: string, body: Json = {}) => { a = await api(base, `/api/v1/services/applications/${a.id}/${action}`, { method: 'POST', token: officer, body: { version: a.version, ...body } }) }
  await act('claim')
  await act('accept')
  while (a.status === 'reviewing') {
    if (!(a.actions as string[]).includes('approve')) await act('claim')
    if (outcome === 'refused') { await act('refuse', { reason: '经营场所位于禁止经营区域', remedy: '可自收到本决定之日起六十日内申请行政复议，或六个月内提起行政诉讼。' }); break }
    await act('approve')
  }
  return a.id
}

async function axe(page: Page) {
  await page.mouse.move(0, 0)
  return seriousViolations(page)
}

for (const dialect of DIALECTS) {
  describe(`feedback: rate 非常不满意, the department rectifies, the citizen rates again [${dialect}]`, { timeout: 420_000 }, () => {
    let platform: Awaited<ReturnType<typeof startPlatform>>
    let database: TestDatabase | undefined
    let browser: Browser
    let citizen: OpenedPage
    let clerk: OpenedPage
    let citizenToken = ''
    let clerkToken = ''
    let officerToken = ''
    let applicationId = ''
    let caseId = ''
    const tag = dialect === 'sqlite' ? '' : `-${dialect}`

    before(async () => {
      database = dialect === 'postgres' ? await createTestDatabase('postgres', { demo: true }) : undefined
      // E2E_WEB_DIR: a private web build, for a working tree where other runs rebuild web/dist meanwhile.
      const web: Record<string, string> = process.env.E2E_WEB_DIR ? { WEB_DIR: process.env.E2E_WEB_DIR, BUILD_WEB: 'false' } : {}
      platform = await startPlatform({ env: { ADMIN_TOKEN, ...web, ...(database ? { DATABASE_URL: database.url } : {}) }, timeoutMs: 300_000 })
      browser = await launchBrowser()
      citizenToken = await login(platform.url, 'zhang.san', 'Citizen@Zhongshan2026')
      // The demo's rectification officer of market regulation (feedback-handler, own department and below).
      clerkToken = await login(platform.url, 'fb.handler', 'Staff@Zhongshan2026')
      officerToken = await servicesOfficer(platform.url)
      applicationId = await completedApplication(platform.url, citizenToken, officerToken, 'approved')
      citizen = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${citizenToken}` } })
      clerk = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${clerkToken}` } })
    })
    after(async () => {
      await browser?.close()
      await platform?.stop()
      await database?.drop()
    })

    it('the completed application waits in "my ratings"; the citizen rates it 非常不满意 with a tag and a comment', async () => {
      const { page } = citizen
      // The occurrence comes with the services event: reload until it is there.
      const link = page.getByRole('link', { name: '评价“个体工商户设立登记”' })
      for (let i = 0; i < 30; i++) {
        await page.goto('/feedback')
        await page.getByRole('heading', { level: 1, name: '我的好差评' }).waitFor()
        await page.getByRole('heading', { level: 2, name: '待评价' }).waitFor()
        if (await link.count()) break
        await page.waitForTimeout(500)
      }
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-my-desktop${tag}`)
      await link.first().click()
      await page.getByRole('heading', { level: 1, name: '评价办件' }).waitFor()
      assert.equal(new URL(page.url()).pathname, `/feedback/rate/${applicationId}`)
      await page.getByRole('heading', { level: 2, name: '请对本次服务作出评价' }).waitFor()
      await page.getByRole('radio', { name: '非常不满意' }).check()
      await page.getByText('“不满意”“非常不满意”的评价将生成整改工单').waitFor()
      await page.getByRole('checkbox', { name: '多次跑动' }).check()
      await page.getByLabel('评价内容（可选）').fill('材料要求前后不一致，窗口让我跑了三趟。')
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-rate-desktop${tag}`)
      const phone = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone, extraHTTPHeaders: { authorization: `Bearer ${citizenToken}` } })
      try {
        await phone.page.goto(`/feedback/rate/${applicationId}`)
        await phone.page.getByRole('radio', { name: '非常不满意' }).waitFor()
        assert.equal(await horizontalOverflow(phone.page), 0, 'the rating page overflows on a phone')
        await screenshot(phone.page, `feedback-rate-phone${tag}`)
      } finally {
        await phone.context.close()
      }
      await page.getByRole('button', { name: '提交评价' }).click()
      await page.getByRole('status').filter({ hasText: '感谢您的评价！' }).waitFor()
      await page.getByText('您的差评已转为整改工单').waitFor()
      await page.locator('[data-rated="very-dissatisfied"]').waitFor()
      const mine = await api(platform.url, `/api/v1/feedback/applications/${applicationId}`, { token: citizenToken })
      caseId = mine.occurrence.case.id
      assert.deepEqual([mine.occurrence.rating.level, mine.occurrence.case.status], ['very-dissatisfied', 'open'])
    })

    it('the case is in the market regulation department\'s queue; the clerk calls back, verifies and rectifies', async () => {
      const { page } = clerk
      await page.goto('/console')
      await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name: '差评整改' }).click()
      await page.getByRole('heading', { level: 1, name: '差评整改' }).waitFor()
      const row = page.locator(`[data-case="${caseId}"]`)
      await row.waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-cases-desktop${tag}`, false)
      await row.click()
      await page.getByRole('heading', { level: 1, name: '个体工商户设立登记' }).waitFor()
      await page.locator('[data-case="open"]').first().waitFor()
      await page.locator('[data-light="green"]').first().waitFor()
      await page.getByText('“材料要求前后不一致，窗口让我跑了三趟。”').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-case-desktop${tag}`)

      const bar = page.getByRole('toolbar', { name: '办理操作' })
      const dialog = page.getByRole('dialog')
      await bar.getByRole('button', { name: '登记回访' }).click()
      await dialog.getByRole('radio', { name: '已联系上' }).waitFor()
      await dialog.getByLabel('说明').fill('已电话联系张三，了解到窗口多次要求补交经营场所证明。')
      await dialog.getByRole('button', { name: '确定' }).click()
      await page.locator('[data-case="called-back"]').first().waitFor()

      await bar.getByRole('button', { name: '核实' }).click()
      await dialog.getByLabel('说明').fill('经调取窗口记录，情况属实。')
      await dialog.getByRole('button', { name: '确定' }).click()
      await page.locator('[data-case="rectifying"]').first().waitFor()

      await bar.getByRole('button', { name: '整改反馈' }).click()
      await dialog.getByLabel('整改措施').fill('修订个体工商户设立登记材料清单，对窗口人员开展一次性告知培训。')
      await dialog.getByLabel('反馈给评价人的内容').fill('您反映的问题属实，已修订材料清单并培训窗口人员，今后一次告知所需材料。感谢您的监督！')
      await dialog.getByRole('button', { name: '确定' }).click()
      await page.locator('[data-case="rectified"]').first().waitFor()
      await page.getByText('按期').first().waitFor()
      await page.locator('[data-action="rectify"]').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-case-rectified-desktop${tag}`)
    })

    it('the citizen sees the department\'s feedback and rates the rectification; the case is closed', async () => {
      const { page, errors } = citizen
      await page.goto('/feedback')
      const item = page.locator(`[data-case="${caseId}"]`)
      await item.getByText('部门整改反馈').waitFor()
      await item.getByText('您反映的问题属实，已修订材料清单并培训窗口人员').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-my-feedback-desktop${tag}`)
      await item.getByRole('group', { name: '请评价整改结果' }).getByRole('radio', { name: '满意', exact: true }).check()
      await item.getByRole('button', { name: '提交整改评价' }).click()
      await page.getByRole('status').filter({ hasText: '感谢您对整改结果的评价。' }).waitFor()
      await item.getByText('您对整改结果的评价：满意').waitFor()
      await item.locator('[data-case="closed"]').waitFor()
      const c = await api(platform.url, `/api/v1/feedback/cases/${caseId}`, { token: clerkToken })
      assert.deepEqual([c.status, c.resolution, c.resultLevel, c.onTime], ['closed', 'rectified', 'satisfied', true])
      assert.deepEqual(c.timeline.map((e: Json) => e.action), ['open', 'callback', 'verify-valid', 'rectify', 'rate-result'])
      assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), [])
    })

    it('kiosk, message link, 办不成事 from a refused application, statistics and the workbenches render and pass axe', async () => {
      const refused = await completedApplication(platform.url, citizenToken, officerToken, 'refused')
      const { page } = citizen
      await page.goto(`/feedback/matters/new?application=${refused}`)
      await page.getByRole('heading', { level: 1, name: '反映“办不成事”' }).waitFor()
      await page.locator('[data-linked="application"]').getByText('经营场所位于禁止经营区域').waitFor()
      assert.match(await page.getByLabel('什么事没办成').inputValue(), /个体工商户设立登记/)
      await page.getByRole('radio', { name: '线下办事' }).check({ force: true })
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `feedback-matter-new-desktop${tag}`)
      await page.getByRole('button', { name: '提交' }).click()
      await page.getByRole('status').filter({ hasText: '已受理，编号 BBC' }).waitFor()
      await page.getByText('受理').first().waitFor()
      await screenshot(page, `feedback-matter-desktop${tag}`)

      // The kiosk rates a window service with the code from its receipt.
      const occ = await api(platform.url, '/api/v1/feedback/window-services', { method: 'POST', token: ADMIN_TOKEN, body: { hallId: 'hall-city', windowNo: '3', itemName: '居住证签注', departmentId: 'zs-gaj', personName: '陈小明' } })
      const kiosk = await openPage(browser, platform.url, { viewport: VIEWPORTS.kiosk })
      try {
        await kiosk.page.goto('/feedback/kiosk')
        await kiosk.page.getByLabel('评价码').fill(occ.code)
        await kiosk.page.getByRole('button', { name: '开始评价' }).click()
        await kiosk.page.getByText('陈**').waitFor()
        await kiosk.page.getByRole('radio', { name: '非常满意' }).check()
        assert.deepEqual(await axe(kiosk.page), [])
        await screenshot(kiosk.page, `feedback-kiosk${tag}`)
        await kiosk.page.getByRole('button', { name: '提交评价' }).click()
        await kiosk.page.getByText('感谢您的评价，祝您生活愉快！').waitFor()
      } finally {
        await kiosk.context.close()
      }

      const anon = await openPage(browser, platform.url)
      try {
        await anon.page.goto('/feedback/stats')
        await anon.page.getByRole('heading', { level: 1, name: '政务服务“好差评”公示' }).waitFor()
        await anon.page.locator('[data-stat="satisfactionRate"]').waitFor()
        const ranked = Number(await anon.page.locator('figure[data-ranked]').getAttribute('data-ranked'))
        assert.ok(ranked > 3, `departments ranked: ${ranked}`)
        await anon.page.locator('[data-suppressed]').first().waitFor()
        assert.deepEqual(await axe(anon.page), [])
        await screenshot(anon.page, `feedback-public-stats-desktop${tag}`)
      } finally {
        await anon.context.close()
      }

      const admin = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      try {
        await admin.page.goto('/console/feedback/stats')
        await admin.page.getByRole('heading', { level: 1, name: '评价统计' }).waitFor()
        await admin.page.locator('[data-stat="callbackRate"]').waitFor()
        assert.deepEqual(await axe(admin.page), [])
        await screenshot(admin.page, `feedback-stats-desktop${tag}`)
        await admin.page.goto('/console/feedback/matters')
        await admin.page.getByRole('heading', { level: 1, name: '“办不成事”' }).waitFor()
        await admin.page.getByRole('link', { name: /^BBC\d{12}$/ }).first().waitFor()
        assert.deepEqual(await axe(admin.page), [])
        await screenshot(admin.page, `feedback-matters-desktop${tag}`, false)
        await admin.page.getByRole('link', { name: /^BBC\d{12}$/ }).first().click()
        await admin.page.getByRole('toolbar', { name: '办理操作' }).waitFor()
        assert.deepEqual(await axe(admin.page), [])
        await screenshot(admin.page, `feedback-matter-console-desktop${tag}`)
      } finally {
        await admin.context.close()
      }
    })
  })
}
