import { request } from '@/core/request.ts';
import type { Static } from 'typebox';
import type { HousingDetail, PersonDetail, UnitDetail } from '../../../../src/modules/grid/schema/index.ts';
import type {
  ActionBody, CategoryList, CitizenReportBody, CitizenView, EventDetail, EventPage, FeatureCollection, LocateReply, MetricsReply,
  MetricsQuery, MyTasksReply, QueueReply, ReportReply, StaffReportBody, PersonPage, HousingPage, UnitPage, AddressList, CreatePersonBody, CreateHousingBody,
  CreateUnitBody, UpdatePersonBody, UpdateHousingBody, UpdateUnitBody,
} from '../../../../src/modules/grid/schema/index.ts';

/** Types of the grid API, taken from the server's TypeBox schemas. */
export type { CategoryList, CitizenView, EventDetail, EventPage, LocateReply, MetricsReply, MyTasksReply, QueueReply, ReportReply };
export type GridEvent = QueueReply['items'][number];
export type Category = CategoryList['items'][number];
export type Localized = Category['name'];
export type GridFeatures = FeatureCollection;
export type MetricGroup = MetricsReply['groups'][number];
export type GroupBy = NonNullable<MetricsQuery['groupBy']>;
export type Photo = NonNullable<CitizenReportBody['photos']>[number];

/** The workflow actions, as their route names (`POST /api/v1/grid/events/:id/<action>`). */
export type ActionName = 'accept' | 'reject' | 'merge' | 'open' | 'dispatch' | 'return' | 'handle' | 'verify' | 'close' | 'extension' | 'suspension' | 'decision' | 'resume' | 'reopen';

/** Permission code each action needs (mirrors the server's route table). */
export const ACTION_PERMISSION: Record<ActionName, string> = {
  accept: 'grid:event:accept', reject: 'grid:event:accept', merge: 'grid:event:accept', open: 'grid:event:open', dispatch: 'grid:event:dispatch',
  return: 'grid:event:handle', handle: 'grid:event:handle', verify: 'grid:event:verify', close: 'grid:event:close', extension: 'grid:event:handle',
  suspension: 'grid:event:handle', decision: 'grid:event:approve', resume: 'grid:event:approve', reopen: 'grid:event:close',
};

const base = '/api/v1/grid';

export const getCategories = (): Promise<CategoryList> => request<CategoryList>(`${base}/categories`);
/** Public outlines of one level (unit, community, town) for maps. */
export const getGridOutlines = (level: 'town' | 'community' | 'unit'): Promise<GridFeatures> => request<GridFeatures>(`${base}/grids.geojson`, { query: { level } });
export const locate = (lon: number, lat: number): Promise<LocateReply> => request<LocateReply>(`${base}/locate`, { query: { lon, lat } });
export const getDuplicates = (categoryCode: string, lon: number, lat: number) =>
  request<{ items: ReportReply['duplicates'] }>(`${base}/duplicates`, { query: { categoryCode, lon, lat } });

export const getQueue = (limit = 300): Promise<QueueReply> => request<QueueReply>(`${base}/queue`, { query: { limit } });
export const getEvent = (id: string): Promise<EventDetail> => request<EventDetail>(`${base}/events/${encodeURIComponent(id)}`);
export const findEvents = (query: Record<string, string | number | undefined>): Promise<EventPage> => request<EventPage>(`${base}/events`, { query });
export const getMyTasks = (): Promise<MyTasksReply> => request<MyTasksReply>(`${base}/my/tasks`);
export const attachmentUrl = (eventId: string, attachmentId: string): string => `${base}/events/${encodeURIComponent(eventId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** Runs a workflow action; the body carries what that action needs (reason, departmentId, passed, photos …). */
export const runAction = (id: string, action: ActionName, body: ActionBody & Record<string, unknown>): Promise<EventDetail> =>
  request<EventDetail>(`${base}/events/${encodeURIComponent(id)}/${action}`, { method: 'POST', json: body });

export const reportAsStaff = (body: StaffReportBody): Promise<ReportReply> => request<ReportReply>(`${base}/events`, { method: 'POST', json: body });
export const reportAsCitizen = (body: CitizenReportBody): Promise<ReportReply> => request<ReportReply>(`${base}/reports`, { method: 'POST', json: body });
export const followReport = (id: string, token: string): Promise<CitizenView> => request<CitizenView>(`${base}/reports/${encodeURIComponent(id)}`, { query: { token } });
export const sendFeedback = (id: string, token: string, fixed: boolean, note?: string): Promise<CitizenView> =>
  request<CitizenView>(`${base}/reports/${encodeURIComponent(id)}/feedback`, { method: 'POST', json: { token, fixed, note } });

export const getMetrics = (from: string, to: string, groupBy: GroupBy): Promise<MetricsReply> => request<MetricsReply>(`${base}/metrics`, { query: { from, to, groupBy } });

/** The actual registers (四实): housing, people (masked), units. */
export type RegisterKind = 'people' | 'housing' | 'units';
export type Person = PersonPage['items'][number];
export type Dwelling = HousingPage['items'][number];
export type Unit = UnitPage['items'][number];
export type RegisterRow = Person | Dwelling | Unit;
export type Address = AddressList['items'][number];
/** A page of a register; the query goes in a POST body, so an ID number searched for stays out of URLs and logs. */
export const findRegister = (kind: RegisterKind, query: { q?: string; gridCode?: string; cursor?: string; limit?: number }) =>
  request<{ items: RegisterRow[]; nextCursor: string | null }>(`${base}/${kind}/search`, { method: 'POST', json: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) });
export const createRegisterEntry = (kind: RegisterKind, body: CreatePersonBody | CreateHousingBody | CreateUnitBody) =>
  request<RegisterRow>(`${base}/${kind}`, { method: 'POST', json: body });
export const deleteRegisterEntry = (kind: RegisterKind, id: string) => request<void>(`${base}/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const searchAddresses = (q: string) => request<AddressList>(`${base}/addresses`, { query: { q, limit: 20 } });
/** One register entry with its version, masking flag and change history (oldest first, identifiers masked). */
export type RegisterDetail = Static<typeof PersonDetail> | Static<typeof HousingDetail> | Static<typeof UnitDetail>;
export type RegisterChange = RegisterDetail['history'][number];
export type RegisterPatch = (UpdatePersonBody | UpdateHousingBody | UpdateUnitBody) & { version: number };
/** One entry; people and units answer in clear (and the read is audited) only to holders of `grid:registry:pii`. */
export const getRegisterEntry = (kind: RegisterKind, id: string) => request<RegisterDetail>(`${base}/${kind}/${encodeURIComponent(id)}`);
/** Changes the given fields; a stale `version` answers 409. */
export const updateRegisterEntry = (kind: RegisterKind, id: string, body: RegisterPatch) =>
  request<RegisterDetail>(`${base}/${kind}/${encodeURIComponent(id)}`, { method: 'PATCH', json: body });
