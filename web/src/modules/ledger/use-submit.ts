import { computed, reactive, ref } from 'vue';
import { ApiError } from '@/core/request.ts';
import { submitEvidence, type Evidence } from './api.ts';
import { hashFile } from './use-verify.ts';

/** Evidence types offered in the form (codes stored in the entry; labels in the catalogs). */
export const EVIDENCE_TYPES = ['contract', 'certificate', 'photo', 'recording', 'inspection-record', 'document'] as const;

/** Saves a receipt as `receipt-<id>.json` through a temporary link (no server round trip). */
export function downloadReceipt(evidence: Evidence): void {
  const blob = new Blob([`${JSON.stringify(evidence.receipt, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `receipt-${evidence.id}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * State of the evidence submission page: the file is hashed in the browser (SM3) and only its hash
 * is sent, with type, title, department and an optional note; the answer carries the receipt.
 */
export function useSubmit() {
  const file = ref<File | null>(null);
  const hash = ref('');
  const form = reactive({ type: 'contract' as string, title: '', department: '', note: '' });
  const busy = ref(false);
  const error = ref<{ code: string; message: string } | null>(null);
  const done = ref<Evidence | null>(null);
  const ready = computed(() => !!hash.value && form.title.trim() !== '' && form.department.trim() !== '' && !busy.value);

  async function setFile(f: File | null): Promise<void> {
    file.value = f;
    hash.value = f ? await hashFile(f, 'sm3') : '';
    if (f && !form.title) form.title = f.name;
  }

  async function submit(): Promise<void> {
    if (!ready.value) return;
    busy.value = true;
    error.value = null;
    try {
      const note = form.note.trim();
      done.value = await submitEvidence({
        hash: hash.value, type: form.type, title: form.title.trim(), department: form.department.trim(),
        metadata: { fileName: file.value?.name ?? '', size: file.value?.size ?? 0, ...(note ? { note } : {}) },
      });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('HTTP_ERROR', 0, String(err));
      error.value = { code: e.code, message: e.message };
    } finally {
      busy.value = false;
    }
  }

  function again(): void {
    file.value = null;
    hash.value = '';
    Object.assign(form, { title: '', note: '' });
    done.value = null;
    error.value = null;
  }

  return { file, hash, form, busy, error, done, ready, setFile, submit, again };
}
