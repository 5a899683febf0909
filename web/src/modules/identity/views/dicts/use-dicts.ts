import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import * as api from '../../api.ts';
import { useActions, useFormDialog } from '../../use-admin.ts';
import { useSignedIn } from '../../use-signed-in.ts';

export const TAG_COLORS = ['primary', 'success', 'info', 'warning', 'danger'] as const;

/** The dictionaries page (字典管理): types on the left, the items of the chosen one on the right. */
export function useDicts() {
  const { t, locale } = useI18n();
  const { data: types, loading, error, reload } = useSignedIn('/console/login', api.listDictTypes);
  const selected = ref('');
  const items = ref<api.DictItem[]>([]);
  const itemsLoading = ref(false);
  const label = (l: { 'zh-CN': string; 'zh-TW': string; 'en-US': string }) => l[locale.value as keyof typeof l] ?? l['zh-CN'];
  const current = computed(() => types.value?.find((x) => x.code === selected.value));

  async function loadItems() {
    if (!selected.value) return;
    itemsLoading.value = true;
    try {
      items.value = await api.listDictItems(selected.value);
    } finally {
      itemsLoading.value = false;
    }
  }
  watch(types, (list) => {
    if (list?.length && !list.some((x) => x.code === selected.value)) selected.value = list[0]!.code;
  });
  watch(selected, () => void loadItems());

  const typeDlg = useFormDialog(() => ({ code: '', zhCN: '', zhTW: '', enUS: '', description: '' }), async () => {
    await reload();
    selected.value = typeDlg.form.code;
  });
  const saveType = () => typeDlg.submit(() => api.createDictType({
    code: typeDlg.form.code, name: { 'zh-CN': typeDlg.form.zhCN, 'zh-TW': typeDlg.form.zhTW, 'en-US': typeDlg.form.enUS }, description: typeDlg.form.description,
  }));

  const itemDlg = useFormDialog(() => ({ value: '', zhCN: '', zhTW: '', enUS: '', color: '' as string, sort: 0, active: true }), loadItems);
  const editItem = (i: api.DictItem) => itemDlg.open({
    value: i.value, zhCN: i.label['zh-CN'], zhTW: i.label['zh-TW'], enUS: i.label['en-US'], color: i.color ?? '', sort: i.sort, active: i.status === 'active',
  }, i.id);
  function saveItem() {
    const f = itemDlg.form;
    const labels = { 'zh-CN': f.zhCN, 'zh-TW': f.zhTW, 'en-US': f.enUS };
    const id = itemDlg.editing.value;
    const type = selected.value;
    return itemDlg.submit(() => (id
      ? api.updateDictItem(type, id, { label: labels, color: f.color || null, sort: f.sort, status: f.active ? 'active' : 'disabled' })
      : api.createDictItem(type, { value: f.value, label: labels, color: f.color || null, sort: f.sort })));
  }
  const act = useActions(loadItems);
  const removeItem = (i: api.DictItem) => act(() => api.deleteDictItem(selected.value, i.id), { confirm: t('identity.admin.confirmDelete', { name: label(i.label) }), done: t('identity.admin.deleted') });

  return { types, loading, error, selected, current, items, itemsLoading, label, typeDlg, saveType, itemDlg, editItem, saveItem, removeItem };
}
