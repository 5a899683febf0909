import { computed } from 'vue';
import { countKinds } from '@/modules/city/use-divisions.ts';
import { usePlatformStore } from '@/stores/platform.ts';

/** Portal capabilities shown in 服务导航, each tied to the platform module that provides it. */
export const PORTAL_SERVICES = [
  { module: 'services', icon: 'document', to: '/services' },
  { module: 'licenses', icon: 'postcard', to: '/licenses' },
  { module: 'feedback', icon: 'star', to: '/feedback' },
  { module: 'ledger', icon: 'checked' },
  { module: 'assistant', icon: 'chat' },
  { module: 'vault', icon: 'lock' },
  { module: 'payment', icon: 'wallet' },
  { module: 'data', icon: 'data' },
] as const;

export type ServiceIcon = (typeof PORTAL_SERVICES)[number]['icon'];

/** Figures for the hero, all taken from the platform's own answers (nothing invented). */
export function useHomeStats() {
  const platform = usePlatformStore();
  const kinds = computed(() => (platform.city ? countKinds(platform.city.divisions) : undefined));
  const enabledCount = computed(() => platform.enabledCount);
  const plannedCount = computed(() => platform.allModules.length);
  return { platform, kinds, enabledCount, plannedCount };
}

/** 服务导航 cards with their live status: enabled when the platform reports the module. */
export function useServiceCards() {
  const platform = usePlatformStore();
  return computed(() =>
    PORTAL_SERVICES.map((s) => ({
      ...s,
      enabled: platform.enabledModules.has(s.module),
      known: platform.versionState === 'ready',
    })),
  );
}
