/**
 * The XMTP engine: the only module that imports `@xmtp/browser-sdk`, loaded
 * with `import()` when a visitor opens a chat. The SDK runs its client (and
 * the 12 MB wasm) in a worker; nothing here instantiates the wasm on the main
 * thread (no `encode*` / `contentType*` helpers, no static Client methods).
 */
import {
  ApiUrls,
  BackupElementSelectionOption,
  Client,
  ConsentState,
  ContentType,
  ConversationType,
  DeliveryStatus,
  GroupMessageKind,
  GroupPermissionsOptions,
  IdentifierKind,
  ListConversationsOrderBy,
  LogLevel,
  PermissionLevel,
  PermissionPolicy,
  ReactionAction,
  ReactionSchema,
  SortDirection,
  type ClientOptions,
  type DecodedMessage,
  type Dm,
  type Conversation,
  type Group,
  type Identifier,
  type Signer,
} from '@xmtp/browser-sdk';
import { watchWorkers } from './create-worker.js';
import { watchCutover } from './cutover.js';
import { keepStream, STOP_GRACE_MS, type KeptStream } from './kept-stream.js';
import { safeDecode } from './decode.js';
import {
  EngineError,
  type ChatMessage,
  type ConsentValue,
  type ConversationInfo,
  type ConversationMembers,
  type ConversationPreview,
  type ConversationSummary,
  type Engine,
  type EngineItem,
  type EngineOptions,
  type GroupDetails,
  type GroupPolicy,
  type GroupRole,
  type InstallationInfo,
  type NewGroup,
  type LastRead,
  type OutgoingAttachment,
  type OutgoingTransaction,
  type StreamHandlers,
} from './types.js';
import { pausedVersionIn, readPausedVersion } from './paused.js';

type AnyConversation = Dm<unknown> | Group<unknown>;
type EncodedContent = Parameters<Conversation['send']>[0];

const hexToBytes = (hex: string): Uint8Array => {
  const clean = hex.startsWith('0x') ? hex.slice(2) : hex;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
};

export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String((error as { message: unknown }).message) : String(error);

/** Errors the SDK surfaces, mapped to the kit's stable codes. */
export function classify(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const text = errorText(error);
  if (/register a new installation|already registered \d+\/\d+ installations|too many installations/i.test(text)) {
    return new EngineError('installation-limit', text, { cause: error });
  }
  // The network moved to XMTP D14N (node-go's fixed messages at the cutover): not a failure to retry.
  if (/no longer available\. Please upgrade your client to XMTP D14N/i.test(text)) {
    return new EngineError('network-moved', text, { cause: error });
  }
  // A group paused for this client's version (XIP-72): not a failure to retry.
  if (pausedVersionIn(text)) return new EngineError('conversation-paused', text, { cause: error });
  // The network did not accept the wallet's signature: for a smart account, its ERC-1271 check said no
  // (or the network cannot check accounts on its chain). Retrying with the same wallet will not help.
  if (/SignatureError::Invalid|Signature validation failed/i.test(text)) {
    return new EngineError('signature-invalid', text, { cause: error });
  }
  if (/failed to fetch|ApiError|transport|connection refused|network ?error|Unavailable|error sending request/i.test(text)) {
    return new EngineError('node-unreachable', text, { cause: error });
  }
  return new EngineError('unknown', text, { cause: error });
}

const policyOf = (policy: PermissionPolicy): GroupPolicy =>
  policy === PermissionPolicy.Allow ? 'everyone' : policy === PermissionPolicy.Admin ? 'admins' : policy === PermissionPolicy.SuperAdmin ? 'super-admins' : 'nobody';

const ethereum = (address: string): Identifier => ({ identifier: address.toLowerCase(), identifierKind: IdentifierKind.Ethereum });

const consentOf = (state: ConsentState): ConsentValue =>
  state === ConsentState.Allowed ? 'allowed' : state === ConsentState.Denied ? 'denied' : 'unknown';

const TEXT_TYPE = { authorityId: 'xmtp.org', typeId: 'text', versionMajor: 1, versionMinor: 0 };

/** Encodes a text without the SDK's wasm-backed `encodeText` (which would load the wasm on the main thread). */
function encodedText(text: string): EncodedContent {
  return { type: TEXT_TYPE, parameters: { encoding: 'UTF-8' }, content: new TextEncoder().encode(text) };
}

