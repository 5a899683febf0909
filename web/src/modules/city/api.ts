import { request } from '@/core/request.ts';
import type { CityReply } from '../../../../src/modules/city/schema.ts';

/** `GET /api/v1/city`: the city this platform serves and its towns and sub-districts (镇街). */
export type City = CityReply;
export type Division = CityReply['divisions'][number];
/** Kinds of the divisions listed under the city (the city itself is not one of them). */
export type DivisionKind = Exclude<Division['kind'], 'city'>;
export const DIVISION_KINDS: readonly DivisionKind[] = ['town', 'subdistrict', 'zone'];

export const getCity = (): Promise<City> => request<City>('/api/v1/city');
