import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import { usePlatformStore } from '@/stores/platform.ts';

/** Keeps `document.title` as "<page> · <site>" in the current language. Call from App setup. */
export function useDocumentTitle(): void {
  const route = useRoute();
  const { t } = useI18n();
  const platform = usePlatformStore();
  watchEffect(() => {
    const site = platform.cityName ? t('app.siteTitle', { city: platform.cityName }) : t('app.name');
    const page = route.meta.title ? t(route.meta.title) : '';
    document.title = page ? `${page} · ${site}` : site;
  });
}
