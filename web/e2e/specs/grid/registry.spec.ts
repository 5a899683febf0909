// The base registry page (四实): residents answered masked, search by name, the three registers as
// tabs; one resident's detail drawer with history, edited and saved with its version; at desktop
// and phone sizes, in Chinese, without serious accessibility findings. Staff calls
// carry the bootstrap administrator's token (until identity's sign-in lands in the console).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS } from '../../fixtures/browser.ts'
import { chooseOption } from '../../fixtures/select.ts'

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

  it('opens a resident, edits the residence and records the change', async () => {
    const { page, context } = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` }, locale: 'zh-CN' })
    await page.goto('/console/grid/registry')
    await page.waitForFunction(() => Number(document.querySelector('[data-register="people"]')?.getAttribute('data-rows')) > 0)
    const row = page.locator('[data-register="people"] .el-table__body-wrapper tbody tr').first()
    const listed = (await row.locator('td').nth(1).innerText()).trim()
    assert.match(listed, /^\d{4}\*{10}[\dX]{4}$/, 'the list shows the ID number masked')
    await page.locator('[data-register="people"] .el-table__fixed-right, [data-register="people"]').getByRole('button', { name: '详情' }).first().click()
    const drawer = page.getByRole('dialog', { name: '实有人口详情' })
    await drawer.locator('[data-field="idNumber"]').waitFor()
    // The bootstrap administrator ('*') is not granted grid:registry:pii by name: the record stays masked.
    assert.equal((await drawer.locator('[data-field="idNumber"]').innerText()).trim(), listed, 'the drawer shows the ID number masked')
    await drawer.getByText('身份信息已脱敏显示').waitFor()
    const version = Number(await page.locator('.rd').getAttribute('data-version'))
    const entries = Number(await drawer.locator('[data-entries]').getAttribute('data-entries'))
    const was = (await drawer.locator('[data-field="residence"]').innerText()).trim()
    const next = was === '流动人口' ? '境外人员' : '流动人口'

    await drawer.getByRole('button', { name: '编辑' }).click()
    assert.ok(await drawer.getByRole('textbox', { name: '身份证号' }).isDisabled(), 'masked identifiers are not editable')
    await chooseOption(page, drawer, '人口类型', next)
    await drawer.getByRole('button', { name: '保存' }).click()
    await page.getByText(`已保存（第 ${version + 1} 版）`).waitFor()
    await drawer.getByText(`第 ${version + 1} 版`).waitFor()
    await page.waitForFunction((n) => Number(document.querySelector('.rd [data-entries]')?.getAttribute('data-entries')) === n + 1, entries)
    assert.equal((await drawer.locator('[data-field="residence"]').innerText()).trim(), next)
    const change = (await drawer.locator('.rd__changes li').first().innerText()).trim()
    assert.equal(change, `人口类型：${was} → ${next}`, 'the newest history entry shows the field, before → after')
    assert.equal((await row.locator('td').nth(3).innerText()).trim(), next, 'the list row is refreshed')

    await page.mouse.move(0, 0)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'grid-registry-detail-desktop', false)
    await context.close()
  })

  it('fits a phone screen', async () => {
    const { page, context } = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` }, viewport: VIEWPORTS.phone, locale: 'zh-CN' })
    await page.goto('/console/grid/registry')
    await page.waitForFunction(() => Number(document.querySelector('[data-register="people"]')?.getAttribute('data-rows')) > 0)
    await screenshot(page, 'grid-registry-phone', false)
    assert.equal(await horizontalOverflow(page), 0)
    await page.locator('[data-register="people"] .el-table__body-wrapper tbody tr').first().click()
    await page.locator('.rd [data-field="idNumber"]').waitFor()
    const box = await page.locator('.rd').boundingBox()
    assert.equal(Math.round(box?.width ?? 0), VIEWPORTS.phone.width, 'the drawer takes the whole width')
    await page.mouse.move(0, 0)
    await screenshot(page, 'grid-registry-detail-phone', false)
    await context.close()
  })
})
