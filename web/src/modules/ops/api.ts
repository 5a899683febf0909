import { request } from '@/core/request.ts';
import type { VersionReply } from '../../../../src/modules/ops/schema.ts';

/** `GET /api/v1/version` (type from the server's TypeBox schema). */
export type PlatformVersion = VersionReply;

export const getVersion = (): Promise<PlatformVersion> => request<PlatformVersion>('/api/v1/version');

/** `GET /readyz`: true when the platform answers ready. Never throws. */
export async function getReady(): Promise<boolean> {
  try {
    const res = await fetch('/readyz', { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}
