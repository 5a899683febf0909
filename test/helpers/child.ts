import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Node arguments that run the TypeScript program `file` as a child process: its bundle when the test
 * runner built one next to the tests (scripts/test.mjs sets ZC_TEST_BUNDLE_DIR), else through tsx.
 * A bundle starts in a fraction of the time tsx's loader takes for the app's ~1,600 modules.
 */
export function childArgs(file: string): string[] {
  const dir = process.env.ZC_TEST_BUNDLE_DIR
  if (dir) {
    const bundled = join(dir, relative(ROOT, file).replace(/\.ts$/, '.mjs'))
    if (existsSync(bundled)) return ['--enable-source-maps', bundled]
  }
  return ['--import', 'tsx', file]
}