/** A decoded SDK message as the UI's plain shape (bounded, `decode.ts`); null for what the UI does not show. */
export function toItem(m: DecodedMessage<unknown>): EngineItem | null {
  const content = m.content as { action?: unknown } | undefined;
  return safeDecode({
    id: m.id,
    conversationId: m.conversationId,
    senderInboxId: m.senderInboxId,
    sentAtNs: m.sentAtNs,
    membershipChange: m.kind === GroupMessageKind.MembershipChange,
    authorityId: m.contentType?.authorityId,
    typeId: m.contentType?.typeId,
    content: m.content,
    fallback: m.fallback,
    delivery: m.deliveryStatus === DeliveryStatus.Failed ? 'failed' : m.deliveryStatus === DeliveryStatus.Unpublished ? 'sending' : 'sent',
    reactionRemoved: !!content && typeof content === 'object' && content.action === ReactionAction.Removed,
  });
}

/**
 * Every item a decoded message carries: itself, and the reactions the SDK attached to it. In a DM
 * (`dm`) a membership commit (the two members added at its start) is no line the chat shows.
 */
function itemsOf(m: DecodedMessage<unknown>, dm = false): EngineItem[] {
  const out: EngineItem[] = [];
  const item = toItem(m);
  if (item && !(dm && item.kind === 'update')) out.push(item);
  for (const r of m.reactions ?? []) {
    const reaction = toItem(r);
    if (reaction) out.push(reaction);
  }
  return out;
}

/** What a chat shows as a message: counted as unread and previewed in the inbox (not reactions, read receipts or membership changes). */
const SHOWN_TYPES = [ContentType.Text, ContentType.Markdown, ContentType.Reply, ContentType.TransactionReference, ContentType.Attachment, ContentType.RemoteAttachment, ContentType.Custom];
/** Unread counts stop here (the list shows 99+). */
const UNREAD_CAP = 99;

const previewOf = (m: DecodedMessage<unknown> | undefined): ConversationPreview | null => {
  const item = m ? toItem(m) : null;
  // Reactions and a group's change lines are not what a row previews.
  if (!item || item.kind === 'reaction' || item.kind === 'update') return null;
  const message = item as ChatMessage;
  return { senderInboxId: message.senderInboxId, kind: message.kind, text: message.text, sentAtNs: message.sentAtNs };
};

/** A preview with something to show: not an unknown content with no fallback text. */
const previewable = (p: ConversationPreview | null | undefined): ConversationPreview | null => (p && (p.kind !== 'unknown' || p.text) ? p : null);

/**
 * A sync that failed because the conversation is inactive here (restored from device sync or a backup:
 * read-only until a member's client adds this installation) is no failure: its history is still
 * readable. libxmtp says so in the error ("Group is inactive") even when `isActive()` still answers true.
 */
