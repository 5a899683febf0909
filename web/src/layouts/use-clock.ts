import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import { currentLocale } from '@/core/i18n.ts';

/** A live clock (updated every second) formatted for the current UI language. */
export function useClock() {
  const now = ref(new Date());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => (now.value = new Date()), 1000);
  });
  onBeforeUnmount(() => clearInterval(timer));

  const time = computed(() =>
    new Intl.DateTimeFormat(currentLocale.value, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now.value),
  );
  const date = computed(() =>
    new Intl.DateTimeFormat(currentLocale.value, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(now.value),
  );
  return { now, time, date };
}
