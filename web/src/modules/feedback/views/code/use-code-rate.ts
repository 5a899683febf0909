import { ref, shallowRef } from 'vue';
import { ApiError } from '@/core/request.ts';
import { getCode, rateByCode, type CodeOccurrence, type RateBody, type RatingView } from '../../api.ts';

/** Rating with a code (the message link, the hall kiosk): look the code up, rate once. */
export function useCodeRate(channel: 'kiosk' | 'sms') {
  const occurrence = shallowRef<CodeOccurrence>();
  const rated = shallowRef<RatingView>();
  const error = ref('');
  const busy = ref(false);
  let code = '';

  async function lookup(value: string): Promise<void> {
    code = value.trim().toUpperCase();
    error.value = '';
    rated.value = undefined;
    occurrence.value = undefined;
    busy.value = true;
    try {
      occurrence.value = await getCode(code);
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }

  async function submit(body: RateBody): Promise<void> {
    busy.value = true;
    try {
      rated.value = await rateByCode(code, { ...body, channel });
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }

  function reset(): void {
    occurrence.value = undefined;
    rated.value = undefined;
    error.value = '';
    code = '';
  }
  return { occurrence, rated, error, busy, lookup, submit, reset };
}
