// The licence type editor (证照类型编辑) in the console, on SQLite: the administrator creates a type
// (网络预约出租汽车驾驶员证, two fields, holder fields mapped), finds it in the catalogue and over
// HTTP at revision 1, renames it in English (revision 2, two revisions in the history), and a type
// with a field title missing in English is refused with the server's reasons and not created.
// A principal who may read licences but not manage types sees the catalogue without edit buttons.
// Screens go to test-results/screens/licenses-type-editor-*.png.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Locator, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { VIEWPORTS, horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations } from '../../fixtures/browser.ts'
import { signInToConsole } from '../../fixtures/console.ts'
import { chooseOption } from '../../fixtures/select.ts'

const ADMIN_TOKEN = 'e2e-type-editor-admin-token-0123456789abcdef'
const READER_PASSWORD = 'Lic#Reader2026e2e'
const CODE = '11440000MB2C92TEST1'
const KEY = 'ride-hailing-driver-e2e'
const BAD_CODE = '11440000MB2C92TEST2'
type Json = Record<string, any>

async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : {} }
}
async function api(base: string, path: string, init: Parameters<typeof call>[2] = {}): Promise<Json> {
  const r = await call(base, path, init)
  if (r.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${JSON.stringify(r.json).slice(0, 400)}`)
  return r.json
}

interface FieldSpec { key: string; zh: string; tw: string; en: string; format?: string; sensitive: boolean }

/** Fills the new-type drawer: basics, one issuer, the fields, the holder fields. */
async function fillType(page: Page, drawer: Locator, t: { code: string; key: string; issuer: string; fields: FieldSpec[] }): Promise<void> {
  await drawer.getByLabel('类型代码', { exact: true }).fill(t.code)
  await drawer.getByLabel('类型标识', { exact: true }).fill(t.key)
  await drawer.getByLabel('名称（简体中文）', { exact: true }).fill('网络预约出租汽车驾驶员证')
  await drawer.getByLabel('名称（繁体中文）', { exact: true }).fill('網路預約計程車駕駛員證')
  await drawer.getByLabel('名称（英文）', { exact: true }).fill('Ride-hailing driver licence (test)')
  await drawer.getByRole('radio', { name: '自然人', exact: true }).check({ force: true })
  await chooseOption(page, drawer, '签发部门', new RegExp(`（${t.issuer}）$`))
  await drawer.getByRole('radio', { name: '固定期限', exact: true }).check({ force: true })
  await drawer.getByLabel('年', { exact: true }).fill('6')
  for (const [i, f] of t.fields.entries()) {
    if (i > 0) await drawer.getByRole('button', { name: '添加字段' }).click()
    const row = drawer.getByRole('group', { name: new RegExp(`^字段 ${i + 1}`) })
    await row.getByLabel('字段名', { exact: true }).fill(f.key)
    if (f.format) await chooseOption(page, row, '格式', f.format)
    await row.getByLabel('显示名称（简体中文）', { exact: true }).fill(f.zh)
    await row.getByLabel('显示名称（繁体中文）', { exact: true }).fill(f.tw)
    await row.getByLabel('显示名称（英文）', { exact: true }).fill(f.en)
    // Element Plus hides the native checkbox (0 × 0): toggle through its label, check the state by role.
    const sensitive = row.getByRole('checkbox', { name: '个人信息（可不披露）' })
    if ((await sensitive.isChecked()) !== f.sensitive) await row.getByText('个人信息（可不披露）', { exact: true }).click()
    assert.equal(await sensitive.isChecked(), f.sensitive)
  }
  await chooseOption(page, drawer, '持证人名称字段', t.fields[0]!.key)
  await chooseOption(page, drawer, '持证人证件号码字段', t.fields[1]!.key)
}

describe('licences: the licence type editor', { timeout: 300_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let page: Page
  let issuer = 'zs-jtj'

  before(async () => {
    platform = await startPlatform({ env: { ADMIN_TOKEN, COOKIE_SECURE: 'false', LOGIN_RATE_PER_MINUTE: '1000' }, timeoutMs: 240_000 })
    browser = await launchBrowser()
    ;({ page } = await openPage(browser, platform.url))
    await signInToConsole(page)
    const issuers = (await api(platform.url, '/api/v1/licenses/type-issuers', { token: ADMIN_TOKEN })).items as Array<{ code: string }>
    if (!issuers.some((x) => x.code === issuer)) issuer = issuers[0]!.code
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('creates a type from the console; the API answers it at revision 1', async () => {
    assert.equal((await call(platform.url, `/api/v1/licenses/types/${CODE}`)).status, 404)
    await page.goto('/console/licenses/types')
    await page.getByRole('heading', { level: 1, name: '证照目录' }).waitFor()
    await page.getByRole('button', { name: '新建证照类型' }).click()
    const drawer = page.getByRole('dialog', { name: '新建证照类型' })
    await drawer.getByLabel('类型代码', { exact: true }).waitFor()
    // A new type starts with the five statuses in the platform's words.
    assert.equal(await drawer.getByLabel('状态 revoked 称谓（简体中文）', { exact: true }).inputValue(), '撤销')
    await fillType(page, drawer, {
      code: CODE, key: KEY, issuer, fields: [
        { key: 'holderName', zh: '姓名', tw: '姓名', en: 'Name', sensitive: false },
        { key: 'idNumber', zh: '公民身份号码', tw: '公民身分號碼', en: 'ID number', format: '居民身份证号码', sensitive: true },
      ],
    })
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'licenses-type-editor-new', false)
    await drawer.getByRole('button', { name: '保存' }).click()
    await page.getByText(`证照类型 ${CODE} 已保存（修订号 1）`).waitFor()
    await drawer.waitFor({ state: 'hidden' })
    await page.locator(`[data-type="${KEY}"]`).getByText('网络预约出租汽车驾驶员证', { exact: true }).waitFor()
    await screenshot(page, 'licenses-type-editor-list', false)

    const saved = await api(platform.url, `/api/v1/licenses/types/${CODE}`)
    assert.equal(saved.revision, 1)
    assert.equal(saved.key, KEY)
    assert.equal(saved.holderKind, 'person')
    assert.deepEqual(saved.issuers, [issuer])
    assert.deepEqual(saved.holderFields, { name: 'holderName', identifier: 'idNumber' })
    assert.deepEqual(Object.keys(saved.schema.properties), ['holderName', 'idNumber'])
    assert.deepEqual(saved.schema.required, ['holderName', 'idNumber'])
    assert.equal(saved.schema.properties.idNumber.format, 'id-card')
    assert.equal(saved.schema.properties.idNumber.sensitive, true)
    assert.notEqual(saved.schema.properties.holderName.sensitive, true)
    assert.deepEqual(saved.validity, { kind: 'period', years: 6 })
    assert.deepEqual(saved.statusCodes.map((s: Json) => s.code), ['valid', 'suspended', 'revoked', 'expired', 'replaced'])
  })

  it('renames it in English: revision 2, and the history lists both revisions', async () => {
    const item = page.locator(`[data-type="${KEY}"]`)
    // The list opens the type just saved.
    const head = item.getByRole('button', { name: /网络预约出租汽车驾驶员证/ }).first()
    if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click()
    await item.getByRole('button', { name: '编辑' }).click()
    const drawer = page.getByRole('dialog', { name: `编辑证照类型 ${CODE}` })
    const en = drawer.getByLabel('名称（英文）', { exact: true })
    await en.waitFor()
    assert.equal(await en.inputValue(), 'Ride-hailing driver licence (test)')
    assert.equal(await drawer.getByLabel('类型代码', { exact: true }).isDisabled(), true)
    await en.fill('Online ride-hailing driver certificate')
    await drawer.getByRole('button', { name: '保存' }).click()
    await page.getByText(`证照类型 ${CODE} 已保存（修订号 2）`).waitFor()
    await drawer.waitFor({ state: 'hidden' })

    const saved = await api(platform.url, `/api/v1/licenses/types/${CODE}`)
    assert.equal(saved.revision, 2)
    assert.equal(saved.name['en-US'], 'Online ride-hailing driver certificate')
    assert.equal(saved.name['zh-CN'], '网络预约出租汽车驾驶员证')

    await item.getByRole('button', { name: '修订历史' }).click()
    const history = page.getByRole('dialog', { name: /^修订历史/ })
    await history.getByText('共 2 次修订，最新在前').waitFor()
    const revisions = history.locator('tr[data-revision]')
    assert.deepEqual(await revisions.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-revision'))), ['2', '1'])
    await revisions.first().getByText('系统管理员').waitFor()
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'licenses-type-editor-history', false)
    await history.getByRole('button', { name: /关闭|Close/ }).click()
    await history.waitFor({ state: 'hidden' })
  })

  it('refuses a type whose field title lacks English, shows why, and creates nothing', async () => {
    await page.getByRole('button', { name: '新建证照类型' }).click()
    const drawer = page.getByRole('dialog', { name: '新建证照类型' })
    await fillType(page, drawer, {
      code: BAD_CODE, key: `${KEY}-bad`, issuer, fields: [
        { key: 'holderName', zh: '姓名', tw: '姓名', en: 'Name', sensitive: false },
        { key: 'idNumber', zh: '公民身份号码', tw: '公民身分號碼', en: '', format: '居民身份证号码', sensitive: true },
      ],
    })
    await drawer.getByRole('button', { name: '保存' }).click()
    const problem = drawer.locator('[data-problem]')
    await problem.getByText('/schema/properties/idNumber/title/en-US', { exact: true }).waitFor()
    // The platform's rules answer (LIC_TYPE_INVALID), each problem in the user's language.
    await problem.getByText(/证照类型定义不合法（1 处问题）/).waitFor()
    await problem.getByText(/必填，请补充/).waitFor()
    const title = drawer.getByRole('group', { name: /^字段 2/ }).getByLabel('显示名称（英文）', { exact: true })
    assert.equal(await title.getAttribute('aria-invalid'), 'true')
    assert.equal((await call(platform.url, `/api/v1/licenses/types/${BAD_CODE}`)).status, 404)

    await page.mouse.move(0, 0) // the theme's hover colour of the Save button is not what is checked here
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'licenses-type-editor-invalid', false)
    await page.setViewportSize(VIEWPORTS.phone)
    assert.equal(await horizontalOverflow(page), 0, 'the editor overflows at 375 px')
    const box = await drawer.boundingBox()
    assert.ok(box && box.width >= VIEWPORTS.phone.width - 1, `the drawer is ${box?.width} px wide on a phone`)
    await screenshot(page, 'licenses-type-editor-invalid-phone', false)
    await drawer.getByRole('button', { name: '取消' }).click()
    await drawer.waitFor({ state: 'hidden' })
    await page.getByRole('heading', { level: 1, name: '证照目录' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'licenses-type-editor-list-phone', false)
    await page.setViewportSize(VIEWPORTS.desktop)
    assert.equal((await call(platform.url, `/api/v1/licenses/types/${BAD_CODE}`)).status, 404)
  })

  it('shows the catalogue read-only to staff without licenses:type:manage', async () => {
    const base = platform.url
    const dept = await api(base, '/api/v1/identity/departments', { token: ADMIN_TOKEN })
    const list = (Array.isArray(dept) ? dept : (dept.items ?? dept.departments ?? [])) as Array<{ id: string }>
    const role = await api(base, '/api/v1/identity/roles', { method: 'POST', token: ADMIN_TOKEN, body: { code: 'lic-type-reader', name: '证照查阅员', permissions: ['licenses:license:read'], dataScope: 'all', requireMfa: false } })
    await api(base, '/api/v1/identity/accounts', { method: 'POST', token: ADMIN_TOKEN, body: { username: 'lic.reader', password: READER_PASSWORD, displayName: '证照查阅员 陈静', departmentId: list[0]!.id, roleIds: [role.id] } })
    const token = (await api(base, '/api/v1/auth/login', { method: 'POST', body: { login: 'lic.reader', password: READER_PASSWORD, mode: 'token' } })).accessToken as string
    const reader = await openPage(browser, base, { extraHTTPHeaders: { authorization: `Bearer ${token}` } })
    try {
      await reader.page.goto('/console/licenses/types')
      await reader.page.getByRole('heading', { level: 1, name: '证照目录' }).waitFor()
      const item = reader.page.locator(`[data-type="${KEY}"]`)
      await item.getByRole('button', { name: /网络预约出租汽车驾驶员证/ }).first().click()
      await item.getByRole('table').waitFor()
      assert.equal(await reader.page.getByRole('button', { name: '新建证照类型' }).count(), 0)
      assert.equal(await item.getByRole('button', { name: '编辑' }).count(), 0)
      assert.equal(await item.getByRole('button', { name: '修订历史' }).count(), 0)
    } finally {
      await reader.context.close()
    }
  })
})
