import { computed, onMounted, ref, shallowRef } from 'vue';
import { ApiError } from '@/core/request.ts';
import { getMyMatters, getMyOccurrences, rateResult, type Level, type MatterSummary, type OccurrenceView } from '../../api.ts';

/** "My feedback": services to rate, ratings with their cases, 办不成事 matters; rating a rectification. */
export function useMy() {
  const occurrences = shallowRef<OccurrenceView[]>();
  const matters = shallowRef<MatterSummary[]>([]);
  const error = ref('');
  const busy = ref('');
  const message = ref('');

  async function load(): Promise<void> {
    try {
      const [o, m] = await Promise.all([getMyOccurrences(), getMyMatters()]);
      occurrences.value = o.items;
      matters.value = m.items;
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  onMounted(load);

  async function rateCase(caseId: string, level: Level, comment: string): Promise<void> {
    busy.value = caseId;
    try {
      await rateResult(caseId, { level, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      message.value = 'feedback.my.resultThanks';
      await load();
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      busy.value = '';
    }
  }

  const open = computed(() => (occurrences.value ?? []).filter((o) => o.status === 'open'));
  const rated = computed(() => (occurrences.value ?? []).filter((o) => o.status !== 'open'));
  return { occurrences, open, rated, matters, error, busy, message, rateCase, reload: load };
}
