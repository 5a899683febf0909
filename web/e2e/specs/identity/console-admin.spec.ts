// The administrator's console (RuoYi-style system administration): posts, roles with the permission
// picker and data scope, OpenID Connect clients (secret shown once), dictionaries and departments.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { VIEWPORTS, horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations } from '../../fixtures/browser.ts'
import { signInToConsole } from '../../fixtures/console.ts'

// Identity and what it depends on only: these journeys do not wait for, or break with, other modules' demo data.
const IDENTITY_MODULES = 'ops,city,crypto,identity'

describe('identity: console administration', { timeout: 300_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let page: Page
  let errors: string[]

  before(async () => {
    platform = await startPlatform({ env: { COOKIE_SECURE: 'false', LOGIN_RATE_PER_MINUTE: '1000', MODULES: IDENTITY_MODULES } })
    browser = await launchBrowser()
    ;({ page, errors } = await openPage(browser, platform.url))
    await signInToConsole(page)
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  async function shoot(name: string) {
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, `identity-console-${name}`)
    await page.setViewportSize(VIEWPORTS.phone)
    assert.equal(await horizontalOverflow(page), 0, `${name} overflows at 375 px`)
    await screenshot(page, `identity-console-${name}-phone`)
    await page.setViewportSize(VIEWPORTS.desktop)
  }

  it('creates a post, refuses a duplicate code with the server\'s reason, deletes it', async () => {
    await page.goto('/console/identity/posts')
    await page.getByRole('heading', { level: 1, name: '岗位管理' }).waitFor()
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: '新增' }).click()
      const dialog = page.getByRole('dialog', { name: '新增岗位' })
      await dialog.getByLabel('编码').fill('e2e_post')
      await dialog.getByLabel('名称').fill('浏览器测试岗')
      await dialog.getByRole('button', { name: '保存' }).click()
      if (i === 1) {
        await dialog.getByRole('alert').filter({ hasText: '已被使用' }).waitFor()
        await dialog.getByRole('button', { name: '取消' }).click()
      }
    }
    const row = page.getByRole('row').filter({ hasText: '浏览器测试岗' })
    await row.waitFor()
    await shoot('posts')
    await row.getByRole('button', { name: '删除' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
    await row.waitFor({ state: 'detached' })
  })

  it('creates a role with permissions picked from the catalogue and a data scope', async () => {
    await page.goto('/console/identity/roles')
    await page.getByRole('heading', { level: 1, name: '角色管理' }).waitFor()
    await page.getByRole('button', { name: '新增角色' }).click()
    const dialog = page.getByRole('dialog', { name: '新增角色' })
    await dialog.getByLabel('角色名称').fill('岗位查看员')
    await dialog.getByLabel('角色编码').fill('post-viewer')
    await dialog.getByRole('radio', { name: '本部门', exact: true }).check({ force: true })
    // The picker groups the catalogue by module and resource: open identity, then identity:post.
    await dialog.getByText('identity', { exact: true }).click()
    await dialog.getByText('identity:post', { exact: true }).click()
    const leaf = dialog.getByRole('treeitem').filter({ has: page.getByText('identity:post:read', { exact: true }) }).last()
    await leaf.scrollIntoViewIfNeeded()
    await leaf.locator('.el-checkbox__inner').first().click()
    assert.equal(await leaf.getAttribute('aria-checked'), 'true')
    await dialog.getByRole('button', { name: '保存' }).click()
    const row = page.getByRole('row').filter({ hasText: 'post-viewer' })
    await row.getByText('identity:post:read').waitFor()
    await row.getByText('本部门', { exact: true }).waitFor()
    await row.getByRole('button', { name: '编辑' }).click()
    await screenshot(page, 'identity-console-role-dialog')
    await page.getByRole('dialog', { name: '编辑角色' }).getByRole('button', { name: '取消' }).click()
    await shoot('roles')
  })

  it('registers an OpenID Connect client and shows its secret once', async () => {
    await page.goto('/console/identity/oidc-clients')
    await page.getByRole('heading', { level: 1, name: '接入应用' }).waitFor()
    await page.getByRole('button', { name: '注册应用' }).click()
    const dialog = page.getByRole('dialog', { name: '注册应用' })
    await dialog.getByLabel('名称').fill('不动产登记系统')
    await dialog.getByLabel('回调地址', { exact: true }).fill('ftp://not-allowed.example/cb')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.getByRole('alert').waitFor()
    await dialog.getByLabel('回调地址', { exact: true }).fill('https://bdc.example.gov.cn/callback')
    await dialog.getByRole('button', { name: '保存' }).click()
    const secret = page.getByTestId('client-secret')
    assert.match((await secret.textContent())!.trim(), /^[A-Za-z0-9_-]{43}$/)
    await page.getByRole('dialog', { name: '客户端密钥' }).getByRole('button', { name: '确定' }).click()
    await page.getByRole('row').filter({ hasText: '不动产登记系统' }).getByText('https://bdc.example.gov.cn/callback').waitFor()
    await shoot('oidc-clients')
  })

  it('shows dictionaries with their items and the department tree with actions', async () => {
    await page.goto('/console/identity/dicts')
    await page.getByRole('heading', { level: 1, name: '字典管理' }).waitFor()
    await page.getByRole('cell', { name: '账号状态' }).click()
    await page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'disabled', exact: true }) }).waitFor()
    await page.getByRole('button', { name: '新增字典项' }).click()
    const item = page.getByRole('dialog', { name: '新增字典项' })
    await item.getByLabel('键值').fill('e2e_locked')
    await item.getByLabel('简体中文').fill('锁定')
    await item.getByLabel('繁体中文').fill('鎖定')
    await item.getByLabel('英文').fill('Locked')
    await item.getByRole('button', { name: '保存' }).click()
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'e2e_locked', exact: true }) })
    await row.getByText('锁定', { exact: true }).waitFor()
    await shoot('dicts')
    await row.getByRole('button', { name: '删除' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
    await row.waitFor({ state: 'detached' })
    await page.goto('/console/identity/departments')
    await page.getByRole('heading', { level: 1, name: '部门管理' }).waitFor()
    await page.getByRole('button', { name: '编辑 中山市政务服务数据管理局' }).waitFor()
    await shoot('departments')
    await page.goto('/console/identity/users')
    await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor()
    await page.getByRole('row').filter({ hasText: 'clerk.li' }).getByRole('button', { name: '编辑' }).click()
    await page.getByRole('dialog', { name: '编辑用户' }).waitFor()
    await screenshot(page, 'identity-console-user-dialog')
    await page.getByRole('dialog', { name: '编辑用户' }).getByRole('button', { name: '取消' }).click()
    // The administrator holds identity:pii:read: a citizen's numbers in clear, on request (audited).
    assert.equal(await page.getByText('442000198503121016').count(), 0)
    await page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'zhang.san', exact: true }) }).getByRole('button', { name: '查看号码' }).click()
    const reveal = page.getByRole('dialog').filter({ hasText: '证件号与手机号' })
    await reveal.getByText('身份证号：442000198503121016').waitFor()
    await reveal.getByRole('button', { name: '确定' }).click()
    await shoot('users')
    await page.goto('/console/identity/logs')
    await page.getByRole('tab', { name: '操作日志' }).click()
    await page.getByRole('cell', { name: 'identity.pii.revealed', exact: true }).first().waitFor()
    await shoot('logs')
    assert.deepEqual(errors.filter((e) => !/400|409|Failed to load resource/.test(e)), [])
  })
})
