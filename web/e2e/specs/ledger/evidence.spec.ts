// Evidence (存证) through the real UI: staff record a file in the console (it is hashed in the
// browser, only the hash leaves it) and download the receipt; anyone then verifies the file against
// the receipt on the public page and sees the chain of proof, and a different file is refused.
// Staff calls carry the bootstrap administrator's token. Pages in Chinese, desktop and phone.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS } from '../../fixtures/browser.ts'

const TOKEN = 'e2e-ledger-admin-token-0123456789abcdef012'
const FILE = { name: '租赁合同-2026-118.txt', mimeType: 'text/plain', buffer: Buffer.from('租赁合同 第 2026-118 号：甲方中山市某局，乙方某公司。\n') }
const OTHER = { ...FILE, buffer: Buffer.from('租赁合同 第 2026-118 号：甲方中山市某局，乙方另一公司。\n') }
const SM3 = createHash('sm3').update(FILE.buffer).digest('hex')

describe('ledger: evidence submission and public verification', { timeout: 480_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let receipt: { name: string; mimeType: string; buffer: Buffer }

  before(async () => {
    // No demo city: the ledger needs none, and the spec stays independent of other modules' seeds.
    platform = await startPlatform({ env: { ADMIN_TOKEN: TOKEN, DEMO: 'false' }, timeoutMs: 300_000 })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  async function fillForm(page: Page): Promise<void> {
    await page.getByRole('heading', { level: 1, name: '电子存证' }).waitFor()
    await page.getByRole('button', { name: '存证文件', exact: true }).setInputFiles(FILE)
    // Hashed in the browser: the SM3 digest is shown before anything is sent.
    await page.getByText(`SM3：sm3:${SM3}`).waitFor()
    await page.getByRole('textbox', { name: '提交部门', exact: true }).fill('市市场监督管理局')
    await page.getByRole('textbox', { name: '存证标题', exact: true }).fill('租赁合同 2026-118')
  }

  it('staff record a file in the console and download its receipt', async () => {
    const { page, errors } = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` }, acceptDownloads: true })
    const failed: string[] = []
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`) })
    await page.goto('/console')
    await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name: '电子存证' }).click()
    await fillForm(page)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'ledger-submit-form-desktop')
    await page.getByRole('button', { name: '提交存证' }).click()
    const done = page.getByRole('status').filter({ hasText: '存证成功，已写入政务区块链' })
    await done.waitFor({ timeout: 30_000 })
    const id = (await done.locator('code').first().textContent())!.trim()
    assert.match(id, /^ent_[0-9A-HJKMNP-TV-Z]{26}$/)
    await done.getByText(`sm3:${SM3}`).waitFor()
    await page.mouse.move(0, 0)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'ledger-submit-done-desktop')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载存证回执' }).click()])
    assert.equal(download.suggestedFilename(), `receipt-${id}.json`)
    const text = readFileSync((await download.path())!, 'utf8')
    const parsed = JSON.parse(text)
    assert.equal(parsed.entry.id, id)
    assert.equal(parsed.entry.hash, `sm3:${SM3}`)
    assert.deepEqual(parsed.entry.meta.title, '租赁合同 2026-118')
    receipt = { name: `receipt-${id}.json`, mimeType: 'application/json', buffer: Buffer.from(text) }
    // The server kept the hash only: the same evidence is found by it, with the same id.
    const found = await (await fetch(`${platform.url}/api/v1/ledger/evidence?hash=sm3:${SM3}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { items: Array<{ id: string }> }
    assert.deepEqual(found.items.map((e) => e.id), [id])
    // Without a demo city some console widgets find nothing (404); no ledger call failed.
    assert.deepEqual(failed.filter((f) => f.includes('/ledger')), [])
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], failed.join(', '))
  })

  it('the submission form fits a phone', async () => {
    const { page, context } = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone, extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } })
    await page.goto('/console/ledger/evidence')
    await fillForm(page)
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'ledger-submit-form-phone')
    await context.close()
  })

  it('anyone verifies the file against the receipt and sees the chain of proof', async () => {
    assert.ok(receipt, 'the submission test ran first')
    const { page, errors } = await openPage(browser, platform.url)
    const failed: string[] = []
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`) })
    await page.goto('/evidence/verify')
    await page.getByRole('heading', { level: 1, name: '存证核验' }).waitFor()
    await page.getByLabel('存证文件', { exact: true }).setInputFiles(FILE)
    await page.getByLabel('存证回执（JSON）').setInputFiles(receipt)
    await page.getByText(receipt.name).waitFor()
    await page.getByRole('button', { name: '开始核验' }).click()
    const verdict = page.getByRole('status').filter({ hasText: '核验通过：文件与回执一致，记录真实有效' })
    await verdict.waitFor()
    // The chain a court checks, in order, with the file's hash first.
    assert.deepEqual(await verdict.locator('li[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))), ['file', 'leaf', 'signature', 'proof', 'witnesses'])
    await verdict.getByText(`sm3:${SM3}`).waitFor()
    await verdict.getByText('检查点由日志密钥签名（SM2）').waitFor()
    // The pointer leaves the button it clicked: axe judges the page at rest, not a hover colour.
    await page.mouse.move(0, 0)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'ledger-verify-ok-desktop')
    assert.deepEqual(failed.filter((f) => f.includes('/ledger')), [])
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], failed.join(', '))
  })

  it('a different file is refused with the reason, on a phone', async () => {
    const { page, context } = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone })
    await page.goto('/evidence/verify')
    await page.getByLabel('存证文件', { exact: true }).setInputFiles(OTHER)
    await page.getByLabel('存证回执（JSON）').setInputFiles(receipt)
    await page.getByRole('button', { name: '开始核验' }).click()
    const alert = page.getByRole('alert').filter({ hasText: '核验未通过' })
    await alert.waitFor()
    await alert.getByText('错误代码：LEDGER_FILE_MISMATCH').waitFor()
    assert.equal(await page.getByRole('status').filter({ hasText: '核验通过' }).count(), 0)
    assert.equal(await horizontalOverflow(page), 0)
    await page.mouse.move(0, 0)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'ledger-verify-refused-phone')
    // A receipt that is not JSON is refused before anything is sent.
    await page.getByRole('button', { name: '重新选择' }).click()
    await page.getByLabel('粘贴回执内容').fill('{ not json')
    await page.getByRole('button', { name: '开始核验' }).click()
    await page.getByRole('alert').getByText('错误代码：LEDGER_RECEIPT_MALFORMED').waitFor()
    await context.close()
  })
})
