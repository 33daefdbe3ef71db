import type { AttachmentErrorCode } from '../events/attachment-error-codes.js';

/** Every attachment failure: a stable `code` (the component turns it into a sentence) and a technical message. */
export class AttachmentError extends Error {
  override name = 'AttachmentError';
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}