async function tolerateInactive(conversation: AnyConversation, error: unknown): Promise<void> {
  if (/group is inactive/i.test(errorText(error))) return;
  if (await conversation.isActive().catch(() => true)) throw error;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * Starts an XMTP client for `options.address`. Resumes this browser's
 * installation from its storage when there is one (no signature); otherwise
 * the client comes up unregistered and `register()` asks for the signature.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const identifier: Identifier = { identifier: options.address.toLowerCase(), identifierKind: IdentifierKind.Ethereum };
  let walletRejected: unknown = null;
  const signMessage = async (message: string): Promise<Uint8Array> => {
    try {
      return hexToBytes(await options.signMessage(message));
    } catch (error) {
      walletRejected = error;
      throw error;
    }
  };
  const signer: Signer = options.scwChainId
    ? { type: 'SCW', getIdentifier: () => identifier, signMessage, getChainId: () => BigInt(options.scwChainId!) }
    : { type: 'EOA', getIdentifier: () => identifier, signMessage };
  const clientOptions: ClientOptions = {
    env: options.env,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    ...(options.gatewayHost ? { gatewayHost: options.gatewayHost } : {}),
    appVersion: `mask-widgets/${options.appVersion ?? 'unknown'}`,
    disableAutoRegister: true,
    disableDeviceSync: !options.deviceSync,
    // Read by no SDK up to 7.1.0 (the URL goes with each request, see #askForHistory); kept for later ones.
    ...(options.deviceSync && options.historySyncUrl ? { historySyncUrl: options.historySyncUrl } : {}),
    // Any other level also turns on the SDK's per-message console logging in the host page.
    loggingLevel: LogLevel.Off,
  };

  // The SDK never settles when its worker or wasm cannot load: watch the worker, and time out.
  let worker: Worker | null = null;
  let workerError: string | null = null;
  const unwatch = watchWorkers((w) => {
    worker = w;
    options.onProgress?.('worker');
    w.addEventListener('error', (e) => (workerError = e.message || 'the worker script did not load'), { once: true });
  });
  let client: Client<unknown>;
  try {
    const created = Client.create(signer, clientOptions) as Promise<Client<unknown>>;
    client = await withTimeout(
      Promise.race([
        created,
        new Promise<never>((_, reject) => {
          const check = setInterval(() => {
            if (workerError) {
              clearInterval(check);
              reject(new EngineError('engine-load-failed', workerError));
            }
          }, 100);
          void created.finally(() => clearInterval(check)).catch(() => {});
        }),
      ]),
      options.timeoutMs,
      () => new EngineError('engine-load-failed', workerError ?? `the XMTP worker did not start within ${Math.round(options.timeoutMs / 1000)} s`),
    );
  } catch (error) {
    (worker as Worker | null)?.terminate();
    const e = classify(error);
    if (e.code === 'unknown' && /SecurityError|Worker|wasm|WebAssembly|Content Security Policy/i.test(e.message)) {
      throw new EngineError('engine-load-failed', e.message, { cause: error });
    }
    throw e;
  } finally {
    unwatch();
  }
  options.onProgress?.('ready');
  return new XmtpEngine(
    client,
    () => {
      const rejected = walletRejected;
      walletRejected = null;
      return rejected;
    },
    options.deviceSync ? { historySyncUrl: options.historySyncUrl } : null,
    // The V3 network publishes its cutover time; the decentralised network (a gateway) has none.
    options.gatewayHost ? null : (options.apiUrl ?? (ApiUrls as Partial<Record<string, string>>)[options.env] ?? null),
  );
}

/** What history sync and backups carry: messages and consent, disappearing messages included. */
const HISTORY = { elements: [BackupElementSelectionOption.Messages, BackupElementSelectionOption.Consent], excludeDisappearingMessages: false };

class XmtpEngine implements Engine {
  readonly #client: Client<unknown>;
  readonly #takeRejection: () => unknown;
  /** Set when device sync is on. */
  readonly #deviceSync: { historySyncUrl?: string } | null;
  #deviceSyncTimer: ReturnType<typeof setInterval> | null = null;
  readonly #conversations = new Map<string, AnyConversation>();
  #installations = new Map<string, Uint8Array>();
  /** The message stream and the new-conversation stream (a group someone added this inbox to shows before its first message). */
  #streams: KeptStream[] = [];
  /** The V3 node whose published cutover time is watched (null on the decentralised network). */
  readonly #cutoverUrl: string | null;
  #stopCutover: (() => void) | null = null;
  /** The latest stream's handlers: the cutover watch reports to them. */
  #handlers: StreamHandlers | null = null;

  constructor(client: Client<unknown>, takeRejection: () => unknown, deviceSync: { historySyncUrl?: string } | null, cutoverUrl: string | null) {
    this.#client = client;
    this.#takeRejection = takeRejection;
    this.#deviceSync = deviceSync;
    this.#cutoverUrl = cutoverUrl;
  }

  /** Once the published cutover time has passed, the stream ends and the chat is told the network moved. */
  #moved = (): void => {
    if (!this.#streams.length) return;
    // The node closes the streams at the cutover too; they are ended only if they are still open after the grace.
    this.#endStreams(STOP_GRACE_MS);
    this.#handlers?.onState('moved');
  };

  get inboxId(): string {
    return this.#client.inboxId ?? '';
  }
  get installationId(): string {
    return this.#client.installationId ?? '';
  }

