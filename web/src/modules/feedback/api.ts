import { request } from '@/core/request.ts';
import type { Static } from 'typebox';
import type { ApplicationFeedbackView, CodeOccurrenceView, OccurrenceView, RateBody, RatingView } from '../../../../src/modules/feedback/schema/ratings.ts';
import type { CaseList, CaseQueue, CaseSummary, CaseView } from '../../../../src/modules/feedback/schema/cases.ts';
import type { MatterList, MatterQueue, MatterSummary, MatterView, NegativeReplyView, RegisterMatterBody } from '../../../../src/modules/feedback/schema/matters.ts';
import type { GroupStats, OverviewStats, PublicStats } from '../../../../src/modules/feedback/schema/stats.ts';

/** Types of the feedback API, taken from the server's TypeBox schemas. */
export type { ApplicationFeedbackView, CaseList, CaseQueue, CaseSummary, CaseView, GroupStats, MatterList, MatterQueue, MatterSummary, MatterView, OccurrenceView, OverviewStats, PublicStats, RateBody, RatingView, RegisterMatterBody };
export type CodeOccurrence = Static<typeof CodeOccurrenceView>;
export type NegativeReply = Static<typeof NegativeReplyView>;
export type Level = RateBody['level'];
type Labels = Record<'zh-CN' | 'zh-TW' | 'en-US', string>;
export type Options = {
  levels: Record<Level, Labels>; indicators: Record<'online' | 'offline', Record<string, Labels>>; tags: Record<string, { good: boolean; label: Labels }>;
  categories: Record<string, Labels>; tiers: Record<string, Labels>; declineKinds: Record<string, { label: Labels; remedy: string }>;
  ratingDays: number; rectifyDays: number; minCount: number;
};
export type CaseAction = 'callback' | 'verify' | 'review' | 'rectify';
export type MatterAction = 'decline' | 'classify' | 'transfer' | 'resolve' | 'feedback' | 'check' | 'file';
export type Dimension = 'department' | 'item' | 'hall' | 'window' | 'clerk' | 'month' | 'day' | 'channel' | 'kind';
export type Range = { from?: string; to?: string };

const base = '/api/v1/feedback';
const enc = encodeURIComponent;

let options: Promise<Options> | undefined;
/** The vocabularies (cached for the page's life). */
export const getOptions = (): Promise<Options> => (options ??= request<Options>(`${base}/options`).catch((err) => { options = undefined; throw err; }));

export const getMyOccurrences = (): Promise<{ items: OccurrenceView[] }> => request(`${base}/my/occurrences`);
export const getApplicationFeedback = (id: string): Promise<ApplicationFeedbackView> => request(`${base}/applications/${enc(id)}`);
export const rate = (occurrenceId: string, body: RateBody): Promise<OccurrenceView> => request(`${base}/occurrences/${enc(occurrenceId)}/rating`, { method: 'POST', json: body });
export const amend = (ratingId: string, body: RateBody): Promise<RatingView> => request(`${base}/ratings/${enc(ratingId)}`, { method: 'PATCH', json: body });
export const rateResult = (caseId: string, body: { level: Level; comment?: string }): Promise<void> => request(`${base}/my/cases/${enc(caseId)}/result`, { method: 'POST', json: body });
export const getCode = (code: string): Promise<CodeOccurrence> => request(`${base}/codes/${enc(code)}`);
export const rateByCode = (code: string, body: RateBody & { channel: 'kiosk' | 'sms' }): Promise<RatingView> => request(`${base}/codes/${enc(code)}/rating`, { method: 'POST', json: body });

export const registerMatter = (body: RegisterMatterBody): Promise<MatterView> => request(`${base}/matters`, { method: 'POST', json: body });
export const getMyMatters = (): Promise<MatterList> => request(`${base}/my/matters`);
export const getMyMatter = (id: string): Promise<MatterView> => request(`${base}/my/matters/${enc(id)}`);
export const confirmMatter = (id: string, body: { satisfied: boolean; comment?: string }): Promise<MatterView> => request(`${base}/my/matters/${enc(id)}/confirm`, { method: 'POST', json: body });

export const getCases = (queue: CaseQueue, page = 1): Promise<CaseList> => request(`${base}/cases`, { query: { queue, page, pageSize: 20 } });
export const getCaseCounts = (): Promise<Record<string, number>> => request(`${base}/cases/counts`);
export const getAppeals = (page = 1): Promise<CaseList> => request(`${base}/appeals`, { query: { page, pageSize: 20 } });
export const getCase = (id: string): Promise<CaseView> => request(`${base}/cases/${enc(id)}`);
export const actOnCase = (id: string, action: CaseAction, body: Record<string, unknown>): Promise<CaseView> => request(`${base}/cases/${enc(id)}/${action}`, { method: 'POST', json: body });

export const getMatters = (queue: MatterQueue, page = 1): Promise<MatterList> => request(`${base}/matters`, { query: { queue, page, pageSize: 20 } });
export const getMatter = (id: string): Promise<MatterView> => request(`${base}/matters/${enc(id)}`);
export const actOnMatter = (id: string, action: MatterAction, body: Record<string, unknown>): Promise<MatterView> => request(`${base}/matters/${enc(id)}/${action}`, { method: 'POST', json: body });
export const getNegativeReplies = (status?: 'pending' | 'upheld' | 'reopened', page = 1): Promise<{ total: number; items: NegativeReply[] }> =>
  request(`${base}/negative-replies`, { query: { status, page, pageSize: 20 } });
export const reviewNegativeReply = (id: string, body: { decision: 'upheld' | 'reopen'; note: string }): Promise<NegativeReply> =>
  request(`${base}/negative-replies/${enc(id)}/review`, { method: 'POST', json: body });

export const getPublicStats = (r: Range = {}): Promise<PublicStats> => request(`${base}/stats`, { query: r });
export const getOverview = (r: Range = {}): Promise<OverviewStats> => request(`${base}/stats/overview`, { query: r });
export const getGroups = (by: Dimension, r: Range = {}): Promise<GroupStats> => request(`${base}/stats/groups`, { query: { by, ...r } });
export const exportUrl = (type: 'ratings' | 'cases' | 'matters', r: Range = {}): string =>
  `${base}/export?${new URLSearchParams({ type, ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) })}`;
