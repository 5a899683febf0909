import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { currentLocale, pickLocalized } from '@/core/i18n.ts';
import { ApiError, localizeProblem } from '@/core/request.ts';
import { getCity, type City } from '@/modules/city/api.ts';
import { getVersion, type PlatformVersion } from '@/modules/ops/api.ts';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** Every module the platform is designed to have (DESIGN.md capability map), in display order. */
export const PLANNED_MODULES = [
  'services', 'licenses', 'seals', 'archives', 'feedback', 'identity', 'crypto', 'ledger',
  'grid', 'iot', 'brain', 'gis', 'video', 'data', 'notify', 'assistant', 'forms', 'payment',
  'vault', 'ops', 'cim', 'carbon',
] as const;

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
}

function describe(err: ApiError | undefined): string {
  if (!err) return '';
  return localizeProblem(err.code, err.problem?.detail ?? err.problem?.title, err.status, err.problem?.requestId);
}

/**
 * What the platform says about itself (`/api/v1/version`) and the city it serves (`/api/v1/ops/city`).
 * Loaded once per page; each half fails on its own so the portal still renders when one is down.
 */
export const usePlatformStore = defineStore('platform', () => {
  const version = shallowRef<PlatformVersion>();
  const city = shallowRef<City>();
  const versionState = ref<LoadState>('idle');
  const cityState = ref<LoadState>('idle');
  const cityError = shallowRef<ApiError>();
  const versionError = shallowRef<ApiError>();

  const cityName = computed(() => pickLocalized(city.value?.name, currentLocale.value));
  /** Localized failure text; recomputed when the language changes. */
  const cityErrorText = computed(() => describe(cityError.value));
  const versionErrorText = computed(() => describe(versionError.value));
  const enabledModules = computed(() => new Set(version.value?.modules ?? []));
  /** The planned modules plus any other module the server reports, in display order. */
  const allModules = computed(() => [...new Set<string>([...PLANNED_MODULES, ...(version.value?.modules ?? [])])]);
  /** How many of `allModules` this server runs; undefined until the version is known. */
  const enabledCount = computed(() => (version.value ? allModules.value.filter((m) => enabledModules.value.has(m)).length : undefined));

  async function loadVersion(force = false): Promise<void> {
    if (!force && (versionState.value === 'loading' || versionState.value === 'ready')) return;
    versionState.value = 'loading';
    try {
      version.value = await getVersion();
      versionState.value = 'ready';
    } catch (err) {
      versionError.value = asApiError(err);
      versionState.value = 'error';
    }
  }

  async function loadCity(force = false): Promise<void> {
    if (!force && (cityState.value === 'loading' || cityState.value === 'ready')) return;
    cityState.value = 'loading';
    try {
      city.value = await getCity();
      cityState.value = 'ready';
    } catch (err) {
      cityError.value = asApiError(err);
      cityState.value = 'error';
    }
  }

  /** Loads both halves in parallel; never rejects. */
  async function load(force = false): Promise<void> {
    await Promise.all([loadVersion(force), loadCity(force)]);
  }

  return {
    version, city, versionState, cityState, cityError, versionError,
    cityName, cityErrorText, versionErrorText, enabledModules, allModules, enabledCount, loadVersion, loadCity, load,
  };
});
