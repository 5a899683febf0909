import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError } from '@/core/request.ts';
import { getGroups, getOverview, type Dimension, type GroupStats, type OverviewStats, type Range } from '../../api.ts';

export type Period = '30d' | '90d' | '12m';
export const PERIODS: Period[] = ['30d', '90d', '12m'];
export const DIMENSIONS: Dimension[] = ['department', 'item', 'hall', 'window', 'clerk', 'month', 'channel'];

/** The range of a period, in China civil dates. */
export function rangeOf(p: Period, now = Date.now()): Range {
  const day = (d: number) => new Date(now + 8 * 3_600_000 - d * 86_400_000).toISOString().slice(0, 10);
  return p === '12m' ? {} : { from: day(p === '30d' ? 30 : 90), to: day(0) };
}

/** Console statistics: the overview and one grouping, reloaded on a change of period or grouping. */
export function useStats() {
  const period = ref<Period>('90d');
  const by = ref<Dimension>('department');
  const overview = shallowRef<OverviewStats>();
  const groups = shallowRef<GroupStats>();
  const error = ref('');
  const loading = ref(false);
  const range = computed(() => rangeOf(period.value));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      [overview.value, groups.value] = await Promise.all([getOverview(range.value), getGroups(by.value, range.value)]);
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }
  watch([period, by], load, { immediate: true });
  return { period, by, overview, groups, error, loading, range };
}
