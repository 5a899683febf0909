import { onMounted, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { getApplicationFeedback, registerMatter, type ApplicationFeedbackView, type RegisterMatterBody } from '../../api.ts';

/**
 * The 办不成事 form. With `?application=<id>` (the services pages link here from a refused
 * application) the caller's application is loaded, linked and its facts fill the form.
 */
export function useMatterForm() {
  const route = useRoute();
  const router = useRouter();
  const { t } = useI18n();
  const form = reactive<{ title: string; place: string; reason: string; category: RegisterMatterBody['category'] | ''; contact: string }>({ title: '', place: '', reason: '', category: '', contact: '' });
  const linked = shallowRef<ApplicationFeedbackView['application']>();
  const error = ref('');
  const fieldErrors = ref<Record<string, string>>({});
  const busy = ref(false);

  onMounted(async () => {
    const id = route.query.application;
    if (typeof id !== 'string' || !id) return;
    try {
      const app = (await getApplicationFeedback(id)).application;
      linked.value = app;
      form.title = t('feedback.matterNew.prefillTitle', { name: app.itemName, number: app.number });
      form.place = app.departmentName;
      form.reason = app.reason ? t('feedback.matterNew.prefillReason', { reason: app.reason, remedy: app.remedy ?? '' }) : '';
      form.category = 'online';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  });

  async function submit(): Promise<void> {
    fieldErrors.value = {};
    const missing: Record<string, string> = {};
    for (const k of ['title', 'place', 'reason', 'category'] as const) if (form[k].trim().length < 2 && k !== 'category') missing[k] = t('feedback.matterNew.required');
    if (!form.category) missing.category = t('feedback.matterNew.required');
    if (Object.keys(missing).length) { fieldErrors.value = missing; return; }
    busy.value = true;
    try {
      const m = await registerMatter({
        title: form.title.trim(), place: form.place.trim(), reason: form.reason.trim(), category: form.category as RegisterMatterBody['category'],
        ...(form.contact.trim() ? { contact: form.contact.trim() } : {}), ...(linked.value ? { applicationId: linked.value.id } : {}),
      });
      await router.push({ name: 'feedback-matter', params: { id: m.id }, query: { registered: '1' } });
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors) {
        fieldErrors.value = Object.fromEntries(err.problem.errors.map((e) => [e.path.replace(/^\//, ''), e.message]));
      }
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      busy.value = false;
    }
  }
  return { form, linked, error, fieldErrors, busy, submit };
}
