import { ApiError, localizeProblem, request } from '@/core/request.ts';
import { currentLocale } from '@/core/i18n.ts';
import type {
  ApplicationSummary, ApplicationView, ProgressQuerystring, QueueName, StatsQuerystring,
} from '../../../../src/modules/services/schema/applications.ts';
import type { AppointmentSchema, HallSchema, SlotSchema } from '../../../../src/modules/services/schema/appointments.ts';
import type { FormDefinition, FormField, ItemData } from '../../../../src/modules/services/schema/catalog.ts';
import type { SearchHit, SearchQuerystring, SearchReply } from '../../../../src/modules/services/schema/search.ts';
import type { Static } from 'typebox';

/** Types of the services API, taken from the server's TypeBox schemas. */
export type { ApplicationSummary, ApplicationView, FormDefinition, FormField, ItemData, QueueName, SearchHit, SearchReply };
export type Hall = Static<typeof HallSchema>;
export type Slot = Static<typeof SlotSchema>;
export type Appointment = Static<typeof AppointmentSchema>;
export type Guide = { id: string; version: number; publishedAt: string; popularity: number; data: ItemData };
export type Theme = { code: string; audience: 'person' | 'legal'; icon: string; name: Record<'zh-CN' | 'zh-TW' | 'en-US', string>; count: number };
export type Bundle = { code: string; name: string; description: string; mode: string; themes: string[]; items: Array<{ id: string; name: string }> };
export type Suggestion = { text: string; id: string; places: number };
export type Place = { id: string; divisionCode: string; divisionName: string; departmentName: string };
export type Progress = {
  number: string; itemName: string; applicantName: string; status: ApplicationSummary['status']; submittedAt: string | null; dueAt: string | null;
  completedAt: string | null; result: { outcome: string } | null; timeline: Array<{ action: string; toStatus: string; at: string }>;
  children: Array<{ itemName: string; status: ApplicationSummary['status'] }>;
};
export type StatsRow = { key: string; label: string; submitted: number; completed: number; approved: number; refused: number; rejected: number; onTimeRate: number | null; avgHandlingHours: number | null };
export type Stats = { totals: StatsRow; active: number; warning: number; overdue: number; byDepartment: StatsRow[]; byItem: StatsRow[] };
export type StaffAction = 'claim' | 'release' | 'accept' | 'reject' | 'request-correction' | 'approve' | 'refuse' | 'return' | 'transfer';

const base = '/api/v1/services';
const enc = encodeURIComponent;

export const searchItems = (q: SearchQuerystring): Promise<SearchReply> => request<SearchReply>(`${base}/items`, { query: q as Record<string, string | number | boolean | undefined> });
export const suggest = (q: string): Promise<{ suggestions: Suggestion[] }> => request(`${base}/items/suggest`, { query: { q } });
export const getThemes = (): Promise<{ themes: Theme[] }> => request(`${base}/themes`);
export interface ImeCandidate { text: string; consumed: number }
/** Chinese candidates for pinyin letters (the kiosk keyboard's input method). */
export const imeCandidates = (q: string): Promise<{ syllables: string[]; candidates: ImeCandidate[] }> => request(`${base}/ime`, { query: { q, limit: 40 } });
export const getBundles = (): Promise<{ bundles: Bundle[] }> => request(`${base}/bundles`);
export const getGuide = (id: string): Promise<Guide> => request<Guide>(`${base}/items/${enc(id)}`);
export const getPlaces = (id: string): Promise<{ places: Place[] }> => request(`${base}/items/${enc(id)}/places`);
export const getProgress = (q: ProgressQuerystring): Promise<Progress> => request<Progress>(`${base}/progress`, { query: q });

export const createApplication = (body: { itemId: string } | { bundleCode: string }): Promise<ApplicationView> =>
  request<ApplicationView>(`${base}/applications`, { method: 'POST', json: body });
export const getApplication = (id: string): Promise<ApplicationView> => request<ApplicationView>(`${base}/applications/${enc(id)}`);
export const getMine = (): Promise<{ total: number; items: ApplicationSummary[] }> => request(`${base}/applications/mine`);
export const saveForm = (id: string, version: number, data: Record<string, unknown>): Promise<ApplicationView> =>
  request<ApplicationView>(`${base}/applications/${enc(id)}/form`, { method: 'PATCH', json: { version, data } });
export const provideByLicence = (id: string, code: string): Promise<ApplicationView> =>
  request<ApplicationView>(`${base}/applications/${enc(id)}/materials/${enc(code)}/licence`, { method: 'POST' });
export const removeMaterial = (id: string, code: string): Promise<ApplicationView> =>
  request<ApplicationView>(`${base}/applications/${enc(id)}/materials/${enc(code)}`, { method: 'DELETE' });
export const materialUrl = (id: string, code: string): string => `${base}/applications/${enc(id)}/materials/${enc(code)}/file`;
export const applicantAct = (id: string, action: 'submit' | 'resubmit' | 'withdraw', version: number): Promise<ApplicationView> =>
  request<ApplicationView>(`${base}/applications/${enc(id)}/${action}`, { method: 'POST', json: { version } });

