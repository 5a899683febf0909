// Signing in through the real UI: a clerk logs into the console with a password and a one-time code
// from an authenticator (the demo secret), and sees only the accounts of their own department;
// a citizen logs into the portal with a password and sees their account with the ID number masked.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { totpCode } from '../../../../src/lib/totp.ts'
import { DEMO_PASSWORDS, demoTotpSecret } from '../../../../src/modules/identity/data/demo.ts'
import { launchBrowser, openPage, screenshot, seriousViolations } from '../../fixtures/browser.ts'

// Identity and what it depends on only: these journeys do not wait for, or break with, other modules' demo data.
const IDENTITY_MODULES = 'ops,city,crypto,identity'

describe('identity: sign-in', { timeout: 180_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser

  before(async () => {
    // Plain http on loopback: cookies without the Secure attribute.
    platform = await startPlatform({ env: { COOKIE_SECURE: 'false', LOGIN_RATE_PER_MINUTE: '1000', MODULES: IDENTITY_MODULES } })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('a clerk signs into the console with a password and a one-time code', async () => {
    const { page, errors } = await openPage(browser, platform.url)
    await page.goto('/console/identity/users')
    // Anonymous: sent to the console sign-in page.
    await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor()
    await page.getByLabel('工作人员账号').fill('clerk.li')
    await page.getByLabel('密码').fill(DEMO_PASSWORDS.staff)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByText('请输入身份验证器 App 中的 6 位动态码。').waitFor()
    // A wrong code is refused with the server's reason; the right one signs in.
    await page.getByLabel('动态验证码').fill('000000')
    await page.getByRole('button', { name: '验证' }).click()
    await page.getByRole('alert').filter({ hasText: '动态验证码错误或已过期' }).waitFor()
    await page.getByLabel('动态验证码').fill(totpCode(demoTotpSecret('clerk.li'), Date.now()))
    await page.getByRole('button', { name: '验证' }).click()
    await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor()
    // The clerk's data scope is their own department: only their own account is listed, masked.
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'clerk.li', exact: true }) })
    await row.getByRole('cell', { name: '138****0004' }).waitFor()
    assert.equal(await page.getByRole('cell', { name: 'xl.clerk', exact: true }).count(), 0)
    // The side menu lists only the pages the clerk's permissions open; a page outside them is not found.
    const menu = page.getByRole('navigation', { name: '工作台菜单' })
    await menu.getByRole('menuitem', { name: '部门管理' }).waitFor()
    for (const hidden of ['角色管理', '登录与操作日志', '接入应用']) assert.equal(await menu.getByRole('menuitem', { name: hidden }).count(), 0, hidden)
    await page.goto('/console/identity/roles')
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor()
    await page.goto('/console/identity/users')
    await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor()
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === 'zc_session')!
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'identity-console-users')
    assert.deepEqual(errors.filter((e) => !/401|403|Failed to load resource/.test(e)), [])
  })

  it('a citizen signs into the portal with a password and sees their account masked', async () => {
    const { page } = await openPage(browser, platform.url)
    await page.goto('/login')
    await page.getByRole('heading', { level: 1, name: '个人登录' }).waitFor()
    await page.getByLabel('用户名 / 手机号 / 身份证号').fill('zhang.san')
    await page.getByLabel('密码').fill('wrong-password-1A')
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor()
    await page.getByLabel('密码').fill(DEMO_PASSWORDS.citizen)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { level: 1, name: '我的账号' }).waitFor()
    await page.getByText('4420**********1016').waitFor()
    await page.getByText('139****0001').waitFor()
    assert.equal(await page.getByText('442000198503121016').count(), 0)
    await page.getByRole('row').filter({ hasText: '当前设备' }).waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'identity-portal-account')
    // Sign out: back to the sign-in page, and the account page sends us there again.
    await page.getByRole('button', { name: '退出登录', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: '个人登录' }).waitFor()
    await page.goto('/account')
    await page.getByRole('heading', { level: 1, name: '个人登录' }).waitFor()
  })
})
