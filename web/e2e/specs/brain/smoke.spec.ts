// The city dashboard: dark, full screen, and every figure traceable to the platform's own answers
// (charts are checked through their data attributes and legends, not pixels).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'

interface City { divisions: Array<{ kind: string; name: Record<string, string> }> }

describe('city dashboard (/brain)', { timeout: 120_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let opened: OpenedPage
  let city: City
  let version: { modules: string[] }

  before(async () => {
    platform = await startPlatform()
    browser = await launchBrowser()
    opened = await openPage(browser, platform.url, { viewport: VIEWPORTS.wall })
    city = (await (await fetch(`${platform.url}/api/v1/city`)).json()) as City
    version = (await (await fetch(`${platform.url}/api/v1/version`)).json()) as { modules: string[] }
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('shows the divisions and their composition from /api/v1/city', async () => {
    const { page } = opened
    await page.goto('/brain')
    await page.getByRole('heading', { level: 1, name: '城市运行总览' }).waitFor()
    const tiles = page.getByRole('list', { name: '镇街一览' })
    await tiles.waitFor()
    assert.equal(await tiles.getByRole('listitem').count(), city.divisions.length)
    for (const d of city.divisions.slice(0, 3)) await tiles.getByText(d.name['zh-CN']!, { exact: true }).waitFor()

    const chart = page.locator('[data-chart="division-kinds"]')
    await chart.waitFor()
    const series = JSON.parse((await chart.getAttribute('data-series'))!) as Array<{ key: string; value: number }>
    const want = new Map<string, number>()
    for (const d of city.divisions) want.set(d.kind, (want.get(d.kind) ?? 0) + 1)
    assert.deepEqual(new Map(series.map((s) => [s.key, s.value])), want)
    // The chart has a text alternative, and ECharts drew into it.
    assert.match((await chart.getAttribute('aria-label'))!, new RegExp(`共 ${city.divisions.length} 个镇街`))
    assert.ok((await chart.locator('svg path').count()) > 0)
  })

  it('shows platform status from /api/v1/version and /readyz', async () => {
    const { page } = opened
    const gauge = page.locator('[data-chart="modules-enabled"]')
    await gauge.waitFor()
    assert.equal(Number(await gauge.getAttribute('data-value')), version.modules.length)
    await page.getByRole('region', { name: '平台运行' }).getByText('服务就绪').waitFor()
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    assert.equal(dark, 'rgb(2, 11, 31)')
  })

  it('passes axe-core and fits the screen', async () => {
    const { page, errors } = opened
    assert.deepEqual(await seriousViolations(page), [])
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'brain-1920x1080', false)
    assert.deepEqual(errors, [])
  })

  it('switches language like the portal', async () => {
    const { page } = opened
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'City operations overview' }).waitFor()
    await page.getByRole('list', { name: 'All divisions' }).getByText('Dongqu Subdistrict').waitFor()
    await screenshot(page, 'brain-1920x1080-en', false)
  })
})
