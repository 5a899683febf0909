import { computed, ref, type Ref } from 'vue';
import { currentLocale, pickLocalized } from '@/core/i18n.ts';
import { DIVISION_KINDS, type Division, type DivisionKind } from './api.ts';

export type KindFilter = 'all' | DivisionKind;

export interface DivisionRow {
  code: string;
  name: string;
  kind: DivisionKind;
}

/** The towns, sub-districts and zones under the city (drops a `city` row should one appear). */
export function subDivisions(divisions: readonly Division[]): Array<Division & { kind: DivisionKind }> {
  return divisions.filter((d): d is Division & { kind: DivisionKind } => d.kind !== 'city');
}

/** Counts divisions by kind; `all` is the total. */
export function countKinds(divisions: readonly Division[]): Record<KindFilter, number> {
  const list = subDivisions(divisions);
  const counts = { all: list.length, town: 0, subdistrict: 0, zone: 0 };
  for (const d of list) counts[d.kind] += 1;
  return counts;
}

/**
 * Filter state for a division list: by kind and by a query matched against the name in every
 * language and the division code.
 */
export function useDivisionFilter(divisions: Ref<readonly Division[]>) {
  const kind = ref<KindFilter>('all');
  const query = ref('');

  const counts = computed(() => countKinds(divisions.value));
  /** The filter choices worth offering: `all` plus every kind that occurs. */
  const kinds = computed<KindFilter[]>(() => ['all', ...DIVISION_KINDS.filter((k) => counts.value[k] > 0)]);
  const rows = computed<DivisionRow[]>(() => {
    const q = query.value.trim().toLowerCase();
    return subDivisions(divisions.value)
      .filter((d) => kind.value === 'all' || d.kind === kind.value)
      .filter((d) => !q || d.code.includes(q) || Object.values(d.name).some((n) => n.toLowerCase().includes(q)))
      .map((d) => ({ code: d.code, name: pickLocalized(d.name, currentLocale.value), kind: d.kind }));
  });

  /** Sets the kind filter from a UI control's value; ignores anything that is not a choice. */
  function setKind(value: unknown): void {
    if (kinds.value.includes(value as KindFilter)) kind.value = value as KindFilter;
  }

  return { kind, setKind, kinds, query, counts, rows };
}
