import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { ApiError } from '@/core/request.ts';
import { getGridOutlines, getQueue, type GridEvent, type GridFeatures, type QueueReply } from './api.ts';

export type QueueFilter = 'all' | 'reported' | 'accepted' | 'opened' | 'dispatched' | 'handled' | 'verified' | 'suspended';
export const QUEUE_FILTERS: QueueFilter[] = ['all', 'reported', 'accepted', 'opened', 'dispatched', 'handled', 'verified', 'suspended'];

const REFRESH_MS = 30_000;

/** Events as GeoJSON points for the map (light and status as properties). */
export function eventPoints(items: readonly GridEvent[]) {
  return {
    type: 'FeatureCollection' as const,
    features: items.map((e) => ({ type: 'Feature' as const, id: e.id, properties: { id: e.id, light: e.stage.light, status: e.status }, geometry: { type: 'Point' as const, coordinates: [e.lon, e.lat] } })),
  };
}

/** The dispatch page's data: unit and town outlines (once), the queue (refreshed), the filter. */
export function useDispatch() {
  const units = shallowRef<GridFeatures>();
  const towns = shallowRef<GridFeatures>();
  const queue = shallowRef<QueueReply>();
  const error = shallowRef<ApiError>();
  const loading = ref(true);
  const filter = ref<QueueFilter>('all');
  let timer: ReturnType<typeof setInterval> | undefined;

  async function loadQueue(): Promise<void> {
    try {
      queue.value = await getQueue(500);
      error.value = undefined;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
    } finally {
      loading.value = false;
    }
  }

  async function loadOutlines(): Promise<void> {
    try {
      [units.value, towns.value] = await Promise.all([getGridOutlines('unit'), getGridOutlines('town')]);
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
    }
  }

  const items = computed(() => (queue.value?.items ?? []).filter((e) => filter.value === 'all' || e.status === filter.value));
  const counts = computed(() => queue.value?.counts ?? {});
  const lights = computed(() => queue.value?.lights ?? { green: 0, yellow: 0, red: 0, none: 0 });
  /** Open cases per queue filter (the `all` tab counts every open case in the queue). */
  const tabCount = (f: QueueFilter): number => (f === 'all' ? (queue.value?.items.length ?? 0) : (counts.value[f] ?? 0));

  onMounted(() => {
    void loadOutlines();
    void loadQueue();
    timer = setInterval(() => void loadQueue(), REFRESH_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));

  return { units, towns, queue, items, counts, lights, tabCount, filter, error, loading, reload: loadQueue };
}
