/**
 * The attachment crypto worker: a small dedicated worker that runs the one-call @noble
 * encryption and decryption (`crypto.ts`) off the main thread, so preparing or opening a 10 MB
 * file never holds the page. Started on first need by `offload.ts`; the protocol is
 * `worker-protocol.ts`. Byte buffers travel both ways as transfers, never copies.
 */
import { decryptAttachmentAtOnce, encryptAttachment, type DecryptedAttachment, type EncryptedAttachment } from './crypto.js';
import { AttachmentError } from './errors.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The part of the dedicated worker scope this file uses (the project's types are the DOM's). */
const scope = self as unknown as {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

scope.addEventListener('message', (event) => {
  const request = event.data;
  void (async () => {
    try {
      if (request.kind === 'encrypt') {
        const result: EncryptedAttachment = encryptAttachment(request.data, request.info);
        scope.postMessage({ kind: 'done', id: request.id, result }, [result.payload.buffer as ArrayBuffer]);
      } else {
        const result: DecryptedAttachment = await decryptAttachmentAtOnce(request.payload, request.params);
        scope.postMessage({ kind: 'done', id: request.id, result }, [result.data.buffer as ArrayBuffer]);
      }
    } catch (error) {
      const code = error instanceof AttachmentError ? error.code : null;
      scope.postMessage({ kind: 'failed', id: request.id, code, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});

scope.postMessage({ kind: 'ready' });
