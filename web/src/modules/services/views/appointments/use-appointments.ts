import { ElMessage } from 'element-plus';
import { onMounted, ref, shallowRef, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { book, cancelAppointment, getHalls, getMyAppointments, getSlots, type Appointment, type Hall, type Slot } from '../../api.ts';

/** A civil date in Beijing time, `days` from today. */
export function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/** Hall, day and slot choice; booking and the caller's bookings (which need a signed-in user). */
export function useAppointments() {
  const route = useRoute();
  const halls = shallowRef<Hall[]>([]);
  const hallId = ref('hall-city');
  const date = ref(chinaDay(1));
  const day = shallowRef<{ workday: boolean; slots: Slot[] }>();
  const mine = shallowRef<Appointment[]>();
  const mineError = ref('');
  const booked = shallowRef<Appointment>();
  const busy = ref(false);
  const itemId = typeof route.query.itemId === 'string' ? route.query.itemId : undefined;

  async function loadSlots(): Promise<void> {
    try {
      day.value = await getSlots(hallId.value, date.value);
    } catch (err) {
      ElMessage.error(message(err));
    }
  }
  async function loadMine(): Promise<void> {
    try {
      mine.value = (await getMyAppointments()).items;
      mineError.value = '';
    } catch (err) {
      mineError.value = message(err);
    }
  }
  onMounted(async () => {
    halls.value = (await getHalls().catch(() => ({ halls: [] }))).halls;
    await Promise.all([loadSlots(), loadMine()]);
  });
  watch([hallId, date], loadSlots);

  async function take(slot: Slot): Promise<void> {
    busy.value = true;
    try {
      booked.value = await book({ hallId: hallId.value, date: date.value, start: slot.start, ...(itemId ? { itemId } : {}) });
      await Promise.all([loadSlots(), loadMine()]);
    } catch (err) {
      ElMessage.error(message(err));
    } finally {
      busy.value = false;
    }
  }
  async function cancel(a: Appointment): Promise<void> {
    try {
      await cancelAppointment(a.id);
      await Promise.all([loadSlots(), loadMine()]);
    } catch (err) {
      ElMessage.error(message(err));
    }
  }
  return { halls, hallId, date, day, mine, mineError, booked, busy, take, cancel, itemId };
}
