import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import { currentLocale, pickLocalized } from '@/core/i18n.ts';
import { getReady } from '@/modules/ops/api.ts';
import { countKinds, subDivisions } from '@/modules/city/use-divisions.ts';
import { usePlatformStore } from '@/stores/platform.ts';

const READY_POLL_MS = 30_000;

/**
 * Everything the overview shows, derived from what the platform reports: the city's divisions,
 * `/api/v1/version` and `/readyz` (polled). No figure here is invented.
 */
export function useBrainOverview() {
  const platform = usePlatformStore();
  const ready = ref<boolean>();
  let timer: ReturnType<typeof setInterval> | undefined;

  async function poll(): Promise<void> {
    ready.value = await getReady();
  }
  onMounted(() => {
    void poll();
    timer = setInterval(() => void poll(), READY_POLL_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));

  const kinds = computed(() => (platform.city ? countKinds(platform.city.divisions) : undefined));
  const tiles = computed(() =>
    subDivisions(platform.city?.divisions ?? []).map((d) => ({
      code: d.code,
      kind: d.kind,
      name: pickLocalized(d.name, currentLocale.value),
    })),
  );
  const modules = computed(() =>
    platform.allModules
      .map((name) => ({ name, enabled: platform.enabledModules.has(name) }))
      .sort((a, b) => Number(b.enabled) - Number(a.enabled)),
  );
  const enabledCount = computed(() => platform.enabledCount ?? 0);
  const plannedCount = computed(() => platform.allModules.length);

  return { platform, ready, kinds, tiles, modules, enabledCount, plannedCount };
}