/** Uploads one material as multipart/form-data; errors come back as `ApiError` like every other call. */
export async function uploadMaterial(id: string, code: string, file: File): Promise<ApplicationView> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`${base}/applications/${enc(id)}/materials/${enc(code)}`, {
      method: 'PUT', body: form, credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', 'accept-language': currentLocale.value },
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 0, localizeProblem('NETWORK_ERROR', undefined));
  }
  const body = await res.json().catch(() => undefined);
  if (res.ok) return body as ApplicationView;
  const problem = typeof body?.code === 'string' ? body.code : 'HTTP_ERROR';
  throw new ApiError(problem, res.status, localizeProblem(problem, body?.detail, res.status, body?.requestId), body);
}

export const getQueueCounts = (): Promise<Record<string, number>> => request(`${base}/workbench/counts`);
export const getQueue = (queue: QueueName, page = 1, pageSize = 20): Promise<{ total: number; items: ApplicationSummary[] }> =>
  request(`${base}/workbench/${queue}`, { query: { page, pageSize } });
export const staffAct = (id: string, action: StaffAction, body: Record<string, unknown>): Promise<ApplicationView> =>
  request<ApplicationView>(`${base}/applications/${enc(id)}/${action}`, { method: 'POST', json: body });
export const getStats = (q: StatsQuerystring = {}): Promise<Stats> => request<Stats>(`${base}/stats`, { query: q });

export const getHalls = (): Promise<{ halls: Hall[] }> => request(`${base}/halls`);
export const getSlots = (hallId: string, date: string): Promise<{ hallId: string; date: string; workday: boolean; slots: Slot[] }> =>
  request(`${base}/halls/${enc(hallId)}/slots`, { query: { date } });
export const book = (body: { hallId: string; date: string; start: string; itemId?: string }): Promise<Appointment> =>
  request<Appointment>(`${base}/appointments`, { method: 'POST', json: body });
export const getMyAppointments = (): Promise<{ items: Appointment[] }> => request(`${base}/appointments/mine`);
export const cancelAppointment = (id: string): Promise<Appointment> => request<Appointment>(`${base}/appointments/${enc(id)}/cancel`, { method: 'POST' });

export type CatalogItem = { id: string; status: 'draft' | 'published' | 'retired'; publishedVersion: number | null; draftVersion: number | null; popularity: number; data: ItemData; versions: Array<{ version: number; status: string; createdBy: string; createdAt: string; publishedAt: string | null; retiredAt: string | null }> };
export type CatalogSummary = { id: string; name: string; implementationCode: string; status: string; publishedVersion: number | null; draftVersion: number | null; departmentId: string; divisionCode: string; updatedAt: string };
export type FieldProblem = { path: string; code: string; message: string };

export const findCatalog = (query: { q?: string; status?: string; page?: number }): Promise<{ total: number; items: CatalogSummary[] }> =>
  request(`${base}/catalog`, { query: { ...query, pageSize: 20 } });
export const getCatalogItem = (id: string): Promise<CatalogItem> => request<CatalogItem>(`${base}/catalog/${enc(id)}`);
export const validateItem = (data: unknown): Promise<{ ok: boolean; errors: FieldProblem[] }> => request(`${base}/catalog/validate`, { method: 'POST', json: data });
export const saveDraft = (id: string, data: ItemData): Promise<CatalogItem> => request<CatalogItem>(`${base}/catalog/${enc(id)}/draft`, { method: 'PUT', json: data });
export const publishItem = (id: string, version: number): Promise<CatalogItem> => request<CatalogItem>(`${base}/catalog/${enc(id)}/publish`, { method: 'POST', json: { version } });
export const retireItem = (id: string): Promise<CatalogItem> => request<CatalogItem>(`${base}/catalog/${enc(id)}/retire`, { method: 'POST' });
export const exportUrl = (format: 'json' | 'csv'): string => `${base}/catalog/export?format=${format}`;

/**
 * Kiosk identification: a cookie session opened with the account and password typed on the
 * kiosk's on-screen keyboard (identity's `/auth/login`); `signOut` ends it (auto-logout).
 */
export const kioskSignIn = (login: string, password: string): Promise<{ status: string }> =>
  request(`/api/v1/auth/login`, { method: 'POST', json: { login, password, mode: 'cookie' } });
export const kioskSignOut = (): Promise<void> => request<void>('/api/v1/auth/logout', { method: 'POST' });
export const kioskWhoAmI = (): Promise<{ id: string; name: string; kind: string }> => request('/api/v1/me');

export type HallDay = { hallId: string; date: string; counts: { booked: number; checkedIn: number; noShow: number; cancelled: number }; items: Appointment[] };
export const getHallDay = (hallId: string, date: string): Promise<HallDay> => request<HallDay>(`${base}/halls/${enc(hallId)}/appointments`, { query: { date } });
export const checkIn = (hallId: string, code: string): Promise<Appointment> => request<Appointment>(`${base}/appointments/check-in`, { method: 'POST', json: { hallId, code } });
