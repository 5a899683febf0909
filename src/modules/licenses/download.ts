/** Downloads of a holder's licence: native JSON, W3C VC (vc+jwt) and the PDF (render/). */
import type { FastifyRequest } from 'fastify'
import { LicenseError } from './errors.ts'
import type { LicensesApi } from './service/index.ts'

export async function downloadLicence(api: LicensesApi, req: FastifyRequest, id: string, format: 'json' | 'vc' | 'pdf', lang: string): Promise<{ type: string; filename: string; body: string | Uint8Array }> {
  const c = { principal: req.principal!, requestId: req.id, lang: req.lang }
  const { row, document } = await api.downloadMine(c, id)
  const base = row.identifier.replace(/\./g, '_')
  if (format === 'json') return { type: 'application/json; charset=utf-8', filename: `${base}.json`, body: JSON.stringify(document, null, 2) }
  if (format === 'vc') return { type: 'application/vc+jwt', filename: `${base}.jwt`, body: await api.exportVc(document) }
  const render = await loadRenderer()
  if (!render) throw new LicenseError.NOT_FOUND(`${id} (PDF rendering is not installed)`)
  const type = await api.getType(row.typeCode)
  const bytes = await render(document, type, { lang, verifyUrl: api.verifyUrlOf(row.identifier) })
  return { type: 'application/pdf', filename: `${base}.pdf`, body: bytes }
}

type Renderer = (doc: unknown, type: unknown, opts: { lang: string; verifyUrl: string }) => Promise<Uint8Array>
let renderer: Renderer | null | undefined

/** The PDF renderer of `render/index.ts` (`renderLicencePdf`), loaded on first use. */
async function loadRenderer(): Promise<Renderer | null> {
  if (renderer !== undefined) return renderer
  try {
    const spec = './render/index.ts'
    const mod = (await import(spec)) as { renderLicencePdf?: Renderer }
    renderer = mod.renderLicencePdf ?? null
  } catch {
    renderer = null
  }
  return renderer
}
