/**
 * The messages between the page and the attachment crypto worker (`crypto-worker.ts`).
 *
 *   worker → page   { kind: 'ready' }                       once, when its module has loaded
 *   page → worker   { kind: 'encrypt', id, data, info }     data's buffer transferred
 *                   { kind: 'decrypt', id, payload, params } payload's buffer transferred
 *   worker → page   { kind: 'done', id, result }            the result's byte buffers transferred
 *                   { kind: 'failed', id, code, message }   an AttachmentError (or another failure)
 *
 * Everything is structured-cloneable; the page matches replies to requests by `id`.
 */
import type { AttachmentErrorCode } from '../events/attachment-error-codes.js';
import type { DecryptedAttachment, DecryptParams, EncryptedAttachment, EncryptOptions } from './crypto.js';

export type WorkerRequest =
  | { kind: 'encrypt'; id: number; data: Uint8Array; info: EncryptOptions }
  | { kind: 'decrypt'; id: number; payload: Uint8Array; params: DecryptParams };

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; result: EncryptedAttachment | DecryptedAttachment }
  | { kind: 'failed'; id: number; code: AttachmentErrorCode | null; message: string };
