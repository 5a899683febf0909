import { onBeforeUnmount, onMounted, ref } from 'vue';
import { ApiError } from '@/core/request.ts';
import { kioskSignOut, kioskWhoAmI } from '../../api.ts';

/** Where a kiosk session starts and ends. */
export const KIOSK_HOME = '/kiosk/services';
/** sessionStorage key overriding the idle limit in seconds (a test or an installer sets it). */
export const IDLE_KEY = 'zc.kiosk.idleSeconds';
const DEFAULT_IDLE_SECONDS = 120;

/** Seconds without a touch or key before the kiosk signs out (warning shown in the last third, at most 20 s). */
export function idleLimit(): number {
  const v = Number(sessionStorage.getItem(IDLE_KEY));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_IDLE_SECONDS;
}

/**
 * Ends the kiosk session: signs out (ignoring a session already gone) and reloads the kiosk home,
 * so that nothing of the last person (answers, names, stores) stays in the page.
 */
export async function endKioskSession(): Promise<void> {
  try {
    await kioskSignOut();
  } catch {
    // Nobody was signed in, or the session already expired: the reload below is what matters.
  }
  window.location.assign(`${KIOSK_HOME}?bye=1`);
}

/** The signed-in person's name, or null; never throws (a 401 means nobody). */
export async function kioskPerson(): Promise<{ name: string } | null> {
  try {
    return await kioskWhoAmI();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/**
 * Watches for touches and keys; after `idleLimit()` seconds without any, ends the session.
 * `left` counts down the last seconds (null while the person is active) for the warning.
 */
export function useKioskIdle() {
  const left = ref<number | null>(null);
  let last = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  let ending = false;
  const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
  const active = () => {
    last = Date.now();
    left.value = null;
  };
  function tick(): void {
    const limit = idleLimit();
    const warn = Math.min(20, Math.ceil(limit / 3));
    const idle = (Date.now() - last) / 1000;
    if (idle >= limit) {
      if (!ending) {
        ending = true;
        void endKioskSession();
      }
      return;
    }
    left.value = idle >= limit - warn ? Math.ceil(limit - idle) : null;
  }
  onMounted(() => {
    for (const e of events) document.addEventListener(e, active, { passive: true, capture: true });
    timer = setInterval(tick, 500);
  });
  onBeforeUnmount(() => {
    for (const e of events) document.removeEventListener(e, active, { capture: true });
    if (timer) clearInterval(timer);
  });
  return { left, stay: active };
}
