/**
 * `mask-widgets/attachments`: the remote attachment pair (XIP-17/18) the chat uses, for apps that
 * send or open XMTP attachments themselves. Pure @noble code: no XMTP wasm, no DOM.
 *
 * ```ts
 * import { encryptAttachment, decryptAttachment } from 'mask-widgets/attachments';
 * const enc = encryptAttachment(bytes, { filename: 'cat.png', mimeType: 'image/png' });
 * const url = await upload(enc.payload);            // any https:// location
 * // send { url, contentDigest, secret, salt, nonce, scheme: 'https://', contentLength, filename }
 * const { filename, mimeType, data } = await decryptAttachment(downloaded, enc);
 * ```
 *
 * `encryptAttachmentInWorker` and `decryptAttachmentInWorker` give the same results from a small
 * dedicated worker started on first need (what the chat uses: a 10 MB file never blocks the page);
 * pass `{ transfer: true }` to move the input's buffer there instead of copying it. Where no worker
 * can start they run on the main thread in slices, and the console says so once
 * (`attachmentWorkerState()` tells). `encryptAttachmentSliced` gives the same result on the main
 * thread, working in 64 KiB slices with pauses between them; `decryptAttachment` works that way
 * too above 64 KiB.
 * `decryptAttachment` checks the SHA-256 digest first; failures reject with an `AttachmentError`
 * whose `code` is one of `ATTACHMENT_ERROR_CODES`.
 */
export {
  AttachmentError,
  decryptAttachment,
  encryptAttachment,
  encryptAttachmentSliced,
  type AttachmentInfo,
  type DecryptedAttachment,
  type DecryptParams,
  type EncryptedAttachment,
  type EncryptOptions,
} from './crypto.js';
export {
  attachmentWorkerState,
  decryptAttachmentInWorker,
  encryptAttachmentInWorker,
  type AttachmentWorkerState,
  type OffloadOptions,
} from './offload.js';
export { ATTACHMENT_ERROR_CODES, type AttachmentErrorCode } from '../events/attachment-error-codes.js';
