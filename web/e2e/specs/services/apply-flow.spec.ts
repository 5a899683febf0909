// One-stop services end to end, on SQLite and on PostgreSQL (TEST_DIALECTS): a citizen searches the
// catalog (with suggestions), reads the guide, applies with a form and materials (an upload and an
// e-licence), checks the answers and submits; a clerk claims and accepts it in the console; an
// approver claims and approves it; the citizen sees it completed, and anyone can track it with the
// number and query code. Citizen and officers sign in through identity (bearer tokens from
// /auth/login): the clerk and approver are the demo officers of market regulation, whose queues
// follow their identity department and data scope; an officer of another bureau sees nothing. Screens
// of each page at desktop and phone sizes go to test-results/screens/services-*.png.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'

const ADMIN_TOKEN = 'e2e-services-admin-token-0123456789abcdef'
const PDF = Buffer.from('%PDF-1.4\n% e2e material\n%%EOF\n')
const STAFF_PASSWORD = 'Svc#Zhongshan2026e2e'

type Json = Record<string, any>

async function api(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : {}
}

const login = async (base: string, name: string, password: string) => (await api(base, '/api/v1/auth/login', { method: 'POST', body: { login: name, password, mode: 'token' } })).accessToken as string

/** An officer with the given services permissions, signed in through identity; the admin token if identity cannot do it. */
async function officer(base: string, username: string, displayName: string, permissions: string[], code = 'zs-scjgj', dataScope = 'all'): Promise<{ token: string; via: string }> {
  try {
    const dept = (await api(base, '/api/v1/identity/departments', { token: ADMIN_TOKEN })) as unknown as Array<{ id: string; code: string }> | Json
    const list = Array.isArray(dept) ? dept : (dept.items ?? dept.departments ?? [])
    const department = list.find((d: { code: string }) => d.code === code) ?? list[0]
    const role = await api(base, '/api/v1/identity/roles', { method: 'POST', token: ADMIN_TOKEN, body: { code: `svc-${username.replace('.', '-')}`, name: displayName, permissions, dataScope, requireMfa: false } })
    await api(base, '/api/v1/identity/accounts', { method: 'POST', token: ADMIN_TOKEN, body: { username, password: STAFF_PASSWORD, displayName, departmentId: department.id, roleIds: [role.id] } })
    return { token: await login(base, username, STAFF_PASSWORD), via: 'identity' }
  } catch (err) {
    console.log(`# identity sign-in for ${username} unavailable (${(err as Error).message.slice(0, 120)}); using the bootstrap administrator`)
    return { token: ADMIN_TOKEN, via: 'admin' }
  }
}

/** axe-core with the pointer parked away from buttons (a hovered button is drawn lighter). */
async function axe(page: Page) {
  await page.mouse.move(0, 0)
  return seriousViolations(page)
}

async function shoot(browser: Browser, url: string, path: string, name: string, token: string, ready: (p: Page) => Promise<unknown>): Promise<void> {
  const phone = await openPage(browser, url, { viewport: VIEWPORTS.phone, extraHTTPHeaders: { authorization: `Bearer ${token}` } })
  try {
    await phone.page.goto(path)
    await ready(phone.page)
    assert.equal(await horizontalOverflow(phone.page), 0, `${name} overflows on a phone`)
    await screenshot(phone.page, `${name}-phone`)
  } finally {
    await phone.context.close()
  }
}

