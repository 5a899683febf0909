// The portal fits a phone (375 px) without sideways scrolling, and kiosk mode (/kiosk, 1080×1920
// portrait) drops small links and makes every control a large touch target.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS } from '../../fixtures/browser.ts'

/** Visible interactive elements smaller than `min` px in either dimension, described for a message. */
function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input, [role="radio"], [tabindex="0"]')) {
      const r = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('[hidden]')) continue
      if (el.classList.contains('zc-skip-link') || el.classList.contains('el-radio-button__original-radio')) continue
      if (el.tagName === 'INPUT' && el.closest('.el-input')) {
        const box = el.closest('.el-input__wrapper')!.getBoundingClientRect()
        if (box.height < min) out.push(`input ${box.height}px`)
        continue
      }
      if (r.height < min || r.width < min) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
    }
    return out
  }, min)
}

describe('portal on phone and kiosk', { timeout: 120_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser

  before(async () => {
    platform = await startPlatform()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('fits a 375 px phone without horizontal overflow', async () => {
    const { page, context, errors } = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true })
    try {
      await page.goto('/')
      await page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.equal(await horizontalOverflow(page), 0)
      // The main navigation stays reachable (it scrolls sideways inside its own strip).
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '按镇街办事' }).waitFor()
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, 'portal-phone-375')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  it('desktop at 1280 px shows the division directory in several columns', async () => {
    const { page, context } = await openPage(browser, platform.url, { viewport: VIEWPORTS.desktop })
    try {
      await page.goto('/')
      const list = page.getByRole('list', { name: '镇街列表' })
      await list.waitFor()
      assert.equal(await list.getByRole('listitem').count(), 24)
      assert.equal(await horizontalOverflow(page), 0)
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '城市大脑' }).waitFor()
    } finally {
      await context.close()
    }
  })

  it('kiosk mode (/kiosk, 1080×1920) hides small links and keeps every target large', async () => {
    const { page, context, errors } = await openPage(browser, platform.url, { viewport: VIEWPORTS.kiosk, hasTouch: true })
    try {
      await page.goto('/kiosk')
      await page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('zc-kiosk')))
      assert.equal(await page.getByRole('navigation', { name: '主导航' }).count(), 0, 'no header navigation')
      assert.equal(await page.getByRole('navigation', { name: '相关链接' }).count(), 0, 'no footer links')
      assert.deepEqual(await smallTargets(page, 48), [])
      assert.equal(await horizontalOverflow(page), 0)
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, 'portal-kiosk-1080x1920', false)
      await screenshot(page, 'portal-kiosk-1080x1920-full')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })

  it('?kiosk=1 turns kiosk mode on for the session and ?kiosk=0 off', async () => {
    const { page, context } = await openPage(browser, platform.url, { viewport: VIEWPORTS.kiosk })
    try {
      await page.goto('/?kiosk=1')
      await page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('zc-kiosk')))
      await page.goto('/')
      await page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('zc-kiosk')), 'sticks for the session')
      await page.goto('/?kiosk=0')
      await page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('zc-kiosk'))))
    } finally {
      await context.close()
    }
  })
})
