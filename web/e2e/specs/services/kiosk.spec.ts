// The self-service kiosk (自助终端) at /kiosk/services on a 1080×1920 touch screen: a citizen finds
// an item with the quick words and the on-screen keyboard (pinyin initials), reads the short guide,
// identifies with account and password typed on the on-screen keyboard, applies (form, e-licence,
// check your answers), gets a printable receipt with the number and query code, and signs out;
// every target is at least 48 px. Left alone, the kiosk warns and signs the person out by itself.
// Once the application is refused (否定答复), its page offers "办不成事？一键反映".
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPlatform } from '../../../../test/helpers/server.ts'
import { horizontalOverflow, launchBrowser, openPage, screenshot, seriousViolations, VIEWPORTS, type OpenedPage } from '../../fixtures/browser.ts'

const ADMIN_TOKEN = 'e2e-kiosk-admin-token-0123456789abcdef0123'
const CITIZEN = { login: 'zhang.san', password: 'Citizen@Zhongshan2026' }
const ITEM = '城乡居民基本医疗保险参保登记'

/** Visible interactive elements smaller than `min` px in either dimension (the rule of portal/responsive.spec.ts). */
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
      if (el.tagName === 'INPUT' && ['radio', 'checkbox', 'file'].includes((el as HTMLInputElement).type)) continue
      if (r.height < min || r.width < min) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
    }
    return out
  }, min)
}

/** Types `text` on the kiosk's on-screen keyboard, pressing 大写 (shift) around capitals. */
async function tapText(page: Page, text: string): Promise<void> {
  const kb = page.getByRole('group', { name: '屏幕键盘' })
  let upper = false
  for (const c of text) {
    const wantUpper = c >= 'A' && c <= 'Z'
    if (/[A-Za-z]/.test(c) && wantUpper !== upper) {
      await kb.getByRole('button', { name: '大写' }).click()
      upper = wantUpper
    }
    await kb.locator(`[data-key="${c}"]`).click()
  }
  if (upper) await kb.getByRole('button', { name: '大写' }).click()
}

async function api(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Record<string, any>> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : {}
}

/** The status of GET /api/v1/me from inside the page (its cookies). */
const meStatus = (page: Page) => page.evaluate(async () => (await fetch('/api/v1/me')).status)

