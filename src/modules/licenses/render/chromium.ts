/**
 * HTML → PDF through headless Chromium (`playwright-core` driving the system's `chromium`, never a
 * downloaded browser). Why Chromium and not pdf-lib: the licence text is Chinese, and Chromium
 * shapes it with the machine's CJK font and embeds correct subsets, while pdf-lib can only draw
 * text with a font we embed ourselves (subsetting the Debian CJK font produced wrong glyphs here);
 * the layouts are also plain HTML/CSS, the same skills as the web app. pdf-lib is used only to add
 * the attachment and metadata afterwards (`pdf-attachment.ts`).
 *
 * One browser is started on first use and shared; each page gets a fresh context with the network
 * blocked (the page is self-contained). The browser closes after `idleMs` without work, and on
 * `closeRenderer()`.
 */
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'

/** Thrown when no Chromium is installed: the caller answers 503 (the rest of the licence works). */
export class RenderUnavailableError extends Error {
  constructor(path: string) {
    super(`PDF rendering needs Chromium at ${path} (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH)`)
    this.name = 'RenderUnavailableError'
  }
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none']

let browser: Promise<Browser> | undefined
let context: Promise<BrowserContext> | undefined
let idleTimer: NodeJS.Timeout | undefined
let busy = 0

/** The Chromium executable: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function getBrowser(): Promise<Browser> {
  if (!browser) {
    const path = chromiumPath()
    if (!existsSync(path)) throw new RenderUnavailableError(path)
    const { chromium } = await import('playwright-core')
    browser = chromium.launch({ executablePath: path, args: ARGS, headless: true })
    browser.then((b) => b.on('disconnected', () => { browser = undefined; context = undefined }), () => { browser = undefined; context = undefined })
  }
  return browser
}

/** One shared context: pages hold no state worth isolating (no cookies, no script, no network). */
async function getContext(): Promise<BrowserContext> {
  if (!context) {
    const b = await getBrowser()
    context = b.newContext({ offline: true, javaScriptEnabled: false }).then(async (c) => {
      await c.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
      return c
    })
    context.catch(() => { context = undefined })
  }
  return context
}

function scheduleClose(idleMs: number): void {
  clearTimeout(idleTimer)
  if (busy > 0) return
  idleTimer = setTimeout(() => { void closeRenderer() }, idleMs)
  idleTimer.unref()
}

/**
 * Prints a self-contained HTML document to PDF with the page size its CSS `@page` asks for and
 * backgrounds printed. Throws `RenderUnavailableError` without Chromium.
 */
export async function htmlToPdf(html: string, idleMs = 60_000): Promise<Uint8Array> {
  busy++
  clearTimeout(idleTimer)
  try {
    const page = await (await getContext()).newPage()
    try {
      await page.setContent(html, { waitUntil: 'load' })
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true })
      return new Uint8Array(pdf)
    } finally {
      await page.close()
    }
  } finally {
    busy--
    scheduleClose(idleMs)
  }
}

/** Closes the shared browser (at shutdown, or after idling). Safe to call any time. */
export async function closeRenderer(): Promise<void> {
  clearTimeout(idleTimer)
  const b = browser
  browser = undefined
  context = undefined
  if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined)
}
