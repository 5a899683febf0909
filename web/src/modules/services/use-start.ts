import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { createApplication } from './api.ts';

/** Starts an application (item or bundle) and opens its wizard; shows the reason when it cannot. */
export function useStartApplication() {
  const router = useRouter();
  const starting = ref(false);
  async function start(body: { itemId: string } | { bundleCode: string }): Promise<void> {
    starting.value = true;
    try {
      const a = await createApplication(body);
      await router.push({ name: 'services-apply', params: { id: a.id } });
    } catch (err) {
      ElMessage.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      starting.value = false;
    }
  }
  return { start, starting };
}
