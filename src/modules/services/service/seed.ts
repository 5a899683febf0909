/**
 * The demo seed: 3,407 published items in batches inside one transaction, the two bundles, the
 * service halls, and demo applications in every state played through the real services with a
 * clock set in the past. Idempotent: a second run changes nothing.
 */
import { createHash } from 'node:crypto'
import { withTransaction } from '../../../core/db/transaction.ts'
import type { Principal } from '../../../core/http/auth.ts'
import type { Clock } from '../../../lib/time.ts'
import { addCalendarDays, chinaDate } from '../../../lib/working-days.ts'
import { buildDemoCatalog } from '../data/catalog.ts'
import { DEMO_BUNDLES } from '../data/bundles.ts'
import type { TownRef } from '../data/departments.ts'
import { DEMO_APPLICANTS, DEMO_BUNDLE_SCENARIOS, DEMO_SCENARIOS, DEMO_STAFF, sampleAnswer } from '../data/demo-applications.ts'
import { demoHalls } from '../data/halls.ts'
import type { ItemData } from '../schema/catalog.ts'
import type { ServicesDeps } from './context.ts'
import type { Core } from './index.ts'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const SEED_EPOCH = Date.UTC(2026, 10, 28)
const DEMO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const DEMO_PDF = Buffer.from('%PDF-1.4\n% zhicheng demo material\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

/** A stable item id for an implementation code: the same demo item keeps its id across seeds. */
export function demoItemId(implementationCode: string): string {
  let time = ''
  for (let t = SEED_EPOCH, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time
  const h = createHash('sha256').update(implementationCode).digest()
  let rand = ''
  for (let i = 0; i < 16; i++) rand += CROCKFORD[h[i]! % 32]
  return `itm_${time}${rand}`
}

/** The services a seed script drives, built on a clock the seed controls. */
export type SeedServices = Pick<Core, 'applications' | 'actions'>

export function createSeeder(deps: ServicesDeps, build: (clock: Clock) => SeedServices, reindex: () => Promise<void>) {
  const { db, repo, clock, audit } = deps

  async function seedCatalog(towns: readonly TownRef[]): Promise<{ items: number; keys: Map<string, string> }> {
    const catalog = buildDemoCatalog(towns)
    const keys = new Map<string, string>()
    for (const c of catalog) if (c.key) keys.set(c.key, demoItemId(c.data.implementationCode))
    if ((await repo.catalog.countItems(db)) > 0) return { items: 0, keys }
    const now = clock.now()
    const rows = catalog.map((c) => {
      const id = demoItemId(c.data.implementationCode)
      return {
        item: { id, implementation_code: c.data.implementationCode, basic_code: c.data.basicCode, name: c.data.name, status: 'published', published_version: 1, draft_version: null, latest_version: 1, department_id: c.data.departmentId, division_code: c.data.divisionCode, popularity: c.popularity, created_at: now, updated_at: now },
        version: { item_id: id, version: 1, status: 'published', data: c.data as ItemData, created_by: 'system:seed', created_at: now, published_at: now, retired_at: null },
      }
    })
    await withTransaction(db, async (trx) => {
      await repo.catalog.insertMany(trx, rows.map((r) => r.item), rows.map((r) => r.version))
      for (const b of DEMO_BUNDLES) {
        await repo.catalog.upsertBundle(trx, { code: b.code, name: b.name, description: b.description, mode: b.mode, themes: b.themes, itemIds: b.items.map((k) => keys.get(k)!) }, now)
      }
      await repo.appointments.insertHalls(trx, demoHalls(towns), now)
      await audit.append(trx, { actorId: 'system:seed', actorKind: 'system', action: 'services.catalog.seeded', targetType: 'services_item', targetId: 'catalog', detail: { items: rows.length, bundles: DEMO_BUNDLES.length } })
    })
    return { items: rows.length, keys }
  }

  /** Plays the demo scripts through the services with a clock that walks forward from the past. */
  async function seedApplications(keys: Map<string, string>): Promise<number> {
    const existing = await repo.applications.listByApplicant(db, DEMO_APPLICANTS[0]!.principal.id, 1)
    if (existing.length) return 0
    const realNow = clock.now()
    let t = realNow
    const seedClock: Clock = { now: () => Math.min(t, realNow - 60_000) }
    const s = build(seedClock)
    const startAt = (daysAgo: number) => { t = Date.parse(`${addCalendarDays(chinaDate(realNow), -daysAgo)}T09:30:00+08:00`) }

    async function fill(who: typeof DEMO_APPLICANTS[number], id: string): Promise<number> {
      const draft = await s.applications.view({ principal: who.principal }, id)
      const data: Record<string, unknown> = {}
      for (const f of Object.keys(draft.form.schema.properties)) data[f] = sampleAnswer(f, who)
      let v = (await s.applications.saveForm({ principal: who.principal }, id, draft.version, data)).version
      for (const m of draft.materials) {
        if (m.source === 'department') continue
        v = m.source === 'licence'
          ? (await s.applications.provideByLicence({ principal: who.principal }, id, m.code)).version
          : (await s.applications.uploadMaterial({ principal: who.principal }, id, m.code, m.accept.includes('pdf') ? { bytes: DEMO_PDF, fileName: `${m.code}.pdf` } : { bytes: DEMO_PNG, fileName: `${m.code}.png` })).version
      }
      return v
    }

    async function play(script: string, id: string, who: Principal, version: number): Promise<void> {
      let v = version
      for (const token of script.split(' ').filter(Boolean)) {
        t += 5 * 60_000
        if (token.startsWith('+')) { t += Number(token.slice(1)) * 86_400_000; continue }
        const c = { principal: who }
        switch (token) {
          case 'S': v = (await s.applications.submit(c, id, v)).version; break
          case 'R': v = (await s.applications.resubmit(c, id, v)).version; break
          case 'W': v = (await s.applications.withdraw(c, id, v)).version; break
          case 'C': v = (await s.actions.act({ principal: DEMO_STAFF.clerk }, id, 'claim', { version: v })).version; break
          case 'A': v = (await s.actions.act({ principal: DEMO_STAFF.clerk }, id, 'accept', { version: v, comment: '材料齐全，予以受理' })).version; break
          case 'J': v = (await s.actions.act({ principal: DEMO_STAFF.clerk }, id, 'reject', { version: v, reason: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条' })).version; break
          case 'K': v = (await s.actions.act({ principal: DEMO_STAFF.clerk }, id, 'request-correction', { version: v, reason: '请补充清晰的材料扫描件' })).version; break
          case 'c': v = (await s.actions.act({ principal: DEMO_STAFF.approver }, id, 'claim', { version: v })).version; break
          case 'P': v = (await s.actions.act({ principal: DEMO_STAFF.approver }, id, 'approve', { version: v, comment: '同意' })).version; break
          case 'p': v = (await s.actions.act({ principal: DEMO_STAFF.approver2 }, id, 'approve', { version: v, comment: '同意' })).version; break
          case 'F': v = (await s.actions.act({ principal: DEMO_STAFF.approver }, id, 'refuse', { version: v, reason: '现场核查不符合许可条件', remedy: '可在整改后重新申请；对决定不服的，可依法申请行政复议或提起行政诉讼' })).version; break
          case 'T': v = (await s.actions.act({ principal: DEMO_STAFF.approver }, id, 'return', { version: v, comment: '会审意见需补充' })).version; break
          default: throw new Error(`demo script token ${token}`)
        }
      }
    }

    let count = 0
    for (const sc of DEMO_SCENARIOS) {
      startAt(sc.daysAgo)
      const who = DEMO_APPLICANTS[sc.applicant]!
      const itemId = keys.get(sc.item)
      if (!itemId) throw new Error(`demo scenario item ${sc.item} is not in the catalog`)
      const draft = await s.applications.createDraft({ principal: who.principal }, { itemId })
      const v = sc.script ? await fill(who, draft.id) : (await s.applications.saveForm({ principal: who.principal }, draft.id, draft.version, { mobile: who.mobile })).version
      await play(sc.script, draft.id, who.principal, v)
      count++
    }
    for (const sc of DEMO_BUNDLE_SCENARIOS) {
      startAt(sc.daysAgo)
      const who = DEMO_APPLICANTS[sc.applicant]!
      const draft = await s.applications.createDraft({ principal: who.principal }, { bundleCode: sc.bundle })
      const v = await fill(who, draft.id)
      await s.applications.submit({ principal: who.principal }, draft.id, v)
      for (const [i, script] of sc.children.entries()) {
        const child = (await s.applications.view({ principal: who.principal }, draft.id)).children[i]!
        await play(script, child.id, who.principal, child.version)
      }
      count++
    }
    return count
  }

  return {
    /** Seeds the catalog, bundles, halls and demo applications for `towns`; returns what it added. */
    async seedDemo(towns: readonly TownRef[]): Promise<{ items: number; applications: number }> {
      // Seeded already: building the 3,407-item catalog and the search index again would change nothing.
      const seeded = (await repo.catalog.countItems(db)) > 0 && (await repo.applications.listByApplicant(db, DEMO_APPLICANTS[0]!.principal.id, 1)).length > 0
      if (seeded) return { items: 0, applications: 0 }
      const { items, keys } = await seedCatalog(towns)
      if (items > 0) await reindex()
      const applications = await seedApplications(keys)
      return { items, applications }
    },
  }
}
