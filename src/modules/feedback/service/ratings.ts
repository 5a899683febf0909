/**
 * Ratings (好差评): one per service occurrence (一事一评). An occurrence is a completed application
 * or 一件事 bundle (made when services reports it done, or on first look by its applicant), a window
 * service a clerk records, or a service an external hall system reports together with its rating.
 * The person rates through the portal (web), a rating code on a kiosk or in a message link, or a
 * hall device; nobody else may. A rating may be amended once within the window; a bad one
 * (不满意 / 非常不满意) opens a rectification case in the same transaction.
 */
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import { fromJson, isUniqueViolation, toJson } from '../../../core/db/dialect.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import type { AppError } from '../../../core/errors.ts'
import { maskName } from '../../../lib/mask.ts'
import { isBadScore, levelScore } from '../../../lib/satisfaction/index.ts'
import { chinaDate } from '../../../lib/working-days.ts'
import type { ApplicationView } from '../../services/index.ts'
import { INDICATORS, TAGS, type ServiceKind } from '../catalog.ts'
import { FeedbackError } from '../errors.ts'
import type { RatingEventPayload } from '../events.ts'
import type { CaseRow, OccurrenceRow, RatingRow } from '../repo/index.ts'
import type { ApplicationFeedbackView, HallRatingBody, OccurrenceView, RateBody, RatingView, WindowServiceBody } from '../schema/ratings.ts'
import type { CaseService } from './cases.ts'
import { DAY_MS, iso, SYSTEM, type CallContext, type FeedbackDeps } from './context.ts'
import { personCaseView, ratingView } from './views.ts'

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const RATEABLE = new Set(['approved', 'refused', 'rejected'])

/** Who rates and how the write is recorded. */
export interface Rater { id: string | null; name: string }
export interface WriteMeta { requestId?: string; actorId: string; actorKind: string }

/** The facts of an application the feedback module keeps (read through the services API). */
export interface ApplicationFacts {
  id: string; number: string; kind: string; itemId: string | null; itemName: string; departmentId: string; divisionCode: string | null
  applicantId: string; applicantName: string; status: string; completedAt: number | null; parentId: string | null
}

export const factsOf = (v: ApplicationView): ApplicationFacts => ({
  id: v.id, number: v.number, kind: v.kind, itemId: v.itemId, itemName: v.itemName, departmentId: v.departmentId, divisionCode: v.divisionCode,
  applicantId: v.applicantId, applicantName: v.applicantName, status: v.status, completedAt: v.completedAt ? Date.parse(v.completedAt) : null, parentId: v.parentId,
})

