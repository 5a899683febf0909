import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { ApiError } from '@/core/request.ts';
import { ACTION_PERMISSION, getCategories, getEvent, runAction, type ActionName, type CategoryList, type EventDetail, type Photo } from './api.ts';
import { useGridAccess } from './use-grid-access.ts';

/** The form of one workflow action; fields unused by an action are ignored. */
export interface ActionForm {
  note: string
  reason: string
  intoEventId: string
  departmentId: string
  passed: boolean
  closureType: '' | 'normal' | 'overdue' | 'error' | 'special'
  minutes: number
  approved: boolean
  photos: Photo[]
}

const blank = (): ActionForm => ({ note: '', reason: '', intoEventId: '', departmentId: '', passed: true, closureType: '', minutes: 60, approved: true, photos: [] });

/** Builds the request body of `action` from the form. */
export function actionBody(action: ActionName, f: ActionForm, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  if (f.note.trim()) body.note = f.note.trim();
  switch (action) {
    case 'reject': case 'return': case 'suspension': body.reason = f.reason.trim(); break;
    case 'merge': body.intoEventId = f.intoEventId.trim(); break;
    case 'dispatch': body.departmentId = f.departmentId; break;
    case 'handle': body.note = f.note.trim(); body.photos = f.photos; break;
    case 'verify': body.passed = f.passed; if (f.photos.length) body.photos = f.photos; break;
    case 'close': if (f.closureType) body.closureType = f.closureType; break;
    case 'extension': body.minutes = f.minutes; body.reason = f.reason.trim(); break;
    case 'decision': body.approved = f.approved; break;
  }
  return body;
}

/** One event's detail, its allowed actions for this user, and running an action. */
export function useEventDetail(id: Ref<string>) {
  const { can } = useGridAccess();
  const event = shallowRef<EventDetail>();
  const catalog = shallowRef<CategoryList>();
  const error = shallowRef<ApiError>();
  const busy = ref(false);
  const active = ref<ActionName | null>(null);
  const form = reactive<ActionForm>(blank());

  async function load(): Promise<void> {
    try {
      const [e, c] = await Promise.all([getEvent(id.value), catalog.value ? Promise.resolve(catalog.value) : getCategories()]);
      event.value = e;
      catalog.value = c;
      error.value = undefined;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
    }
  }

  const actions = computed(() => ((event.value?.actions ?? []) as ActionName[]).filter((a) => can(ACTION_PERMISSION[a])));
  const departments = computed(() => Object.entries(catalog.value?.departments ?? {}).map(([value, name]) => ({ value, name })));

  function start(action: ActionName): void {
    Object.assign(form, blank());
    form.departmentId = event.value?.suggestedDepartmentId ?? '';
    active.value = action;
  }

  /** Runs the active action; resolves true on success, leaves `error` set on failure. */
  async function submit(): Promise<boolean> {
    if (!active.value || !event.value) return false;
    busy.value = true;
    try {
      event.value = await runAction(event.value.id, active.value, actionBody(active.value, form, event.value.version) as never);
      active.value = null;
      error.value = undefined;
      return true;
    } catch (err) {
      error.value = err instanceof ApiError ? err : new ApiError('BAD_RESPONSE', 0, String(err));
      return false;
    } finally {
      busy.value = false;
    }
  }

  watch(id, () => void load(), { immediate: true });
  return { event, catalog, error, busy, active, form, actions, departments, start, submit, reload: load };
}
