// The staff console: a side menu built from module route meta, the platform facts on its home page,
// the division directory, deep links through the server's SPA fallback, and axe-core.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'

describe('console', { timeout: 120_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let opened: OpenedPage

  before(async () => {
    platform = await startPlatform()
    browser = await launchBrowser()
    opened = await openPage(browser, platform.url)
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('home shows the menu and what /api/v1/version reports', async () => {
    const { page } = opened
    const version = (await (await fetch(`${platform.url}/api/v1/version`)).json()) as { version: string; node: string; modules: string[] }
    await page.goto('/console')
    await page.getByRole('heading', { level: 1, name: '欢迎使用智城工作台' }).waitFor()
    const menu = page.getByRole('navigation', { name: '工作台菜单' })
    await menu.getByRole('menuitem', { name: '工作台首页' }).waitFor()
    await menu.getByRole('menuitem', { name: '镇街目录' }).waitFor()
    await page.getByText(`v${version.version}`, { exact: true }).waitFor()
    await page.getByText(version.node, { exact: true }).waitFor()
    // Every module the server runs is listed as enabled.
    for (const m of version.modules) {
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: m, exact: true }) })
      await row.getByText('已开通').waitFor()
    }
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'console-home-desktop')
  })

  it('menu opens the division directory with all 24 divisions', async () => {
    const { page } = opened
    await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name: '镇街目录' }).click()
    await page.getByRole('heading', { level: 1, name: '镇街目录' }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/console/divisions')
    await page.getByText('共 24 条').waitFor()
    await page.getByRole('textbox', { name: '搜索名称或区划代码' }).fill('石岐')
    await page.getByText('共 1 条').waitFor()
    // Element Plus' own strings follow the UI language: the empty table says 暂无数据 / No Data.
    await page.getByRole('textbox', { name: '搜索名称或区划代码' }).fill('zzz')
    await page.getByText('暂无数据').waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByText('No Data').waitFor()
    await page.getByRole('button', { name: '简体中文' }).click()
    await page.getByRole('textbox', { name: '搜索名称或区划代码' }).fill('')
    assert.deepEqual(await seriousViolations(page), [])
  })

  it('deep link /console/divisions loads through the SPA fallback', async () => {
    const { page, errors } = opened
    const res = await page.goto('/console/divisions')
    assert.equal(res?.status(), 200)
    await page.getByText('共 24 条').waitFor()
    await screenshot(page, 'console-divisions-desktop')
    assert.deepEqual(errors, [])
  })

  it('works on a phone: the menu opens from a button and nothing overflows', async () => {
    const phone = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone })
    try {
      await phone.page.goto('/console')
      await phone.page.getByRole('heading', { level: 1, name: '欢迎使用智城工作台' }).waitFor()
      assert.equal(await horizontalOverflow(phone.page), 0)
      const toggle = phone.page.getByRole('button', { name: '打开或关闭菜单' })
      await toggle.click()
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
      await phone.page.getByRole('menuitem', { name: '镇街目录' }).click()
      await phone.page.getByRole('heading', { level: 1, name: '镇街目录' }).waitFor()
      assert.deepEqual(await seriousViolations(phone.page), [])
    } finally {
      await phone.context.close()
    }
  })
})
