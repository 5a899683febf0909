import { useI18n } from 'vue-i18n';
import type { Level } from './api.ts';

export const LEVELS: Level[] = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'];
export const isBad = (l: Level | null | undefined) => l === 'dissatisfied' || l === 'very-dissatisfied';

/** Tag colour per case status, matter status and light. */
export const TAG_TYPE: Record<string, 'info' | 'primary' | 'success' | 'warning' | 'danger'> = {
  open: 'danger', 'called-back': 'warning', appealing: 'warning', rectifying: 'primary', rectified: 'success', closed: 'info',
  registered: 'danger', classified: 'warning', transferred: 'primary', resolved: 'primary', 'fed-back': 'success', checked: 'success', filed: 'info', declined: 'info',
  green: 'success', yellow: 'warning', red: 'danger', none: 'info',
  'very-satisfied': 'success', satisfied: 'success', basic: 'primary', dissatisfied: 'warning', 'very-dissatisfied': 'danger',
};

/** Dates in China time in the current language; percentages; labels. */
export function useFeedbackLabels() {
  const { t, locale } = useI18n();
  const dateTime = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—';
  const date = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—');
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
  /** Today in China as YYYY-MM-DD, `days` later (negative: earlier). */
  const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return {
    t, locale, dateTime, date, pct, chinaDay,
    level: (l: string | null | undefined) => (l ? t(`feedback.level.${l}`) : '—'),
    caseStatus: (s: string) => t(`feedback.caseStatus.${s}`),
    matterStatus: (s: string) => t(`feedback.matterStatus.${s}`),
    channel: (c: string) => t(`feedback.channel.${c}`),
    light: (l: string) => t(`feedback.light.${l}`),
  };
}
