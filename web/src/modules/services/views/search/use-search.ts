import { computed, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter, type LocationQueryValue } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { searchItems, type SearchReply } from '../../api.ts';

const one = (v: LocationQueryValue | LocationQueryValue[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? undefined;

/** The search page's state lives in the URL (q, theme, audience, town, type, page) so results can be shared. */
export function useSearchPage() {
  const route = useRoute();
  const router = useRouter();
  const reply = shallowRef<SearchReply>();
  const error = ref('');
  const loading = ref(false);
  const filters = computed(() => ({
    q: one(route.query.q) || undefined,
    theme: one(route.query.theme) || undefined,
    audience: (one(route.query.audience) || undefined) as 'person' | 'legal' | undefined,
    town: one(route.query.town) || undefined,
    type: one(route.query.type) || undefined,
    page: Number(one(route.query.page) ?? 1) || 1,
  }));

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      reply.value = await searchItems({ ...filters.value, type: filters.value.type as never, pageSize: 10 });
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }
  watch(filters, load, { immediate: true });

  /** Changes one filter (back to page 1) by navigating. */
  function setFilter(key: 'theme' | 'audience' | 'town' | 'type' | 'page', value: string | number | undefined): void {
    const query = { ...route.query, [key]: value === undefined || value === '' ? undefined : String(value) };
    if (key !== 'page') delete query.page;
    void router.push({ query });
  }
  return { reply, error, loading, filters, setFilter };
}
