#!/usr/bin/env node
// The `zhicheng` command. It runs a bundle of the TypeScript sources (bin/bundle.mjs, rebuilt when
// a source changes), which starts in well under a second; ZHICHENG_TSX=1 runs the sources through
// tsx's loader instead (Node 20 has no type stripping).
// SMTEST
let main
if (process.env.ZHICHENG_TSX !== '1') {
  const { cliBundle } = await import('./bundle.mjs')
  ;({ main } = await import(await cliBundle()))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
