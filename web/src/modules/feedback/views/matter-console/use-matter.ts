import { computed, onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { actOnMatter, getMatter, getOptions, type MatterAction, type MatterView, type Options } from '../../api.ts';
import type { Field } from '../../components/ActDialog.vue';

/** Known department codes for transfers (the demo city's; a free entry is also accepted). */
const DEPARTMENTS = ['zs-scjgj', 'zs-gaj', 'zs-rsj', 'zs-wjj', 'zs-mzj', 'zs-zjj', 'zs-sw', 'zs-ybj', 'zs-gjj', 'zs-zrzyj', 'zs-jtj', 'zs-cgj', 'zs-zsj'];

/** One 办不成事 matter in the console: load, and run a step of the loop. */
export function useMatter() {
  const route = useRoute();
  const { t, locale } = useI18n();
  const matter = shallowRef<MatterView>();
  const options = shallowRef<Options>();
  const error = ref('');
  const busy = ref(false);
  const id = String(route.params.id);

  async function load(): Promise<void> {
    try {
      [matter.value, options.value] = await Promise.all([getMatter(id), getOptions()]);
      error.value = '';
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  }
  onMounted(load);

  async function act(action: MatterAction, input: Record<string, unknown>): Promise<boolean> {
    if (!matter.value) return false;
    busy.value = true;
    try {
      const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined));
      matter.value = await actOnMatter(id, action, { version: matter.value.version, ...body });
      error.value = '';
      return true;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const label = (l: Record<string, string>) => l[locale.value] ?? l['zh-CN'] ?? '';
  const FIELDS = computed<Record<MatterAction, Field[]>>(() => ({
    decline: [
      { name: 'kind', type: 'radio', required: true, initial: 'private', options: Object.entries(options.value?.declineKinds ?? {}).map(([k, v]) => ({ value: k, label: label(v.label) })) },
      { name: 'explanation', type: 'textarea', required: true },
      { name: 'remedy', type: 'textarea' },
    ],
    classify: [
      { name: 'tier', type: 'radio', required: true, initial: 'transfer', options: Object.entries(options.value?.tiers ?? {}).map(([k, v]) => ({ value: k, label: label(v) })) },
      { name: 'note', type: 'textarea' },
    ],
    transfer: [
      { name: 'departmentIds', type: 'multi', required: true, options: DEPARTMENTS.map((d) => ({ value: d, label: d })) },
      { name: 'note', type: 'textarea', required: true },
    ],
    resolve: [{ name: 'result', type: 'textarea', required: true }],
    feedback: [{ name: 'feedback', type: 'textarea', required: true }],
    check: [
      { name: 'passed', type: 'radio', required: true, initial: true, options: [{ value: true, label: t('feedback.matterConsole.passed') }, { value: false, label: t('feedback.matterConsole.failed') }] },
      { name: 'note', type: 'textarea', required: true },
    ],
    file: [{ name: 'note', type: 'textarea' }],
  }));
  return { matter, error, busy, act, FIELDS };
}
