// Grid dispatch end to end: the console map shows the demo city's grids and open cases; a citizen
// reports a problem on the portal (GPS position and a photo); it lands in the right grid and in the
// dispatch queue; staff accept, open, dispatch, handle with a photo, verify and close it through the
// UI; the citizen sees it closed and confirms. Staff calls carry the bootstrap administrator's token
// (until identity's sign-in lands in the console).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'
import { chooseOption } from '../../fixtures/select.ts'

const TOKEN = 'e2e-grid-admin-token-0123456789abcdef0123'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
// A point in the demo city (it falls in 阜沙东社区 of the synthetic layout; the test asks the API).
const HERE = { longitude: 113.4035, latitude: 22.5021 }

describe('grid dispatch', { timeout: 240_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let staff: OpenedPage
  let citizen: OpenedPage
  let eventId: string
  let expectedGrid: { unitCode: string; unitName: string }

  before(async () => {
    platform = await startPlatform({ env: { ADMIN_TOKEN: TOKEN } })
    browser = await launchBrowser()
    staff = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } })
    citizen = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone, geolocation: HERE, permissions: ['geolocation'] })
    expectedGrid = await (await fetch(`${platform.url}/api/v1/grid/locate?lon=${HERE.longitude}&lat=${HERE.latitude}`)).json() as typeof expectedGrid
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('the console map shows the city\'s grids and the open cases beside the queue', async () => {
    const { page } = staff
    await page.goto('/console')
    await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name: '网格调度' }).click()
    await page.getByRole('heading', { level: 1, name: '网格调度' }).waitFor()
    const map = page.getByRole('region', { name: '网格地图' })
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-grids]')
      return el && Number(el.getAttribute('data-grids')) > 0 && Number(el.getAttribute('data-events')) > 0 && el.getAttribute('data-state') !== 'loading'
    })
    assert.equal(await map.getAttribute('data-grids'), '384')
    assert.notEqual(await map.getAttribute('data-state'), 'loading')
    const legend = page.getByRole('list', { name: '图例' })
    for (const item of ['正常', '即将超时', '已超时', '镇街边界']) await legend.getByText(item, { exact: true }).waitFor()
    const queue = page.getByRole('list', { name: '调度队列' })
    assert.ok((await queue.getByRole('listitem').count()) > 10)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'grid-dispatch-desktop', false)
  })

  it('a citizen reports a problem from a phone with GPS and a photo', async () => {
    const { page } = citizen
    await page.goto('/report')
    await page.getByRole('heading', { level: 1, name: '随手拍 · 反映问题' }).waitFor()
    assert.equal(await horizontalOverflow(page), 0)
    await chooseOption(page, page, '问题类别', '暴露垃圾')
    await page.getByRole('textbox', { name: '问题描述' }).fill('东区路口有一堆暴露垃圾，已有异味。')
    await page.getByRole('button', { name: '使用我的位置' }).click()
    await page.getByText(`位于：${expectedGrid.unitName}`).waitFor()
    await page.getByLabel('添加照片').setInputFiles({ name: 'rubbish.png', mimeType: 'image/png', buffer: PNG })
    await page.getByRole('img', { name: '新照片 1' }).waitFor()
    await page.getByRole('textbox', { name: '联系方式（选填）' }).fill('13800138000')
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'grid-report-phone')
    await page.getByRole('button', { name: '提交' }).click()
    await page.getByRole('heading', { name: '感谢您的反映！' }).waitFor()
    eventId = (await page.locator('.report__code').first().textContent())!.trim()
    assert.match(eventId, /^gevt_/)
    await page.getByText(`已分派到：${expectedGrid.unitName}`).waitFor()
    await page.getByRole('link', { name: '查看办理进度' }).click()
    await page.getByRole('heading', { level: 1, name: '办理进度' }).waitFor()
    await page.getByText('待受理', { exact: true }).waitFor()
  })

  it('the report lands in its grid and in the queue; staff take it through every stage', async () => {
    const { page, errors } = staff
    await page.goto('/console/grid')
    const item = page.getByRole('list', { name: '调度队列' }).getByRole('listitem').filter({ has: page.locator(`[href="/console/grid/events/${eventId}"]`) })
    await item.getByText('待受理').waitFor()
    await item.getByRole('link').click()
    await page.getByText(expectedGrid.unitCode).waitFor()
    const actions = page.getByRole('group', { name: '办理' })
    const run = async (action: string, status: string, fill?: () => Promise<void>) => {
      await actions.getByRole('button', { name: action, exact: true }).click()
      await fill?.()
      await page.getByRole('button', { name: '提交' }).click()
      await page.getByText(`已${action}`).first().waitFor()
      await page.locator('[data-status]').filter({ hasText: status }).first().waitFor()
    }
    await run('受理', '待立案')
    await run('立案', '待派遣')
    await run('派遣', '处置中')
    await run('处置反馈', '待核查', async () => {
      await page.getByRole('textbox', { name: '办理意见' }).fill('已清运，现场已冲洗。')
      await page.getByLabel('添加照片').setInputFiles({ name: 'done.png', mimeType: 'image/png', buffer: PNG })
      await page.getByRole('img', { name: '新照片 1' }).waitFor()
    })
    await run('核查', '待结案')
    await run('结案', '已结案')
    const timeline = page.getByRole('list', { name: '办理过程' })
    for (const step of ['上报', '受理', '立案', '派遣', '处置反馈', '核查通过', '结案']) await timeline.getByText(step, { exact: true }).first().waitFor()
    assert.equal(await page.getByRole('img', { name: /^照片/ }).count(), 2)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'grid-event-desktop')
    assert.deepEqual(errors, [])
  })

  it('the citizen sees it closed and confirms it is fixed', async () => {
    const { page, errors } = citizen
    await page.reload()
    await page.getByText('已结案', { exact: true }).first().waitFor()
    await page.getByRole('button', { name: '已解决' }).click()
    await page.getByText('感谢您的确认！').waitFor()
    await screenshot(page, 'grid-follow-phone')
    assert.deepEqual(errors, [])
  })

  it('metrics show every rate with its definition', async () => {
    const { page } = staff
    await page.goto('/console/grid/metrics')
    await page.getByRole('heading', { level: 1, name: '考核评价' }).waitFor()
    await page.getByRole('figure', { name: '结案率与按期结案率' }).waitFor()
    await page.waitForFunction(() => Number(document.querySelector('[data-groups]')?.getAttribute('data-groups')) === 24)
    for (const term of ['结案率', '按期结案率', '处置率', '按期处置率', '准确派遣率', '返工率']) await page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }).first().waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'grid-metrics-desktop')
  })
})
