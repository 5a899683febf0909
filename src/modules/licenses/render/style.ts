/**
 * CSS of the licence page per layout. Fonts: the CJK sans-serif the machine has (Debian's
 * `fonts-wqy-microhei`, else Noto/Source Han), which Chromium embeds as subsets in the PDF. A light
 * guilloche-like background in the type's colour marks the page as a licence, not a letter.
 */
import type { RenderTemplate } from '../types.ts'

const FONTS = `"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif`

const hex = (c: string, a: number) => {
  const n = parseInt(c.slice(1), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`
}

const COMMON = (colour: string) => `
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { font-family: ${FONTS}; color: #1d1d1f; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { position: relative; overflow: hidden; display: flex; flex-direction: column;
  background:
    repeating-radial-gradient(circle at 50% 42%, ${hex(colour, 0.045)} 0 0.6px, transparent 0.6px 5px),
    repeating-linear-gradient(60deg, ${hex(colour, 0.03)} 0 0.5px, transparent 0.5px 7px),
    #fffdf8; }
.head { text-align: center; }
.head__emblem { display: flex; justify-content: center; }
.title { color: ${colour}; font-weight: 700; letter-spacing: 0.35em; text-indent: 0.35em; }
.subtitle { color: #6b6b6b; letter-spacing: 0.2em; font-size: 10pt; margin-top: 1mm; }
.fields { display: grid; grid-template-columns: 1fr 1fr; column-gap: 10mm; row-gap: 3.2mm; }
.field { display: grid; grid-template-columns: 30mm 1fr; align-items: baseline; column-gap: 3mm; }
.field--wide { grid-column: 1 / -1; }
.field dt { color: #5a5a5a; font-size: 10pt; text-align: justify; text-align-last: justify; }
.field dd { font-size: 11.5pt; font-weight: 600; line-height: 1.45; word-break: break-all; }
.qr { display: flex; flex-direction: column; align-items: center; gap: 1.5mm; }
.qr__code svg { display: block; width: 46mm; height: 46mm; }
.qr figcaption { display: flex; flex-direction: column; align-items: center; font-size: 8pt; color: #444; text-align: center; max-width: 52mm; line-height: 1.35; }
.qr figcaption strong { font-size: 9.5pt; color: #1d1d1f; }
.issuer { position: relative; min-width: 80mm; padding: 2mm 26mm 2mm 0; }
.issuer__seal { position: absolute; right: -8mm; top: -9mm; opacity: 0.72; mix-blend-mode: multiply; }
.issuer__line { display: flex; gap: 3mm; font-size: 10.5pt; line-height: 1.9; position: relative; }
.issuer__line span { color: #5a5a5a; min-width: 20mm; }
.foot { margin-top: auto; border-top: 0.4mm solid ${hex(colour, 0.5)}; padding-top: 2.5mm; display: flex; flex-direction: column; gap: 1mm; }
.foot__id { display: flex; gap: 3mm; align-items: baseline; font-size: 9pt; color: #444; }
.foot__id span { flex: none; }
html[lang="en-US"] .title { letter-spacing: 0.04em; text-indent: 0; }
html[lang="en-US"] .subtitle { letter-spacing: 0.05em; }
html[lang="en-US"] .field dt { text-align: left; text-align-last: auto; }
.foot__id code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; color: #1d1d1f; letter-spacing: 0.02em; }
.foot__note { font-size: 8pt; color: #6b6b6b; }
`

const PORTRAIT = (colour: string) => `
@page { size: A4 portrait; margin: 0; }
.page { width: 210mm; height: 296.5mm; padding: 16mm 18mm 12mm; border: 0; }
.page::before { content: ""; position: absolute; inset: 8mm; border: 0.8mm double ${colour}; pointer-events: none; }
.head { margin-bottom: 9mm; }
.head__emblem { margin-bottom: 4mm; }
.title { font-size: 27pt; }
.fields { grid-template-columns: 1fr; row-gap: 4mm; padding: 0 6mm; }
.field { grid-template-columns: 36mm 1fr; border-bottom: 0.25mm dashed ${hex(colour, 0.25)}; padding-bottom: 2.2mm; }
.bottom { display: flex; justify-content: space-between; align-items: flex-end; margin: auto 6mm 7mm; padding-top: 8mm; }
`

const LANDSCAPE = (colour: string) => `
@page { size: A4 landscape; margin: 0; }
.page { width: 297mm; height: 209.5mm; padding: 13mm 18mm 9mm; }
.page::before { content: ""; position: absolute; inset: 6mm; border: 1.2mm double ${colour}; pointer-events: none; }
.top { display: grid; grid-template-columns: 1fr auto 1fr; align-items: start; margin-bottom: 4mm; }
.topcode { display: flex; flex-direction: column; gap: 1mm; font-size: 10pt; padding-top: 4mm; }
.topcode span { color: #5a5a5a; }
.topcode strong { font-family: "DejaVu Sans Mono", monospace; font-size: 12pt; letter-spacing: 0.04em; }
.top .qr { justify-self: end; }
.top .qr__code svg { width: 42mm; height: 42mm; }
.head__emblem { margin-bottom: 2mm; }
.title { font-size: 36pt; letter-spacing: 0.6em; text-indent: 0.6em; }
.fields { padding: 0 4mm; row-gap: 3mm; }
.bottom { display: flex; justify-content: flex-end; margin: auto 8mm 3mm 0; padding-top: 6mm; }
`

const CARD = (colour: string) => `
@page { size: A4 portrait; margin: 0; }
body { background: #f3f1ec; }
.page { width: 210mm; height: 296.5mm; padding: 18mm 19.5mm 12mm; background: #fff; }
.card { width: 171mm; border-radius: 6mm; overflow: hidden; border: 0.3mm solid ${hex(colour, 0.6)};
  background:
    repeating-linear-gradient(120deg, ${hex(colour, 0.05)} 0 0.5px, transparent 0.5px 5px),
    linear-gradient(160deg, ${hex(colour, 0.08)}, #fffdf8 55%); }
.card .head { display: flex; align-items: center; gap: 4mm; padding: 4mm 6mm; background: ${colour}; text-align: left; }
.card .head__emblem { flex: none; }
.card .title { color: #fff; font-size: 15pt; letter-spacing: 0.08em; text-indent: 0; }
.card .subtitle { color: rgba(255,255,255,0.85); margin: 0 0 0 auto; font-size: 9pt; }
.card__body { display: grid; grid-template-columns: 1fr auto; gap: 5mm; padding: 6mm; }
.card .fields { grid-template-columns: 1fr 1fr; column-gap: 6mm; row-gap: 3mm; }
.card .field { grid-template-columns: 1fr; row-gap: 0.6mm; }
.card .field dt { text-align: left; text-align-last: auto; font-size: 8.5pt; }
.card .field dd { font-size: 11pt; }
.card .qr__code svg { width: 44mm; height: 44mm; }
.below { display: flex; justify-content: flex-end; margin: 12mm 6mm 0; }
`

/** The stylesheet of one layout in one accent colour. */
export function layoutCss(layout: RenderTemplate['layout'], colour: string): string {
  const specific = layout === 'card' ? CARD(colour) : layout === 'a4-landscape' ? LANDSCAPE(colour) : PORTRAIT(colour)
  return COMMON(colour) + specific
}
