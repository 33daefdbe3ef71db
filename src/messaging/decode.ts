/**
 * A decoded XMTP message as the UI's plain item, with every field another
 * client controls bounded on the way in. Any XMTP user can send any content
 * type with any metadata (a transaction reference whose `decimals` is a
 * billion, a "reaction" of a megabyte, an `amount` of a million digits), so
 * nothing here trusts a type, a length or a range: numbers are range-checked,
 * identifiers and labels are capped, addresses must be addresses, and what
 * cannot be read becomes an `unknown` message (shown as a short fallback,
 * never dropped, never able to stop the list). Message text itself is kept
 * whole; the UI caps what it lays out (`components/chat/chat-text.ts`).
 *
 * Pure (no SDK import): `engine.ts` maps the SDK's enums and calls it, and
 * the unit tests feed it hostile shapes directly.
 */
import { MAX_DECIMALS } from '../internal/format.js';
import { ellipsize } from '../internal/clip.js';
import { amountFromMetadata } from './amount.js';
import type { ChatAttachment, ChatMessage, ChatTransaction, DeliveryState, EngineItem, GroupUpdate } from './types.js';

/** What the engine knows of one SDK message, with the SDK's enums already read. */
export interface RawMessage {
  id: unknown;
  conversationId: unknown;
  senderInboxId: unknown;
  sentAtNs: unknown;
  /** A group membership change (shown as a line when it is a readable `group_updated`, else not at all). */
  membershipChange?: boolean;
  authorityId: unknown;
  typeId: unknown;
  content: unknown;
  fallback: unknown;
  delivery: DeliveryState;
  /** For reactions: the SDK said the action is a removal. */
  reactionRemoved?: boolean;
}

/** Longest identifier (message id, inbox id, reference) kept; real ones are 64 hex digits. */
const MAX_ID = 200;
/** Longest token symbol shown. */
const MAX_CURRENCY = 24;
/** Longest network id kept (`eip155:8453`, `0x2105`). */
const MAX_NETWORK = 64;
/** Longest reaction kept: an emoji sequence, not an essay. */
const MAX_REACTION = 32;
/** Longest quote of a replied-to message kept with the reply. */
const MAX_QUOTE = 280;
/** Longest transaction reference kept (a hash is 66 characters). */
const MAX_HASH = 130;

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A short label from a remote value: a string, without control characters, capped. */
function label(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(CONTROLS, '').trim();
  return text ? ellipsize(text, max) : null;
}

const id = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value).slice(0, MAX_ID) : '');

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const address = (value: unknown): string | null => (typeof value === 'string' && ADDRESS.test(value) ? value : null);

/** Nanoseconds as a decimal string of at most 25 digits (the year 2500 has 20); anything else is 0. */
function ns(value: unknown): string {
  const text = typeof value === 'bigint' || typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  return /^\d{1,25}$/.test(text) ? text.replace(/^0+(?=\d)/, '') : '0';
}

/** Token decimals: an integer from 0 to 255, else unknown. */
function decimals(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DECIMALS ? value : null;
}

/** A metadata amount as base units: a number of at most 78 digits (a uint256) and as many decimals, else unknown. */
function amount(value: unknown): string | null {
  const units = amountFromMetadata(value);
  return units !== null && /^\d{1,78}(\.\d{1,78})?$/.test(units) ? units : null;
}

const record = (value: unknown): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);

/** A transaction reference's content as the receipt the UI shows, every field bounded. */
export function toTransaction(content: Record<string, unknown>): ChatTransaction {
  const meta = record(content.metadata);
  return {
    networkId: label(typeof content.networkId === 'number' ? String(content.networkId) : content.networkId, MAX_NETWORK) ?? '',
    hash: label(content.reference, MAX_HASH) ?? '',
    amount: meta ? amount(meta.amount) : null,
    decimals: meta ? decimals(meta.decimals) : null,
    currency: meta ? label(meta.currency, MAX_CURRENCY) : null,
    from: meta ? address(meta.fromAddress) : null,
    to: meta ? address(meta.toAddress) : null,
  };
}

/** Longest file name kept (most file systems stop at 255 bytes). */
const MAX_FILENAME = 255;
/** Longest attachment URL kept. */
const MAX_URL = 2048;
const HEX = (bytes: number) => new RegExp(`^(0x)?[0-9a-fA-F]{${bytes * 2}}$`);
const HEX32 = HEX(32);
const HEX12 = HEX(12);
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

/** Key bytes as lower-case hex without 0x: the SDK hands Uint8Arrays, some senders hex. */
function keyHex(value: unknown, pattern: RegExp): string | null {
  if (value instanceof Uint8Array) value = Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
  return typeof value === 'string' && pattern.test(value) ? value.replace(/^0x/, '').toLowerCase() : null;
}

const size = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : typeof value === 'bigint' && value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null);

