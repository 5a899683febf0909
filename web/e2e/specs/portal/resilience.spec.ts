// When the city API fails, the portal still renders, says what went wrong in the user's language
// (problem+json `code` → errors.<CODE>) and recovers on retry.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { launchBrowser, openPage, seriousViolations } from '../../fixtures/browser.ts'

describe('portal when the city API fails', { timeout: 120_000 }, () => {
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

  it('shows a localized error with a retry, then the divisions once the API answers', async () => {
    const { page, context } = await openPage(browser, platform.url)
    try {
      let fail = true
      await page.route('**/api/v1/city', (route) =>
        fail
          ? route.fulfill({
              status: 503,
              contentType: 'application/problem+json',
              body: JSON.stringify({ type: 'about:blank', title: 'CORE_NOT_READY', status: 503, detail: 'not ready: database', code: 'CORE_NOT_READY', requestId: 'req_test' }),
            })
          : route.continue(),
      )
      await page.goto('/')
      const alert = page.getByRole('alert')
      await alert.getByText('镇街信息加载失败').waitFor()
      await alert.getByText('服务尚未就绪，请稍后重试').waitFor()
      // The rest of the portal is still there.
      await page.getByRole('heading', { level: 2, name: '服务导航' }).waitFor()
      assert.deepEqual(await seriousViolations(page), [])

      fail = false
      await alert.getByRole('button', { name: '重新加载' }).click()
      await page.getByRole('list', { name: '镇街列表' }).waitFor()
      assert.equal(await page.getByRole('list', { name: '镇街列表' }).getByRole('listitem').count(), 24)
    } finally {
      await context.close()
    }
  })

  it('falls back to the server detail for a code the catalogs do not know', async () => {
    const { page, context } = await openPage(browser, platform.url)
    try {
      await page.route('**/api/v1/city', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'X', status: 404, detail: '某个未知错误的说明', code: 'CITY_SOMETHING_NEW', requestId: 'req_test' }),
        }),
      )
      await page.goto('/')
      await page.getByRole('alert').getByText('某个未知错误的说明').waitFor()
    } finally {
      await context.close()
    }
  })
})
