import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError } from '@/core/request.ts';
import { lookup, verifyLicence, type Lookup, type NativeLicence, type VerdictView } from '../../api.ts';
import { decodeFile, decodeText, qrFromPixels, type Decoded } from '../../decode.ts';
import { loadTypes, useLicenceLabels } from '../../use-labels.ts';

type State = 'idle' | 'checking' | 'done' | 'failed';

/**
 * The public verification page's logic: take a licence from a file (JSON, PDF, QR picture), pasted
 * text, the camera or the page's own URL (a scanned QR code opens `/verify?id=…#ZL1.…`), send it
 * to `POST /licenses/verify`, and show the verdict with each check's reason.
 */
export function useVerify() {
  const route = useRoute();
  const labels = useLicenceLabels();
  const { t } = labels;
  const input = ref('');
  const fileName = ref('');
  const state = ref<State>('idle');
  const failure = ref('');
  const doc = shallowRef<NativeLicence>();
  const source = ref<'json' | 'qr' | 'pdf'>();
  const verdict = shallowRef<VerdictView>();
  const online = shallowRef<Lookup>();
  const scanning = ref(false);
  const video = ref<HTMLVideoElement>();
  let stream: MediaStream | undefined;
  let timer: number | undefined;

  function reset(): void {
    stopCamera();
    input.value = '';
    fileName.value = '';
    state.value = 'idle';
    failure.value = '';
    doc.value = undefined;
    verdict.value = undefined;
    online.value = undefined;
  }

  async function settle(d: Decoded): Promise<void> {
    verdict.value = undefined;
    online.value = undefined;
    doc.value = undefined;
    failure.value = '';
    if (d.kind === 'unknown') {
      state.value = 'failed';
      failure.value = t(`licenses.verify.unreadable.${d.reason}`);
      return;
    }
    state.value = 'checking';
    try {
      if (d.kind === 'link') {
        online.value = await lookup(d.identifier);
      } else {
        doc.value = d.doc;
        source.value = d.source;
        verdict.value = await verifyLicence(d.doc);
      }
      state.value = 'done';
    } catch (err) {
      state.value = 'failed';
      failure.value = err instanceof ApiError ? err.message : String(err);
    }
  }

  async function checkText(): Promise<void> {
    await settle(await decodeText(input.value));
  }
  async function checkFile(file: File | null | undefined): Promise<void> {
    if (!file) return;
    fileName.value = file.name;
    await settle(await decodeFile(file));
  }

  async function startCamera(): Promise<void> {
    failure.value = '';
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch {
      failure.value = t('licenses.verify.noCamera');
      state.value = 'failed';
      return;
    }
    scanning.value = true;
    await new Promise((r) => requestAnimationFrame(r));
    if (!video.value) return stopCamera();
    video.value.srcObject = stream;
    await video.value.play().catch(() => undefined);
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    timer = window.setInterval(async () => {
      const v = video.value;
      if (!v || v.readyState < 2) return;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      ctx.drawImage(v, 0, 0);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const found = await qrFromPixels(img.data, img.width, img.height);
      if (found) {
        stopCamera();
        input.value = found;
        await checkText();
      }
    }, 300);
  }
  function stopCamera(): void {
    window.clearInterval(timer);
    stream?.getTracks().forEach((tr) => tr.stop());
    stream = undefined;
    scanning.value = false;
  }

  onMounted(async () => {
    void loadTypes().catch(() => undefined);
    // A scanned QR code lands here with the licence in the fragment (never sent to the server).
    const here = `${location.search}${location.hash}`;
    if (location.hash.startsWith('#ZL1.') || typeof route.query.id === 'string') {
      input.value = location.href;
      await settle(await decodeText(here));
    }
  });
  onBeforeUnmount(stopCamera);

  const failedChecks = computed(() => verdict.value?.checks.filter((c) => !c.ok && !c.skipped) ?? []);
  const canCheck = computed(() => input.value.trim().length > 0 && state.value !== 'checking');
  const fieldRows = computed(() => {
    const d = doc.value;
    if (!d) return [];
    return Object.entries(d.licence.fields).map(([k, v]) => ({ key: k, label: labels.fieldLabel(d.licence.type.code, k), value: labels.fieldValue(d.licence.type.code, k, v) }));
  });

  return { ...labels, input, fileName, state, failure, doc, source, verdict, online, scanning, video, failedChecks, canCheck, fieldRows, reset, checkText, checkFile, startCamera, stopCamera };
}