describe('services: the self-service kiosk', { timeout: 300_000 }, () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let browser: Browser
  let kiosk: OpenedPage
  let appId = ''

  before(async () => {
    platform = await startPlatform({ env: { ADMIN_TOKEN, COOKIE_SECURE: 'false', LOGIN_RATE_PER_MINUTE: '1000' }, timeoutMs: 240_000 })
    browser = await launchBrowser()
    kiosk = await openPage(browser, platform.url, { viewport: VIEWPORTS.kiosk, hasTouch: true })
    await kiosk.context.addInitScript(() => sessionStorage.setItem('zc.kiosk.idleSeconds', '900'))
  })
  after(async () => {
    await browser?.close()
    await platform?.stop()
  })

  it('finds an item with quick words and pinyin initials on the on-screen keyboard; every target is large', async () => {
    const { page } = kiosk
    await page.goto('/kiosk/services')
    await page.getByRole('heading', { level: 1, name: '自助办事' }).waitFor()
    await page.getByRole('heading', { level: 2, name: '热门事项' }).waitFor()
    await page.locator('.kiosk__hit').first().waitFor()
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('zc-kiosk')))
    assert.equal(await page.getByRole('navigation', { name: '主导航' }).count(), 0, 'no header navigation at the kiosk')
    assert.deepEqual(await smallTargets(page, 48), [])
    assert.equal(await horizontalOverflow(page), 0)
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'services-kiosk-home-1080x1920', false)

    await tapText(page, 'jzz')
    assert.equal(await page.getByRole('searchbox', { name: '查找事项' }).inputValue(), 'jzz')
    await page.getByRole('heading', { level: 2, name: /“jzz” 共找到/ }).waitFor()
    await page.locator('.kiosk__hit').filter({ hasText: '居住证申领' }).first().waitFor()
    await screenshot(page, 'services-kiosk-search-1080x1920', false)

    // 英 → 中 types the name in Chinese by pinyin instead.
    const kb = page.getByRole('group', { name: '屏幕键盘' })
    await kb.getByRole('button', { name: '清空' }).click()
    await kb.getByRole('button', { name: '中文/英文切换' }).click()
    for (const c of 'yingyezhizhao') await kb.locator(`[data-key="${c}"]`).click()
    await kb.locator('[data-candidate="营业执照"]').click()
    assert.equal(await page.getByRole('searchbox', { name: '查找事项' }).inputValue(), '营业执照')
    await kb.getByRole('button', { name: '搜索' }).click()
    await page.getByRole('heading', { level: 2, name: /“营业执照” 共找到/ }).waitFor()

    await page.getByRole('list', { name: '常办事项' }).getByRole('button', { name: '医保' }).click()
    await page.getByRole('heading', { level: 2, name: /“医保” 共找到/ }).waitFor()
    await page.locator(`[data-item="${ITEM}"]`).first().click()
    await page.getByRole('heading', { level: 1, name: ITEM }).waitFor()
    await page.getByRole('heading', { level: 2, name: '需要准备的材料' }).waitFor()
    assert.deepEqual(await smallTargets(page, 48), [])
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'services-kiosk-item-1080x1920', false)
  })

  it('identifies on the on-screen keyboard, applies with an e-licence and gets a printable receipt', async () => {
    const { page } = kiosk
    await page.getByRole('button', { name: '开始办理' }).click()
    await page.getByRole('heading', { level: 1, name: '身份核验' }).waitFor()
    assert.deepEqual(await smallTargets(page, 48), [])
    assert.deepEqual(await seriousViolations(page), [])
    await page.getByLabel('账号').click()
    await tapText(page, CITIZEN.login)
    await page.getByRole('group', { name: '屏幕键盘' }).getByRole('button', { name: '下一项' }).click()
    await tapText(page, CITIZEN.password)
    assert.equal(await page.getByLabel('密码').inputValue(), CITIZEN.password)
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'services-kiosk-identify-1080x1920', false)
    await page.getByRole('button', { name: '确认登录' }).first().click()

    // The application wizard, in kiosk mode, with the kiosk bar.
    await page.getByRole('heading', { level: 1, name: ITEM }).waitFor()
    await page.getByText('您好，张三').waitFor()
    await page.getByRole('button', { name: '填写申请表' }).click()
    // The form is typed on the kiosk's keyboard (the system keyboard stays away): touching a field
    // docks it under the form; Chinese goes in by pinyin and the candidate bar.
    const id = page.getByLabel('公民身份号码')
    await id.click()
    assert.equal(await id.getAttribute('inputmode'), 'none')
    const kb = page.locator('[data-kiosk-keyboard]')
    await kb.getByText('正在填写：公民身份号码').waitFor()
    for (const d of '11010519491231002') await kb.locator(`[data-key="${d}"]`).click()
    await kb.getByRole('button', { name: '中文/英文切换' }).click() // letters, for the check character
    await kb.getByRole('button', { name: '大写' }).click()
    await kb.locator('[data-key="X"]').click()
    assert.equal(await id.inputValue(), '11010519491231002X')
    await page.getByLabel('联系电话').click()
    await kb.getByText('正在填写：联系电话').waitFor()
    for (const d of '13900000001') await kb.locator(`[data-key="${d}"]`).click()
    const address = page.getByLabel('现居住地址')
    await address.click()
    await kb.getByText('正在填写：现居住地址').waitFor()
    await kb.getByRole('button', { name: '中文/英文切换' }).click() // back to Chinese
    /** Types pinyin letters and touches the candidate `word`. */
    const hanzi = async (letters: string, word: string) => {
      for (const c of letters) await kb.locator(`[data-key="${c}"]`).click()
      assert.equal(await kb.locator('[data-pinyin]').innerText(), letters)
      await kb.locator(`[data-candidate="${word}"]`).click()
    }
    await hanzi('zhongshanshi', '中山市')
    assert.equal(await kb.locator('[data-pinyin]').innerText(), '输入拼音', 'the whole spelling went into 中山市')
    await hanzi('jiedao', '街道')
    // A word for the first syllables leaves the rest composing: 民生 takes minsheng, lu stays for 路.
    for (const c of 'minshenglu') await kb.locator(`[data-key="${c}"]`).click()
    await kb.locator('[data-candidate="民生"]').waitFor()
    await screenshot(page, 'services-kiosk-pinyin-1080x1920', false)
    await kb.locator('[data-candidate="民生"]').click()
    assert.equal(await kb.locator('[data-pinyin]').innerText(), 'lu')
    await kb.locator('[data-candidate="路"]').click()
    await kb.locator('[data-key="8"]').click()
    for (const c of 'hao') await kb.locator(`[data-key="${c}"]`).click()
    await kb.locator('[data-key="space"]').click() // the first candidate: 好
    await kb.locator('[data-key="back"]').click()
    for (const c of 'hao') await kb.locator(`[data-key="${c}"]`).click()
    await kb.locator('[data-candidate="号"]').click()
    assert.equal(await address.inputValue(), '中山市街道民生路8号')
    assert.deepEqual(await smallTargets(page, 48), [])
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'services-kiosk-form-keyboard-1080x1920', false)
    await kb.getByRole('button', { name: '收起键盘' }).click()
    await kb.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: '保存并继续' }).click()
    const tasks = page.getByRole('list').filter({ has: page.locator('[data-task]') })
    await tasks.locator('[data-task="form"]').getByText('已完成').waitFor()
    await page.getByRole('button', { name: '上传申请材料' }).click()
    await page.getByRole('button', { name: '使用电子证照（居民身份证）' }).click()
    await page.locator('[data-material="id-card"][data-provided="licence"]').waitFor()
    await page.getByRole('button', { name: '继续' }).click()
    await page.getByRole('button', { name: '核对并提交' }).click()
    await page.locator('[data-answer="mobile"]').waitFor()
    assert.deepEqual(await smallTargets(page, 48), [])
    await screenshot(page, 'services-kiosk-check-1080x1920')
    await page.getByRole('button', { name: '确认并提交申请' }).click()

    await page.getByRole('heading', { level: 1, name: '申请回执' }).waitFor()
    const number = (await page.getByTestId('receipt-number').textContent())!.trim()
    assert.match(number, /^ZS\d{14}$/)
    assert.match((await page.getByTestId('receipt-code').textContent())!.trim(), /^\d{6}$/)
    appId = new URL(page.url()).pathname.split('/').at(-1)!
    assert.deepEqual(await smallTargets(page, 48), [])
    assert.deepEqual(await seriousViolations(page), [])
    await screenshot(page, 'services-kiosk-receipt-1080x1920', false)
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.getByRole('button', { name: '打印回执' }).isVisible(), false, 'the buttons are not printed')
    assert.equal(await page.getByTestId('receipt-number').isVisible(), true)
    await page.emulateMedia({ media: 'screen' })

    const code = (await page.getByTestId('receipt-code').textContent())!.trim()
    await page.getByRole('button', { name: '完成并退出' }).click()
    await page.getByText('已退出，本次办理信息已清除。').waitFor()
    assert.equal(await meStatus(page), 401, 'signed out')
    assert.equal(await page.getByText('您好，张三').count(), 0)

    // Anyone at the kiosk tracks it with the receipt's number and code, typed on the on-screen keyboard.
    await page.getByRole('link', { name: '查询办件进度' }).click()
    await page.getByLabel('办件编号').click()
    await tapText(page, number.toLowerCase())
    assert.equal(await page.getByLabel('办件编号').inputValue(), number)
    await page.getByLabel('查询码').click()
    await tapText(page, code)
    await page.getByRole('group', { name: '屏幕键盘' }).getByRole('button', { name: '查询' }).click()
    await page.getByRole('heading', { level: 2, name: ITEM }).waitFor()
    assert.deepEqual(await smallTargets(page, 48), [])
    await screenshot(page, 'services-kiosk-progress-1080x1920', false)
  })

  it('left alone, the kiosk warns and then signs the person out by itself', async () => {
    const idle = await openPage(browser, platform.url, { viewport: VIEWPORTS.kiosk, hasTouch: true })
    try {
      const { page } = idle
      await idle.context.addInitScript(() => sessionStorage.setItem('zc.kiosk.idleSeconds', '6'))
      await page.goto('/kiosk/services/identify')
      await page.getByLabel('账号').fill(CITIZEN.login)
      await page.getByLabel('密码').fill(CITIZEN.password)
      await page.getByRole('button', { name: '确认登录' }).first().click()
      await page.getByText('您好，张三').waitFor()
      assert.equal(await meStatus(page), 200)
      const warning = page.getByRole('alertdialog', { name: '还在办理吗？' })
      await warning.waitFor({ timeout: 20_000 })
      await screenshot(page, 'services-kiosk-idle-1080x1920', false)
      await page.getByText('已退出，本次办理信息已清除。').waitFor({ timeout: 20_000 })
      assert.equal(await meStatus(page), 401)
    } finally {
      await idle.context.close()
    }
  })

  it('the kiosk pages fit a phone too', async () => {
    const phone = await openPage(browser, platform.url, { viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true })
    try {
      await phone.page.goto('/kiosk/services')
      await phone.page.locator('.kiosk__hit').first().waitFor()
      assert.equal(await horizontalOverflow(phone.page), 0)
      await screenshot(phone.page, 'services-kiosk-home-phone')
    } finally {
      await phone.context.close()
    }
  })

  it('a refused application offers the 办不成事 window; before the refusal it does not', async () => {
    const token = (await api(platform.url, '/api/v1/auth/login', { method: 'POST', body: { ...CITIZEN, mode: 'token' } })).accessToken as string
    const citizen = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${token}` } })
    try {
      const { page } = citizen
      await page.goto(`/services/applications/${appId}`)
      await page.locator('[data-status="submitted"]').first().waitFor()
      assert.equal(await page.getByRole('link', { name: '办不成事？一键反映' }).count(), 0)

      const act = async (action: string, body: Record<string, unknown> = {}) => {
        const { version } = await api(platform.url, `/api/v1/services/applications/${appId}`, { token: ADMIN_TOKEN })
        await api(platform.url, `/api/v1/services/applications/${appId}/${action}`, { method: 'POST', token: ADMIN_TOKEN, body: { version, ...body } })
      }
      await act('claim')
      await act('accept')
      await act('claim')
      await act('refuse', { reason: '申请人已参加职工基本医疗保险，不符合参保条件', remedy: '可依法申请行政复议或提起行政诉讼' })

      await page.reload()
      await page.locator('[data-status="refused"]').first().waitFor()
      const link = page.getByRole('link', { name: '办不成事？一键反映' })
      await link.waitFor()
      assert.equal(await link.getAttribute('href'), `/feedback/matters/new?application=${appId}`)
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, 'services-application-refused-desktop')
    } finally {
      await citizen.context.close()
    }
  })

  it('at the hall, the guide sees the day\'s bookings and checks a visitor in by code; a wrong code changes nothing', async () => {
    const token = (await api(platform.url, '/api/v1/auth/login', { method: 'POST', body: { ...CITIZEN, mode: 'token' } })).accessToken as string
    // The first bookable slot at the city centre, today or on a later working day.
    let booking: Record<string, any> | undefined
    for (let d = 0; d < 14 && !booking; d++) {
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + d * 86_400_000))
      const { slots } = await api(platform.url, `/api/v1/services/halls/hall-city/slots?date=${date}`)
      const open = (slots as Array<{ start: string; open: boolean }>).find((x) => x.open)
      if (open) booking = { date, ...(await api(platform.url, '/api/v1/services/appointments', { method: 'POST', token, body: { hallId: 'hall-city', date, start: open.start } })) }
    }
    assert.ok(booking, 'a bookable slot')
    const guide = await openPage(browser, platform.url, { extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    try {
      const { page } = guide
      await page.goto('/console/services/hall')
      await page.getByRole('heading', { level: 1, name: '大厅预约签到' }).waitFor()
      const picker = page.locator('#hall-date')
      await picker.fill(booking!.date)
      await picker.press('Enter')
      const row = page.getByRole('row').filter({ hasText: booking!.code })
      await row.locator('[data-status="booked"]').waitFor()
      const waiting = Number(await page.locator('[data-count="booked"] strong').textContent())
      assert.ok(waiting >= 1)
      await page.getByRole('textbox', { name: '预约码' }).fill('00000000')
      await page.getByRole('button', { name: '签到' }).click()
      await page.getByRole('alert').filter({ hasText: '预约码' }).waitFor()
      await row.locator('[data-status="booked"]').waitFor()
      await page.mouse.move(0, 0) // a hovered button is drawn lighter
      assert.deepEqual(await seriousViolations(page), [])
      await screenshot(page, 'services-hall-desktop')
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
      if (booking!.date === today) {
        await page.getByRole('textbox', { name: '预约码' }).fill(booking!.code)
        await page.getByRole('button', { name: '签到' }).click()
        await row.locator('[data-status="checked-in"]').waitFor()
        assert.equal(Number(await page.locator('[data-count="checkedIn"] strong').textContent()) >= 1, true)
      }
    } finally {
      await guide.context.close()
    }
  })
})
