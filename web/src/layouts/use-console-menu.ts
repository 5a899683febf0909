import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { useAccessStore } from '@/core/access/index.ts';
import { buildMenu } from '@/router/menu.ts';
import { routesOf } from '@/router/index.ts';

/** The console side menu (from module route meta, filtered by permission) and its mobile drawer state. */
export function useConsoleMenu() {
  const access = useAccessStore();
  const route = useRoute();
  const items = computed(() => buildMenu('/console', routesOf('console'), access.codes));
  const active = computed(() => {
    const match = [...items.value].sort((a, b) => b.path.length - a.path.length).find((i) => route.path.startsWith(i.path));
    return match?.path ?? route.path;
  });
  const current = computed(() => items.value.find((i) => i.path === active.value));
  const open = ref(false);
  watch(() => route.fullPath, () => (open.value = false));
  return { items, active, current, open };
}
