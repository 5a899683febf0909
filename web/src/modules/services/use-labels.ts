import { useI18n } from 'vue-i18n';
import type { ApplicationSummary } from './api.ts';

type Status = ApplicationSummary['status'];

/** Element Plus tag type of each application status. */
export const STATUS_TAG: Record<Status, 'info' | 'primary' | 'success' | 'warning' | 'danger'> = {
  draft: 'info', waiting: 'info', submitted: 'primary', correction: 'warning', reviewing: 'primary',
  approved: 'success', refused: 'danger', rejected: 'danger', withdrawn: 'info',
};

/** Formats dates and durations in the current language; labels of statuses, types and actions. */
export function useServiceLabels() {
  const { t, locale } = useI18n();
  const dateTime = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—';
  const date = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—';
  return {
    t,
    dateTime,
    date,
    status: (s: string) => t(`services.status.${s}`),
    itemType: (s: string) => t(`services.type.${s}`),
    action: (s: string) => t(`services.action.${s}`),
    limit: (kind: string, days: number) => (kind === 'instant' || days === 0 ? t('services.item.instant') : t('services.item.promised', { n: days })),
  };
}
