/**
 * The `mask-error` codes of attachments. Kept apart from `ERROR_CODES` so the entry does not carry
 * them (the attachment code is a lazy chunk); `MaskErrorCode` includes them as a type, and the
 * public module `mask-widgets/attachments` exports the list.
 */
export const ATTACHMENT_ERROR_CODES = [
  'attachment-too-large',
  'attachment-no-storage',
  'attachment-upload-failed',
  'attachment-blocked-url',
  'attachment-not-found',
  'attachment-timeout',
  'attachment-fetch-failed',
  'attachment-length-mismatch',
  'attachment-digest-mismatch',
  'attachment-decrypt-failed',
  'attachment-malformed',
] as const;

export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];
