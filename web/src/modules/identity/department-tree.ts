import type { Department } from './api.ts';

export interface DepartmentNode { value: string; label: string; department: Department; children: DepartmentNode[] }

/** The flat department list (parents before children, as the server answers) as a tree for ElTree / ElTreeSelect. */
export function departmentTree(list: readonly Department[]): DepartmentNode[] {
  const byId = new Map<string, DepartmentNode>();
  const roots: DepartmentNode[] = [];
  for (const d of list) {
    const node: DepartmentNode = { value: d.id, label: d.name, department: d, children: [] };
    byId.set(d.id, node);
    const parent = d.parentId ? byId.get(d.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
