import { useI18n } from 'vue-i18n';
import { currentLocale, pickLocalized } from '@/core/i18n.ts';
import type { Localized } from './api.ts';

/** Display helpers shared by grid pages: localized names, times and durations. */
export function useLabels() {
  const { t, te } = useI18n();
  const name = (text: Localized | null | undefined): string => pickLocalized(text ?? undefined, currentLocale.value);
  const time = (iso: string | null | undefined): string => {
    if (!iso) return '—';
    return new Date(iso).toLocaleString(currentLocale.value, { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  };
  /** "in 35 min" / "12 min over" relative to now, for a stage deadline. */
  const due = (iso: string | null | undefined, now = Date.now()): string => {
    if (!iso) return t('grid.due.none');
    const minutes = Math.round((Date.parse(iso) - now) / 60_000);
    if (minutes >= 0) return minutes >= 120 ? t('grid.due.inHours', { n: Math.round(minutes / 60) }) : t('grid.due.inMinutes', { n: minutes });
    return -minutes >= 120 ? t('grid.due.overHours', { n: Math.round(-minutes / 60) }) : t('grid.due.overMinutes', { n: -minutes });
  };
  /** A label from a catalog subtree, or the raw value when the catalog has none. */
  const label = (group: string, value: string | null | undefined): string => {
    if (!value) return '—';
    const key = `grid.${group}.${value}`;
    return te(key) ? t(key) : value;
  };
  return { t, name, time, due, label };
}