  async #signing<T>(work: () => Promise<T>): Promise<T> {
    this.#takeRejection();
    try {
      return await work();
    } catch (error) {
      const rejected = this.#takeRejection();
      if (rejected) throw new EngineError('signature-rejected', errorText(rejected), { cause: rejected });
      throw classify(error);
    }
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw classify(error);
    }
  }

  isRegistered(): Promise<boolean> {
    return this.#run(() => this.#client.isRegistered());
  }

  async register(): Promise<void> {
    await this.#signing(() => this.#client.register());
    this.#askForHistory();
  }

  /**
   * A new installation asks the wallet's other installations for history (messages and consent).
   * One that is online answers at once, one that is not answers when it next runs: its SDK
   * uploads an encrypted archive to the history service named here, and this client's sync
   * worker imports it. Nothing in 7.1.0 asks by itself. Best effort: the chat works without it.
   */
  #askForHistory(): void {
    if (!this.#deviceSync) return;
    this.#client.sendSyncRequest(HISTORY, this.#deviceSync.historySyncUrl).catch(() => {});
  }

  exportBackup(key: Uint8Array): Promise<Uint8Array> {
    return this.#run(() => this.#client.createArchive(key, HISTORY));
  }

  async importBackup(data: Uint8Array, key: Uint8Array): Promise<void> {
    // Read its header first: a file that is no backup, or one made with another key, fails here with nothing imported.
    await this.#client.archiveMetadata(data, key).catch((error: unknown) => {
      throw new EngineError('backup-unreadable', errorText(error), { cause: error });
    });
    await this.#run(() => this.#client.importArchive(data, key));
    this.#conversations.clear();
  }

  async canMessage(address: string): Promise<boolean> {
    const answer = await this.#run(() => this.#client.canMessage([{ identifier: address.toLowerCase(), identifierKind: IdentifierKind.Ethereum }]));
    return answer.get(address.toLowerCase()) ?? [...answer.values()][0] ?? false;
  }

  async #info(conversation: AnyConversation): Promise<ConversationInfo> {
    this.#conversations.set(conversation.id, conversation);
    const members = await conversation.members().catch(() => []);
    const peers = members.filter((m) => m.inboxId !== this.inboxId);
    const peerInboxId = 'peerInboxId' in conversation ? await conversation.peerInboxId().catch(() => peers[0]?.inboxId ?? null) : (peers[0]?.inboxId ?? null);
    return {
      id: conversation.id,
      peerInboxId,
      peerAddresses: peers.flatMap((m) => m.accountIdentifiers.map((i) => i.identifier.toLowerCase())),
      // A conversation restored from another site's history can refuse this until it is active here.
      consent: consentOf(await conversation.consentState().catch(() => ConsentState.Unknown)),
      pausedForVersion: await readPausedVersion(conversation),
    };
  }

  async #conversation(id: string): Promise<AnyConversation> {
    let conversation = this.#conversations.get(id);
    if (!conversation) {
      conversation = (await this.#client.conversations.getConversationById(id)) as AnyConversation | undefined;
      if (!conversation) throw new EngineError('unknown', `conversation ${id} not found`);
      this.#conversations.set(id, conversation);
    }
    return conversation;
  }

  openDm(address: string): Promise<ConversationInfo> {
    return this.#run(async () => {
      const identifier = { identifier: address.toLowerCase(), identifierKind: IdentifierKind.Ethereum };
      const conversations = this.#client.conversations;
      const dm = ((await conversations.fetchDmByIdentifier(identifier)) ?? (await conversations.createDmWithIdentifier(identifier))) as AnyConversation;
      return this.#info(dm);
    });
  }

  openConversation(id: string): Promise<ConversationInfo | null> {
    return this.#run(async () => {
      let conversation = (await this.#client.conversations.getConversationById(id)) as AnyConversation | undefined;
      if (!conversation) {
        await this.#client.conversations.sync();
        conversation = (await this.#client.conversations.getConversationById(id)) as AnyConversation | undefined;
      }
      return conversation ? this.#info(conversation) : null;
    });
  }

  requests(): Promise<ConversationInfo[]> {
    return this.#run(async () => {
      await this.#client.conversations.sync();
      const list = (await this.#client.conversations.list({ consentStates: [ConsentState.Unknown], conversationType: ConversationType.Dm })) as AnyConversation[];
      return Promise.all(list.map((c) => this.#info(c)));
    });
  }

  conversationList(options: { sync?: boolean; limit?: number }): Promise<ConversationSummary[]> {
    return this.#run(async () => {
      // Both steps are measured (`mask-inbox-sync`, `mask-inbox-list-<limit or all>`: `npm run bench:inbox` prints them).
      let start = performance.now();
      if (options.sync) {
        await this.#client.conversations.sync();
        performance.measure?.('mask-inbox-sync', { start });
        start = performance.now();
      }
      // Two list calls (one per consent state, so consent needs no call per conversation), each by last activity.
      // The SDK's worker reads each listed group's state (its metadata, permissions, admins): the cost grows
      // with the number of conversations listed, hence `limit` for a first screen.
      const limit = options.limit ? { limit: BigInt(options.limit) } : {};
      const [allowed, unknown] = (await Promise.all(
        [ConsentState.Allowed, ConsentState.Unknown].map((state) => this.#client.conversations.list({ consentStates: [state], orderBy: ListConversationsOrderBy.LastActivity, ...limit })),
      )) as AnyConversation[][];
      performance.measure?.(`mask-inbox-list-${options.limit ?? 'all'}`, { start });
      return [...allowed.map((c) => this.#listed(c, 'allowed')), ...unknown.map((c) => this.#listed(c, 'unknown'))];
    });
  }

  /** A row from what the list gives without another worker call: no peer, preview, time or count yet (`partial`). */
  #listed(conversation: AnyConversation, consent: ConsentValue): ConversationSummary {
    this.#conversations.set(conversation.id, conversation);
    const group = 'peerInboxId' in conversation ? null : (conversation as Group<unknown>);
    return {
      id: conversation.id,
      kind: group ? 'group' : 'dm',
      peerInboxId: null,
      peerAddresses: [],
      groupName: group?.name || null,
      groupImageUrl: group?.imageUrl || null,
      consent,
      last: null,
      lastActivityNs: '0',
      unread: 0,
      partial: true,
    };
  }

  summaries(ids: readonly string[], lastRead: LastRead): Promise<ConversationSummary[]> {
    return this.#run(async () => {
      const rows = await Promise.all(
        ids.map(async (id) => {
          const conversation = await this.#conversation(id).catch(() => null);
          return conversation ? this.#summary(conversation, lastRead[id]).catch(() => null) : null;
        }),
      );
      return rows.filter((r): r is ConversationSummary => !!r);
    });
  }

  conversationSummary(id: string, lastRead: LastRead): Promise<ConversationSummary | null> {
    return this.#run(async () => {
      let conversation = (await this.#client.conversations.getConversationById(id)) as AnyConversation | undefined;
      if (!conversation) {
        await this.#client.conversations.sync();
        conversation = (await this.#client.conversations.getConversationById(id)) as AnyConversation | undefined;
      }
      return conversation ? this.#summary(conversation, lastRead[id]) : null;
    });
  }

  /** One inbox row: who, the newest shown message (decoded like the chat's, `decode.ts`), and the unread count. */
  async #summary(conversation: AnyConversation, lastReadNs: string | undefined): Promise<ConversationSummary> {
    this.#conversations.set(conversation.id, conversation);
    const dm = 'peerInboxId' in conversation;
    const [info, lastMessage] = await Promise.all([this.#info(conversation), conversation.lastMessage().catch(() => undefined)]);
    let last = previewable(previewOf(lastMessage));
    if (!last && lastMessage) {
      // The newest is a reaction, a receipt or a membership change (or, restored from another site's
      // history, a message whose type did not come with it and that shows nothing): preview the newest
      // message a chat shows.
      const recent = await conversation.messages({ limit: 5n, direction: SortDirection.Descending, contentTypes: SHOWN_TYPES, kind: GroupMessageKind.Application }).catch(() => []);
      last = recent.map(previewOf).find(previewable) ?? null;
    }
    const unread = await conversation
      .countMessages({
        excludeSenderInboxIds: [this.inboxId],
        kind: GroupMessageKind.Application,
        contentTypes: SHOWN_TYPES,
        ...(lastReadNs && /^\d+$/.test(lastReadNs) ? { sentAfterNs: BigInt(lastReadNs) } : {}),
      })
      .catch(() => 0n);
    // Last activity: the newest message a chat shows (a read receipt, a reaction or a membership change moves no row).
    const created = conversation.createdAtNs ?? 0n;
    const shownNs = last && /^\d+$/.test(last.sentAtNs) ? BigInt(last.sentAtNs) : 0n;
    const activity = shownNs > created ? shownNs : created;
    const group = dm ? null : (conversation as Group<unknown>);
    return {
      id: conversation.id,
      kind: dm ? 'dm' : 'group',
      peerInboxId: dm ? info.peerInboxId : null,
      peerAddresses: dm ? info.peerAddresses : [],
      groupName: group?.name || null,
      groupImageUrl: group?.imageUrl || null,
      consent: info.consent,
      pausedForVersion: info.pausedForVersion ?? null,
      last,
      lastActivityNs: String(activity),
      unread: Math.min(UNREAD_CAP, Number(unread)),
    };
  }

  setConsent(conversationId: string, consent: ConsentValue): Promise<void> {
    return this.#run(async () => {
      const state = consent === 'allowed' ? ConsentState.Allowed : consent === 'denied' ? ConsentState.Denied : ConsentState.Unknown;
      await (await this.#conversation(conversationId)).updateConsentState(state);
    });
  }

  messages(conversationId: string, options: { beforeNs?: string; afterNs?: string; limit: number; sync?: boolean }): Promise<EngineItem[]> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId);
      // A conversation restored from a backup is inactive (read-only) until a member adds this installation:
      // it cannot sync yet, and its history is still readable.
      if (options.sync) await conversation.sync().catch((error: unknown) => tolerateInactive(conversation, error));
      const list = await conversation.messages({
        limit: BigInt(options.limit),
        direction: options.afterNs ? SortDirection.Ascending : SortDirection.Descending,
        ...(options.beforeNs ? { sentBeforeNs: BigInt(options.beforeNs) } : {}),
        ...(options.afterNs ? { sentAfterNs: BigInt(options.afterNs) } : {}),
      });
      const dm = 'peerInboxId' in conversation;
      return list.flatMap((m) => itemsOf(m, dm));
    });
  }

  prepareText(conversationId: string, text: string, replyTo?: string, key?: string): Promise<string> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId);
      const opts = { optimistic: true, ...(key ? { idempotencyKey: key } : {}) };
      if (!replyTo) return conversation.sendText(text, opts);
      return conversation.sendReply({ content: encodedText(text), reference: replyTo }, opts);
    });
  }

  dmPeer(conversationId: string): Promise<string | null> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId).catch(() => null);
      return conversation && 'peerInboxId' in conversation ? conversation.peerInboxId() : null;
    });
  }

  sendReadReceipt(conversationId: string): Promise<void> {
    return this.#run(async () => {
      await (await this.#conversation(conversationId)).sendReadReceipt();
    });
  }

  lastReadTimes(conversationId: string): Promise<Record<string, string>> {
    return this.#run(async () => {
      const times: unknown = await (await this.#conversation(conversationId)).lastReadTimes();
      const entries = times instanceof Map ? [...times] : Object.entries((times ?? {}) as Record<string, unknown>);
      return Object.fromEntries(entries.map(([inbox, ns]) => [String(inbox), String(ns)]).filter(([, ns]) => /^\d{1,25}$/.test(ns)));
    });
  }

  members(conversationId: string): Promise<ConversationMembers> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId);
      const members = await conversation.members();
      return {
        kind: 'peerInboxId' in conversation ? 'dm' : 'group',
        members: members.map((m) => ({ inboxId: m.inboxId, addresses: m.accountIdentifiers.map((i) => i.identifier.toLowerCase()) })),
      };
    });
  }

  async #group(conversationId: string): Promise<Group<unknown>> {
    const conversation = await this.#conversation(conversationId);
    if ('peerInboxId' in conversation) throw new EngineError('unknown', `conversation ${conversationId} is not a group`);
    return conversation;
  }

  createGroup(group: NewGroup): Promise<ConversationSummary> {
    return this.#run(async () => {
      const created = (await this.#client.conversations.createGroupWithIdentifiers(group.members.map(ethereum), {
        permissions: GroupPermissionsOptions.AdminOnly,
        groupName: group.name,
        ...(group.description ? { groupDescription: group.description } : {}),
        ...(group.imageUrl ? { groupImageUrlSquare: group.imageUrl } : {}),
      })) as Group<unknown>;
      return this.#summary(created, undefined);
    });
  }

  groupDetails(conversationId: string): Promise<GroupDetails> {
    return this.#run(async () => {
      const group = await this.#group(conversationId);
      await group.sync().catch(() => {});
      const [members, { policySet }, active, leaving] = await Promise.all([
        group.members(),
        group.permissions(),
        group.isActive().catch(() => true),
        group.isPendingRemoval().catch(() => false),
      ]);
      const roleOf = (level: PermissionLevel): GroupRole => (level === PermissionLevel.SuperAdmin ? 'super-admin' : level === PermissionLevel.Admin ? 'admin' : 'member');
      const list = members.map((m) => ({ inboxId: m.inboxId, addresses: m.accountIdentifiers.map((i) => i.identifier.toLowerCase()), role: roleOf(m.permissionLevel) }));
      const me = list.find((m) => m.inboxId === this.inboxId);
      return {
        id: group.id,
        name: group.name ?? '',
        description: group.description ?? '',
        imageUrl: group.imageUrl ?? '',
        members: list,
        role: me?.role ?? 'member',
        policies: {
          addMember: policyOf(policySet.addMemberPolicy),
          removeMember: policyOf(policySet.removeMemberPolicy),
          updateName: policyOf(policySet.updateGroupNamePolicy),
          updateDescription: policyOf(policySet.updateGroupDescriptionPolicy),
          updateImage: policyOf(policySet.updateGroupImageUrlSquarePolicy),
        },
        active: active && !!me,
        leaving,
      };
    });
  }

  addMembers(conversationId: string, addresses: string[]): Promise<void> {
    return this.#run(async () => (await this.#group(conversationId)).addMembersByIdentifiers(addresses.map(ethereum)));
  }

  removeMembers(conversationId: string, inboxIds: string[]): Promise<void> {
    return this.#run(async () => (await this.#group(conversationId)).removeMembers(inboxIds));
  }

  leaveGroup(conversationId: string): Promise<void> {
    return this.#run(async () => (await this.#group(conversationId)).requestRemoval());
  }

  updateGroup(conversationId: string, changes: { name?: string; description?: string; imageUrl?: string }): Promise<void> {
    return this.#run(async () => {
      const group = await this.#group(conversationId);
      if (changes.name !== undefined) await group.updateName(changes.name);
      if (changes.description !== undefined) await group.updateDescription(changes.description);
      if (changes.imageUrl !== undefined) await group.updateImageUrl(changes.imageUrl);
    });
  }

  inboxAddresses(inboxIds: string[]): Promise<Record<string, string[]>> {
    return this.#run(async () => {
      const wanted = [...new Set(inboxIds)].slice(0, 200);
      const found: Record<string, string[]> = {};
      const take = (states: { inboxId: string; accountIdentifiers: Identifier[] }[]) => {
        for (const s of states) found[s.inboxId] = s.accountIdentifiers.filter((i) => i.identifierKind === IdentifierKind.Ethereum).map((i) => i.identifier.toLowerCase());
      };
      take(await this.#client.preferences.getInboxStates(wanted).catch(() => []));
      const missing = wanted.filter((id) => !found[id]?.length);
      if (missing.length) take(await this.#client.preferences.fetchInboxStates(missing));
      return found;
    });
  }

  prepareTransaction(conversationId: string, tx: OutgoingTransaction): Promise<string> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId);
      const metadata =
        tx.amount !== undefined && tx.currency
          ? { transactionType: 'transfer', currency: tx.currency, amount: tx.amount, decimals: tx.decimals ?? 18, fromAddress: tx.from ?? '', toAddress: tx.to ?? '' }
          : undefined;
      return conversation.sendTransactionReference({ namespace: 'eip155', networkId: tx.networkId, reference: tx.hash, ...(metadata ? { metadata } : {}) }, { optimistic: true });
    });
  }

  prepareReaction(conversationId: string, reference: string, referenceInboxId: string, emoji: string, removed: boolean): Promise<string> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId);
      return conversation.sendReaction(
        { reference, referenceInboxId, action: removed ? ReactionAction.Removed : ReactionAction.Added, content: emoji, schema: ReactionSchema.Unicode },
        { optimistic: true },
      );
    });
  }

  prepareAttachment(conversationId: string, attachment: OutgoingAttachment): Promise<string> {
    return this.#run(async () => {
      const conversation = await this.#conversation(conversationId);
      if (attachment.kind === 'inline') {
        return conversation.sendAttachment({ filename: attachment.filename, mimeType: attachment.mimeType, content: attachment.data }, { optimistic: true });
      }
      const { ref } = attachment;
      const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
      return conversation.sendRemoteAttachment(
        {
          url: ref.url,
          contentDigest: ref.contentDigest,
          secret: bytes(ref.secret),
          salt: bytes(ref.salt),
          nonce: bytes(ref.nonce),
          scheme: 'https://',
          ...(ref.contentLength !== null ? { contentLength: ref.contentLength } : {}),
          filename: attachment.filename,
        },
        { optimistic: true },
      );
    });
  }

  publish(conversationId: string): Promise<void> {
    return this.#run(async () => (await this.#conversation(conversationId)).publishMessages());
  }

  sync(): Promise<void> {
    return this.#run(async () => {
      await this.#client.conversations.sync();
      // An inactive conversation (restored from history or a backup, read-only until a member adds this
      // installation) cannot sync; that is no failure of the chat.
      await Promise.all(
        [...this.#conversations.values()].map((c) =>
          c.sync().catch((error: unknown) => tolerateInactive(c, error)),
        ),
      );
    });
  }

  async stream(handlers: StreamHandlers): Promise<void> {
    this.#endStreams();
    this.#handlers = handlers;
    if (this.#cutoverUrl) this.#stopCutover ??= watchCutover(this.#cutoverUrl, this.#moved);
    handlers.onState('connecting');
    // At the D14N cutover the old network refuses every stream for good: stop instead of reopening.
    const onError = (error: unknown): 'stop' | void => {
      if (classify(error).code !== 'network-moved') return;
      this.#moved();
      return 'stop';
    };
    const messages = keepStream<DecodedMessage<unknown>>(
      (options) =>
        this.#client.conversations.streamAllMessages({
          ...options,
          consentStates: [ConsentState.Allowed, ConsentState.Unknown],
        }),
      {
        onValue: (m) => {
          const known = this.#conversations.get(m.conversationId);
          for (const item of itemsOf(m, !!known && 'peerInboxId' in known)) handlers.onItem(item);
        },
        onError,
        onDrop: () => handlers.onState('reconnecting'),
        onBack: () => {
          handlers.onState('live');
          handlers.onRestart();
        },
      },
    );
    // Best effort: without it a conversation someone starts shows with its first message, as before.
    const joined = keepStream<{ id: string }>((options) => this.#client.conversations.stream(options), {
      onValue: (conversation) => this.#handlers?.onConversation?.(conversation.id),
      onError,
    });
    this.#streams = [messages, joined];
    const opened = await messages.opened;
    // Unless the cutover stopped it while it opened.
    if (this.#streams[0] === messages) handlers.onState(opened ? 'live' : 'reconnecting');
    this.#pollDeviceSync();
  }

  #endStreams(graceMs = 0): void {
    for (const stream of this.#streams) stream.stop(graceMs);
    this.#streams = [];
  }

  /**
   * While the client runs, pulls its device-sync groups now and every 30 s (one query per sync
   * group). With SDK 7.1.0 the live stream alone is not enough: in our runs another installation's
   * history request often sat unread (the SDK logged "Already processed welcome" for the new sync
   * group, which then was not in the stream), and so did the answer to our own request, until
   * something synced the group. With this, the answer arrived in every run, within 30 s.
   */
  #pollDeviceSync(): void {
    if (!this.#deviceSync || this.#deviceSyncTimer) return;
    const pull = () => void this.#client.syncAllDeviceSyncGroups().catch(() => {});
    pull();
    this.#deviceSyncTimer = setInterval(pull, 30_000);
  }

  installations(): Promise<InstallationInfo[]> {
    return this.#run(async () => {
      const state = await this.#client.preferences.fetchInboxState();
      this.#installations = new Map(state.installations.map((i) => [i.id, i.bytes]));
      return state.installations.map((i) => ({
        id: i.id,
        createdAt: i.clientTimestampNs ? Number(i.clientTimestampNs / 1_000_000n) : null,
        current: i.id === this.installationId,
      }));
    });
  }

  async revokeInstallations(ids: string[]): Promise<void> {
    if (!ids.every((id) => this.#installations.has(id))) await this.installations();
    const bytes = ids.map((id) => this.#installations.get(id)).filter((b): b is Uint8Array => !!b);
    await this.#signing(() => this.#client.revokeInstallations(bytes));
  }

  close(): void {
    this.#stopCutover?.();
    this.#handlers = null;
    if (this.#deviceSyncTimer) clearInterval(this.#deviceSyncTimer);
    this.#deviceSyncTimer = null;
    this.#endStreams();
    this.#client.close();
  }
}
