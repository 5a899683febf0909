import { ElMessage } from 'element-plus';
import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { getCatalogItem, publishItem, retireItem, saveDraft, validateItem, type CatalogItem, type FieldProblem, type ItemData } from '../../api.ts';

const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

/**
 * The catalog editor: the item's newest version as JSON, checked by the server's schema and
 * consistency rules as it is edited (problems listed by field), saved as a draft, published, retired.
 */
export function useEditor() {
  const route = useRoute();
  const item = shallowRef<CatalogItem>();
  const text = ref('');
  const problems = ref<FieldProblem[]>([]);
  const parseError = ref('');
  const busy = ref(false);
  const error = ref('');
  const dirty = computed(() => !!item.value && text.value !== JSON.stringify(item.value.data, null, 2));

  async function load(): Promise<void> {
    try {
      item.value = await getCatalogItem(route.params.id as string);
      text.value = JSON.stringify(item.value.data, null, 2);
      error.value = '';
    } catch (err) {
      error.value = message(err);
    }
  }
  onMounted(load);

  function parsed(): ItemData | undefined {
    try {
      parseError.value = '';
      return JSON.parse(text.value) as ItemData;
    } catch (err) {
      parseError.value = (err as Error).message;
      return undefined;
    }
  }
  async function check(): Promise<void> {
    const data = parsed();
    if (!data) return;
    try {
      problems.value = (await validateItem(data)).errors;
    } catch (err) {
      ElMessage.error(message(err));
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(text, () => { clearTimeout(timer); timer = setTimeout(check, 400); });

  async function run(call: () => Promise<CatalogItem>, done: string): Promise<void> {
    busy.value = true;
    try {
      item.value = await call();
      text.value = JSON.stringify(item.value.data, null, 2);
      problems.value = [];
      ElMessage.success(done);
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors) problems.value = err.problem.errors;
      ElMessage.error(message(err));
    } finally {
      busy.value = false;
    }
  }
  return {
    item, text, problems, parseError, busy, error, dirty, check,
    save: (done: string) => { const d = parsed(); return d ? run(() => saveDraft(item.value!.id, d), done) : Promise.resolve() },
    publish: (done: string) => run(() => publishItem(item.value!.id, item.value!.draftVersion!), done),
    retire: (done: string) => run(() => retireItem(item.value!.id), done),
  };
}
