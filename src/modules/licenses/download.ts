/** Downloads of a holder's licence: native JSON, W3C VC (vc+jwt) and the PDF (render/, loaded on first use). */
import type { FastifyRequest } from 'fastify'
import { LicenseError } from './errors.ts'
import type { LicensesApi } from './service/index.ts'

type RenderModule = typeof import('./render/index.ts')
let render: Promise<RenderModule> | undefined

/** The PDF renderer (headless Chromium), imported only when a PDF is first asked for. */
export const loadRenderer = (): Promise<RenderModule> => (render ??= import('./render/index.ts'))

/** Closes the renderer's browser if it was ever started (module stop). */
export async function closeRendererIfLoaded(): Promise<void> {
  if (render) await (await render).closeRenderer()
}

export async function downloadLicence(api: LicensesApi, req: FastifyRequest, id: string, format: 'json' | 'vc' | 'pdf', lang: string): Promise<{ type: string; filename: string; body: string | Uint8Array }> {
  const c = { principal: req.principal!, requestId: req.id, lang: req.lang }
  const { row, document } = await api.downloadMine(c, id)
  const base = row.identifier.replace(/\./g, '_')
  if (format === 'json') return { type: 'application/json; charset=utf-8', filename: `${base}.json`, body: JSON.stringify(document, null, 2) }
  if (format === 'vc') return { type: 'application/vc+jwt', filename: `${base}.jwt`, body: await api.exportVc(document) }
  const r = await loadRenderer()
  const type = await api.getType(row.typeCode)
  try {
    const verifyUrl = api.verifyPageUrl(`${req.protocol}://${req.host}`)
    const bytes = await r.renderLicencePdf(document, type, { lang: lang as 'zh-CN', verifyUrl, now: new Date(api.deps.clock.now()) })
    return { type: 'application/pdf', filename: `${base}.pdf`, body: bytes }
  } catch (err) {
    if (err instanceof r.RenderUnavailableError) throw new LicenseError.RENDER_UNAVAILABLE(err.message, { cause: err })
    throw err
  }
}
