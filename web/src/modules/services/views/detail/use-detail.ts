import { ElMessage } from 'element-plus';
import { onMounted, ref, shallowRef } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { getApplication, staffAct, type ApplicationView, type StaffAction } from '../../api.ts';

/** Actions that need more than a click: what the officer is asked for. */
export const NEEDS_INPUT: Partial<Record<StaffAction, Array<'reason' | 'remedy' | 'legalBasis' | 'comment' | 'assigneeId' | 'assigneeName' | 'toStep'>>> = {
  reject: ['reason', 'legalBasis'],
  'request-correction': ['reason'],
  refuse: ['reason', 'remedy', 'legalBasis'],
  return: ['toStep', 'comment'],
  transfer: ['assigneeId', 'assigneeName', 'comment'],
};

/** One application in the console and the actions on it (each sends the version seen). */
export function useDetail() {
  const route = useRoute();
  const app = shallowRef<ApplicationView>();
  const error = ref('');
  const busy = ref(false);
  async function load(): Promise<void> {
    try {
      app.value = await getApplication(route.params.id as string);
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  onMounted(load);
  async function act(action: StaffAction, input: Record<string, unknown> = {}): Promise<boolean> {
    busy.value = true;
    try {
      const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null));
      app.value = await staffAct(app.value!.id, action, { ...body, version: app.value!.version });
      return true;
    } catch (err) {
      ElMessage.error(err instanceof ApiError ? err.message : String(err));
      if (err instanceof ApiError && err.status === 409) await load();
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { app, error, busy, act, load };
}
