import { computed, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { actOnCase, getCase, type CaseAction, type CaseView } from '../../api.ts';
import type { Field } from '../../components/ActDialog.vue';

/** One rectification case: load, and run an action with the version seen. */
export function useCase() {
  const route = useRoute();
  const { t } = useI18n();
  const kase = shallowRef<CaseView>();
  const error = ref('');
  const busy = ref(false);
  const id = String(route.params.id);

  async function load(): Promise<void> {
    try {
      kase.value = await getCase(id);
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  onMounted(load);

  async function act(action: CaseAction, input: Record<string, unknown>): Promise<boolean> {
    if (!kase.value) return false;
    busy.value = true;
    try {
      const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined));
      kase.value = await actOnCase(id, action, { version: kase.value.version, ...body });
      error.value = '';
      return true;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
      if (err instanceof ApiError && err.code === 'FEEDBACK_VERSION_CONFLICT') await load();
      return false;
    } finally {
      busy.value = false;
    }
  }

  const yes = (v: boolean, key: string) => ({ value: v, label: t(key) });
  const FIELDS = computed<Record<CaseAction, Field[]>>(() => ({
    callback: [
      { name: 'reached', type: 'radio', options: [yes(true, 'feedback.case.reachedYes'), yes(false, 'feedback.case.reachedNo')], initial: true, required: true },
      { name: 'note', type: 'textarea', required: true },
    ],
    verify: [
      { name: 'finding', type: 'radio', options: ['valid', 'invalid', 'mistaken'].map((f) => ({ value: f, label: t(`feedback.finding.${f}`) })), initial: 'valid', required: true },
      { name: 'note', type: 'textarea', required: true },
      { name: 'appealReason', type: 'textarea' },
    ],
    review: [
      { name: 'decision', type: 'radio', options: [{ value: 'approve', label: t('feedback.case.approve') }, { value: 'reject', label: t('feedback.case.reject') }], initial: 'reject', required: true },
      { name: 'note', type: 'textarea', required: true },
    ],
    rectify: [{ name: 'measures', type: 'textarea', required: true }, { name: 'feedback', type: 'textarea', required: true }],
  }));
  return { kase, error, busy, act, FIELDS };
}
