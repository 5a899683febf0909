/**
 * Vector artwork of the licence page: the national emblem area and the issuer's seal mark.
 *
 * The emblem area is a stylised placeholder (red disc, gold ring, five stars over a gate): the
 * official emblem artwork (GB 15093) is not shipped with the project; a deployment that may print it
 * replaces `emblemSvg`. The seal mark draws the issuing department's name round a star the way an
 * official seal looks; the legally binding signature is the SM2 signature the licence carries.
 */
import { escapeHtml } from './text.ts'

/** Points of a five-pointed star centred at (cx, cy) with outer radius r, pointing up. */
function star(cx: number, cy: number, r: number, rotate = 0): string {
  const pts: string[] = []
  for (let i = 0; i < 10; i++) {
    const a = ((-90 + rotate + i * 36) * Math.PI) / 180
    const rr = i % 2 === 0 ? r : r * 0.382
    pts.push(`${(cx + rr * Math.cos(a)).toFixed(2)},${(cy + rr * Math.sin(a)).toFixed(2)}`)
  }
  return pts.join(' ')
}

/** The emblem area (placeholder artwork), `size` as a CSS length. */
export function emblemSvg(size: string): string {
  const gold = '#e3b341'
  const small = [[34, 44, -20], [40, 28, -8], [80, 28, 8], [86, 44, 20]] as const
  return `<svg class="emblem" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="${size}" height="${size}" role="img" aria-label="emblem">
  <circle cx="60" cy="60" r="55" fill="#c8102e" stroke="${gold}" stroke-width="5"/>
  <circle cx="60" cy="60" r="47" fill="none" stroke="${gold}" stroke-width="1.2"/>
  <polygon points="${star(60, 38, 13)}" fill="${gold}"/>
  ${small.map(([x, y, rot]) => `<polygon points="${star(x, y, 5, rot)}" fill="${gold}"/>`).join('')}
  <path d="M34 78 L86 78 L80 72 L40 72 Z" fill="${gold}"/>
  <rect x="38" y="78" width="44" height="14" fill="${gold}"/>
  <path d="M44 92 v-7 a3 3 0 0 1 6 0 v7 Z M57 92 v-8 a3 3 0 0 1 6 0 v8 Z M70 92 v-7 a3 3 0 0 1 6 0 v7 Z" fill="#c8102e"/>
  <rect x="30" y="92" width="60" height="4" fill="${gold}"/>
</svg>`
}

/** The issuer's seal mark: the department name round the upper arc, a star, and a caption. */
export function sealSvg(issuerName: string, caption: string, size: string): string {
  const red = '#d0021b'
  const chars = [...issuerName]
  // Spread the name over 250° of the ring; fewer characters keep their natural spacing.
  const arc = Math.min(250, 28 * chars.length)
  const r = 70
  const startAngle = 90 + arc / 2
  const endAngle = 90 - arc / 2
  const p = (deg: number) => [100 + r * Math.cos((deg * Math.PI) / 180), 100 - r * Math.sin((deg * Math.PI) / 180)]
  const [sx, sy] = p(startAngle)
  const [ex, ey] = p(endAngle)
  const arcLength = (Math.PI * r * arc) / 180
  return `<svg class="seal" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="${size}" height="${size}" role="img" aria-label="${escapeHtml(issuerName)}">
  <defs><path id="seal-arc" d="M ${sx.toFixed(2)} ${sy.toFixed(2)} A ${r} ${r} 0 ${arc > 180 ? 1 : 0} 1 ${ex.toFixed(2)} ${ey.toFixed(2)}"/></defs>
  <circle cx="100" cy="100" r="94" fill="none" stroke="${red}" stroke-width="6"/>
  <text font-size="25" font-weight="700" fill="${red}"><textPath href="#seal-arc" startOffset="0" textLength="${arcLength.toFixed(1)}" lengthAdjust="spacing">${escapeHtml(issuerName)}</textPath></text>
  <polygon points="${star(100, 102, 30)}" fill="${red}"/>
  <text x="100" y="160" font-size="17" font-weight="700" fill="${red}" text-anchor="middle">${escapeHtml(caption)}</text>
</svg>`
}
