import { request } from '@/core/request.ts';
import type { LogInfoReply, Receipt, VerifyBody, VerifyReply } from '../../../../src/modules/ledger/schema.ts';

export type { Receipt, VerifyReply };
export type LogInfo = LogInfoReply;

/** `POST /api/v1/ledger/verify`: checks a receipt (and the file's hash) against the log's keys and witnesses. */
export const verifyReceipt = (body: VerifyBody): Promise<VerifyReply> => request<VerifyReply>('/api/v1/ledger/verify', { method: 'POST', json: body });

/** `GET /api/v1/ledger/log`: origin, verifier keys, witnesses and the newest checkpoint. */
export const getLogInfo = (): Promise<LogInfo> => request<LogInfo>('/api/v1/ledger/log');
