/**
 * The messaging contract shared by the chat UI, the page's messaging context
 * and the XMTP engine. Plain, structured-cloneable data only (no SDK types),
 * so a tab that does not own the XMTP client can receive the same shapes over
 * a BroadcastChannel. Every text field is remote text: render it as text.
 */
import type { XmtpEnv } from '../config/config.js';
import { detailText } from '../internal/clip.js';

/** The connection as a visitor sees it (`moved`: the network moved to XMTP D14N; history readable, sending not). */
export const CONNECTION_STATES = ['connecting', 'live', 'reconnecting', 'offline', 'moved'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** Where sending a message stands (optimistic send). */
export type DeliveryState = 'sending' | 'sent' | 'failed';

/** A reaction on a message, already folded per sender and emoji. */
export interface ChatReaction {
  emoji: string;
  senderInboxId: string;
}

/** An on-chain transaction referenced in the conversation (a tip receipt). */
export interface ChatTransaction {
  /** CAIP-2-ish network id as the sender wrote it (`31337`, `eip155:8453`, `0x2105`). */
  networkId: string;
  /** The transaction hash. */
  hash: string;
  /** Amount in base units, as a decimal string, when the sender said. */
  amount: string | null;
  decimals: number | null;
  currency: string | null;
  from: string | null;
  to: string | null;
}

/**
 * A file in a message. Inline (`xmtp.org/attachment`): `data` holds the bytes. Remote
 * (`xmtp.org/remoteStaticAttachment`, XIP-17/18): `remote` holds where the encrypted bytes are and
 * the keys (hex); the UI fetches, checks the digest, decrypts. Every field is remote data: the
 * name and type are capped labels, never markup, and the type decides nothing but the icon and
 * whether a raster image may be shown.
 */
export interface ChatAttachment {
  filename: string;
  mimeType: string;
  /** Bytes of the file (inline) or of the encrypted payload (remote, when the sender said); null when unknown. */
  size: number | null;
  data?: Uint8Array;
  remote?: RemoteAttachmentRef;
}

export interface RemoteAttachmentRef {
  url: string;
  /** `https://` (or `https`, as some senders write it). */
  scheme: string;
  contentDigest: string;
  secret: string;
  salt: string;
  nonce: string;
  contentLength: number | null;
}

/** An attachment to send: inline bytes, or a remote attachment already encrypted and stored. */
export type OutgoingAttachment =
  | { kind: 'inline'; filename: string; mimeType: string; data: Uint8Array }
  | { kind: 'remote'; filename: string; mimeType: string; ref: RemoteAttachmentRef };

export type ChatMessageKind = 'text' | 'reply' | 'transaction' | 'attachment' | 'update' | 'unknown';

/**
 * A group's membership or metadata change (XMTP's `xmtp.org/group_updated`): inbox ids, and the new
 * values as capped remote text. The chat shows it as a line ("alice.eth added bob.eth"), not a bubble.
 */
export interface GroupUpdate {
  /** Who made the change. */
  by: string;
  added: string[];
  removed: string[];
  left: string[];
  /** A field the change set, with its new value (null: cleared). */
  changes: { field: 'name' | 'description' | 'image'; value: string | null }[];
}

/** A member's role in a group. */
export type GroupRole = 'super-admin' | 'admin' | 'member';
/** Who a group's rules let do something: everyone, admins (super admins too), super admins only, or nobody. */
export type GroupPolicy = 'everyone' | 'admins' | 'super-admins' | 'nobody';

/** A group as its details view shows it. Name, description and image URL are remote text ('' when unset). */
export interface GroupDetails {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  members: { inboxId: string; addresses: string[]; role: GroupRole }[];
  /** The visitor's role ('member' once they left). */
  role: GroupRole;
  policies: { addMember: GroupPolicy; removeMember: GroupPolicy; updateName: GroupPolicy; updateDescription: GroupPolicy; updateImage: GroupPolicy };
  /** False once the visitor left or was removed: the group is read-only. */
  active: boolean;
  /** The visitor asked to leave and no admin's client has removed them yet. */
  leaving: boolean;
}

/** A group to create: its name, members (addresses, lower-case) and optional description and image URL. */
export interface NewGroup {
  name: string;
  members: string[];
  description?: string;
  imageUrl?: string;
}

/** One message as the UI shows it. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  senderInboxId: string;
  /** Nanoseconds since the epoch, as a decimal string (sortable by length then value). */
  sentAtNs: string;
  kind: ChatMessageKind;
  /** Text, the reply's text, or an unknown type's fallback. */
  text: string;
  /** For replies: the id of the message replied to, and a short quote of it when known. */
  replyTo?: { id: string; text: string | null };
  transaction?: ChatTransaction;
  attachment?: ChatAttachment;
  /** For `update`: the group change the line describes. */
  update?: GroupUpdate;
  reactions: ChatReaction[];
  delivery: DeliveryState;
}

