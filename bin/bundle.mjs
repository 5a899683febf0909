// Compiles zhicheng's TypeScript (and the npm packages it imports) into a few ES module files with
// esbuild, so that a process starts in a fraction of a second instead of loading ~1,600 modules
// one by one through tsx's loader thread (Node 20 has no type stripping nor a compile cache).
// Used by `bin/zhicheng.js` (the CLI bundle, rebuilt when a source file changes) and by
// `scripts/test.mjs` (one bundle of every test file of a group, sharing chunks).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '')
export const CACHE = join(ROOT, 'node_modules/.cache/zhicheng')

/**
 * Packages left to Node at run time: native addons, packages that read their own files next to
 * themselves (`__dirname`), that start worker threads by file name, or that are tools.
 */
export const EXTERNAL = [
  'better-sqlite3', 'pg-native', '@node-rs/*', 'playwright-core', 'pino', 'pino-*', 'thread-stream',
  '@fastify/swagger', '@fastify/swagger-ui', 'esbuild', 'tsx', 'vite', 'vue-tsc', 'typescript', '@axe-core/*', 'axe-core',
]

// Bundled CommonJS packages call `require`; an ES module output has none. `__zcFileUrl` is the
// bundled file's own location (src/lib/worker-file.ts finds the bundled workers from it).
const BANNER = "import { createRequire as __zcRequire } from 'node:module'; const require = __zcRequire(import.meta.url); const __zcFileUrl = import.meta.url;"

/** Worker thread entries, bundled with every bundle (src/lib/worker-file.ts starts them). */
const WORKER_ENTRIES = ['src/modules/crypto/sign-worker.ts']

/**
 * Each project file keeps the `import.meta.dirname`/`filename`/`url` of its source, so that paths
 * it resolves (migrations, web/dist, fixtures, bin/) are the same bundled or not.
 */
const sourceImportMeta = {
  name: 'source-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta')) return { contents: source, loader: 'ts' }
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      return { contents, loader: 'ts' }
    })
  },
}

/**
 * Bundles `entries` (paths relative to the repository) into `outdir`, keeping their relative layout.
 * `keepNames` keeps functions' and classes' `.name` (errors report them) through esbuild's `__name`
 * helper; browser specs turn it off, since functions they hand to a page are serialised without it.
 */
export async function bundle(entries, outdir, { keepNames = true } = {}) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [...new Set([...entries, ...WORKER_ENTRIES])].map((e) => join(ROOT, e)),
    outdir,
    outbase: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    keepNames,
    sourcemap: 'linked',
    banner: { js: BANNER },
    outExtension: { '.js': '.mjs' },
    plugins: [sourceImportMeta],
    logLevel: 'error',
    absWorkingDir: ROOT,
  })
}

/** Where a bundled entry lands: `src/cli/main.ts` → `<outdir>/src/cli/main.mjs`. */
export function bundledPath(outdir, entry) {
  return join(outdir, entry.replace(/\.ts$/, '.mjs'))
}

function newestSource(dir, acc = { mtime: 0, files: 0 }) {
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name)
    if (name.isDirectory()) newestSource(p, acc)
    else if (/\.(ts|json|sql)$/.test(name.name)) {
      acc.mtime = Math.max(acc.mtime, statSync(p).mtimeMs)
      acc.files++
    }
  }
  return acc
}

/** A fingerprint of the sources a CLI bundle is built from: changes when any of them changes. */
export function sourceStamp() {
  const src = newestSource(join(ROOT, 'src'))
  const lock = existsSync(join(ROOT, 'package-lock.json')) ? statSync(join(ROOT, 'package-lock.json')).mtimeMs : 0
  // The bundle holds absolute source paths: a checkout moved elsewhere needs a new one.
  return `${ROOT}:${src.files}:${src.mtime}:${lock}`
}

const CLI_ENTRY = 'src/cli/main.ts'

/**
 * The CLI bundle's entry, rebuilt first when the sources changed since it was built. Builds go to
 * a fresh folder that is renamed into place, so concurrent starts never see half a bundle.
 */
export async function cliBundle() {
  const dir = join(CACHE, 'cli')
  const stampFile = join(dir, 'stamp')
  const stamp = sourceStamp()
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return bundledPath(dir, CLI_ENTRY)
  mkdirSync(CACHE, { recursive: true })
  const tmp = join(CACHE, `cli-${process.pid}-${Date.now()}`)
  await bundle([CLI_ENTRY], tmp)
  writeFileSync(join(tmp, 'stamp'), stamp)
  const old = join(CACHE, `cli-old-${process.pid}-${Date.now()}`)
  try { if (existsSync(dir)) renameSync(dir, old) } catch { /* another process swapped it */ }
  try { renameSync(tmp, dir) } catch { /* another process won the race: its bundle is as good */ }
  rmSync(old, { recursive: true, force: true })
  rmSync(tmp, { recursive: true, force: true })
  return bundledPath(dir, CLI_ENTRY)
}