/** An inline or remote attachment's content, bounded; null when it cannot be one. */
export function toAttachment(type: 'attachment' | 'remoteStaticAttachment', content: Record<string, unknown>): ChatAttachment | null {
  const filename = label(content.filename, MAX_FILENAME) ?? '';
  const mime = typeof content.mimeType === 'string' && MIME.test(content.mimeType) ? content.mimeType.toLowerCase() : 'application/octet-stream';
  if (type === 'attachment') {
    const data = content.content ?? content.data;
    if (!(data instanceof Uint8Array)) return null;
    return { filename, mimeType: mime, size: data.length, data };
  }
  const url = typeof content.url === 'string' && content.url.length <= MAX_URL ? content.url : null;
  const digest = keyHex(content.contentDigest, HEX32);
  const secret = keyHex(content.secret, HEX32);
  const salt = keyHex(content.salt, HEX32);
  const nonce = keyHex(content.nonce, HEX12);
  if (!url || !digest || !secret || !salt || !nonce) return null;
  const length = size(content.contentLength);
  return {
    filename,
    // The type is inside the encrypted payload; until it is opened, guess nothing.
    mimeType: 'application/octet-stream',
    size: length,
    remote: { url, scheme: typeof content.scheme === 'string' ? content.scheme.slice(0, 16) : '', contentDigest: digest, secret, salt, nonce, contentLength: length },
  };
}

/** Inbox ids named in one list of a group change; more are left out (a real commit names a handful). */
const MAX_INBOXES = 50;
/** Longest group name or description kept from a change. */
const MAX_GROUP_TEXT = 1000;
/** The SDK's metadata field names, as the fields a line names. */
const FIELDS: Record<string, GroupUpdate['changes'][number]['field']> = { group_name: 'name', description: 'description', group_image_url_square: 'image' };

const inboxes = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .slice(0, MAX_INBOXES)
        .map((i) => id(record(i)?.inboxId ?? i))
        .filter((i) => !!i)
    : [];

/** A `group_updated` content as the change a line shows; null when it holds nothing a line says (admin changes, settings). */
export function toGroupUpdate(content: Record<string, unknown>): GroupUpdate | null {
  const changes: GroupUpdate['changes'] = [];
  if (Array.isArray(content.metadataFieldChanges)) {
    for (const change of content.metadataFieldChanges.slice(0, 10)) {
      const c = record(change);
      const field = c && typeof c.fieldName === 'string' ? FIELDS[c.fieldName] : undefined;
      if (field && !changes.some((x) => x.field === field)) changes.push({ field, value: label(c!.newValue, field === 'image' ? MAX_URL : MAX_GROUP_TEXT) });
    }
  }
  const update: GroupUpdate = { by: id(content.initiatedByInboxId), added: inboxes(content.addedInboxes), removed: inboxes(content.removedInboxes), left: inboxes(content.leftInboxes), changes };
  return update.added.length || update.removed.length || update.left.length || changes.length ? update : null;
}

/** A decoded message as the UI's item; null for what the UI does not show. Never throws on remote data. */
export function decodeItem(m: RawMessage): EngineItem | null {
  const type = typeof m.typeId === 'string' ? m.typeId : '';
  const xmtp = m.authorityId === 'xmtp.org';
  const base = { id: id(m.id), conversationId: id(m.conversationId), senderInboxId: id(m.senderInboxId), sentAtNs: ns(m.sentAtNs) };
  const content = m.content;
  const object = record(content);
  if (xmtp && type === 'group_updated') {
    const update = object ? toGroupUpdate(object) : null;
    return update ? { ...base, kind: 'update', text: '', update, reactions: [], delivery: 'sent' } : null;
  }
  if (m.membershipChange) return null;
  if (xmtp) {
    if (type === 'reaction') {
      // A reaction that cannot be read is dropped: it has no place of its own in the conversation.
      const emoji = object ? label(object.content, MAX_REACTION) : null;
      const reference = object ? id(object.reference) : '';
      return emoji && reference ? { kind: 'reaction', ...base, reference, emoji, removed: !!m.reactionRemoved } : null;
    }
    if (type === 'readReceipt' || type === 'leave_request') return null;
  }
  const message: ChatMessage = { ...base, kind: 'unknown', text: typeof m.fallback === 'string' ? m.fallback : '', reactions: [], delivery: m.delivery };
  if (xmtp && (type === 'text' || type === 'markdown') && typeof content === 'string') {
    message.kind = 'text';
    message.text = content;
  } else if (xmtp && type === 'reply' && object) {
    const inner = typeof object.content === 'string' ? object.content : null;
    const quoted = record(object.inReplyTo);
    if (inner !== null) {
      message.kind = 'reply';
      message.text = inner;
    }
    message.replyTo = { id: id(object.referenceId), text: quoted && typeof quoted.content === 'string' ? ellipsize(quoted.content, MAX_QUOTE) : null };
  } else if (xmtp && (type === 'attachment' || type === 'remoteStaticAttachment') && object) {
    const attachment = toAttachment(type, object);
    if (attachment) {
      message.kind = 'attachment';
      message.text = attachment.filename;
      message.attachment = attachment;
    }
  } else if (xmtp && type === 'transactionReference' && object) {
    message.kind = 'transaction';
    message.transaction = toTransaction(object);
  }
  return message;
}

/** `decodeItem`, and when even that fails, a fallback message: one bad message never stops a page of history. */
export function safeDecode(m: RawMessage): EngineItem | null {
  try {
    return decodeItem(m);
  } catch {
    return { id: id(m.id), conversationId: id(m.conversationId), senderInboxId: id(m.senderInboxId), sentAtNs: ns(m.sentAtNs), kind: 'unknown', text: '', reactions: [], delivery: m.delivery };
  }
}
