import { ElMessage, ElMessageBox } from 'element-plus';
import { reactive, ref, type UnwrapRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/core/request.ts';

const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/**
 * A create/edit dialog over a form: `open(values, id)` fills it (id null = create), `submit(call)`
 * runs the call, closes on success and keeps the server's localized reason in `error` otherwise.
 */
export function useFormDialog<F extends object>(blank: () => F, after: () => unknown) {
  const visible = ref(false);
  const editing = ref<string | null>(null);
  const form = reactive(blank());
  const busy = ref(false);
  const error = ref('');

  function open(values: Partial<UnwrapRef<F>> = {}, id: string | null = null) {
    Object.assign(form, blank(), values);
    editing.value = id;
    error.value = '';
    visible.value = true;
  }

  async function submit(call: () => Promise<unknown>) {
    busy.value = true;
    error.value = '';
    try {
      await call();
      visible.value = false;
      await after();
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      busy.value = false;
    }
  }

  return { visible, editing, form, busy, error, open, submit };
}

/** Row actions: optional confirmation, a success toast, the server's reason as an error toast, then `after`. */
export function useActions(after: () => unknown) {
  const { t } = useI18n();
  return async function act(call: () => Promise<unknown>, opts: { confirm?: string; done?: string } = {}): Promise<boolean> {
    if (opts.confirm) {
      try {
        await ElMessageBox.confirm(opts.confirm, t('identity.admin.confirmTitle'), { type: 'warning', confirmButtonText: t('identity.admin.ok'), cancelButtonText: t('identity.admin.cancel') });
      } catch {
        return false;
      }
    }
    try {
      await call();
      ElMessage.success(opts.done ?? t('identity.admin.saved'));
      await after();
      return true;
    } catch (err) {
      ElMessage.error(messageOf(err));
      return false;
    }
  };
}

/** Times as the reader's locale writes them; '—' for none. */
export function useDateTime() {
  const { locale } = useI18n();
  return (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(locale.value, { hour12: false }) : '—');
}
