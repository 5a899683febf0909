// A citizen manages their account through the portal: registers an enterprise (the credit code is
// checked by its GB 32100 check character before and by the server), authorises an agent, changes
// their password, and turns the second factor on and off with codes from the secret shown.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { totpCode } from '../../../../src/lib/totp.ts'
import { makeUsccFromParts } from '../../../../src/lib/uscc.ts'
import { CITIZENS, DEMO_PASSWORDS } from '../../../../src/modules/identity/data/demo.ts'
import { VIEWPORTS, horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations } from '../../fixtures/browser.ts'

// Identity and what it depends on only: these journeys do not wait for, or break with, other modules' demo data.
const IDENTITY_MODULES = 'ops,city,crypto,identity'

async function signIn(page: Page, login: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('用户名 / 手机号 / 身份证号').fill(login)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { level: 1, name: '我的账号' }).waitFor()
}

describe('identity: my account in the portal', { timeout: 240_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser

  before(async () => {
    platform = await startPlatform({ env: { COOKIE_SECURE: 'false', LOGIN_RATE_PER_MINUTE: '1000', MODULES: IDENTITY_MODULES } })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('registers an enterprise with a checked credit code and authorises an agent', async () => {
    const { page, errors } = await openPage(browser, platform.url)
    // Anonymous: the enterprise form asks for the legal representative's login first.
    await page.goto('/register?kind=enterprise')
    await page.getByText('请先以法定代表人的自然人账号登录。').waitFor()
    await signIn(page, 'li.si', DEMO_PASSWORDS.citizen)
    await page.goto('/register?kind=enterprise')
    const code = makeUsccFromParts('91', '442000', 'MA4WE2E1')
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    await page.getByLabel('企业名称').fill('中山市浏览器测试有限公司')
    await page.getByLabel('统一社会信用代码').fill(wrong)
    await page.getByText('统一社会信用代码校验码不正确').waitFor()
    await page.getByLabel('企业登录密码').fill('Enterprise@E2E-2026')
    // Submitted anyway, the server refuses it with its own reason and registers nothing.
    await page.getByRole('button', { name: '注册企业' }).click()
    await page.getByRole('alert').filter({ hasText: '统一社会信用代码无效' }).waitFor()
    await page.getByLabel('统一社会信用代码').fill(code)
    await page.getByRole('button', { name: '注册企业' }).click()
    await page.getByRole('heading', { level: 1, name: '我的账号' }).waitFor()
    const ent = page.getByRole('region', { name: '中山市浏览器测试有限公司' })
    await ent.getByText('法定代表人', { exact: true }).first().waitFor()
    await ent.getByLabel('经办人用户名').fill('no.such.user')
    await ent.getByRole('button', { name: '授权' }).click()
    await page.getByRole('alert').filter({ hasText: '不存在' }).waitFor()
    await ent.getByLabel('经办人用户名').fill('wang.wu')
    await ent.getByRole('button', { name: '授权' }).click()
    const agentRow = ent.getByRole('row').filter({ has: page.getByRole('cell', { name: 'wang.wu', exact: true }) })
    await agentRow.waitFor()
    // The enterprise li.si acts for as an agent is listed without the management table.
    await page.getByRole('region', { name: '中山市智城科技有限公司' }).getByText('经办人', { exact: true }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'identity-portal-account-enterprise')
    await agentRow.getByRole('button', { name: '取消授权' }).click()
    await agentRow.waitFor({ state: 'detached' })
    assert.deepEqual(errors.filter((e) => !/401|400|404|Failed to load resource/.test(e)), [])
  })

  it('changes the password and turns one-time codes on and off', async () => {
    const { page } = await openPage(browser, platform.url)
    await signIn(page, 'huang.min', DEMO_PASSWORDS.citizen)
    // The owner may see their own identifiers in clear, on request, and hide them again.
    const own = CITIZENS.find((c) => c.username === 'huang.min')!
    assert.equal(await page.getByText(own.idNumber, { exact: true }).count(), 0)
    await page.getByRole('button', { name: '显示完整号码' }).click()
    await page.getByText(own.idNumber, { exact: true }).waitFor()
    await page.getByRole('button', { name: '隐藏号码' }).click()
    await page.getByText(own.idNumber, { exact: true }).waitFor({ state: 'detached' })
    await page.getByLabel('当前密码').fill('Not-the-password-1')
    await page.getByLabel('新密码', { exact: true }).fill('Huang@Zhongshan2027')
    await page.getByLabel('确认新密码').fill('Huang@Zhongshan2027')
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.getByRole('alert').filter({ hasText: '当前密码错误' }).waitFor()
    await page.getByLabel('当前密码').fill(DEMO_PASSWORDS.citizen)
    await page.getByRole('button', { name: '修改密码' }).click()
    await page.getByText('密码已修改').waitFor()

    await page.getByRole('button', { name: '开启动态验证码' }).click()
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim()
    await page.getByRole('img', { name: '用身份验证器 App 扫描此二维码' }).waitFor()
    await page.getByLabel('动态验证码').fill('000000')
    await page.getByRole('button', { name: '确认绑定' }).click()
    await page.getByRole('alert').filter({ hasText: '动态验证码错误或已过期' }).waitFor()
    await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now()))
    await page.getByRole('button', { name: '确认绑定' }).click()
    await page.getByText('已开启', { exact: true }).waitFor()
    await screenshot(page, 'identity-portal-account-totp')
    // The next step's code (the one just used cannot be replayed) turns it off again.
    await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now() + 30_000))
    await page.getByRole('button', { name: '关闭动态验证码' }).click()
    await page.getByText('未开启', { exact: true }).waitFor()

    await page.setViewportSize(VIEWPORTS.phone)
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'identity-portal-account-phone')
  })
})
