// The base registry page (四实): residents answered masked, search by name, the three registers as
// tabs; at desktop and phone sizes, in Chinese, without serious accessibility findings. Staff calls
// carry the bootstrap administrator's token (until identity's sign-in lands in the console).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS } from '../../fixtures/browser.ts'

const TOKEN = 'e2e-grid-admin-token-0123456789abcdef0123'

describe('grid base registry', { timeout: 1_100_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  before(async () => {
    platform = await startPlatform({ env: { ADMIN_TOKEN: TOKEN }, timeoutMs: 900_000 })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('lists residents masked, searches them and switches registers', async () => {
    const { page, context } = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` }, locale: 'zh-CN' })
    await page.goto('/console/grid/registry')
    const table = page.locator('[data-register="people"]')
    await table.waitFor()
    await page.waitForFunction(() => Number(document.querySelector('[data-register="people"]')?.getAttribute('data-rows')) > 0)
    const ids = await page.locator('[data-register="people"] td').allInnerTexts()
    assert.ok(ids.some((x) => /^\d{4}\*{10}[\dX]{4}$/.test(x.trim())), 'ID numbers are masked')
    assert.ok(!ids.some((x) => /^\d{17}[\dX]$/.test(x.trim())), 'no ID number in clear')
    await screenshot(page, 'grid-registry-desktop', false)
    assert.deepEqual(await seriousViolations(page), [])

    const first = (await page.locator('[data-register="people"] tbody tr td').nth(0).innerText()).trim()
    await page.getByRole('textbox', { name: '搜索' }).fill('单元')
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForFunction(() => Number(document.querySelector('[data-register="people"]')?.getAttribute('data-rows')) > 0)
    assert.ok(first.length > 0)

    await page.getByRole('tab', { name: '实有单位' }).click()
    await page.waitForFunction(() => Number(document.querySelector('[data-register="units"]')?.getAttribute('data-rows')) > 0)
    const codes = await page.locator('[data-register="units"] td').allInnerTexts()
    assert.ok(codes.some((x) => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(x.trim())), 'credit codes shown')
    await context.close()
  })

  it('fits a phone screen', async () => {
    const { page, context } = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` }, viewport: VIEWPORTS.phone, locale: 'zh-CN' })
    await page.goto('/console/grid/registry')
    await page.waitForFunction(() => Number(document.querySelector('[data-register="people"]')?.getAttribute('data-rows')) > 0)
    await screenshot(page, 'grid-registry-phone', false)
    assert.equal(await horizontalOverflow(page), 0)
    await context.close()
  })
})
