import { computed, watch } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from 'element-plus/es/locale/index.mjs';
import elEn from 'element-plus/es/locale/lang/en.mjs';
import elZhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import elZhTw from 'element-plus/es/locale/lang/zh-tw.mjs';

/** The UI languages, zh-CN first: it is the default and the reference catalog. */
export const LOCALES = ['zh-CN', 'zh-TW', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const STORAGE_KEY = 'zc.locale';

/** Value of `<html lang>` per UI language (BCP 47; plain `en` for English). */
export const HTML_LANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', 'en-US': 'en' };

const ELEMENT_LOCALES: Record<Locale, Language> = { 'zh-CN': elZhCn, 'zh-TW': elZhTw, 'en-US': elEn };

type Catalog = { [key: string]: string | Catalog };

const coreCatalogs = import.meta.glob<Catalog>('../locales/*.json', { eager: true, import: 'default' });
const moduleCatalogs = import.meta.glob<Catalog>('../modules/*/locales/*.json', {
  eager: true,
  import: 'default',
});

/**
 * Builds the message tree per locale: the core catalog at the top level and each module's
 * catalog under its folder name (`modules/portal/locales/zh-CN.json` → `portal.*`).
 */
export function buildMessages(): Record<Locale, Catalog> {
  const messages = Object.fromEntries(LOCALES.map((l) => [l, {} as Catalog])) as Record<Locale, Catalog>;
  for (const [path, catalog] of Object.entries(coreCatalogs)) {
    const locale = path.match(/([\w-]+)\.json$/)?.[1] as Locale;
    if (LOCALES.includes(locale)) Object.assign(messages[locale], catalog);
  }
  for (const [path, catalog] of Object.entries(moduleCatalogs)) {
    const m = path.match(/modules\/([\w-]+)\/locales\/([\w-]+)\.json$/);
    if (!m) continue;
    const [, moduleName, locale] = m as unknown as [string, string, Locale];
    if (LOCALES.includes(locale)) messages[locale][moduleName] = catalog;
  }
  return messages;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: buildMessages(),
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

/** The current UI language as a ref-like computed. */
export const currentLocale = computed<Locale>(() => i18n.global.locale.value as Locale);

/** Element Plus messages for the current UI language (for `<el-config-provider :locale>`). */
export const elementLocale = computed<Language>(() => ELEMENT_LOCALES[currentLocale.value]);

/** Switches the UI language, persists the choice and updates `<html lang>`. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or a full quota: the choice then lasts for this page only.
  }
}

/** Keeps `<html lang>` in step with the UI language; call once at startup. */
export function syncHtmlLang(): void {
  watch(
    currentLocale,
    (locale) => {
      document.documentElement.lang = HTML_LANG[locale];
    },
    { immediate: true },
  );
}

/** Picks the string for the current language from a server-provided `{ 'zh-CN': …, … }` map. */
export function pickLocalized(text: Partial<Record<Locale, string>> | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] ?? text[DEFAULT_LOCALE] ?? Object.values(text)[0] ?? '';
}
