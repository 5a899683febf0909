import { ref, shallowRef, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { getGuide, getPlaces, type Guide, type Place } from '../../api.ts';

/** The guide of the item in the route, and the towns where the same item is handled. */
export function useGuide() {
  const route = useRoute();
  const guide = shallowRef<Guide>();
  const places = shallowRef<Place[]>([]);
  const error = ref('');
  watch(() => route.params.id as string, async (id) => {
    if (!id) return;
    error.value = '';
    try {
      const [g, p] = await Promise.all([getGuide(id), getPlaces(id)]);
      guide.value = g;
      places.value = p.places;
    } catch (err) {
      guide.value = undefined;
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }, { immediate: true });
  return { guide, places, error };
}
