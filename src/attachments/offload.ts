/**
 * Remote-attachment crypto off the main thread: `encryptAttachmentInWorker` and
 * `decryptAttachmentInWorker` run the @noble code in a small dedicated worker
 * (`crypto-worker.ts`), started on first need and kept for the page's life.
 *
 * - The worker is started by `start-worker.ts` with the standard worker-URL pattern: bundlers emit it as
 *   a chunk; the kit's own build starts it through `createWorker`, from a same-origin `blob:` that
 *   imports the chunk when the kit is served from a CDN (so a strict page needs `worker-src blob:`
 *   and the CDN, as for the chat engine's worker).
 * - With `{ transfer: true }` the input's ArrayBuffer is moved to the worker (the caller's view is
 *   detached afterwards); the results' buffers always come back as transfers. No copies.
 * - When no worker can start (no Worker, a CSP that forbids it, the chunk fails to load), the same
 *   work runs on the main thread in 64 KiB slices with pauses (`encryptAttachmentSliced`,
 *   `decryptAttachment`), and the console says so once. `attachmentWorkerState()` tells which.
 * - Payloads up to 64 KiB are decrypted on the main thread at once: a worker round trip costs more.
 */
import type { DecryptedAttachment, DecryptParams, EncryptedAttachment, EncryptOptions } from './crypto.js';
import { AttachmentError } from './errors.js';
import { startCryptoWorker } from './start-worker.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** Below this, decrypting on the main thread is quicker than a round trip (and short). */
const SMALL = 64 * 1024;
/** A worker that has not loaded by then is given up for the main-thread path. */
const START_TIMEOUT_MS = 20_000;

export type AttachmentWorkerState = 'idle' | 'starting' | 'running' | 'unavailable';

export interface OffloadOptions {
  /** Move the input's ArrayBuffer to the worker instead of copying it (the view is detached after). */
  transfer?: boolean;
}

let state: AttachmentWorkerState = 'idle';
let starting: Promise<Worker | null> | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (value: EncryptedAttachment | DecryptedAttachment) => void; reject: (error: Error) => void }>();

/** Whether the crypto worker is idle (not needed yet), starting, running, or unavailable (main-thread fallback). */
export function attachmentWorkerState(): AttachmentWorkerState {
  return state;
}

function unavailable(reason: string): null {
  state = 'unavailable';
  console.warn(`mask-widgets: attachments are encrypted and decrypted on the main thread, in slices (the crypto worker could not start: ${reason}).`);
  return null;
}

function start(): Promise<Worker | null> {
  starting ??= new Promise<Worker | null>((resolve) => {
    state = 'starting';
    let worker: Worker;
    try {
      worker = startCryptoWorker();
    } catch (error) {
      resolve(unavailable(error instanceof Error ? error.message : String(error)));
      return;
    }
    const timer = setTimeout(() => {
      worker.terminate();
      resolve(unavailable('it did not load in time'));
    }, START_TIMEOUT_MS);
    const failAll = (message: string) => {
      for (const [id, job] of pending) {
        pending.delete(id);
        job.reject(new Error(message));
      }
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (state === 'starting') {
        clearTimeout(timer);
        worker.terminate();
        resolve(unavailable(event.message || 'its script did not load'));
      } else {
        failAll(`the crypto worker failed: ${event.message || 'unknown error'}`);
      }
    });
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'ready') {
        clearTimeout(timer);
        state = 'running';
        resolve(worker);
        return;
      }
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (reply.kind === 'done') job.resolve(reply.result);
      else job.reject(reply.code ? new AttachmentError(reply.code, reply.message) : new Error(reply.message));
    });
  });
  return starting;
}

function run<T extends EncryptedAttachment | DecryptedAttachment>(worker: Worker, request: WorkerRequest, bytes: Uint8Array, transfer: boolean): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    pending.set(request.id, { resolve: resolve as (value: EncryptedAttachment | DecryptedAttachment) => void, reject });
    worker.postMessage(request, transfer ? [bytes.buffer as ArrayBuffer] : []);
  });
}

/** `encryptAttachment` in the crypto worker (or, without one, `encryptAttachmentSliced`): the same result. */
export async function encryptAttachmentInWorker(data: Uint8Array, options: EncryptOptions, { transfer = false }: OffloadOptions = {}): Promise<EncryptedAttachment> {
  // Fixed keys are for the vectors; they go to the worker like any other option.
  const worker = await start();
  if (!worker) return (await import('./crypto.js')).encryptAttachmentSliced(data, options);
  const { filename, mimeType, secret, salt, nonce } = options;
  const info = { filename, mimeType, ...(secret && { secret }), ...(salt && { salt }), ...(nonce && { nonce }) };
  return run<EncryptedAttachment>(worker, { kind: 'encrypt', id: nextId++, data, info }, data, transfer);
}

/** `decryptAttachment` in the crypto worker for payloads over 64 KiB (or, without one, on the main thread in slices). */
export async function decryptAttachmentInWorker(payload: Uint8Array, params: DecryptParams, { transfer = false }: OffloadOptions = {}): Promise<DecryptedAttachment> {
  const worker = payload.length > SMALL ? await start() : null;
  if (!worker) return (await import('./crypto.js')).decryptAttachment(payload, params);
  const { secret, salt, nonce, contentDigest } = params;
  return run<DecryptedAttachment>(worker, { kind: 'decrypt', id: nextId++, payload, params: { secret, salt, nonce, contentDigest } }, payload, transfer);
}

export { AttachmentError };
