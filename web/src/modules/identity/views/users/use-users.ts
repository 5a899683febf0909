import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, h, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useAccess } from '@/core/access/index.ts';
import { ApiError } from '@/core/request.ts';
import * as api from '../../api.ts';
import { departmentTree } from '../../department-tree.ts';
import { useActions, useFormDialog } from '../../use-admin.ts';
import { useSignedIn } from '../../use-signed-in.ts';

/** The users page (用户管理): list within the data scope, create staff, edit, roles and posts, unlock and resets. */
export function useUsers() {
  const { t } = useI18n();
  const q = ref('');
  const kind = ref<'' | 'citizen' | 'enterprise' | 'staff'>('');
  const { data, loading, error, reload } = useSignedIn('/console/login', () => api.listAccounts({ q: q.value || undefined, kind: kind.value || undefined, limit: 200 }));
  watch([q, kind], () => void reload());

  // Choices for the dialogs, loaded when one opens (a caller without the read permission gets empty lists).
  const departments = ref<api.Department[]>([]);
  const roles = ref<api.Role[]>([]);
  const posts = ref<api.Post[]>([]);
  const tree = computed(() => departmentTree(departments.value));
  const departmentName = computed(() => new Map(departments.value.map((d) => [d.id, d.name])));
  async function loadChoices() {
    const [d, r, p] = await Promise.allSettled([api.listDepartments(), api.listRoles(), api.listPosts()]);
    if (d.status === 'fulfilled') departments.value = d.value;
    if (r.status === 'fulfilled') roles.value = r.value;
    if (p.status === 'fulfilled') posts.value = p.value;
  }
  void loadChoices();

  const blank = () => ({ username: '', displayName: '', password: '', departmentId: '', mobile: '', email: '', active: true, roleIds: [] as string[], postIds: [] as string[] });
  const dlg = useFormDialog(blank, reload);
  const current = ref<api.Account | null>(null);

  function openCreate() {
    current.value = null;
    dlg.open();
  }
  function openEdit(a: api.Account) {
    current.value = a;
    dlg.open({ username: a.username, displayName: a.displayName, departmentId: a.departmentId ?? '', email: a.email ?? '', active: a.status === 'active', roleIds: [...a.roleIds], postIds: [...a.postIds] }, a.id);
  }

  function save() {
    const f = dlg.form;
    const id = dlg.editing.value;
    return dlg.submit(async () => {
      if (!id) {
        await api.createStaff({
          username: f.username, displayName: f.displayName, password: f.password, departmentId: f.departmentId,
          ...(f.mobile ? { mobile: f.mobile } : {}), ...(f.email ? { email: f.email } : {}), roleIds: f.roleIds, postIds: f.postIds,
        });
        return;
      }
      const a = current.value!;
      // An empty mobile field leaves the number as it is (the list shows it masked).
      await api.updateAccount(id, {
        displayName: f.displayName, status: f.active ? 'active' : 'disabled', email: f.email || null,
        ...(f.mobile ? { mobile: f.mobile } : {}), ...(a.kind === 'staff' && f.departmentId ? { departmentId: f.departmentId } : {}),
      });
      if (a.kind === 'staff') {
        if (!sameSet(f.roleIds, a.roleIds)) await api.setAccountRoles(id, f.roleIds);
        if (!sameSet(f.postIds, a.postIds)) await api.setAccountPosts(id, f.postIds);
      }
    });
  }

  const act = useActions(reload);
  const unlock = (a: api.Account) => act(() => api.unlockAccount(a.id), { done: t('identity.user.unlocked') });
  const resetTotp = (a: api.Account) => act(() => api.resetTotp(a.id), { confirm: t('identity.user.confirmResetTotp', { name: a.displayName }) });
  async function resetPassword(a: api.Account) {
    let value: string;
    try {
      ({ value } = await ElMessageBox.prompt(t('identity.user.newPasswordPrompt', { name: a.displayName }), t('identity.user.resetPassword'), {
        inputType: 'password', confirmButtonText: t('identity.admin.ok'), cancelButtonText: t('identity.admin.cancel'),
      }));
    } catch {
      return;
    }
    await act(() => api.resetPassword(a.id, value), { done: t('identity.user.passwordReset') });
  }

  // Identifiers in clear for holders of identity:pii:read; the server audits every reveal.
  const access = useAccess();
  const canReveal = computed(() => access.can(['identity:pii:read', '*']));
  async function reveal(a: api.Account) {
    let r: api.Identifiers;
    try {
      r = await api.revealIdentifiers(a.id);
    } catch (err) {
      ElMessage.error(err instanceof ApiError ? err.message : String(err));
      return;
    }
    const text = h('div', [
      h('p', `${t('identity.account.idNumber')}：${r.idNumber ?? '—'}`),
      h('p', `${t('identity.account.mobile')}：${r.mobile ?? '—'}`),
      h('p', { class: 'reveal-note' }, t('identity.user.revealAudited')),
    ]);
    await ElMessageBox.alert(text, `${a.displayName} · ${t('identity.user.identifiers')}`, { confirmButtonText: t('identity.admin.ok') }).catch(() => undefined);
  }

  return { canReveal, reveal, q, kind, data, loading, error, departments, tree, departmentName, roles, posts, dlg, current, openCreate, openEdit, save, unlock, resetTotp, resetPassword };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
