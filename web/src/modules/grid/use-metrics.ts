import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError } from '@/core/request.ts';
import { getMetrics, type GroupBy, type MetricsReply } from './api.ts';

export type Period = 'thisMonth' | 'lastMonth' | 'last30' | 'last90';
export const PERIODS: Period[] = ['lastMonth', 'thisMonth', 'last30', 'last90'];
export const GROUPINGS: GroupBy[] = ['town', 'department', 'category', 'month'];

const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** [from, to) of a period, months taken in UTC+8 (the city's time zone). */
export function periodRange(p: Period, now = Date.now()): { from: string; to: string } {
  const local = new Date(now + CST);
  const monthStart = (y: number, m: number) => Date.UTC(y, m, 1) - CST;
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const [from, to] =
    p === 'thisMonth' ? [monthStart(y, m), now]
    : p === 'lastMonth' ? [monthStart(y, m - 1), monthStart(y, m)]
    : p === 'last30' ? [now - 30 * DAY, now]
    : [now - 90 * DAY, now];
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The metrics page state: period, grouping, the answer. */
export function useMetrics() {
  const period = ref<Period>('lastMonth');
  const groupBy = ref<GroupBy>('town');
  const data = shallowRef<MetricsReply>();
  const error = shallowRef<ApiError>();
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const { from, to } = periodRange(period.value);
      data.value = await getMetrics(from, to, groupBy.value);
      error.value = undefined;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
    } finally {
      loading.value = false;
    }
  }

  watch([period, groupBy], () => void load(), { immediate: true });
  const groups = computed(() => data.value?.groups ?? []);
  return { period, groupBy, data, groups, error, loading, reload: load };
}
