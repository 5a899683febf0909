/**
 * The applicant's side of an application (办件): a draft per item or 一件事 bundle, the form saved as
 * it is filled in, materials uploaded (type and size checked) or left to an e-licence, submission
 * (a bundle fans out to one child per item), corrections, withdrawal, "my applications" and the
 * public progress query by number and query code.
 */
import { createHash, randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import { withTransaction, afterCommit } from '../../../core/db/transaction.ts'
import { maskName } from '../../../lib/mask.ts'
import { chinaDate } from '../../../lib/working-days.ts'
import { newClock } from '../deadline.ts'
import { ServicesError } from '../errors.ts'
import { mergeForms, pickFormData, validateFormData } from '../form.ts'
import { MIME, sniffKind } from '../objects.ts'
import type { ApplicationRecord, MaterialRecord } from '../repo/index.ts'
import type { ApplicationView, CreateApplicationBody } from '../schema/applications.ts'
import type { FormDefinition, Material, WorkflowStep } from '../schema/catalog.ts'
import { isApplicationStaff, iso, seesDepartment, type CallContext, type ServicesDeps } from './context.ts'
import { eventPayload, type Engine } from './engine.ts'
import { toSummary, toView } from './views.ts'

export interface Spec { form: FormDefinition; materials: Material[]; steps: WorkflowStep[]; limitDays: number; resultName?: string; itemIds: string[] }

const EMPTY_FORM: FormDefinition = { schema: { type: 'object', properties: {}, required: [] } }
const hashCode = (number: string, code: string) => createHash('sha256').update(`${number}:${code}`).digest('hex')

export function createApplicationService(deps: ServicesDeps, engine: Engine) {
  const { db, repo, clock, ids, audit, events, objects, search } = deps

  /** Form, materials and steps of an application: its item version, or its bundle's items merged. */
  async function specOf(tx: Kysely<any>, a: Pick<ApplicationRecord, 'kind' | 'itemId' | 'itemVersion' | 'bundleCode'>): Promise<Spec> {
    if (a.kind === 'item') {
      const d = a.itemId && a.itemVersion ? await repo.catalog.getVersionData(tx, a.itemId, a.itemVersion) : undefined
      if (!d) return { form: EMPTY_FORM, materials: [], steps: [], limitDays: 0, itemIds: [] }
      return { form: d.form ?? EMPTY_FORM, materials: d.materials, steps: d.workflow ?? [], limitDays: d.promisedLimit, resultName: d.resultName, itemIds: [a.itemId!] }
    }
    const bundle = (await repo.catalog.listBundles(tx)).find((b) => b.code === a.bundleCode)
    if (!bundle) throw new ServicesError.BUNDLE_NOT_FOUND(a.bundleCode)
    const specs = await Promise.all(bundle.itemIds.map((id) => publishedSpec(tx, id)))
    const materials = new Map<string, Material>()
    for (const s of specs) for (const m of s.materials) {
      const seen = materials.get(m.code)
      materials.set(m.code, seen ? { ...seen, required: seen.required || m.required } : m)
    }
    return { form: mergeForms(specs.map((s) => s.form)), materials: [...materials.values()], steps: [], limitDays: Math.max(0, ...specs.map((s) => s.limitDays)), itemIds: bundle.itemIds }
  }

  async function publishedSpec(tx: Kysely<any>, itemId: string): Promise<Spec & { version: number; name: string; departmentId: string; divisionCode: string }> {
    const item = await repo.catalog.getItem(tx, itemId)
    if (!item || item.status !== 'published' || !item.publishedVersion) throw new ServicesError.ITEM_NOT_FOUND(itemId)
    const d = (await repo.catalog.getVersionData(tx, itemId, item.publishedVersion))!
    return {
      form: d.form ?? EMPTY_FORM, materials: d.materials, steps: d.workflow ?? [], limitDays: d.promisedLimit, resultName: d.resultName,
      itemIds: [itemId], version: item.publishedVersion, name: d.name, departmentId: d.departmentId, divisionCode: d.divisionCode,
    }
  }

  /** The application if `c.principal` may see it (its applicant, or staff of its department); 404 otherwise. */
  async function visible(tx: Kysely<any>, c: CallContext, id: string): Promise<{ app: ApplicationRecord; asApplicant: boolean }> {
    const app = await repo.applications.get(tx, id)
    if (app && app.applicantId === c.principal.id) return { app, asApplicant: true }
    if (app && app.status !== 'draft' && isApplicationStaff(c.principal) && await seesDepartment(deps, c.principal, app.departmentId)) return { app, asApplicant: false }
    throw new ServicesError.APPLICATION_NOT_FOUND(id)
  }

  /** The application if `c.principal` is its applicant; 404 for anyone else. */
  async function owned(tx: Kysely<any>, c: CallContext, id: string): Promise<ApplicationRecord> {
    const app = await repo.applications.get(tx, id)
    if (!app || app.applicantId !== c.principal.id) throw new ServicesError.APPLICATION_NOT_FOUND(id)
    return app
  }

  function assertEditable(a: ApplicationRecord): void {
    if (a.parentId || (a.status !== 'draft' && a.status !== 'correction')) throw new ServicesError.NOT_EDITABLE(a.number, a.status)
  }

  async function newNumber(trx: Kysely<any>, now: number): Promise<string> {
    const day = chinaDate(now).replace(/-/g, '')
    return `ZS${day}${String(await repo.applications.nextSequence(trx, `application:${day}`)).padStart(6, '0')}`
  }

  /** Form and material problems that block submission (field errors in the caller's language). */
  async function submissionProblems(tx: Kysely<any>, a: ApplicationRecord, spec: Spec, c: CallContext): Promise<MaterialRecord[]> {
    const formProblems = validateFormData(spec.form, a.formData, c.lang)
    if (formProblems.length) throw new ServicesError.FORM_INVALID(formProblems.length, { errors: formProblems })
    const materials = await repo.applications.listMaterials(tx, a.id)
    const provided = new Set(materials.map((m) => m.code))
    const missing = spec.materials.filter((m) => m.required && m.source !== 'department' && !provided.has(m.code))
    if (missing.length) {
      const msg = (m: Material) => (c.lang === 'en-US' ? `Upload "${m.name}"` : c.lang === 'zh-TW' ? `請上傳「${m.name}」` : `请上传“${m.name}”`)
      throw new ServicesError.MATERIALS_MISSING(missing.length, { errors: missing.map((m) => ({ path: `/materials/${m.code}`, code: 'required', message: msg(m) })) })
    }
    return materials
  }

  const service = {
    specOf,

    /** The full view of an application the principal may see. */
    async view(c: CallContext, id: string, tx: Kysely<any> = db): Promise<ApplicationView> {
      const { app, asApplicant } = await visible(tx, c, id)
      const [spec, provided, timeline, children] = await Promise.all([
        specOf(tx, app), repo.applications.listMaterials(tx, id), repo.applications.listTransitions(tx, id),
        app.kind === 'bundle' ? repo.applications.listChildren(tx, id) : [], // only bundles have children
      ])
      return toView({ app, ...spec, provided, timeline, children, principal: c.principal, asApplicant, now: clock.now() })
    },

    /** Opens a draft for a published item or a bundle; prefills the applicant's name. */
    async createDraft(c: CallContext, body: CreateApplicationBody): Promise<ApplicationView> {
      const now = clock.now()
      const id = ids.next('app')
      await withTransaction(db, async (trx) => {
        let base: Pick<ApplicationRecord, 'kind' | 'itemId' | 'itemVersion' | 'itemName' | 'bundleCode' | 'departmentId' | 'divisionCode'>
        let spec: Spec
        if ('itemId' in body) {
          const s = await publishedSpec(trx, body.itemId)
          base = { kind: 'item', itemId: body.itemId, itemVersion: s.version, itemName: s.name, bundleCode: null, departmentId: s.departmentId, divisionCode: s.divisionCode }
          spec = s
        } else {
          const bundle = (await repo.catalog.listBundles(trx)).find((b) => b.code === body.bundleCode)
          if (!bundle) throw new ServicesError.BUNDLE_NOT_FOUND(body.bundleCode)
          base = { kind: 'bundle', itemId: null, itemVersion: null, itemName: bundle.name, bundleCode: bundle.code, departmentId: 'zs-zsj', divisionCode: '442000' }
          spec = await specOf(trx, base)
        }
        const formData: Record<string, unknown> = {}
        for (const f of ['applicantName', 'operatorName']) if (f in spec.form.schema.properties) formData[f] = c.principal.name
        const app: ApplicationRecord = {
          id, number: await newNumber(trx, now), ...base, parentId: null, seq: 0, applicantId: c.principal.id, applicantKind: c.principal.kind,
          applicantName: c.principal.name, status: 'draft', stepIndex: -1, assigneeId: null, assigneeName: null, signatures: [], version: 1, formData,
          result: null, queryCodeHash: null, clock: newClock(spec.limitDays), dueAt: null, warnAt: null, createdAt: now, updatedAt: now,
          submittedAt: null, acceptedAt: null, completedAt: null,
        }
        await repo.applications.insert(trx, app)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.application.created', targetType: 'services_application', targetId: id, requestId: c.requestId, detail: { number: app.number, itemId: app.itemId, bundleCode: app.bundleCode } })
      })
      return service.view(c, id)
    },

    /** Saves answers (a draft, or corrections): wrong values are 400; missing ones wait for submission. */
    async saveForm(c: CallContext, id: string, version: number, data: Record<string, unknown>): Promise<ApplicationView> {
      await withTransaction(db, async (trx) => {
        const app = await owned(trx, c, id)
        assertEditable(app)
        if (app.version !== version) throw new ServicesError.VERSION_CONFLICT(app.number, app.version, version)
        const spec = await specOf(trx, app)
        const merged = { ...app.formData, ...data }
        for (const [k, v] of Object.entries(merged)) if (v === null || v === '') delete merged[k]
        const problems = validateFormData(spec.form, merged, c.lang, true)
        if (problems.length) throw new ServicesError.FORM_INVALID(problems.length, { errors: problems })
        const next = { ...app, formData: merged, version: app.version + 1, updatedAt: clock.now() }
        if (!(await repo.applications.update(trx, next, version))) throw new ServicesError.VERSION_CONFLICT(app.number, '?', version)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.application.form-saved', targetType: 'services_application', targetId: id, requestId: c.requestId, detail: { fields: Object.keys(data) } })
      })
      return service.view(c, id)
    },

    /**
     * Stores an uploaded material. The kind is read from the file's first bytes and must be one the
     * material accepts (415), the size within its limit (413); nothing is recorded otherwise.
     */
    async uploadMaterial(c: CallContext, id: string, code: string, file: { bytes: Buffer; fileName: string; truncated?: boolean }): Promise<ApplicationView> {
      const app = await owned(db, c, id)
      assertEditable(app)
      const m = (await specOf(db, app)).materials.find((x) => x.code === code)
      if (!m) throw new ServicesError.MATERIAL_UNKNOWN(code)
      if (file.truncated || file.bytes.length > m.maxSizeMb * 1024 * 1024) throw new ServicesError.FILE_TOO_LARGE(m.maxSizeMb)
      const kind = sniffKind(file.bytes)
      if (!kind || !m.accept.includes(kind)) throw new ServicesError.FILE_TYPE(m.accept.join(', '))
      const hash = objects.put(file.bytes)
      await withTransaction(db, async (trx) => {
        const fresh = await owned(trx, c, id)
        assertEditable(fresh)
        const now = clock.now()
        await repo.applications.putObject(trx, hash, file.bytes.length, MIME[kind], now)
        await repo.applications.putMaterial(trx, { application_id: id, code, object_hash: hash, file_name: file.fileName.slice(0, 200), mime: MIME[kind], size: file.bytes.length, by_licence: 0, licence_type: null, updated_at: now })
        if (!(await repo.applications.update(trx, { ...fresh, version: fresh.version + 1, updatedAt: now }, fresh.version))) throw new ServicesError.VERSION_CONFLICT(fresh.number, '?', fresh.version)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.application.material-uploaded', targetType: 'services_application', targetId: id, requestId: c.requestId, detail: { code, hash, size: file.bytes.length } })
      })
      return service.view(c, id)
    },

    /** Marks a material as to be provided from the applicant's e-licence (免提交). */
    async provideByLicence(c: CallContext, id: string, code: string): Promise<ApplicationView> {
      await withTransaction(db, async (trx) => {
        const app = await owned(trx, c, id)
        assertEditable(app)
        const m = (await specOf(trx, app)).materials.find((x) => x.code === code)
        if (!m) throw new ServicesError.MATERIAL_UNKNOWN(code)
        if (m.source !== 'licence') throw new ServicesError.MATERIAL_NOT_BY_LICENCE(m.name)
        const now = clock.now()
        await repo.applications.putMaterial(trx, { application_id: id, code, object_hash: null, file_name: null, mime: null, size: null, by_licence: 1, licence_type: m.licenceType ?? null, updated_at: now })
        if (!(await repo.applications.update(trx, { ...app, version: app.version + 1, updatedAt: now }, app.version))) throw new ServicesError.VERSION_CONFLICT(app.number, '?', app.version)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.application.material-by-licence', targetType: 'services_application', targetId: id, requestId: c.requestId, detail: { code, licenceType: m.licenceType } })
      })
      return service.view(c, id)
    },

    async removeMaterial(c: CallContext, id: string, code: string): Promise<ApplicationView> {
      await withTransaction(db, async (trx) => {
        const app = await owned(trx, c, id)
        assertEditable(app)
        if (!(await repo.applications.deleteMaterial(trx, id, code))) throw new ServicesError.MATERIAL_UNKNOWN(code)
        if (!(await repo.applications.update(trx, { ...app, version: app.version + 1, updatedAt: clock.now() }, app.version))) throw new ServicesError.VERSION_CONFLICT(app.number, '?', app.version)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'services.application.material-removed', targetType: 'services_application', targetId: id, requestId: c.requestId, detail: { code } })
      })
      return service.view(c, id)
    },

    /** The bytes of a material for the applicant or staff who may see the application. */
    async materialFile(c: CallContext, id: string, code: string): Promise<{ bytes: Buffer; mime: string; fileName: string }> {
      await visible(db, c, id)
      const m = (await repo.applications.listMaterials(db, id)).find((x) => x.code === code)
      const bytes = m?.objectHash ? objects.get(m.objectHash) : undefined
      if (!m || !bytes) throw new ServicesError.MATERIAL_UNKNOWN(code)
      return { bytes, mime: m.mime ?? 'application/octet-stream', fileName: m.fileName ?? code }
    },

    /**
     * Submits a draft: the whole form and every required material are checked (400 with field
     * errors), then the application enters the acceptance queue with its clock running. A bundle
     * becomes one child application per item (all at once, or one after another). The answer
     * carries the query code once.
     */
    async submit(c: CallContext, id: string, version: number): Promise<ApplicationView> {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
      const bumped: string[] = []
      // The answer is built inside the transaction from what it already read (one query more, not four).
      const view = await withTransaction(db, async (trx) => {
        const app = await owned(trx, c, id)
        if (app.parentId) throw new ServicesError.NOT_EDITABLE(app.number, app.status)
        if (app.version !== version) throw new ServicesError.VERSION_CONFLICT(app.number, app.version, version)
        if (app.status !== 'draft') throw new ServicesError.ILLEGAL_TRANSITION('submit', app.status)
        const spec = await specOf(trx, app)
        const provided = await submissionProblems(trx, app, spec, c)
        const withCode = { ...app, queryCodeHash: hashCode(app.number, code) }
        const submitted = await engine.apply(trx, withCode, { type: 'submit' }, c.principal, c, { expectedVersion: version })
        if (app.kind === 'bundle') await fanOut(trx, submitted, spec, c)
        else {
          await repo.catalog.bumpPopularity(trx, app.itemId!)
          bumped.push(app.itemId!)
        }
        afterCommit(trx, () => { for (const b of bumped) search.bump(b) })
        const [timeline, children] = await Promise.all([repo.applications.listTransitions(trx, id), app.kind === 'bundle' ? repo.applications.listChildren(trx, id) : []])
        return toView({ app: submitted, ...spec, provided, timeline, children, principal: c.principal, asApplicant: true, now: clock.now() })
      })
      return { ...view, queryCode: code }
    },

    /** Sends corrections (补正): the form and materials are checked again and the clock resumes. */
    async resubmit(c: CallContext, id: string, version: number): Promise<ApplicationView> {
      await withTransaction(db, async (trx) => {
        const app = await owned(trx, c, id)
        if (app.version !== version) throw new ServicesError.VERSION_CONFLICT(app.number, app.version, version)
        if (app.status !== 'correction') throw new ServicesError.ILLEGAL_TRANSITION('resubmit', app.status)
        await submissionProblems(trx, app, await specOf(trx, app), c)
        await engine.apply(trx, app, { type: 'resubmit' }, c.principal, c, { expectedVersion: version })
      })
      return service.view(c, id)
    },

    async withdraw(c: CallContext, id: string, version: number): Promise<ApplicationView> {
      await withTransaction(db, async (trx) => {
        const app = await owned(trx, c, id)
        if (app.parentId) throw new ServicesError.NOT_EDITABLE(app.number, app.status)
        await engine.apply(trx, app, { type: 'withdraw' }, c.principal, c, { expectedVersion: version })
        for (const child of await repo.applications.listChildren(trx, id)) {
          if (['submitted', 'correction', 'waiting'].includes(child.status)) await engine.apply(trx, child, { type: 'withdraw' }, c.principal, c, { expectedVersion: child.version, system: true })
        }
      })
      return service.view(c, id)
    },

    /** The principal's own applications, newest first (bundle children are inside their bundle). */
    async listMine(c: CallContext) {
      const items = await repo.applications.listByApplicant(db, c.principal.id)
      const now = clock.now()
      return { total: items.length, items: items.map((a) => toSummary(a, now)) }
    },

    /** Public progress by application number and query code; answers 404 for any mismatch. */
    async progress(number: string, code: string) {
      const app = await repo.applications.getByNumber(db, number)
      if (!app || !app.queryCodeHash || app.queryCodeHash !== hashCode(number, code)) throw new ServicesError.PROGRESS_NOT_FOUND()
      const [timeline, children] = await Promise.all([repo.applications.listTransitions(db, app.id), repo.applications.listChildren(db, app.id)])
      return {
        number: app.number, itemName: app.itemName, applicantName: maskName(app.applicantName), status: app.status, submittedAt: iso(app.submittedAt),
        dueAt: iso(app.dueAt), completedAt: iso(app.completedAt), result: app.result ? { outcome: app.result.outcome } : null,
        timeline: timeline.filter((t) => !['claim', 'release', 'transfer'].includes(t.action)).map((t) => ({ action: t.action, toStatus: t.toStatus, at: iso(t.at)! })),
        children: children.map((ch) => ({ itemName: ch.itemName, status: ch.status })),
      }
    },
  }

  /** Creates the bundle's child applications: answers and materials split per item. */
  async function fanOut(trx: Kysely<any>, parent: ApplicationRecord, spec: Spec, c: CallContext): Promise<void> {
    const bundle = (await repo.catalog.listBundles(trx)).find((b) => b.code === parent.bundleCode)!
    const now = clock.now()
    for (const [seq, itemId] of spec.itemIds.entries()) {
      const s = await publishedSpec(trx, itemId)
      const child: ApplicationRecord = {
        ...parent, id: ids.next('app'), number: await newNumber(trx, now), kind: 'item', itemId, itemVersion: s.version, itemName: s.name, bundleCode: bundle.code,
        parentId: parent.id, seq, departmentId: s.departmentId, divisionCode: s.divisionCode, status: 'draft', stepIndex: -1, assigneeId: null, assigneeName: null,
        signatures: [], version: 1, formData: pickFormData(s.form, parent.formData), result: null, queryCodeHash: null, clock: newClock(s.limitDays),
        dueAt: null, warnAt: null, createdAt: now, updatedAt: now, submittedAt: null, acceptedAt: null, completedAt: null,
      }
      if (bundle.mode === 'sequential' && seq > 0) child.status = 'waiting'
      await repo.applications.insert(trx, child)
      await repo.applications.copyMaterials(trx, parent.id, child.id, s.materials.map((m) => m.code), now)
      await repo.catalog.bumpPopularity(trx, itemId)
      if (child.status === 'draft') await engine.apply(trx, child, { type: 'submit' }, c.principal, c, { expectedVersion: 1, system: true })
    }
    await events.publish(trx, 'services.bundle.submitted', parent.id, eventPayload(parent), { requestId: c.requestId, actorId: c.principal.id })
  }

  return service
}

export type ApplicationService = ReturnType<typeof createApplicationService>
