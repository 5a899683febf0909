import { shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { currentLocale } from '@/core/i18n.ts';
import { listTypes, type LicenceType } from './api.ts';

type Lang = 'zh-CN' | 'zh-TW' | 'en-US';
type Labels = Record<Lang, string>;

const types = shallowRef<Map<string, LicenceType>>();
let loading: Promise<Map<string, LicenceType>> | undefined;

/** The licence type catalogue, loaded once per page load and shared; `force` asks the server again (after an edit). */
export function loadTypes(force = false): Promise<Map<string, LicenceType>> {
  if (force) loading = undefined;
  loading ??= listTypes().then((r) => {
    types.value = new Map(r.items.map((t) => [t.code, t]));
    return types.value;
  }).catch((err) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Labels of licences in the current language: type names, field labels, values, statuses, dates. */
export function useLicenceLabels() {
  const { t } = useI18n();
  const lang = (): Lang => currentLocale.value as Lang;
  const text = (l: Labels | undefined, fallback = ''): string => (l ? l[lang()] || l['zh-CN'] : fallback);
  const type = (code: string): LicenceType | undefined => types.value?.get(code);
  const typeName = (code: string, fallback: Labels | string = ''): string => {
    const t0 = type(code);
    if (t0) return text(t0.name);
    return typeof fallback === 'string' ? fallback : text(fallback);
  };
  const fieldLabel = (code: string, key: string, fallback?: string): string => text(type(code)?.schema.properties[key]?.title, fallback ?? key);
  const fieldValue = (code: string, key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    const f = type(code)?.schema.properties[key];
    if (f?.enum && f.enumLabels) {
      const i = f.enum.indexOf(value as string);
      if (i >= 0 && f.enumLabels[i]) return text(f.enumLabels[i]);
    }
    if (typeof value === 'boolean') return t(value ? 'licenses.common.yes' : 'licenses.common.no');
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
  /** A status in the type's own wording when it has one (营业执照 "吊销"), else the common word. */
  const statusLabel = (status: string, code?: string): string => {
    const own = code ? type(code)?.statusCodes.find((s) => s.code === status) : undefined;
    return own ? text(own.label) : t(`licenses.status.${status}`);
  };
  const date = (v: string | null | undefined): string => (v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toLocaleDateString(lang(), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: v.length === 10 ? 'UTC' : undefined }) : t('licenses.common.longTerm'));
  const dateTime = (v: string | null | undefined): string => (v ? new Date(v).toLocaleString(lang(), { hour12: false }) : '—');
  return { t, lang, text, type, types, typeName, fieldLabel, fieldValue, statusLabel, date, dateTime };
}
