import { reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '@/core/request.ts';
import {
  createRegisterEntry, deleteRegisterEntry, findRegister, searchAddresses, type Address, type RegisterKind, type RegisterRow,
} from './api.ts';

/** Fields of the "register" form, for all three registers (each sends only its own). */
export interface RegisterForm {
  name: string; idNumber: string; mobile: string; residence: string; addressId: string
  use: string; tenure: string; areaM2: number | null; occupancy: string
  creditCode: string; kind: string; industry: string; legalPerson: string; employees: number | null; status: string
}

const EMPTY: RegisterForm = {
  name: '', idNumber: '', mobile: '', residence: 'registered', addressId: '', use: 'residential', tenure: 'owned', areaM2: null, occupancy: 'self',
  creditCode: '', kind: 'enterprise', industry: '', legalPerson: '', employees: null, status: 'active',
};

/** The body each register's POST takes from the form. */
export function bodyOf(kind: RegisterKind, f: RegisterForm) {
  if (kind === 'people') return { name: f.name, idNumber: f.idNumber.trim(), mobile: f.mobile || null, residence: f.residence as 'registered', addressId: f.addressId };
  if (kind === 'housing') return { addressId: f.addressId, use: f.use as 'residential', tenure: f.tenure as 'owned', areaM2: f.areaM2, occupancy: f.occupancy as 'self' };
  return {
    name: f.name, creditCode: f.creditCode.trim().toUpperCase(), kind: f.kind as 'enterprise', industry: f.industry, legalPerson: f.legalPerson,
    contactMobile: f.mobile || null, employees: f.employees, status: f.status as 'active', addressId: f.addressId,
  };
}

/** A register page: search, pages of rows, register and remove. Errors are shown, never thrown. */
export function useRegistry() {
  const kind = ref<RegisterKind>('people');
  const q = ref('');
  const gridCode = ref('');
  const rows = shallowRef<RegisterRow[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const form = reactive<RegisterForm>({ ...EMPTY });
  const fieldErrors = ref<Record<string, string>>({});
  const addresses = shallowRef<Address[]>([]);

  async function load(more = false): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const page = await findRegister(kind.value, {
        q: q.value.trim() || undefined, gridCode: /^\d{14}$/.test(gridCode.value) ? gridCode.value : undefined, cursor: more ? nextCursor.value ?? undefined : undefined, limit: 50,
      });
      rows.value = more ? [...rows.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      loading.value = false;
    }
  }

  async function findAddresses(text: string): Promise<void> {
    if (!text.trim()) return;
    try {
      addresses.value = (await searchAddresses(text.trim())).items;
    } catch {
      addresses.value = [];
    }
  }

  /** Registers the form's entry; true when saved (field errors are kept by path otherwise). */
  async function create(): Promise<boolean> {
    fieldErrors.value = {};
    error.value = null;
    try {
      await createRegisterEntry(kind.value, bodyOf(kind.value, form));
      Object.assign(form, EMPTY);
      await load();
      return true;
    } catch (err) {
      const e = err as ApiError;
      const errors = (e.problem as { errors?: Array<{ path: string; message: string }> } | undefined)?.errors ?? [];
      fieldErrors.value = Object.fromEntries(errors.map((x) => [x.path.replace(/^body\//, '').split('/')[0]!, e.message]));
      error.value = e.message;
      return false;
    }
  }

  async function remove(id: string): Promise<void> {
    try {
      await deleteRegisterEntry(kind.value, id);
      await load();
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  watch(kind, () => { q.value = ''; void load(); });
  return { kind, q, gridCode, rows, nextCursor, loading, error, form, fieldErrors, addresses, load, findAddresses, create, remove };
}
