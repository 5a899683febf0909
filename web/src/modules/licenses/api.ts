import type { Static } from 'typebox';
import { request } from '@/core/request.ts';
import type {
  AccessList, ConsentList, ConsentView, GrantConsentBody, IssueBody, LentLicence, LicenseDetail, LicenseList, LicenseSummary, LicenseTypeHistory, LicenseTypeList,
  LookupView, Stats, StatusBody, TypeIssuerList, Verdict, FindQuery,
} from '../../../../src/modules/licenses/schema.ts';
import type { LicenseTypeDefinition, NativeLicence } from '../../../../src/modules/licenses/types.ts';
import type { ApplicationList } from '../../../../src/modules/services/schema/applications.ts';

/** Types of the licences API, taken from the server's TypeBox schemas. */
export type LicenceType = LicenseTypeDefinition & { issued?: number };
export type Summary = Static<typeof LicenseSummary>;
export type Detail = Static<typeof LicenseDetail>;
export type Consent = Static<typeof ConsentView>;
export type Access = Static<typeof AccessList>['items'][number];
export type VerdictView = Static<typeof Verdict>;
export type Lookup = Static<typeof LookupView>;
export type StatsView = Static<typeof Stats>;
export type Lent = Static<typeof LentLicence>;
export type MyApplication = Static<typeof ApplicationList>['items'][number];
export type { NativeLicence, GrantConsentBody, IssueBody, StatusBody, LicenseTypeDefinition };
/** A licence type as the type editor loads and saves it: the definition and its revision (1, 2, …). */
export type TypeRevision = LicenseTypeDefinition & { revision: number };
/** A department that may issue licences: its code (`zs-jtj`) and name. */
export type TypeIssuer = Static<typeof TypeIssuerList>['items'][number];
/** One saved revision of a licence type, with who saved it and when (`definition` as saved). */
export type TypeHistoryEntry = Omit<Static<typeof LicenseTypeHistory>['items'][number], 'definition'> & { definition: LicenseTypeDefinition };

const base = '/api/v1/licenses';
const enc = encodeURIComponent;

// ── public ──
export const listTypes = (): Promise<{ items: LicenceType[] }> => request<Static<typeof LicenseTypeList>>(`${base}/types`) as Promise<{ items: LicenceType[] }>;
export const verifyLicence = (doc: unknown): Promise<VerdictView> => request<VerdictView>(`${base}/verify`, { method: 'POST', json: doc });
export const lookup = (identifier: string): Promise<Lookup> => request<Lookup>(`${base}/lookup/${enc(identifier)}`);

// ── holder ──
export const getMine = (): Promise<Static<typeof LicenseList>> => request(`${base}/mine`);
export const getMyLicence = (id: string): Promise<Detail> => request<Detail>(`${base}/mine/${enc(id)}`);
export const myAccesses = (id: string): Promise<Static<typeof AccessList>> => request(`${base}/mine/${enc(id)}/accesses`);
export const downloadUrl = (id: string, format: 'json' | 'vc' | 'pdf', lang?: string): string =>
  `${base}/mine/${enc(id)}/download?format=${format}${lang ? `&lang=${enc(lang)}` : ''}`;
export const grantConsent = (body: Static<typeof GrantConsentBody>): Promise<Consent> => request<Consent>(`${base}/consents`, { method: 'POST', json: body });
export const listConsents = (licenseId?: string): Promise<Static<typeof ConsentList>> => request(`${base}/consents`, { query: { licenseId } });
export const revokeConsent = (id: string): Promise<Consent> => request<Consent>(`${base}/consents/${enc(id)}/revoke`, { method: 'POST' });
/** The caller's applications (services module), to choose which one a licence is lent to. */
export const myApplications = (): Promise<Static<typeof ApplicationList>> => request('/api/v1/services/applications/mine');

// ── staff ──
export const findLicences = (q: Static<typeof FindQuery>): Promise<Static<typeof LicenseList>> => request(base, { query: q as Record<string, string | number | undefined> });
export const getLicence = (id: string): Promise<Detail> => request<Detail>(`${base}/${enc(id)}`);
export const issueLicence = (body: Static<typeof IssueBody>): Promise<Detail> => request<Detail>(base, { method: 'POST', json: body });
export const changeStatus = (id: string, body: Static<typeof StatusBody>): Promise<Detail> => request<Detail>(`${base}/${enc(id)}/status`, { method: 'POST', json: body });
export const getType = (code: string): Promise<TypeRevision> => request<TypeRevision>(`${base}/types/${enc(code)}`);
export const listTypeIssuers = (): Promise<Static<typeof TypeIssuerList>> => request(`${base}/type-issuers`);
export const createType = (body: LicenseTypeDefinition): Promise<TypeRevision> => request<TypeRevision>(`${base}/types`, { method: 'POST', json: body });
/** Saves a new revision; `revision` is the one the editor loaded (409 LIC_TYPE_STALE when another save came first). */
export const updateType = (code: string, body: LicenseTypeDefinition & { revision: number }): Promise<TypeRevision> =>
  request<TypeRevision>(`${base}/types/${enc(code)}`, { method: 'PUT', json: body });
export const typeHistory = (code: string): Promise<{ items: TypeHistoryEntry[] }> => request(`${base}/types/${enc(code)}/history`);
export const getStats = (): Promise<StatsView> => request<StatsView>(`${base}/stats`);
