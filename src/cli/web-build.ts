import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { spawnSync } from 'node:child_process'

const ROOT = resolve(import.meta.dirname, '../..')
const WEB = join(ROOT, 'web')

function newestMtime(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'e2e' || name === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, name)))
  }
  return newest
}

/** True when web/dist is missing or older than any source of the web app. */
export function webBuildIsStale(distDir = join(WEB, 'dist')): boolean {
  if (!existsSync(join(WEB, 'index.html'))) return false
  const built = join(distDir, 'index.html')
  if (!existsSync(built)) return true
  return newestMtime(WEB) > statSync(built).mtimeMs
}

/** Builds the web app with Vite when it is missing or stale. Throws when the build fails. */
export function ensureWebBuild(log: (msg: string) => void): void {
  if (!webBuildIsStale()) return
  log('building the web app (web/dist is missing or stale)…')
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js')
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status}); run npm run build to see why`)
}