/** A reaction or a removal, before it is folded into its target. */
export interface ChatReactionEvent {
  kind: 'reaction';
  id: string;
  conversationId: string;
  senderInboxId: string;
  sentAtNs: string;
  reference: string;
  emoji: string;
  removed: boolean;
}

/** Anything the engine yields from history or the stream. */
export type EngineItem = ChatMessage | ChatReactionEvent;

export type ConsentValue = 'allowed' | 'unknown' | 'denied';

export interface ConversationInfo {
  id: string;
  /** The other member's inbox id (DMs). */
  peerInboxId: string | null;
  /** The other member's addresses, lower-case, when known. */
  peerAddresses: string[];
  consent: ConsentValue;
  /**
   * The XMTP version this group needs, when it is paused for this client's (XIP-72): its history
   * stays readable, nothing can be sent into it until the site updates the kit. Null or absent: not paused.
   */
  pausedForVersion?: string | null;
}

/** The last message of a conversation as the inbox previews it (remote text: render it as text). */
export interface ConversationPreview {
  senderInboxId: string;
  kind: ChatMessageKind;
  /** The text, the reply's text, or an unknown type's fallback (empty for a tip receipt). */
  text: string;
  sentAtNs: string;
}

/** One row of the inbox: a DM or a group, as the visitor's list shows it. */
export interface ConversationSummary {
  id: string;
  kind: 'dm' | 'group';
  /** The other member's inbox id (DMs). */
  peerInboxId: string | null;
  /** The other member's addresses, lower-case, when known (DMs). */
  peerAddresses: string[];
  /** A group's name and image URL as its members set them (remote text; null for DMs or when unset). */
  groupName: string | null;
  groupImageUrl: string | null;
  consent: ConsentValue;
  /** The XMTP version the group needs when it is paused for this client's (see `ConversationInfo`). */
  pausedForVersion?: string | null;
  /** The newest message shown in a chat, when there is one. */
  last: ConversationPreview | null;
  /** Nanoseconds since the epoch of the newest message (or the conversation's creation), as a decimal string. */
  lastActivityNs: string;
  /** Messages from others after the visitor last read the conversation, at most 99. */
  unread: number;
  /**
   * Only what the conversation list gives at once (`conversationList`): no peer, preview, time or
   * unread count yet (`lastActivityNs` is '0', `unread` 0); `summaries` fills them in.
   */
  partial?: boolean;
}

/** Who is in a conversation: its kind, and every member's inbox id with their addresses (lower-case). */
export interface ConversationMembers {
  kind: 'dm' | 'group';
  members: { inboxId: string; addresses: string[] }[];
}
/** When the visitor last read each conversation (ns as decimal strings), by conversation id. */
export type LastRead = Readonly<Record<string, string>>;

export interface InstallationInfo {
  id: string;
  /** Milliseconds since the epoch, when the network knows. */
  createdAt: number | null;
  /** This browser's installation. */
  current: boolean;
}

