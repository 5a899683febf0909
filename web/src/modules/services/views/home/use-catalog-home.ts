import { computed, onMounted, ref, shallowRef } from 'vue';
import { ApiError } from '@/core/request.ts';
import { getBundles, getThemes, searchItems, type Bundle, type SearchHit, type Theme } from '../../api.ts';

/** Themes, bundles and popular items for the catalog home; each part fails on its own. */
export function useCatalogHome() {
  const themes = shallowRef<Theme[]>([]);
  const bundles = shallowRef<Bundle[]>([]);
  const popular = shallowRef<SearchHit[]>([]);
  const error = ref('');
  const loading = ref(true);
  const audience = ref<'person' | 'legal'>('person');
  const shown = computed(() => themes.value.filter((t) => t.audience === audience.value));
  onMounted(async () => {
    const fail = (err: unknown) => { error.value = err instanceof ApiError ? err.message : String(err); };
    await Promise.all([
      getThemes().then((r) => { themes.value = r.themes; }, fail),
      getBundles().then((r) => { bundles.value = r.bundles; }, fail),
      searchItems({ pageSize: 8 }).then((r) => { popular.value = r.items; }, fail),
    ]);
    loading.value = false;
  });
  return { themes: shown, bundles, popular, error, loading, audience };
}
