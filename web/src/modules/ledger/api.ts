import { request } from '@/core/request.ts';
import type { EvidenceItem, EvidenceReply, LogInfoReply, Receipt, VerifyBody, VerifyReply } from '../../../../src/modules/ledger/schema.ts';

export type { EvidenceItem, Receipt, VerifyReply };
export type Evidence = EvidenceReply;
export type LogInfo = LogInfoReply;

/** `POST /api/v1/ledger/verify`: checks a receipt (and the file's hash) against the log's keys and witnesses. */
export const verifyReceipt = (body: VerifyBody): Promise<VerifyReply> => request<VerifyReply>('/api/v1/ledger/verify', { method: 'POST', json: body });

/** `GET /api/v1/ledger/log`: origin, verifier keys, witnesses and the newest checkpoint. */
export const getLogInfo = (): Promise<LogInfo> => request<LogInfo>('/api/v1/ledger/log');

/** `POST /api/v1/ledger/evidence`: records a file hash; answers once a witnessed checkpoint covers it, with the receipt. */
export const submitEvidence = (body: EvidenceItem): Promise<Evidence> => request<Evidence>('/api/v1/ledger/evidence', { method: 'POST', json: body, timeoutMs: 30_000 });