/** A transaction reference to send (from a confirmed tip). */
export interface OutgoingTransaction {
  networkId: string;
  hash: string;
  amount?: number;
  decimals?: number;
  currency?: string;
  from?: string;
  to?: string;
}

/** What the engine reports while a client comes up. */
export type EngineProgress = 'code' | 'worker' | 'network' | 'ready';

export interface EngineOptions {
  env: XmtpEnv;
  apiUrl?: string;
  /** The app's gateway on the decentralised network (with a D14N `env`). */
  gatewayHost?: string;
  /** The wallet address, checksummed or lower-case. */
  address: string;
  /** EIP-1193 personal_sign, returning the signature as hex. */
  signMessage: (message: string) => Promise<string>;
  /** Present for smart-contract wallets: the chain the signature is valid on. */
  scwChainId?: number;
  /**
   * XMTP device sync (off when omitted; the kit passes its `xmtp.deviceSync`, on by default): the
   * client joins its wallet's device-sync groups, answers other installations' history requests
   * while it runs, and asks for history once when this browser registers a new installation.
   */
  deviceSync?: boolean;
  /**
   * The history service archives go through (the kit's `xmtp.historySyncUrl`); omitted, the SDK's
   * own for `env`. The SDK 7.1.0 ignores its `historySyncUrl` client option: the URL travels in
   * each history request, and the answering installation uploads there.
   */
  historySyncUrl?: string;
  /** How long the worker and wasm may take to come up (ms). */
  timeoutMs: number;
  /** The kit's version, told to the network as `mask-widgets/<version>` (passed in: the engine is also a separate entry). */
  appVersion?: string;
  onProgress?: (step: EngineProgress) => void;
  /** Another tab of this origin registered the installation this engine uses (tabs.ts). */
  onRegistered?: () => void;
}

export interface StreamHandlers {
  onItem(item: EngineItem): void;
  /** Live, reconnecting, or given up (offline). */
  onState(state: ConnectionState): void;
  /** The stream came back after a failure: the caller should resync. */
  onRestart(): void;
  /** A conversation this inbox joined (someone started a DM or added it to a group), before any message in it. */
  onConversation?(id: string): void;
}

/**
 * One XMTP client. Implemented over the SDK in `engine.ts` (lazy chunk), and
 * relayed to other tabs of the same origin.
 */
