import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import * as api from '../../api.ts';
import { departmentTree } from '../../department-tree.ts';
import { useActions, useFormDialog } from '../../use-admin.ts';
import { useSignedIn } from '../../use-signed-in.ts';

export const DATA_SCOPES = ['all', 'custom', 'department', 'department_and_below', 'self'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** A permission picker node: a module, a resource of it, or one code (the leaves). */
export interface PermissionNode { id: string; label: string; description?: string; children?: PermissionNode[] }

/** Groups `module:resource:action` codes by module and resource for a checkbox tree. */
export function permissionTree(catalog: readonly api.PermissionInfo[]): PermissionNode[] {
  const modules = new Map<string, Map<string, PermissionNode[]>>();
  for (const p of catalog) {
    const [mod = '', resource = ''] = p.code.split(':');
    const resources = modules.get(mod) ?? new Map<string, PermissionNode[]>();
    modules.set(mod, resources);
    const leaves = resources.get(resource) ?? [];
    resources.set(resource, leaves);
    leaves.push({ id: p.code, label: p.code, description: p.description });
  }
  return [...modules].map(([mod, resources]) => ({
    id: `${mod}:`, label: mod,
    children: [...resources].map(([resource, leaves]) => ({ id: `${mod}:${resource}:`, label: `${mod}:${resource}`, children: leaves })),
  }));
}

/** The roles page (角色管理): permissions from the platform's catalogue, data scope, grid scope, second factor. */
export function useRoles() {
  const { t } = useI18n();
  const { data, loading, error, reload } = useSignedIn('/console/login', api.listRoles);
  const catalog = ref<api.PermissionInfo[]>([]);
  const departments = ref<api.Department[]>([]);
  const tree = computed(() => permissionTree(catalog.value));
  const depTree = computed(() => departmentTree(departments.value));
  void Promise.allSettled([api.listPermissions(), api.listDepartments()]).then(([c, d]) => {
    if (c.status === 'fulfilled') catalog.value = c.value;
    if (d.status === 'fulfilled') departments.value = d.value;
  });

  const blank = () => ({
    code: '', name: '', description: '', permissions: [] as string[], dataScope: 'self' as DataScope, scopeDepartmentIds: [] as string[],
    gridScope: [] as string[], requireMfa: false, sort: 0,
  });
  const dlg = useFormDialog(blank, reload);
  const edit = (r: api.Role) => dlg.open({
    code: r.code, name: r.name, description: r.description, permissions: [...r.permissions], dataScope: r.dataScope as DataScope,
    scopeDepartmentIds: [...r.scopeDepartmentIds], gridScope: [...r.gridScope], requireMfa: r.requireMfa, sort: r.sort,
  }, r.id);

  /** `checked` are the picker's checked leaves (permission codes); `*` (the built-in admin) is kept as it is. */
  function save(checked: string[]) {
    const f = dlg.form;
    const permissions = [...new Set([...f.permissions.filter((p) => p === '*'), ...checked])].sort();
    const body = {
      code: f.code, name: f.name, description: f.description, permissions, dataScope: f.dataScope,
      scopeDepartmentIds: f.dataScope === 'custom' ? f.scopeDepartmentIds : [], gridScope: f.gridScope, requireMfa: f.requireMfa, sort: f.sort,
    };
    const id = dlg.editing.value;
    return dlg.submit(() => (id ? api.updateRole(id, body) : api.createRole(body)));
  }

  const act = useActions(reload);
  const remove = (r: api.Role) => act(() => api.deleteRole(r.id), { confirm: t('identity.admin.confirmDelete', { name: r.name }), done: t('identity.admin.deleted') });

  return { data, loading, error, tree, depTree, dlg, edit, save, remove };
}
