import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError, request } from '@/core/request.ts';
import { getCategories, getDuplicates, locate, reportAsCitizen, reportAsStaff, type CategoryList, type LocateReply, type Photo, type ReportReply } from './api.ts';

const STORE_KEY = 'zc.grid.reports';

export interface SavedReport { id: string; token: string; title: string; at: string }

/** The citizen's own reports (id + follow-up token), kept in this browser only. */
export function savedReports(): SavedReport[] {
  try {
    const list = JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]') as SavedReport[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function remember(r: SavedReport): void {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify([r, ...savedReports().filter((x) => x.id !== r.id)].slice(0, 20)));
  } catch {
    // Private mode: the success panel still shows the code to write down.
  }
}

export function tokenFor(id: string): string | undefined {
  return savedReports().find((r) => r.id === id)?.token;
}

/**
 * The "report a problem" form: category, description, location (map, GPS or address), photos.
 * `staff` reports as the signed-in grid worker (grid:event:report) instead of as a citizen.
 */
export function useReport(mode: 'citizen' | 'staff' = 'citizen') {
  const catalog = shallowRef<CategoryList>();
  const form = reactive({ categoryCode: '', description: '', address: '', contact: '', reporterName: '', photos: [] as Photo[] });
  const point = ref<{ lon: number; lat: number } | null>(null);
  const place = shallowRef<LocateReply>();
  const placeError = shallowRef<ApiError>();
  const duplicates = shallowRef<ReportReply['duplicates']>([]);
  const error = shallowRef<ApiError>();
  const busy = ref(false);
  const done = shallowRef<ReportReply>();

  void getCategories().then((c) => (catalog.value = c), (err) => (error.value = err as ApiError));

  const category = computed(() => catalog.value?.items.find((c) => c.code === form.categoryCode));
  const needsPhoto = computed(() => !!category.value?.evidence.report.includes('photo'));
  const ready = computed(() => !!form.categoryCode && form.description.trim().length > 0 && !!point.value && !!place.value && (!needsPhoto.value || form.photos.length > 0));

  async function setPoint(lon: number, lat: number): Promise<void> {
    point.value = { lon, lat };
    place.value = undefined;
    placeError.value = undefined;
    try {
      place.value = await locate(lon, lat);
    } catch (err) {
      placeError.value = err as ApiError;
    }
  }

  function useMyLocation(): Promise<void> {
    return new Promise((resolve) => {
      if (!navigator.geolocation) return resolve();
      navigator.geolocation.getCurrentPosition(
        (pos) => void setPoint(Math.round(pos.coords.longitude * 1e6) / 1e6, Math.round(pos.coords.latitude * 1e6) / 1e6).then(resolve),
        () => { placeError.value = new ApiError('GEOLOCATION', 0, ''); resolve(); },
        { enableHighAccuracy: true, timeout: 10_000 },
      );
    });
  }

  /** Finds the typed address in the standard address register and places the point there. */
  async function findAddress(): Promise<void> {
    if (!form.address.trim()) return;
    try {
      const g = await request<{ lon: number; lat: number }>('/api/v1/grid/geocode', { query: { q: form.address.trim() } });
      await setPoint(g.lon, g.lat);
    } catch (err) {
      placeError.value = err as ApiError;
    }
  }

  watch([() => form.categoryCode, point], async () => {
    duplicates.value = form.categoryCode && point.value ? (await getDuplicates(form.categoryCode, point.value.lon, point.value.lat).catch(() => ({ items: [] }))).items : [];
  });

  async function submit(): Promise<boolean> {
    if (!ready.value || !point.value) return false;
    busy.value = true;
    try {
      const common = {
        categoryCode: form.categoryCode, description: form.description.trim(), lon: point.value.lon, lat: point.value.lat,
        ...(form.address.trim() ? { address: form.address.trim() } : {}), ...(form.photos.length ? { photos: form.photos } : {}),
      };
      const r = mode === 'staff'
        ? await reportAsStaff({ ...common, source: 'worker' })
        : await reportAsCitizen({ ...common, ...(form.contact.trim() ? { contact: form.contact.trim() } : {}), ...(form.reporterName.trim() ? { reporterName: form.reporterName.trim() } : {}) });
      done.value = r;
      if (r.token) remember({ id: r.event.id, token: r.token, title: r.event.title, at: r.event.reportedAt });
      error.value = undefined;
      return true;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { catalog, form, point, place, placeError, duplicates, error, busy, done, category, needsPhoto, ready, setPoint, useMyLocation, findAddress, submit };
}
