/**
 * Generates docs/errors.md, docs/permissions.md and docs/events.md from the registries.
 * Run: node --import tsx scripts/gen-docs.ts ; test/contract/*-documented.test.ts fail when stale.
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { renderErrors, renderPermissions, renderEvents } from '../test/contract/render-docs.ts'

const DOCS = resolve(import.meta.dirname, '../docs')
writeFileSync(join(DOCS, 'errors.md'), await renderErrors())
writeFileSync(join(DOCS, 'permissions.md'), await renderPermissions())
writeFileSync(join(DOCS, 'events.md'), await renderEvents())
console.log('docs/errors.md, docs/permissions.md, docs/events.md written')
