// The portal opens in Simplified Chinese and switches to Traditional Chinese and English from the
// header; the choice survives a reload and <html lang> follows it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { htmlLang, launchBrowser, openPage, screenshot, type OpenedPage } from '../../fixtures/browser.ts'

describe('portal language switch (简/繁/EN)', { timeout: 120_000 }, () => {
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

  it('opens in zh-CN with the city from the platform', async () => {
    const { page } = opened
    await page.goto('/')
    await page.getByRole('heading', { level: 2, name: '按镇街办事' }).waitFor()
    assert.equal(await htmlLang(page), 'zh-CN')
    await page.getByRole('heading', { level: 1, name: '让数据多跑路，让群众少跑腿' }).waitFor()
    // The city name comes from GET /api/v1/city.
    const city = (await (await fetch(`${platform.url}/api/v1/city`)).json()) as { name: Record<string, string> }
    await page.getByRole('link', { name: `${city.name['zh-CN']}政务服务网首页` }).waitFor()
    assert.match(await page.title(), new RegExp(`${city.name['zh-CN']}政务服务网`))
    const lang = page.getByRole('group', { name: '切换语言' })
    assert.equal(await lang.getByRole('button', { name: '简体中文' }).getAttribute('aria-pressed'), 'true')
    await screenshot(page, 'portal-zh-CN-desktop')
  })

  it('switches to 繁 and keeps it after a reload', async () => {
    const { page } = opened
    await page.getByRole('button', { name: '繁體中文' }).click()
    await page.getByRole('heading', { level: 2, name: '按鎮街辦事' }).waitFor()
    assert.equal(await htmlLang(page), 'zh-TW')
    assert.equal(await page.getByRole('button', { name: '繁體中文' }).getAttribute('aria-pressed'), 'true')
    // Divisions come in Traditional characters from the API too (東區街道).
    await page.getByRole('list', { name: '鎮街列表' }).getByText('東區街道').waitFor()
    await page.reload()
    await page.getByRole('heading', { level: 2, name: '按鎮街辦事' }).waitFor()
    assert.equal(await htmlLang(page), 'zh-TW')
    await screenshot(page, 'portal-zh-TW-desktop')
  })

  it('switches to EN: texts, html lang and the data from the API change together', async () => {
    const { page } = opened
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 2, name: 'Services by town' }).waitFor()
    assert.equal(await htmlLang(page), 'en')
    await page.getByRole('heading', { level: 1, name: 'Let data do the running, not residents' }).waitFor()
    await page.getByRole('button', { name: 'Senior mode' }).waitFor()
    await page.getByRole('list', { name: 'Towns and sub-districts' }).getByText('Dongqu Subdistrict').waitFor()
    // Filtering answers in English too.
    await page.getByRole('textbox', { name: 'Search by name or division code' }).fill('no-such-town')
    await page.getByText('No matching town or sub-district').waitFor()
    await page.getByRole('textbox', { name: 'Search by name or division code' }).fill('')
    await page.reload()
    await page.getByRole('heading', { level: 2, name: 'Services by town' }).waitFor()
    assert.equal(await htmlLang(page), 'en')
    await screenshot(page, 'portal-en-US-desktop')
  })

  it('switches back to 简 and keeps it after a reload', async () => {
    const { page, errors } = opened
    await page.getByRole('button', { name: '简体中文' }).click()
    await page.getByRole('heading', { level: 2, name: '按镇街办事' }).waitFor()
    assert.equal(await htmlLang(page), 'zh-CN')
    await page.reload()
    await page.getByRole('heading', { level: 2, name: '按镇街办事' }).waitFor()
    assert.equal(await htmlLang(page), 'zh-CN')
    assert.deepEqual(errors, [])
  })
})
