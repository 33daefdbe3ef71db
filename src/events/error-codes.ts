/** Every code a `mask-error` event can carry. Stable: hosts may switch on them. */
export const ERROR_CODES = [
  // wallet and context
  'no-wallet',
  'user-rejected',
  'wallet-error',
  'unsupported-chain',
  'chain-switch-failed',
  'invalid-config',
  'not-connected',
  // input
  'invalid-address',
  'invalid-name',
  'invalid-amount',
  'invalid-recipient',
  'invalid-token',
  'invalid-attributes',
  // network
  'rpc-error',
  'wrong-network',
  'insufficient-funds',
  'reverted',
  'resolution-failed',
  // messaging
  'engine-load-failed',
  'signature-rejected',
  'installation-limit',
  'peer-not-reachable',
  'node-unreachable',
  'network-moved',
  'backup-unreadable',
  'unknown',
] as const;

import type { AttachmentErrorCode } from './attachment-error-codes.js';
import type { ChatErrorCode } from './chat-error-codes.js';
import type { GroupErrorCode } from './group-error-codes.js';

export type MaskErrorCode = (typeof ERROR_CODES)[number] | AttachmentErrorCode | ChatErrorCode | GroupErrorCode;
