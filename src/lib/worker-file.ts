// Where a worker thread's code lives. Run from sources (tsx), a worker runs the `.ts` file itself;
// run bundled (bin/bundle.mjs), every worker entry is bundled beside the process's own bundle, and
// the banner of each bundled file declares `__zcFileUrl`, its real location (the project's own
// `import.meta.url` is rewritten to the source path, so it cannot say where the bundle is).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

declare const __zcFileUrl: string | undefined

/** How to start a worker: `new Worker(w.script, { eval: w.eval })`. */
export interface WorkerScript { script: URL | string; eval: boolean }

/**
 * How to start the worker `entry` (repository-relative, listed in bin/bundle.mjs `WORKER_ENTRIES` so
 * every bundle holds it): its bundle, or (from sources) a bootstrap that loads tsx first.
 */
export function workerFile(entry: string): WorkerScript {
  if (typeof __zcFileUrl === 'string') {
    const bundled = entry.replace(/\.ts$/, '.mjs')
    // Bundled files sit at the bundle root (chunks) or below it (entries): look upwards.
    let dir = new URL('.', __zcFileUrl)
    for (let up = 0; up < 8; up++) {
      const url = new URL(bundled, dir)
      if (existsSync(fileURLToPath(url))) return { script: url, eval: false }
      dir = new URL('..', dir)
    }
  }
  // Node 20 does not run the parent's `--import tsx` in a worker: register tsx's loader there first.
  const tsx = import.meta.resolve('tsx/esm/api')
  const source = new URL(`../../${entry}`, import.meta.url).href
  return { script: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}) })`, eval: true }
}
