import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';

const STORAGE_KEY = 'zc.a11y';

/** Font scale steps offered by the accessibility toolbar (multiplies the root font size). */
export const FONT_SCALES = [1, 1.25, 1.5, 1.75] as const;

interface Persisted {
  elder: boolean;
  highContrast: boolean;
  fontScale: number;
}

const DEFAULTS: Persisted = { elder: false, highContrast: false, fontScale: 1 };

function load(): Persisted {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Persisted>;
    return {
      elder: raw.elder === true,
      highContrast: raw.highContrast === true,
      fontScale: (FONT_SCALES as readonly number[]).includes(raw.fontScale ?? 1) ? (raw.fontScale ?? 1) : 1,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

/**
 * Elder mode (长者模式), the accessibility toolbar (无障碍) and kiosk mode. Elder mode and the
 * toolbar settings persist in localStorage; kiosk mode comes from the URL and is never persisted.
 */
export const useA11yStore = defineStore('a11y', () => {
  const initial = load();
  const elder = ref(initial.elder);
  const highContrast = ref(initial.highContrast);
  const fontScale = ref(initial.fontScale);
  const kiosk = ref(false);
  const panelOpen = ref(false);

  const stepIndex = computed(() => (FONT_SCALES as readonly number[]).indexOf(fontScale.value));
  const canGrow = computed(() => stepIndex.value < FONT_SCALES.length - 1);
  const canShrink = computed(() => stepIndex.value > 0);

  function toggleElder(): void {
    elder.value = !elder.value;
  }
  function toggleContrast(): void {
    highContrast.value = !highContrast.value;
  }
  function grow(): void {
    if (canGrow.value) fontScale.value = FONT_SCALES[stepIndex.value + 1] ?? fontScale.value;
  }
  function shrink(): void {
    if (canShrink.value) fontScale.value = FONT_SCALES[stepIndex.value - 1] ?? fontScale.value;
  }
  /** Restores defaults for the toolbar settings and elder mode. */
  function reset(): void {
    elder.value = DEFAULTS.elder;
    highContrast.value = DEFAULTS.highContrast;
    fontScale.value = DEFAULTS.fontScale;
  }

  watch([elder, highContrast, fontScale], () => {
    try {
      const data: Persisted = { elder: elder.value, highContrast: highContrast.value, fontScale: fontScale.value };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    } catch {
      // Storage unavailable: settings last for this page only.
    }
  });

  return {
    elder,
    highContrast,
    fontScale,
    kiosk,
    panelOpen,
    canGrow,
    canShrink,
    toggleElder,
    toggleContrast,
    grow,
    shrink,
    reset,
  };
});
