// 无障碍: a skip link, an accessibility toolbar reached and driven by keyboard alone, and no serious
// or critical axe-core violation on the portal.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { launchBrowser, openPage, rootFontSize, screenshot, seriousViolations, type OpenedPage } from '../../fixtures/browser.ts'

const focusedName = (opened: OpenedPage) =>
  opened.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : ''
  })

describe('portal accessibility (无障碍)', { timeout: 120_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let opened: OpenedPage

  before(async () => {
    platform = await startPlatform()
    browser = await launchBrowser()
    opened = await openPage(browser, platform.url)
    await opened.page.goto('/')
    await opened.page.getByRole('list', { name: '镇街列表' }).waitFor()
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('has no serious or critical axe-core violations', async () => {
    assert.deepEqual(await seriousViolations(opened.page), [])
  })

  it('offers a skip link first that moves focus to the main content', async () => {
    const { page } = opened
    await page.keyboard.press('Tab')
    assert.equal(await focusedName(opened), '跳到主要内容')
    await page.keyboard.press('Enter')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')
  })

  it('opens the accessibility toolbar by keyboard and drives it', async () => {
    const { page } = opened
    await page.reload()
    await page.getByRole('list', { name: '镇街列表' }).waitFor()
    const entry = page.getByRole('button', { name: '无障碍' })
    // Tab from the top of the page until the entry has focus (skip link, 简, 繁, EN, 长者模式, 无障碍).
    for (let i = 0; i < 10 && !(await entry.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
    assert.ok(await entry.evaluate((el) => el === document.activeElement), 'the 无障碍 entry is reachable by Tab')
    assert.equal(await entry.getAttribute('aria-expanded'), 'false')
    await page.keyboard.press('Enter')
    assert.equal(await entry.getAttribute('aria-expanded'), 'true')

    const toolbar = page.getByRole('region', { name: '无障碍工具条' })
    await toolbar.waitFor()
    // Focus moved into the toolbar, on "放大字号".
    const larger = toolbar.getByRole('button', { name: '放大字号' })
    assert.ok(await larger.evaluate((el) => el === document.activeElement), 'focus is on 放大字号')
    await page.keyboard.press('Enter')
    assert.equal(await rootFontSize(page), 20)
    await toolbar.getByText('字号 125%').waitFor()

    const contrast = toolbar.getByRole('button', { name: '高对比度' })
    await contrast.focus()
    await page.keyboard.press('Enter')
    assert.equal(await contrast.getAttribute('aria-pressed'), 'true')
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('zc-contrast')))
    await screenshot(page, 'portal-a11y-toolbar', false)
    assert.deepEqual(await seriousViolations(page), [])

    await toolbar.getByRole('button', { name: '恢复默认' }).focus()
    await page.keyboard.press('Enter')
    assert.equal(await rootFontSize(page), 16)
    assert.equal(await contrast.getAttribute('aria-pressed'), 'false')

    // Escape closes the toolbar and gives focus back to the entry.
    await page.keyboard.press('Escape')
    await toolbar.waitFor({ state: 'detached' })
    assert.ok(await entry.evaluate((el) => el === document.activeElement))
    assert.equal(await entry.getAttribute('aria-expanded'), 'false')
  })

  it('answers unknown paths with a localized not-found page (SPA fallback)', async () => {
    const { page, errors } = opened
    const res = await page.goto('/no/such/page')
    assert.equal(res?.status(), 200)
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor()
    await page.getByRole('link', { name: '返回首页' }).click()
    await page.getByRole('heading', { level: 2, name: '按镇街办事' }).waitFor()
    assert.deepEqual(errors, [])
  })
})