for (const dialect of DIALECTS) {
  describe(`services: search, apply, accept, approve, see it done [${dialect}]`, { timeout: 600_000 }, () => {
    let platform: Awaited<ReturnType<typeof startPlatform>>
    let database: TestDatabase | undefined
    let browser: Browser
    let citizen: OpenedPage
    let clerk: OpenedPage
    let approver: OpenedPage
    let citizenToken: string
    let otherDepartment = ''
    let number = ''
    let queryCode = ''
    const tag = dialect === 'sqlite' ? '' : `-${dialect}`

    before(async () => {
      database = dialect === 'postgres' ? await createTestDatabase('postgres', { demo: true }) : undefined
      platform = await startPlatform({ env: { ADMIN_TOKEN, ...(database ? { DATABASE_URL: database.url } : {}) }, timeoutMs: 240_000 })
      browser = await launchBrowser()
      citizenToken = await login(platform.url, 'zhang.san', 'Citizen@Zhongshan2026')
      // The demo officers of market regulation: their queues come from their identity department (zs-scjgj)
      // and their roles' data scope (own department and below), not from an all-seeing role.
      const c = { token: await login(platform.url, 'scj.clerk', 'Staff@Zhongshan2026') }
      const a = { token: await login(platform.url, 'scj.approver', 'Staff@Zhongshan2026') }
      const police = await officer(platform.url, 'gaj.window', '公安窗口 黄丽', ['services:application:read', 'services:application:accept'], 'zs-gaj', 'department')
      otherDepartment = police.token
      citizen = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${citizenToken}` } })
      clerk = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${c.token}` } })
      approver = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${a.token}` } })
    })
    after(async () => {
      await browser?.close()
      await platform?.stop()
      await database?.drop()
    })

    it('the catalog home shows themes, bundles and popular items; search suggests while typing', async () => {
      const { page } = citizen
      await page.goto('/')
      await page.locator('[data-module="services"]').getByRole('link', { name: '办事服务' }).click()
      await page.getByRole('heading', { level: 1, name: '办事服务' }).waitFor()
      await page.locator('[data-theme="person.birth"]').waitFor()
      await page.locator('[data-bundle="company-start"]').getByRole('heading', { name: '开办企业一件事' }).waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-home-desktop${tag}`)
      await shoot(browser, platform.url, '/services', 'services-home', citizenToken, (p) => p.locator('[data-theme="person.birth"]').waitFor())

      const box = page.getByRole('combobox', { name: '搜索办事事项' })
      await box.fill('个体')
      await page.getByRole('option', { name: /个体工商户设立登记/ }).click()
      await page.getByRole('heading', { level: 1, name: '搜索事项' }).waitFor()
      await page.getByRole('status').filter({ hasText: '共找到' }).waitFor()
      const first = page.locator('.result').first()
      assert.equal((await first.getByRole('heading').textContent())?.trim(), '个体工商户设立登记')
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-search-desktop${tag}`)
      await shoot(browser, platform.url, `/services/search?q=${encodeURIComponent('我想开公司')}`, 'services-search', citizenToken, (p) => p.locator('.result').first().waitFor())
    })

    it('the guide is complete and printable; the citizen applies with answers, an upload and an e-licence, checks and submits', async () => {
      const { page } = citizen
      await page.locator('.result').first().getByRole('link', { name: '个体工商户设立登记' }).click()
      await page.getByRole('heading', { level: 1, name: '个体工商户设立登记' }).waitFor()
      for (const h of ['基本信息', '设定依据', '受理条件', '申请材料', '办理流程', '常见问题']) await page.getByRole('heading', { level: 2, name: h }).waitFor()
      await page.getByRole('button', { name: '打印指南' }).waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-guide-desktop${tag}`)
      const guideUrl = new URL(page.url()).pathname
      await shoot(browser, platform.url, guideUrl, 'services-guide', citizenToken, (p) => p.getByRole('heading', { level: 2, name: '申请材料' }).waitFor())
      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.getByRole('button', { name: '在线办理' }).isVisible(), false, 'buttons are not printed')
      await page.emulateMedia({ media: 'screen' })

      await page.getByRole('button', { name: '在线办理' }).click()
      await page.getByRole('heading', { level: 1, name: '个体工商户设立登记' }).waitFor()
      const tasks = page.getByRole('list').filter({ has: page.locator('[data-task]') })
      await tasks.locator('[data-task="check"]').getByText('尚不能开始').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-apply-tasks-desktop${tag}`)

      await page.getByRole('button', { name: '填写申请表' }).click()
      await page.getByLabel('公民身份号码').fill('110105194912310021')
      await page.getByLabel('联系电话').fill('13800138000')
      await page.getByLabel('字号名称').fill('三记')
      await page.getByRole('radio', { name: '个人经营' }).check({ force: true })
      await page.getByLabel('经营场所').fill('中山市石岐街道民生路8号')
      await page.getByLabel('经营范围').fill('日用百货零售')
      await page.getByLabel('从业人数').fill('2')
      await page.getByRole('button', { name: '保存并继续' }).click()
      // The server checks the ID number and puts its message on the field, in Chinese.
      await page.getByText('“公民身份号码”不是有效的居民身份证号码').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-apply-form-error-desktop${tag}`)
      await page.getByLabel('公民身份号码').fill('11010519491231002X')
      await page.getByRole('button', { name: '保存并继续' }).click()
      await tasks.locator('[data-task="form"]').getByText('已完成').waitFor()

      await page.getByRole('button', { name: '上传申请材料' }).click()
      await page.getByLabel('上传经营场所使用证明').setInputFiles({ name: '场所证明.pdf', mimeType: 'application/pdf', buffer: PDF })
      await page.locator('[data-material="premises"][data-provided="file"]').waitFor()
      await page.getByLabel('上传个体工商户登记（备案）申请书').setInputFiles({ name: 'not-a-pdf.pdf', mimeType: 'application/pdf', buffer: Buffer.from('plain text') })
      await page.getByText('文件类型不符合要求').first().waitFor()
      await page.getByLabel('上传个体工商户登记（备案）申请书').setInputFiles({ name: '申请书.pdf', mimeType: 'application/pdf', buffer: PDF })
      await page.locator('[data-material="application"][data-provided="file"]').waitFor()
      await page.getByRole('button', { name: '使用电子证照（居民身份证）' }).click()
      await page.locator('[data-material="id-card"][data-provided="licence"]').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-apply-materials-desktop${tag}`)
      await page.getByRole('button', { name: '继续' }).click()

      await page.getByRole('button', { name: '核对并提交' }).click()
      await page.locator('[data-answer="tradeName"]').getByText('三记').waitFor()
      await page.locator('[data-answer="organization"]').getByText('个人经营').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-apply-check-desktop${tag}`)
      const appPath = new URL(page.url()).pathname
      await shoot(browser, platform.url, `${appPath}?step=check`, 'services-apply-check', citizenToken, (p) => p.locator('[data-answer="tradeName"]').waitFor())
      await page.getByRole('button', { name: '确认并提交申请' }).click()
      await page.getByText('申请已提交').waitFor()
      const sub = await page.getByText(/^办件编号：ZS\d{14}/).textContent()
      number = /ZS\d{14}/.exec(sub ?? '')![0]
      queryCode = /查询码：(\d{6})/.exec((await page.getByText(/^查询码：/).textContent()) ?? '')![1]!
      await screenshot(page, `services-apply-done-desktop${tag}`)
    })

    it('a clerk claims and accepts it from the acceptance queue', async () => {
      const { page } = clerk
      await page.goto('/console')
      await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name: '办件工作台' }).click()
      await page.getByRole('heading', { level: 1, name: '办件工作台' }).waitFor()
      await page.getByRole('tab', { name: /待受理/ }).waitFor()
      const link = page.getByRole('link', { name: number })
      await link.waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-workbench-desktop${tag}`, false)
      // An officer of another bureau (公安) has the same role permissions but not this department: not in the queue, 404.
      const other = await fetch(`${platform.url}/api/v1/services/workbench/acceptance?pageSize=50`, { headers: { authorization: `Bearer ${otherDepartment}` } })
      assert.equal(other.status, 200)
      assert.ok(!((await other.json()).items as Array<{ number: string }>).some((x) => x.number === number), 'another bureau does not see it')
      await link.click()
      await page.getByRole('heading', { level: 1, name: '个体工商户设立登记' }).waitFor()
      const id = new URL(page.url()).pathname.split('/').at(-1)!
      assert.equal((await fetch(`${platform.url}/api/v1/services/applications/${id}`, { headers: { authorization: `Bearer ${otherDepartment}` } })).status, 404)
      const bar = page.getByRole('toolbar', { name: '办理操作' })
      await bar.getByRole('button', { name: '认领' }).click()
      await bar.getByRole('button', { name: '受理', exact: true }).click()
      await page.locator('[data-status="reviewing"]').first().waitFor()
      await page.getByText('当前环节：审核（第 1/1 步）').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-detail-desktop${tag}`)
    })

    it('an approver claims and approves it; the application is completed with its result', async () => {
      const { page } = approver
      await page.goto('/console/services?queue=review')
      await page.getByRole('link', { name: number }).click()
      const bar = page.getByRole('toolbar', { name: '办理操作' })
      await bar.getByRole('button', { name: '认领' }).click()
      await bar.getByRole('button', { name: '审批通过' }).click()
      await page.locator('[data-status="approved"]').first().waitFor()
      await page.getByText(/营业执照（编号 ZS\d{14}-01）/).waitFor()
      await screenshot(page, `services-detail-approved-desktop${tag}`)
      await page.goto('/console/services/stats')
      await page.getByRole('heading', { level: 1, name: '办件统计' }).waitFor()
      await page.locator('[data-stat="onTime"]').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-stats-desktop${tag}`)
    })

    it('the catalog editor shows the consistency rules inline and keeps the version history', async () => {
      const admin = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      try {
        const { page } = admin
        await page.goto('/console/services/catalog')
        await page.getByRole('textbox', { name: '搜索名称或实施编码' }).fill('个体工商户设立')
        await page.getByRole('status').filter({ hasText: '共 1 个事项' }).waitFor()
        assert.deepEqual(await axe(page), [])
        await screenshot(page, `services-catalog-desktop${tag}`, false)
        await page.getByRole('link', { name: '个体工商户设立登记' }).click()
        const json = page.getByRole('textbox', { name: '事项内容（实施清单 JSON）' })
        await json.waitFor()
        await page.getByText('符合全部一致性规则').waitFor()
        await json.fill((await json.inputValue()).replace('"visits": 0', '"visits": 2'))
        await page.getByText('需到现场办理时，必须说明到现场的理由').waitFor()
        await page.getByText('网办深度为四级（全程网办）时，到现场次数必须为 0').waitFor()
        assert.equal(await page.getByRole('button', { name: '保存草稿' }).isEnabled(), true)
        await page.getByRole('button', { name: '保存草稿' }).click()
        await page.getByText('服务事项有 2 处不符合一致性规则').waitFor()
        assert.deepEqual(await axe(page), [])
        await screenshot(page, `services-catalog-edit-desktop${tag}`)
      } finally {
        await admin.context.close()
      }
    })

    it('the citizen sees it completed in my applications, and the progress query shows it to anyone with the code', async () => {
      const { page, errors } = citizen
      await page.goto('/services/my')
      const row = page.locator(`[data-number="${number}"]`)
      await row.locator('[data-status="approved"]').waitFor()
      assert.deepEqual(await axe(page), [])
      await screenshot(page, `services-my-desktop${tag}`)
      await shoot(browser, platform.url, '/services/my', 'services-my', citizenToken, (p) => p.locator(`[data-number="${number}"]`).waitFor())
      await row.getByRole('link', { name: '个体工商户设立登记' }).click()
      await page.getByText('准予办理，结果如下').waitFor()
      await page.getByText(/营业执照（编号/).waitFor()
      await screenshot(page, `services-application-desktop${tag}`)

      const anon = await openPage(browser, platform.url)
      try {
        await anon.page.goto('/services/progress')
        await anon.page.getByLabel('办件编号').fill(number)
        await anon.page.getByLabel('查询码').fill(queryCode)
        await anon.page.getByRole('button', { name: '查询' }).click()
        await anon.page.locator('[data-status="approved"]').waitFor()
        await anon.page.getByText('申请人：张*').waitFor()
        assert.deepEqual(await axe(anon.page), [])
        await screenshot(anon.page, `services-progress-desktop${tag}`)
        await anon.page.goto('/services/appointments')
        await anon.page.getByRole('heading', { level: 1, name: '预约办事' }).waitFor()
        await anon.page.locator('.svc-apt__slots, .el-empty').first().waitFor()
        await screenshot(anon.page, `services-appointments-desktop${tag}`)
      } finally {
        await anon.context.close()
      }
      assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), [])
    })
  })
}
