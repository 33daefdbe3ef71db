/**
 * `mask-error` codes of the chat that only its lazy chunks emit. Kept apart from `ERROR_CODES` so
 * the entry does not carry them (like `ATTACHMENT_ERROR_CODES`); `MaskErrorCode` includes them as a
 * type.
 * - `signature-invalid`: the XMTP network did not accept the wallet's signature (for a smart
 *   account: its ERC-1271 `isValidSignature` refused it, or the network cannot check its chain).
 * - `conversation-paused`: a group needs a newer XMTP client than this kit's (XIP-72
 *   `pausedForVersion`): readable, not writable, until the site updates mask-widgets.
 */
export const CHAT_ERROR_CODES = ['signature-invalid', 'conversation-paused'] as const;

export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];
