import type { NativeLicence } from './api.ts';

/**
 * What a verifier hands the page, turned into something to check: the native licence JSON, a QR
 * code's text (`…/verify?id=<identifier>#ZL1.<base64url(deflate-raw(JSON))>`, see the server's
 * `render/qr.ts`), a PDF with the licence embedded as `licence.json`, or a picture of the QR code.
 * Everything is read in the browser; only the licence itself is sent to the verification API.
 */
export type Decoded =
  | { kind: 'licence'; doc: NativeLicence; source: 'json' | 'qr' | 'pdf' }
  | { kind: 'link'; identifier: string }
  | { kind: 'unknown'; reason: 'empty' | 'payload' | 'json' | 'format' | 'pdf' | 'image' | 'qr' };

const FORMAT = 'zhicheng-licence/v1';
const PREFIX = 'ZL1.';

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function inflateRaw(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

const isLicence = (v: unknown): v is NativeLicence => typeof v === 'object' && v !== null && (v as { format?: unknown }).format === FORMAT;

/** Decodes pasted or scanned text: a QR payload or link, or licence JSON. Never throws. */
export async function decodeText(raw: string): Promise<Decoded> {
  const text = raw.trim();
  if (!text) return { kind: 'unknown', reason: 'empty' };
  const hash = text.indexOf('#');
  const payload = hash >= 0 ? text.slice(hash + 1) : text;
  if (payload.startsWith(PREFIX)) {
    try {
      const doc = JSON.parse(await inflateRaw(fromBase64Url(payload.slice(PREFIX.length)))) as unknown;
      return isLicence(doc) ? { kind: 'licence', doc: { ...doc, receipt: null }, source: 'qr' } : { kind: 'unknown', reason: 'format' };
    } catch {
      return { kind: 'unknown', reason: 'payload' };
    }
  }
  if (text.startsWith('{')) {
    try {
      const doc = JSON.parse(text) as unknown;
      return isLicence(doc) ? { kind: 'licence', doc, source: 'json' } : { kind: 'unknown', reason: 'format' };
    } catch {
      return { kind: 'unknown', reason: 'json' };
    }
  }
  const m = /[?&]id=([0-9A-Za-z.%]+)/.exec(text) ?? /^(1\.2\.156\.3005\.2\.[0-9A-Za-z.]+)$/.exec(text);
  if (m) return { kind: 'link', identifier: decodeURIComponent(m[1]!) };
  return { kind: 'unknown', reason: 'qr' };
}

/** The licence embedded in a PDF as `licence.json` (pdf-lib, loaded only when a PDF comes in). */
export async function decodePdf(bytes: ArrayBuffer): Promise<Decoded> {
  try {
    const { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } = await import('pdf-lib');
    const file = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    const names = file.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)?.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      const spec = names.lookup(i + 1);
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : '';
      if (name !== 'licence.json' || !(spec instanceof PDFDict)) continue;
      const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
      if (!(stream instanceof PDFRawStream)) continue;
      const doc = JSON.parse(new TextDecoder().decode(decodePDFRawStream(stream).decode())) as unknown;
      return isLicence(doc) ? { kind: 'licence', doc, source: 'pdf' } : { kind: 'unknown', reason: 'format' };
    }
    return { kind: 'unknown', reason: 'pdf' };
  } catch {
    return { kind: 'unknown', reason: 'pdf' };
  }
}

/** Finds a QR code in image pixels (jsQR, loaded on demand); its text or null. */
export async function qrFromPixels(data: Uint8ClampedArray, width: number, height: number): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Reads the QR code in a picture file. */
export async function decodeImage(file: Blob): Promise<Decoded> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 2000 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const text = await qrFromPixels(pixels.data, pixels.width, pixels.height);
    return text ? decodeText(text) : { kind: 'unknown', reason: 'image' };
  } catch {
    return { kind: 'unknown', reason: 'image' };
  }
}

/** Any file a verifier may have: JSON, PDF or a picture of the QR code (by content, then by name). */
export async function decodeFile(file: File): Promise<Decoded> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const sig = String.fromCharCode(...head);
  if (sig.startsWith('%PDF')) return decodePdf(await file.arrayBuffer());
  if (file.type.startsWith('image/') || sig.startsWith('\u0089PNG') || (head[0] === 0xff && head[1] === 0xd8)) return decodeImage(file);
  return decodeText(await file.text());
}
