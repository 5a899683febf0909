// 长者模式: one clearly labelled toggle makes type larger, text darker and layouts simpler, stays on
// after a reload, and the page still passes axe-core.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { launchBrowser, openPage, rootFontSize, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'

/** Number of columns of the division grid, read from its computed style. */
function divisionColumns(opened: OpenedPage): Promise<number> {
  return opened.page
    .getByRole('list', { name: '镇街列表' })
    .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length)
}

describe('portal elder mode (长者模式)', { timeout: 120_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let opened: OpenedPage

  before(async () => {
    platform = await startPlatform()
    browser = await launchBrowser()
    opened = await openPage(browser, platform.url, { viewport: VIEWPORTS.desktop })
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('turns on with aria-pressed, larger root type and fewer columns', async () => {
    const { page } = opened
    await page.goto('/')
    await page.getByRole('list', { name: '镇街列表' }).waitFor()
    const toggle = page.getByRole('button', { name: '长者模式' })
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false')
    const before = { font: await rootFontSize(page), columns: await divisionColumns(opened) }

    await toggle.click()
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true')
    const after = { font: await rootFontSize(page), columns: await divisionColumns(opened) }
    assert.ok(after.font >= 20 && after.font > before.font, `root font ${before.font}px → ${after.font}px`)
    assert.ok(after.columns < before.columns, `division columns ${before.columns} → ${after.columns}`)
    // Buttons become large touch targets (at least 48 px).
    const box = await toggle.boundingBox()
    assert.ok(box && box.height >= 48, `toggle height ${box?.height}`)
    await screenshot(page, 'portal-elder-desktop')
  })

  it('stays on after a reload and passes axe-core', async () => {
    const { page } = opened
    await page.reload()
    await page.getByRole('list', { name: '镇街列表' }).waitFor()
    assert.equal(await page.getByRole('button', { name: '长者模式' }).getAttribute('aria-pressed'), 'true')
    assert.ok((await rootFontSize(page)) >= 20)
    assert.deepEqual(await seriousViolations(page), [])
  })

  it('on a phone it keeps to one column and passes axe-core', async () => {
    const phone = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone })
    try {
      await phone.page.goto('/')
      await phone.page.getByRole('button', { name: '长者模式' }).click()
      await phone.page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.equal(await divisionColumns(phone), 1)
      assert.deepEqual(await seriousViolations(phone.page), [])
      await screenshot(phone.page, 'portal-elder-phone')
    } finally {
      await phone.context.close()
    }
  })

  it('turns off again', async () => {
    const { page, errors } = opened
    const toggle = page.getByRole('button', { name: '长者模式' })
    await toggle.click()
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false')
    assert.equal(await rootFontSize(page), 16)
    assert.deepEqual(errors, [])
  })
})
