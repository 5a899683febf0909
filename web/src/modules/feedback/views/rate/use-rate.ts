import { computed, onMounted, ref, shallowRef } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { amend, getApplicationFeedback, rate, type ApplicationFeedbackView, type RateBody } from '../../api.ts';

/** Rating a completed application: load it with its occurrence, rate once, amend once. */
export function useRate() {
  const route = useRoute();
  const data = shallowRef<ApplicationFeedbackView>();
  const error = ref('');
  const busy = ref(false);
  const done = ref<'rated' | 'amended' | ''>('');
  const id = computed(() => String(route.params.applicationId));

  async function load(): Promise<void> {
    try {
      data.value = await getApplicationFeedback(id.value);
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  onMounted(load);

  async function submit(body: RateBody): Promise<void> {
    const occ = data.value?.occurrence;
    if (!occ) return;
    busy.value = true;
    try {
      if (occ.rating) {
        await amend(occ.rating.id, body);
        done.value = 'amended';
      } else {
        await rate(occ.id, body);
        done.value = 'rated';
      }
      await load();
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }
  return { data, error, busy, done, submit };
}
