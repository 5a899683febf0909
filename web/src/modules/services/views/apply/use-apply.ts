import { computed, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useA11yStore } from '@/core/a11y/index.ts';
import { ApiError } from '@/core/request.ts';
import {
  applicantAct, getApplication, provideByLicence, removeMaterial, saveForm, uploadMaterial, type ApplicationView,
} from '../../api.ts';

export type Step = 'tasks' | 'form' | 'materials' | 'check' | 'done';
const STEPS: Step[] = ['tasks', 'form', 'materials', 'check', 'done'];
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The application wizard (task list → form → materials → check your answers → done) over one
 * application; the step lives in the URL. Field errors from the server land on their fields.
 */
export function useApply() {
  const route = useRoute();
  const router = useRouter();
  const app = shallowRef<ApplicationView>();
  const error = ref('');
  const busy = ref(false);
  const queryCode = ref('');
  const fieldErrors = ref<Record<string, string>>({});
  const step = computed<Step>(() => (STEPS.includes(route.query.step as Step) ? (route.query.step as Step) : 'tasks'));
  const go = (s: Step) => router.push({ query: { ...route.query, step: s } });

  async function load(): Promise<void> {
    try {
      app.value = await getApplication(route.params.id as string);
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  watch(() => route.params.id, load, { immediate: true });

  const formDone = computed(() => {
    const a = app.value;
    if (!a) return false;
    return (a.form.schema.required ?? []).every((n) => !blank(a.formData[n]));
  });
  const materialsDone = computed(() => !!app.value && app.value.materials.every((m) => !m.required || m.source === 'department' || m.provided));

  /** Runs a call that returns the new application; maps field errors; never throws. */
  async function run(call: () => Promise<ApplicationView>): Promise<boolean> {
    busy.value = true;
    error.value = '';
    fieldErrors.value = {};
    try {
      app.value = await call();
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        error.value = err.message;
        for (const e of err.problem?.errors ?? []) fieldErrors.value[e.path.replace(/^\/(form|materials)\//, '')] = e.message;
      } else error.value = String(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return {
    app, error, busy, step, go, queryCode, fieldErrors, formDone, materialsDone, reload: load,
    saveAnswers: (data: Record<string, unknown>) => run(() => saveForm(app.value!.id, app.value!.version, data)),
    upload: (code: string, file: File) => run(() => uploadMaterial(app.value!.id, code, file)),
    byLicence: (code: string) => run(() => provideByLicence(app.value!.id, code)),
    remove: (code: string) => run(() => removeMaterial(app.value!.id, code)),
    async submit(): Promise<void> {
      const action = app.value!.status === 'correction' ? 'resubmit' : 'submit';
      const ok = await run(() => applicantAct(app.value!.id, action, app.value!.version));
      if (ok) {
        queryCode.value = app.value?.queryCode ?? '';
        // At a kiosk the receipt page follows (print, then sign out); the code travels in history state only.
        if (useA11yStore().kiosk) await router.push({ name: 'services-kiosk-receipt', params: { id: app.value!.id }, state: { queryCode: queryCode.value } });
        else await go('done');
      }
    },
  };
}
