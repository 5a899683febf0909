import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { countKinds } from '@/modules/city/use-divisions.ts';
import { usePlatformStore } from '@/stores/platform.ts';

/** Stat cards and the module table of the console home, from `/api/v1/version` and `/api/v1/ops/city`. */
export function useDashboard() {
  const { t, te } = useI18n();
  const platform = usePlatformStore();

  const stats = computed(() => {
    const v = platform.version;
    const kinds = platform.city ? countKinds(platform.city.divisions) : undefined;
    return [
      { key: 'version', label: t('platform.version'), value: v && `v${v.version}` },
      { key: 'dialect', label: t('platform.dialect'), value: v && t(`platform.dialectNames.${v.dialect}`), hint: v && t(`platform.dialects.${v.dialect}`) },
      { key: 'runtime', label: t('platform.runtime'), value: v?.node, hint: v && t('platform.nodeHint') },
      { key: 'modules', label: t('platform.modules'), value: v && `${platform.enabledCount} / ${platform.allModules.length}` },
      {
        key: 'divisions',
        label: t('console.dashboard.divisions'),
        value: kinds?.all,
        hint: kinds && t('console.dashboard.divisionsHint', { towns: kinds.town, subdistricts: kinds.subdistrict, zones: kinds.zone }),
      },
    ];
  });

  /** Every planned module, enabled ones first; extra modules the server reports are listed too. */
  const modules = computed(() => {
    return platform.allModules
      .map((name) => ({ name, label: te(`modules.${name}`) ? t(`modules.${name}`) : name, enabled: platform.enabledModules.has(name) }))
      .sort((a, b) => Number(b.enabled) - Number(a.enabled));
  });

  return { platform, stats, modules };
}