export function createRatingService(deps: FeedbackDeps, cases: CaseService) {
  const { db, repo, clock, ids, audit, events, options, directory } = deps
  const windowMs = options.ratingDays * DAY_MS

  const newCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(32)]).join('')

  /** Throws 400 when an indicator does not belong to the kind of service or a tag is unknown. */
  function checkInput(kind: string, body: RateBody): void {
    const allowed = INDICATORS[kind as ServiceKind] ?? {}
    for (const k of Object.keys(body.indicators ?? {})) if (!(k in allowed)) throw new FeedbackError.INDICATOR_UNKNOWN(k, kind === 'online' ? '线上' : '线下')
    for (const tag of body.tags ?? []) if (!(tag in TAGS)) throw new FeedbackError.TAG_UNKNOWN(tag)
  }

  /** Creates the occurrence of a completed application or bundle unless it exists; undefined when it is not rateable. */
  async function ensureApplicationOccurrence(trx: Kysely<any>, app: ApplicationFacts): Promise<OccurrenceRow | undefined> {
    if (app.parentId || !RATEABLE.has(app.status)) return undefined
    const found = await repo.getOccurrenceByApplication(trx, app.id)
    if (found) return found
    const now = clock.now()
    const servedAt = app.completedAt ?? now
    await repo.insertOccurrence(trx, {
      id: ids.next('occ'), kind: 'online', source: app.kind === 'bundle' ? 'bundle' : 'application', application_id: app.id, application_number: app.number,
      external_key: null, item_id: app.itemId, item_name: app.itemName, department_id: app.departmentId, division_code: app.divisionCode,
      hall_id: null, window_no: null, clerk_id: null, clerk_name: null, person_id: app.applicantId, person_name: app.applicantName, outcome: app.status,
      code: newCode(), status: 'open', served_at: servedAt, due_at: servedAt + windowMs, created_at: now, updated_at: now,
    })
    return repo.getOccurrenceByApplication(trx, app.id)
  }

  /**
   * Records the rating of `occ` inside `trx`: 409 when it is rated already (a default counts) or its
   * window has closed, 400 on a foreign indicator or unknown tag. A bad rating opens its case.
   */
  async function rateOccurrence(trx: Kysely<any>, occ: OccurrenceRow, body: RateBody, rater: Rater, channel: string, meta: WriteMeta): Promise<RatingRow> {
    const now = clock.now()
    if (occ.status !== 'open') throw new FeedbackError.ALREADY_RATED()
    if (now > occ.due_at) throw new FeedbackError.WINDOW_CLOSED(chinaDate(occ.due_at))
    checkInput(occ.kind, body)
    const score = levelScore(body.level)
    const row: RatingRow = {
      id: ids.next('rat'), occurrence_id: occ.id, kind: occ.kind, source: occ.source, score, indicators: toJson(body.indicators ?? {}), tags: toJson(body.tags ?? []),
      comment: body.comment?.trim() || null, channel, is_default: 0, rater_id: rater.id, rater_name: rater.name, application_id: occ.application_id,
      item_id: occ.item_id, item_name: occ.item_name, department_id: occ.department_id, hall_id: occ.hall_id, window_no: occ.window_no,
      clerk_id: occ.clerk_id, clerk_name: occ.clerk_name, served_at: occ.served_at, amend_count: 0, previous_score: null, amended_at: null,
      excluded: 0, rated_at: now, rated_day: chinaDate(now), rated_month: chinaDate(now).slice(0, 7), updated_at: now,
    }
    if (!(await repo.insertRating(trx, row))) throw new FeedbackError.ALREADY_RATED()
    if (!(await repo.closeOccurrence(trx, occ.id, 'rated', now))) throw new FeedbackError.ALREADY_RATED()
    await audit.append(trx, { actorId: meta.actorId, actorKind: meta.actorKind, action: 'feedback.rating.submitted', targetType: 'feedback_rating', targetId: row.id, requestId: meta.requestId, detail: { occurrenceId: occ.id, score, channel } })
    await events.publish(trx, 'feedback.rating.submitted', row.id, payloadOf(row), { requestId: meta.requestId, actorId: meta.actorId })
    if (isBadScore(score)) await cases.openFor(trx, row, occ, meta)
    return row
  }

  const payloadOf = (r: RatingRow): RatingEventPayload => ({
    ratingId: r.id, occurrenceId: r.occurrence_id, applicationId: r.application_id, departmentId: r.department_id, score: r.score, channel: r.channel,
    isDefault: r.is_default === 1, bad: isBadScore(r.score),
  })

  /** The occurrence as the person (or the clerk who recorded it) sees it. */
  async function occurrenceView(occ: OccurrenceRow, rating: RatingRow | undefined, kase: CaseRow | undefined, viewerId: string, showCode: boolean): Promise<OccurrenceView> {
    const now = clock.now()
    return {
      id: occ.id, kind: occ.kind, source: occ.source, applicationId: occ.application_id, applicationNumber: occ.application_number, itemName: occ.item_name,
      departmentId: occ.department_id, departmentName: await directory.departmentName(occ.department_id), hallId: occ.hall_id,
      hallName: occ.hall_id ? await directory.hallName(occ.hall_id) : null, windowNo: occ.window_no, clerkName: occ.clerk_name, personName: occ.person_name,
      outcome: occ.outcome, status: occ.status, servedAt: iso(occ.served_at)!, dueAt: iso(occ.due_at)!,
      code: showCode && occ.status === 'open' && now <= occ.due_at ? occ.code : null,
      rating: rating ? ratingView(rating, occ, now, viewerId) : null, case: kase ? personCaseView(kase) : null,
    }
  }

  async function viewsOf(list: OccurrenceRow[], viewerId: string, showCode: boolean): Promise<OccurrenceView[]> {
    const ratings = new Map((await repo.ratingsOfOccurrences(db, list.map((o) => o.id))).map((r) => [r.occurrence_id, r]))
    const kases = new Map((await repo.casesOfRatings(db, [...ratings.values()].map((r) => r.id))).map((c) => [c.rating_id, c]))
    return Promise.all(list.map((o) => {
      const r = ratings.get(o.id)
      return occurrenceView(o, r, r ? kases.get(r.id) : undefined, viewerId, showCode)
    }))
  }

  async function ownedOccurrence(c: CallContext, id: string): Promise<OccurrenceRow> {
    const occ = await repo.getOccurrence(db, id)
    if (!occ || occ.person_id !== c.principal.id) throw new FeedbackError.OCCURRENCE_NOT_FOUND(id)
    return occ
  }

  /** The application if `c.principal` applied for it; 404 (this module's code) for anyone else. */
  async function ownApplication(c: CallContext, applicationId: string): Promise<ApplicationView> {
    if (!deps.services) throw new FeedbackError.APPLICATION_NOT_FOUND(applicationId)
    let view: ApplicationView
    try {
      view = await deps.services.applications.view({ principal: c.principal, requestId: c.requestId, lang: c.lang }, applicationId)
    } catch (err) {
      if ((err as AppError).status === 404) throw new FeedbackError.APPLICATION_NOT_FOUND(applicationId)
      throw err
    }
    if (view.applicantId !== c.principal.id) throw new FeedbackError.APPLICATION_NOT_FOUND(applicationId)
    return view
  }

  const personMeta = (c: CallContext): WriteMeta => ({ requestId: c.requestId, actorId: c.principal.id, actorKind: c.principal.kind })

  return {
    ensureApplicationOccurrence, rateOccurrence, checkInput, ownApplication, payloadOf,

    /** A completed application of the caller with its occurrence (made now if services has not reported it yet). */
    async applicationFeedback(c: CallContext, applicationId: string): Promise<ApplicationFeedbackView> {
      const view = await ownApplication(c, applicationId)
      const occ = await withTransaction(db, (trx) => ensureApplicationOccurrence(trx, factsOf(view)))
      const [occurrence] = occ ? await viewsOf([occ], c.principal.id, true) : []
      return {
        application: {
          id: view.id, number: view.number, itemName: view.itemName, status: view.status, departmentId: view.departmentId,
          departmentName: await directory.departmentName(view.departmentId), completedAt: view.completedAt, reason: view.result?.reason ?? null, remedy: view.result?.remedy ?? null,
        },
        occurrence: occurrence ?? null,
      }
    },

    /** The caller's services: open to rate, rated, defaulted; with their cases. */
    async myOccurrences(c: CallContext): Promise<{ items: OccurrenceView[] }> {
      return { items: await viewsOf(await repo.listOccurrencesOfPerson(db, c.principal.id), c.principal.id, true) }
    },

    async myOccurrence(c: CallContext, id: string): Promise<OccurrenceView> {
      return (await viewsOf([await ownedOccurrence(c, id)], c.principal.id, true))[0]!
    },

    /** Rates one of the caller's occurrences through the portal (channel web). */
    async rate(c: CallContext, occurrenceId: string, body: RateBody): Promise<OccurrenceView> {
      await ownedOccurrence(c, occurrenceId)
      await withTransaction(db, async (trx) => {
        const occ = (await repo.getOccurrence(trx, occurrenceId))!
        await rateOccurrence(trx, occ, body, { id: c.principal.id, name: c.principal.name }, 'web', personMeta(c))
      })
      return (await viewsOf([(await repo.getOccurrence(db, occurrenceId))!], c.principal.id, true))[0]!
    },

    /**
     * Amends the caller's rating once, within the window. A bad rating turned good withdraws its open
     * case; a good one turned bad opens one.
     */
    async amend(c: CallContext, ratingId: string, body: RateBody): Promise<RatingView> {
      const before = await repo.getRating(db, ratingId)
      if (!before || before.rater_id !== c.principal.id) throw new FeedbackError.RATING_NOT_FOUND(ratingId)
      await withTransaction(db, async (trx) => {
        const r = (await repo.getRating(trx, ratingId))!
        const occ = (await repo.getOccurrence(trx, r.occurrence_id))!
        const now = clock.now()
        if (r.is_default === 1) throw new FeedbackError.DEFAULT_NOT_AMENDABLE()
        if (r.amend_count > 0) throw new FeedbackError.ALREADY_AMENDED(ratingId)
        if (now > occ.due_at) throw new FeedbackError.WINDOW_CLOSED(chinaDate(occ.due_at))
        checkInput(r.kind, body)
        const score = levelScore(body.level)
        const patch = { score, indicators: toJson(body.indicators ?? fromJson(r.indicators)), tags: toJson(body.tags ?? []), comment: body.comment?.trim() || null, previous_score: r.score, amended_at: now, updated_at: now }
        if (!(await repo.amendRating(trx, ratingId, patch))) throw new FeedbackError.ALREADY_AMENDED(ratingId)
        const meta = personMeta(c)
        await audit.append(trx, { actorId: meta.actorId, actorKind: meta.actorKind, action: 'feedback.rating.amended', targetType: 'feedback_rating', targetId: ratingId, requestId: c.requestId, detail: { from: r.score, to: score } })
        const next = { ...r, ...patch, amend_count: 1 }
        await events.publish(trx, 'feedback.rating.amended', ratingId, payloadOf(next), { requestId: c.requestId, actorId: c.principal.id })
        await cases.afterAmend(trx, r, next, occ, meta)
      })
      const r = (await repo.getRating(db, ratingId))!
      return ratingView(r, (await repo.getOccurrence(db, r.occurrence_id))!, clock.now(), c.principal.id)
    },

    /** Public: what a rating code is for (masked). 404 for an unknown code or one already used or expired. */
    async codeOccurrence(code: string) {
      const occ = await repo.getOccurrenceByCode(db, code)
      if (!occ || occ.status !== 'open' || clock.now() > occ.due_at) throw new FeedbackError.CODE_NOT_FOUND()
      return {
        occurrenceId: occ.id, kind: occ.kind, itemName: occ.item_name, departmentName: await directory.departmentName(occ.department_id),
        hallName: occ.hall_id ? await directory.hallName(occ.hall_id) : null, windowNo: occ.window_no, clerkName: occ.clerk_name,
        personName: maskName(occ.person_name), servedAt: iso(occ.served_at)!, dueAt: iso(occ.due_at)!,
      }
    },

    /** Public: the person rates with the code from the receipt or message (the code stands for them). */
    async rateByCode(code: string, body: RateBody, channel: 'kiosk' | 'sms', requestId?: string): Promise<RatingView> {
      const occ = await repo.getOccurrenceByCode(db, code)
      if (!occ || occ.status !== 'open' || clock.now() > occ.due_at) throw new FeedbackError.CODE_NOT_FOUND()
      const row = await withTransaction(db, async (trx) => {
        const fresh = (await repo.getOccurrence(trx, occ.id))!
        return rateOccurrence(trx, fresh, body, { id: occ.person_id, name: occ.person_name }, channel, { requestId, actorId: occ.person_id ?? `visitor:${occ.id}`, actorKind: 'citizen' })
      })
      return ratingView(row, occ, clock.now())
    },

    /** A clerk records a window service; the answer carries the rating code for the visitor's receipt. */
    async recordWindowService(c: CallContext, body: WindowServiceBody): Promise<OccurrenceView> {
      const now = clock.now()
      const id = ids.next('occ')
      const department = body.departmentId ?? (await directory.departmentCodeOf(c.principal)) ?? 'unassigned'
      await withTransaction(db, async (trx) => {
        await repo.insertOccurrence(trx, {
          id, kind: 'offline', source: 'window', application_id: null, application_number: null, external_key: null, item_id: body.itemId ?? null,
          item_name: body.itemName, department_id: department, division_code: null, hall_id: body.hallId, window_no: body.windowNo,
          clerk_id: c.principal.id, clerk_name: c.principal.name, person_id: body.personId ?? null, person_name: body.personName, outcome: 'served',
          code: newCode(), status: 'open', served_at: now, due_at: now + windowMs, created_at: now, updated_at: now,
        })
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'feedback.occurrence.recorded', targetType: 'feedback_occurrence', targetId: id, requestId: c.requestId, detail: { hallId: body.hallId, windowNo: body.windowNo } })
      })
      return (await viewsOf([(await repo.getOccurrence(db, id))!], c.principal.id, true))[0]!
    },

    /** The window services the calling clerk recorded lately, with their codes while open. */
    async myWindowServices(c: CallContext): Promise<{ items: OccurrenceView[] }> {
      return { items: await viewsOf(await repo.listOccurrencesOfClerk(db, c.principal.id), c.principal.id, true) }
    },

    /**
     * An external hall system reports a window service and its rating at once (channel device).
     * One rating per external id: a repeat answers 409 and writes nothing.
     */
    async postHallRating(c: CallContext, body: HallRatingBody): Promise<RatingView> {
      const now = clock.now()
      const servedAt = Date.parse(body.servedAt)
      if (!(servedAt <= now) || servedAt < now - windowMs) throw new FeedbackError.SERVED_AT_INVALID(options.ratingDays)
      const key = `${c.principal.id}:${body.externalId}`
      try {
        const row = await withTransaction(db, async (trx) => {
          if (await repo.getOccurrenceByExternalKey(trx, key)) throw new FeedbackError.ALREADY_RATED()
          const id = ids.next('occ')
          await repo.insertOccurrence(trx, {
            id, kind: 'offline', source: 'hall', application_id: null, application_number: null, external_key: key, item_id: body.itemId ?? null,
            item_name: body.itemName, department_id: body.departmentId, division_code: null, hall_id: body.hallId, window_no: body.windowNo,
            clerk_id: body.clerkId ?? null, clerk_name: body.clerkName, person_id: body.personId ?? null, person_name: body.personName, outcome: 'served',
            code: newCode(), status: 'open', served_at: servedAt, due_at: servedAt + windowMs, created_at: now, updated_at: now,
          })
          const occ = await repo.getOccurrence(trx, id)
          if (!occ) throw new FeedbackError.ALREADY_RATED()
          const { level, indicators, tags, comment } = body
          return rateOccurrence(trx, occ, { level, indicators, tags, comment }, { id: body.personId ?? null, name: body.personName }, 'device', { requestId: c.requestId, actorId: c.principal.id, actorKind: c.principal.kind })
        })
        return ratingView(row, { due_at: row.served_at + windowMs }, clock.now())
      } catch (err) {
        if (isUniqueViolation(err)) throw new FeedbackError.ALREADY_RATED()
        throw err
      }
    },

    /** Records the default rating of an occurrence whose window ended unrated; false when it was rated meanwhile. */
    async recordDefault(trx: Kysely<any>, occ: OccurrenceRow): Promise<boolean> {
      const now = clock.now()
      if (!(await repo.closeOccurrence(trx, occ.id, 'defaulted', now))) return false
      // The default counts at the instant the window closed, so a late sweep does not move it to another period.
      const at = occ.due_at
      const row: RatingRow = {
        id: ids.next('rat'), occurrence_id: occ.id, kind: occ.kind, source: occ.source, score: options.defaultScore, indicators: '{}', tags: '[]', comment: null,
        channel: 'default', is_default: 1, rater_id: occ.person_id, rater_name: occ.person_name, application_id: occ.application_id, item_id: occ.item_id,
        item_name: occ.item_name, department_id: occ.department_id, hall_id: occ.hall_id, window_no: occ.window_no, clerk_id: occ.clerk_id, clerk_name: occ.clerk_name,
        served_at: occ.served_at, amend_count: 0, previous_score: null, amended_at: null, excluded: 0, rated_at: at, rated_day: chinaDate(at), rated_month: chinaDate(at).slice(0, 7), updated_at: now,
      }
      if (!(await repo.insertRating(trx, row))) throw new FeedbackError.ALREADY_RATED()
      await audit.append(trx, { actorId: SYSTEM.id, actorKind: 'system', action: 'feedback.rating.defaulted', targetType: 'feedback_rating', targetId: row.id, detail: { occurrenceId: occ.id, score: row.score } })
      await events.publish(trx, 'feedback.rating.submitted', row.id, payloadOf(row), { actorId: SYSTEM.id })
      return true
    },
  }
}

export type RatingService = ReturnType<typeof createRatingService>
