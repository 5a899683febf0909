import { computed, ref } from 'vue';
import { sm3 } from 'sm-crypto';
import { ApiError } from '@/core/request.ts';
import { verifyReceipt, type VerifyReply } from './api.ts';

export type VerifyState = 'idle' | 'checking' | 'verified' | 'failed';

/** One link of the chain of proof, in the order a court checks it. */
export interface ProofStep {
  key: 'file' | 'leaf' | 'signature' | 'proof' | 'witnesses';
  /** Which message under the step: `detail`, or `none` when a step had nothing to check. */
  variant: 'detail' | 'none';
  params: Record<string, string | number>;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hashes a file in the browser (it is never uploaded): SM3 or SHA-256, as `<alg>:<hex>`. */
export async function hashFile(file: Blob, algorithm: 'sm3' | 'sha256'): Promise<string> {
  const bytes = await file.arrayBuffer();
  if (algorithm === 'sha256') return `sha256:${toHex(await crypto.subtle.digest('SHA-256', bytes))}`;
  return `sm3:${sm3(new Uint8Array(bytes))}`;
}

/** The steps a verified receipt went through, for display. */
export function proofSteps(v: VerifyReply): ProofStep[] {
  const steps: ProofStep[] = [];
  if (v.payload) steps.push({ key: 'file', variant: 'detail', params: { hash: v.payload.hash } });
  steps.push({ key: 'leaf', variant: 'detail', params: { leaf: v.leafHash } });
  steps.push({ key: 'signature', variant: 'detail', params: { origin: v.origin, size: v.treeSize, root: v.rootHash, n: v.logSignatures.length } });
  steps.push({ key: 'proof', variant: 'detail', params: { index: v.index, size: v.treeSize } });
  const names = v.witnesses.map((w) => w.name).join(', ');
  steps.push({ key: 'witnesses', variant: v.witnesses.length ? 'detail' : 'none', params: { n: v.witnesses.length, names } });
  return steps;
}

/**
 * State of the verification page: the evidence file and the receipt the citizen drops, and the
 * verdict. Only the file's hash is sent to the server, with the receipt.
 */
export function useVerify() {
  const file = ref<File | null>(null);
  const receiptName = ref('');
  const receiptText = ref('');
  const state = ref<VerifyState>('idle');
  const verdict = ref<VerifyReply | null>(null);
  const failure = ref<{ code: string; message: string } | null>(null);
  const steps = computed(() => (verdict.value ? proofSteps(verdict.value) : []));
  const canCheck = computed(() => receiptText.value.trim().length > 0 && state.value !== 'checking');

  async function setReceiptFile(f: File | null): Promise<void> {
    receiptName.value = f?.name ?? '';
    receiptText.value = f ? await f.text() : '';
  }

  async function check(): Promise<void> {
    state.value = 'checking';
    verdict.value = null;
    failure.value = null;
    try {
      let receipt: { entry?: { hash?: string } };
      try {
        receipt = JSON.parse(receiptText.value);
      } catch {
        throw new ApiError('LEDGER_RECEIPT_MALFORMED', 400, '');
      }
      const algorithm = receipt.entry?.hash?.startsWith('sha256:') ? 'sha256' : 'sm3';
      const hash = file.value ? await hashFile(file.value, algorithm) : undefined;
      verdict.value = await verifyReceipt({ receipt: receipt as Record<string, unknown>, ...(hash ? { hash } : {}) });
      state.value = 'verified';
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('HTTP_ERROR', 0, String(err));
      failure.value = { code: e.code, message: e.message };
      state.value = 'failed';
    }
  }

  function reset(): void {
    file.value = null;
    receiptName.value = '';
    receiptText.value = '';
    state.value = 'idle';
    verdict.value = null;
    failure.value = null;
  }

  return { file, receiptName, receiptText, state, verdict, failure, steps, canCheck, setReceiptFile, check, reset };
}