export interface Engine {
  readonly inboxId: string;
  readonly installationId: string;
  isRegistered(): Promise<boolean>;
  /** Asks the wallet for the one signature that registers this browser. */
  register(): Promise<void>;
  canMessage(address: string): Promise<boolean>;
  /** The DM with `address`, created when there is none yet. */
  openDm(address: string): Promise<ConversationInfo>;
  openConversation(id: string): Promise<ConversationInfo | null>;
  /** Conversations from people the visitor has not answered yet (consent unknown). */
  requests(): Promise<ConversationInfo[]>;
  /**
   * The inbox's list, cheap (two SDK list calls, no call per conversation): every DM and group the
   * visitor has not blocked, allowed ones first then unknown ones, each by last activity, as `partial`
   * rows (kind, consent, a group's name and image). Pulls new conversations first when `sync`. With
   * `limit`, at most that many of each consent state (the newest): the list's cost grows with its length.
   */
  conversationList(options: { sync?: boolean; limit?: number }): Promise<ConversationSummary[]>;
  /** The full rows of these conversations (peer, preview, time, unread count against `lastRead`); unknown ids are left out. */
  summaries(ids: readonly string[], lastRead: LastRead): Promise<ConversationSummary[]>;
  /** One inbox row (a conversation that appeared in the stream), or null when there is no such conversation. */
  conversationSummary(id: string, lastRead: LastRead): Promise<ConversationSummary | null>;
  setConsent(conversationId: string, consent: ConsentValue): Promise<void>;
  /**
   * A page of history, newest first: before `beforeNs` (exclusive) or after
   * `afterNs` (exclusive, then oldest first). Pulls from the network first when `sync`.
   */
  messages(conversationId: string, options: { beforeNs?: string; afterNs?: string; limit: number; sync?: boolean }): Promise<EngineItem[]>;
  /**
   * Stores the message locally and returns its id at once; `publish` sends it.
   * The same `key` and text give the same message (a retry after a failure).
   */
  prepareText(conversationId: string, text: string, replyTo?: string, key?: string): Promise<string>;
  /** Tells the conversation's other members that the visitor read it (XMTP's `xmtp.org/readReceipt`). */
  sendReadReceipt(conversationId: string): Promise<void>;
  /** When each member last sent a read receipt in the conversation (ns as decimal strings), by inbox id. */
  lastReadTimes(conversationId: string): Promise<Record<string, string>>;
  /** The conversation's kind and members (a group's messages show who sent them). */
  members(conversationId: string): Promise<ConversationMembers>;
  /** The other member of a DM (to route messages of a duplicate DM group to the conversation shown). */
  dmPeer(conversationId: string): Promise<string | null>;
  prepareTransaction(conversationId: string, tx: OutgoingTransaction): Promise<string>;
  prepareReaction(conversationId: string, reference: string, referenceInboxId: string, emoji: string, removed: boolean): Promise<string>;
  /** An attachment (inline bytes, or a remote attachment the UI encrypted and stored), prepared like a text. */
  prepareAttachment(conversationId: string, attachment: OutgoingAttachment): Promise<string>;
  /** Publishes everything prepared in the conversation. */
  publish(conversationId: string): Promise<void>;
  /** Pulls new conversations and messages from the network. */
  sync(): Promise<void>;
  stream(handlers: StreamHandlers): Promise<void>;
  installations(): Promise<InstallationInfo[]>;
  revokeInstallations(ids: string[]): Promise<void>;
  /** This installation's conversations, messages and consent as an archive encrypted with `key` (32 bytes; the SDK's backup format). */
  exportBackup(key: Uint8Array): Promise<Uint8Array>;
  /** Creates a group with the admin-only policy (the visitor its super admin) and returns its inbox row. */
  createGroup(group: NewGroup): Promise<ConversationSummary>;
  /** A group's name, description, image, members with roles, the rules, and the visitor's role. */
  groupDetails(conversationId: string): Promise<GroupDetails>;
  addMembers(conversationId: string, addresses: string[]): Promise<void>;
  removeMembers(conversationId: string, inboxIds: string[]): Promise<void>;
  /** Asks to leave (an admin's client removes the visitor). */
  leaveGroup(conversationId: string): Promise<void>;
  updateGroup(conversationId: string, changes: { name?: string; description?: string; imageUrl?: string }): Promise<void>;
  /** The addresses (lower-case) of inboxes, for members who are no longer in a group; unknown ones are left out. */
  inboxAddresses(inboxIds: string[]): Promise<Record<string, string[]>>;
  /** Imports an archive made by `exportBackup` with the same key; `backup-unreadable` when it is no archive or the key differs. */
  importBackup(data: Uint8Array, key: Uint8Array): Promise<void>;
  close(): void;
}

/** An error the engine raises with a stable code (mapped to `mask-error` codes by the UI). */
/** True for an EngineError, also one from a separately loaded engine build (`xmtp.engineUrl`), whose class is another copy. */
export const isEngineError = (error: unknown): error is EngineError => error instanceof Error && error.name === 'EngineError' && typeof (error as { code?: unknown }).code === 'string';

export class EngineError extends Error {
  constructor(
    readonly code:
      | 'engine-load-failed'
      | 'signature-rejected'
      | 'signature-invalid'
      | 'installation-limit'
      | 'peer-not-reachable'
      | 'node-unreachable'
      | 'network-moved'
      | 'conversation-paused'
      | 'backup-unreadable'
      | 'unknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    // The chat places the message in its sentences as `({detail}).`: no final stop of its own.
    super(detailText(message), options);
    this.name = 'EngineError';
  }
}
