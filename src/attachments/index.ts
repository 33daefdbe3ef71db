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
 * `encryptAttachmentSliced` gives the same result, working in 64 KiB slices with pauses between them
 * (a 10 MB file never blocks the page for long); `decryptAttachment` works that way too above 64 KiB.
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
export { ATTACHMENT_ERROR_CODES, type AttachmentErrorCode } from '../events/attachment-error-codes.js';
