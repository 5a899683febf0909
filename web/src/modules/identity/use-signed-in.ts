import { onMounted, ref } from 'vue';
import { useRouter } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { useSessionStore } from './use-session.ts';

/**
 * Loads `fetcher` once the browser is signed in; sends anonymous visitors to `loginPath` (with the
 * page to come back to). `error` holds a localized message when the call fails (403 included).
 */
export function useSignedIn<T>(loginPath: string, fetcher: () => Promise<T>) {
  const session = useSessionStore();
  const router = useRouter();
  const data = ref<T>();
  const loading = ref(true);
  const error = ref('');

  async function reload() {
    loading.value = true;
    error.value = '';
    try {
      data.value = await fetcher();
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }

  onMounted(async () => {
    const me = await session.load();
    if (!me) {
      await router.replace({ path: loginPath, query: { next: router.currentRoute.value.fullPath } });
      return;
    }
    await reload();
  });

  return { session, data, loading, error, reload };
}
