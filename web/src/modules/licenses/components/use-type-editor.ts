// State and actions of the licence type editor: load a type (or start a new one), switch between the
// form and the raw JSON, save, and turn the server's problem answer into an alert and marked inputs.
import { ElMessage } from 'element-plus';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/core/request.ts';
import { createType, getType, listTypeIssuers, updateType, type LicenseTypeDefinition, type TypeIssuer, type TypeRevision } from '../api.ts';
import { newTypeForm, toDefinition, toForm, type TypeForm } from './type-form.ts';
import { provideTypeErrors } from './type-errors.ts';

/** Problem codes the editor explains beyond the server's `detail`. */
const EXPLAINED = ['LIC_TYPE_STALE', 'LIC_TYPE_IN_USE', 'LIC_TYPE_EXISTS', 'LIC_TYPE_INVALID'];

let issuerCache: Promise<TypeIssuer[]> | undefined;

/** The editor of one licence type; `onSaved` runs after a successful save. */
export function useTypeEditor(onSaved: (saved: TypeRevision) => void) {
  const { t, te } = useI18n();
  // The rule's code in the user's language; the server's English text for codes without a label.
  const explain = (e: { code: string; message: string }) => (te(`licenses.typeEditor.rule.${e.code}`) ? t(`licenses.typeEditor.rule.${e.code}`) : e.message);
  const errors = provideTypeErrors();
  const form = ref<TypeForm>(newTypeForm());
  const editing = ref<string>();
  const revision = ref(0);
  const loading = ref(false);
  const busy = ref(false);
  const alert = ref('');
  const alertCode = ref('');
  const tab = ref<'form' | 'json'>('form');
  const json = ref('');
  const issuers = ref<TypeIssuer[]>([]);

  function clearProblem(): void {
    alert.value = '';
    alertCode.value = '';
    errors.value = [];
  }

  function fail(err: unknown): void {
    alert.value = err instanceof ApiError ? err.message : String(err);
    alertCode.value = err instanceof ApiError ? err.code : '';
    // Request-schema errors name the body (`body/schema/…`); the editor's pointers start at the definition.
    errors.value = err instanceof ApiError ? (err.problem?.errors ?? []).map((e) => ({ ...e, path: e.path.replace(/^body(?=\/|$)/, ''), message: explain(e) })) : [];
  }

  /** Opens a new type (no `code`) or loads the saved one with its revision. */
  async function open(code?: string): Promise<void> {
    clearProblem();
    tab.value = 'form';
    editing.value = code;
    revision.value = 0;
    form.value = newTypeForm();
    issuerCache ??= listTypeIssuers().then((r) => r.items).catch((err) => {
      issuerCache = undefined;
      throw err;
    });
    loading.value = true;
    try {
      const [list, saved] = await Promise.all([issuerCache, code ? getType(code) : undefined]);
      issuers.value = list;
      if (saved) {
        form.value = toForm(saved);
        revision.value = saved.revision;
      }
    } catch (err) {
      fail(err);
    } finally {
      loading.value = false;
    }
  }

  /** Switches tabs; leaving the JSON tab reads it back into the form (and stays on a syntax error). */
  function switchTab(next: 'form' | 'json'): boolean {
    if (next === tab.value) return true;
    if (next === 'json') {
      json.value = JSON.stringify(toDefinition(form.value), null, 2);
    } else {
      const def = parseJson();
      if (!def) return false;
      form.value = toForm(def);
    }
    tab.value = next;
    return true;
  }

  function parseJson(): LicenseTypeDefinition | undefined {
    try {
      const def = JSON.parse(json.value) as LicenseTypeDefinition;
      if (!def || typeof def !== 'object' || !def.schema?.properties) throw new Error('shape');
      return def;
    } catch {
      alert.value = t('licenses.typeEditor.jsonInvalid');
      alertCode.value = '';
      return undefined;
    }
  }

  async function save(): Promise<void> {
    clearProblem();
    const def = tab.value === 'json' ? parseJson() : toDefinition(form.value);
    if (!def) return;
    busy.value = true;
    try {
      const saved = editing.value
        ? await updateType(editing.value, { ...def, code: editing.value, revision: revision.value })
        : await createType(def);
      ElMessage.success(t('licenses.typeEditor.saved', { code: saved.code, revision: saved.revision }));
      onSaved(saved);
    } catch (err) {
      fail(err);
    } finally {
      busy.value = false;
    }
  }

  /** Reloads the saved type after a stale save (the edits are dropped). */
  const reload = (): Promise<void> => open(editing.value);
  const hint = computed(() => (EXPLAINED.includes(alertCode.value) ? t(`licenses.typeEditor.problems.${alertCode.value}`) : ''));
  const fieldKeys = computed(() => form.value.fields.map((f) => f.key.trim()).filter(Boolean));

  return { form, editing, revision, loading, busy, alert, alertCode, hint, errors, tab, json, issuers, fieldKeys, open, switchTab, save, reload };
}
