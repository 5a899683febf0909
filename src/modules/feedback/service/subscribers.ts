/**
 * Reactions to the services module: a completed application or 一件事 bundle becomes a service
 * occurrence that may be rated; every 否定答复 (不予受理, 不予许可) is recorded for review. Reads
 * the application through the services API inside the delivery's transaction; writes only this
 * module's tables through it, so the effect and the acknowledgement commit together.
 */
import type { DomainEvent, HandlerContext, Subscription } from '../../../core/events.ts'
import type { ApplicationEventPayload, ApplicationView } from '../../services/index.ts'
import type { NegativeReplyRow } from '../repo/index.ts'
import type { FeedbackDeps } from './context.ts'
import { SYSTEM } from './context.ts'
import type { MatterService } from './matters.ts'
import { factsOf, type RatingService } from './ratings.ts'

/** The 否定答复 record of a refused or not-accepted application. */
export function negativeReplyRow(deps: Pick<FeedbackDeps, 'ids' | 'clock'>, v: ApplicationView, kind: 'refused' | 'rejected', decidedAt: number, reason?: string): NegativeReplyRow {
  return {
    id: deps.ids.next('neg'), application_id: v.id, application_number: v.number, item_name: v.itemName, department_id: v.departmentId,
    applicant_id: v.applicantId, applicant_name: v.applicantName, kind, reason: v.result?.reason ?? reason ?? '', remedy: v.result?.remedy ?? '',
    legal_basis: v.result?.legalBasis ?? null, decided_at: decidedAt, status: 'pending', matter_id: null, review_note: null, reviewed_by: null, reviewed_at: null,
    created_at: deps.clock.now(),
  }
}

export function feedbackSubscriptions(deps: FeedbackDeps, ratings: RatingService, matters: MatterService): Subscription[] {
  const read = (id: string, ctx: HandlerContext) => deps.services!.applications.view({ principal: SYSTEM }, id, ctx.trx)

  async function onCompleted(event: DomainEvent, ctx: HandlerContext): Promise<void> {
    const p = event.payload as ApplicationEventPayload
    // Children of a bundle are rated with their bundle (一事一评).
    if (!deps.services || p.bundleId) return
    await ratings.ensureApplicationOccurrence(ctx.trx, factsOf(await read(event.aggregateId, ctx)))
  }

  async function onNegative(event: DomainEvent, ctx: HandlerContext): Promise<void> {
    if (!deps.services) return
    const v = await read(event.aggregateId, ctx)
    const kind = event.name.endsWith('refused') ? 'refused' : 'rejected'
    await matters.recordNegativeReply(ctx.trx, negativeReplyRow(deps, v, kind, event.occurredAt, (event.payload as ApplicationEventPayload).reason))
  }

  return [
    { name: 'feedback.on-application-completed', pattern: 'services.application.completed', handler: onCompleted },
    { name: 'feedback.on-bundle-completed', pattern: 'services.bundle.completed', handler: onCompleted },
    { name: 'feedback.on-application-rejected', pattern: 'services.application.rejected', handler: onNegative },
    { name: 'feedback.on-application-refused', pattern: 'services.application.refused', handler: onNegative },
  ]
}
