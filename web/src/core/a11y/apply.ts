import { watchEffect } from 'vue';
import { useA11yStore } from './store.ts';

/**
 * Mirrors the a11y store onto `<html>`: classes `zc-elder`, `zc-contrast`, `zc-kiosk` and the CSS
 * variable `--zc-font-scale`, which the stylesheets turn into root font size, contrast and layout.
 * Call once after Pinia is installed.
 */
export function applyA11yToDocument(root: HTMLElement = document.documentElement): void {
  const a11y = useA11yStore();
  watchEffect(() => {
    root.classList.toggle('zc-elder', a11y.elder);
    root.classList.toggle('zc-contrast', a11y.highContrast);
    root.classList.toggle('zc-kiosk', a11y.kiosk);
    root.style.setProperty('--zc-font-scale', String(a11y.fontScale));
  });
}
