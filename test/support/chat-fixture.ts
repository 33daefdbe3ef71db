/**
 * FIXTURE, NOT THE PRODUCT: an in-memory stand-in for the XMTP engine, for
 * Storybook stories and for the chat scale harness (bench and test), which
 * cannot or should not run a conversation of 10,000 messages through a node.
 *
 * Everything above the engine is real: the page's `Messaging` context, the
 * `ConversationFeed` paging (`loadInitial` / `loadOlder`), the de-duplicating
 * `MessageList`, the chat UI and its virtual window. Only the SDK is replaced,
 * by answering the same `Engine` contract (`src/messaging/types.ts`) from an
 * array. The messaging context is primed through its public fields, and its
 * `start` / `retry` are replaced so the real engine chunk never loads.
 */
import type { AttachmentsConfig } from '../../src/config/config.js';
import { Kit } from '../../src/context/kit.js';
import { WalletService } from '../../src/wallet/wallet.js';
import { compareNs } from '../../src/messaging/message-list.js';
import { getMessaging, type Messaging, type MessagingPhase } from '../../src/messaging/messaging.js';
import type {
  ChatMessage,
  ConnectionState,
  ConsentValue,
  ConversationInfo,
  ConversationMembers,
  ConversationSummary,
  Engine,
  EngineError,
  EngineItem,
  EngineProgress,
  GroupDetails,
  InstallationInfo,
  NewGroup,
  OutgoingAttachment,
  OutgoingTransaction,
  StreamHandlers,
} from '../../src/messaging/types.js';

export const FIXTURE_ME = 'fixture-inbox-me';
export const FIXTURE_PEER = 'fixture-inbox-peer';
export const FIXTURE_CONVERSATION = 'fixture-conversation';

export interface FixtureOptions {
  /** The conversation, oldest first (reactions folded in by the list). */
  items?: EngineItem[];
  phase?: MessagingPhase;
  progress?: EngineProgress | null;
  connection?: ConnectionState;
  error?: EngineError | null;
  /** The peer is on XMTP (default true). */
  reachable?: boolean;
  consent?: ConsentValue;
  peerAddress?: string;
  installations?: InstallationInfo[];
  /** `register()` fails with this (the installation-limit flow). */
  registerError?: EngineError;
  /** Delay of every history page (ms), like a network. */
  latencyMs?: number;
  /** The inbox's rows (`conversationList()` gives their cheap fields, `summaries()` the rows); every conversation opened from it shows `items`. */
  conversations?: ConversationSummary[];
  /** `conversationList()` fails with this, or never answers (`'pending'`: the loading state). */
  conversationsError?: EngineError | 'pending';
  /** `summaries()` never answers: the rows stay as the list gave them (the placeholders' state). */
  summariesPending?: boolean;
  /** The peer's last read receipt (ns): own messages up to it show "Seen". */
  peerReadNs?: string;
  /** The members (besides the visitor) of every group conversation opened from the inbox. */
  groupMembers?: { inboxId: string; addresses: string[] }[];
  /** `importBackup()` fails with this (a file that is no backup, another wallet's). */
  importError?: EngineError;
  /** Every conversation is a group paused for this client's version, needing this one (XIP-72). */
  pausedForVersion?: string;
  /** The details of every group opened from the inbox (its id is the row's); without, a group of the visitor and `groupMembers`. */
  groupDetails?: Omit<GroupDetails, 'id'>;
  /** Addresses of inboxes no longer in a group (membership lines name them). */
  inboxAddresses?: Record<string, string[]>;
}

/** The fixture engine: answers history pages from `items`, sends into them. */
export class FixtureEngine implements Engine {
  readonly inboxId = FIXTURE_ME;
  readonly installationId = 'fixture-installation';
  readonly #items: EngineItem[];
  readonly #options: FixtureOptions;
  #handlers: StreamHandlers | null = null;
  #next = 0;

  constructor(options: FixtureOptions) {
    this.#options = options;
    this.#items = [...(options.items ?? [])].sort((a, b) => compareNs(a.sentAtNs, b.sentAtNs));
  }

  #info(): ConversationInfo {
    return {
      id: FIXTURE_CONVERSATION,
      peerInboxId: FIXTURE_PEER,
      peerAddresses: [(this.#options.peerAddress ?? '').toLowerCase()],
      consent: this.#options.consent ?? 'allowed',
      ...(this.#options.pausedForVersion ? { pausedForVersion: this.#options.pausedForVersion } : {}),
    };
  }
  #wait(): Promise<void> {
    return new Promise((r) => setTimeout(r, this.#options.latencyMs ?? 0));
  }

  isRegistered = (): Promise<boolean> => Promise.resolve(true);
  register = (): Promise<void> => (this.#options.registerError ? Promise.reject(this.#options.registerError) : Promise.resolve());
  canMessage = (): Promise<boolean> => Promise.resolve(this.#options.reachable ?? true);
  openDm = (): Promise<ConversationInfo> => Promise.resolve(this.#info());
  openConversation = (): Promise<ConversationInfo | null> => Promise.resolve(this.#info());
  requests = (): Promise<ConversationInfo[]> => Promise.resolve([]);
  conversationList = (options: { limit?: number } = {}): Promise<ConversationSummary[]> => {
    const error = this.#options.conversationsError;
    if (error === 'pending') return new Promise(() => {});
    if (error) return Promise.reject(error);
    // As the engine lists them: allowed first, then unknown, each by last activity, with only the cheap fields.
    const rows = [...(this.#options.conversations ?? [])].sort((a, b) => (b.lastActivityNs.length - a.lastActivityNs.length) || (b.lastActivityNs < a.lastActivityNs ? -1 : b.lastActivityNs > a.lastActivityNs ? 1 : 0));
    const limit = options.limit ?? Infinity;
    const listed = [...rows.filter((r) => r.consent === 'allowed').slice(0, limit), ...rows.filter((r) => r.consent === 'unknown').slice(0, limit)];
    return Promise.resolve(listed.map((r) => ({ ...structuredClone(r), peerInboxId: null, peerAddresses: [], last: null, lastActivityNs: '0', unread: 0, partial: true })));
  };
  summaries = (ids: readonly string[]): Promise<ConversationSummary[]> => {
    if (this.#options.summariesPending) return new Promise(() => {});
    return Promise.resolve(structuredClone((this.#options.conversations ?? []).filter((c) => ids.includes(c.id))));
  };
  conversationSummary = (id: string): Promise<ConversationSummary | null> => Promise.resolve(this.#options.conversations?.find((c) => c.id === id) ?? null);
  setConsent = (): Promise<void> => Promise.resolve();
  dmPeer = (): Promise<string | null> => Promise.resolve(FIXTURE_PEER);
  /** Read receipts this engine sent, by conversation. */
  readonly receiptsSent: string[] = [];
  sendReadReceipt = (id: string): Promise<void> => (this.receiptsSent.push(id), Promise.resolve());
  lastReadTimes = (): Promise<Record<string, string>> => Promise.resolve(this.#options.peerReadNs ? ({ [FIXTURE_PEER]: this.#options.peerReadNs } as Record<string, string>) : {});
  members = (id: string): Promise<ConversationMembers> => {
    const group = this.#options.groupMembers;
    if (group && this.#options.conversations?.find((c) => c.id === id)?.kind === 'group') return Promise.resolve({ kind: 'group', members: [{ inboxId: FIXTURE_ME, addresses: [] }, ...group] });
    return Promise.resolve({ kind: 'dm', members: [{ inboxId: FIXTURE_ME, addresses: [] }, { inboxId: FIXTURE_PEER, addresses: [(this.#options.peerAddress ?? FIXTURE_PEER_ADDRESS).toLowerCase()] }] });
  };
  sync = (): Promise<void> => Promise.resolve();
  installations = (): Promise<InstallationInfo[]> => Promise.resolve(this.#options.installations ?? []);
  revokeInstallations = (): Promise<void> => Promise.resolve();
  exportBackup = (): Promise<Uint8Array> => Promise.resolve(new TextEncoder().encode('fixture backup'));
  importBackup = (): Promise<void> => (this.#options.importError ? Promise.reject(this.#options.importError) : Promise.resolve());
  close = (): void => {};
  /** Groups this engine created. */
  readonly groupsCreated: NewGroup[] = [];
  createGroup = (group: NewGroup): Promise<ConversationSummary> => {
    this.groupsCreated.push(group);
    const id = `fixture-group-${this.groupsCreated.length}`;
    return Promise.resolve({ id, kind: 'group', peerInboxId: null, peerAddresses: [], groupName: group.name, groupImageUrl: group.imageUrl ?? null, consent: 'allowed', last: null, lastActivityNs: `${Date.now()}000000`, unread: 0 });
  };
  groupDetails = (id: string): Promise<GroupDetails> => {
    const given = this.#options.groupDetails;
    if (given) return Promise.resolve({ id, ...structuredClone(given) });
    const row = this.#options.conversations?.find((c) => c.id === id);
    const members = [{ inboxId: FIXTURE_ME, addresses: [], role: 'super-admin' as const }, ...(this.#options.groupMembers ?? []).map((m) => ({ ...m, role: 'member' as const }))];
    const admins = 'admins' as const;
    return Promise.resolve({ id, name: row?.groupName ?? '', description: '', imageUrl: row?.groupImageUrl ?? '', members, role: 'super-admin', policies: { addMember: admins, removeMember: admins, updateName: admins, updateDescription: admins, updateImage: admins }, active: true, leaving: false });
  };
  addMembers = (): Promise<void> => Promise.resolve();
  removeMembers = (): Promise<void> => Promise.resolve();
  leaveGroup = (): Promise<void> => Promise.resolve();
  updateGroup = (): Promise<void> => Promise.resolve();
  inboxAddresses = (): Promise<Record<string, string[]>> => Promise.resolve(structuredClone(this.#options.inboxAddresses ?? {}));

  async messages(_id: string, options: { beforeNs?: string; afterNs?: string; limit: number }): Promise<EngineItem[]> {
    await this.#wait();
    const { beforeNs, afterNs, limit } = options;
    if (afterNs) return this.#items.filter((m) => compareNs(m.sentAtNs, afterNs) > 0).slice(0, limit);
    const older = beforeNs ? this.#items.filter((m) => compareNs(m.sentAtNs, beforeNs) < 0) : this.#items;
    // A page counts messages; the reactions on them come along.
    const out: EngineItem[] = [];
    let count = 0;
    for (let i = older.length - 1; i >= 0 && count < limit; i--) {
      out.push(older[i]);
      if (older[i].kind !== 'reaction') count++;
    }
    return out;
  }

  #add(item: EngineItem): string {
    this.#items.push(item);
    return item.id;
  }
  #now(): string {
    return `${Date.now()}${String(this.#next++ % 1_000_000).padStart(6, '0')}`;
  }
  prepareText = (conversationId: string, text: string, replyTo?: string): Promise<string> =>
    Promise.resolve(
      this.#add({
        id: `fixture-sent-${this.#next}`,
        conversationId,
        senderInboxId: FIXTURE_ME,
        sentAtNs: this.#now(),
        kind: replyTo ? 'reply' : 'text',
        text,
        ...(replyTo ? { replyTo: { id: replyTo, text: null } } : {}),
        reactions: [],
        delivery: 'sent',
      }),
    );
  prepareTransaction = (conversationId: string, tx: OutgoingTransaction): Promise<string> =>
    Promise.resolve(
      this.#add({
        id: `fixture-sent-${this.#next}`,
        conversationId,
        senderInboxId: FIXTURE_ME,
        sentAtNs: this.#now(),
        kind: 'transaction',
        text: '',
        transaction: { networkId: tx.networkId, hash: tx.hash, amount: tx.amount === undefined ? null : String(tx.amount), decimals: tx.decimals ?? null, currency: tx.currency ?? null, from: tx.from ?? null, to: tx.to ?? null },
        reactions: [],
        delivery: 'sent',
      }),
    );
  prepareReaction = (conversationId: string, reference: string, _inbox: string, emoji: string, removed: boolean): Promise<string> =>
    Promise.resolve(this.#add({ kind: 'reaction', id: `fixture-reaction-${this.#next}`, conversationId, senderInboxId: FIXTURE_ME, sentAtNs: this.#now(), reference, emoji, removed }));
  prepareAttachment = (conversationId: string, attachment: OutgoingAttachment): Promise<string> =>
    Promise.resolve(
      this.#add({
        id: `fixture-sent-${this.#next}`,
        conversationId,
        senderInboxId: FIXTURE_ME,
        sentAtNs: this.#now(),
        kind: 'attachment',
        text: attachment.filename,
        attachment:
          attachment.kind === 'inline'
            ? { filename: attachment.filename, mimeType: attachment.mimeType, size: attachment.data.length, data: attachment.data }
            : { filename: attachment.filename, mimeType: 'application/octet-stream', size: attachment.ref.contentLength, remote: attachment.ref },
        reactions: [],
        delivery: 'sent',
      }),
    );
  publish = (): Promise<void> => Promise.resolve();
  stream = (handlers: StreamHandlers): Promise<void> => {
    this.#handlers = handlers;
    handlers.onState(this.#options.connection ?? 'live');
    return Promise.resolve();
  };
  /** Delivers an item as if it arrived on the live stream. */
  deliver(item: EngineItem): void {
    this.#items.push(item);
    this.#handlers?.onItem(item);
  }
}

/**
 * Primes `kit`'s messaging context with a fixture engine, before any chat
 * activates and before the wallet connects (call it right after creating the
 * kit). Returns the context and the engine.
 */
export function primeMessaging(kit: Kit, options: FixtureOptions = {}): { messaging: Messaging; engine: FixtureEngine } {
  const engine = new FixtureEngine(options);
  let messaging: Messaging | null = null;
  // Registered before the context's own wallet listener: it sees the account it runs for.
  kit.wallet.addEventListener('change', () => {
    if (messaging) messaging.account = kit.wallet.account?.toLowerCase() ?? null;
  });
  messaging = getMessaging(kit);
  messaging.start = () => Promise.resolve();
  messaging.retry = () => Promise.resolve();
  Object.assign(messaging, {
    engine,
    account: kit.wallet.account?.toLowerCase() ?? null,
    phase: options.phase ?? 'ready',
    progress: options.progress ?? (options.phase === 'loading' ? 'worker' : 'ready'),
    connection: options.connection ?? 'live',
    error: options.error ?? null,
  });
  return { messaging, engine };
}

/**
 * A plausible conversation of `count` messages, oldest first, two senders, over several days.
 * `mixed`: also replies (every 10th), reactions (every 6th) and tip receipts (every 50th), as a
 * real conversation has (the scale harness measures the DOM with them).
 */
export function fixtureConversation(count: number, startMs = Date.UTC(2026, 0, 1, 9), options: { mixed?: boolean } = {}): EngineItem[] {
  const out: EngineItem[] = [];
  let previous: ChatMessage | null = null;
  let t = startMs;
  for (let i = 0; i < count; i++) {
    // Bursts of a few messages from one side, minutes apart; a new day now and then.
    t += i % 40 === 39 ? 20 * 3600_000 : i % 4 === 0 ? 7 * 60_000 : 30_000;
    const mine = Math.floor(i / 3) % 2 === 0;
    const message: ChatMessage = {
      id: `fixture-${String(i).padStart(6, '0')}`,
      conversationId: FIXTURE_CONVERSATION,
      senderInboxId: mine ? FIXTURE_ME : FIXTURE_PEER,
      sentAtNs: `${t}000000`,
      kind: 'text',
      text: `Message ${i + 1}${i % 7 === 0 ? ': a slightly longer line, to vary the height of the rows a little' : ''}`,
      reactions: [],
      delivery: 'sent',
    };
    if (options.mixed && i > 0) {
      if (i % 50 === 45) {
        message.kind = 'transaction';
        message.text = '';
        message.transaction = { networkId: String(FIXTURE_CHAIN_ID), hash: `0x${i.toString(16).padStart(64, '0')}`, amount: '1500000', decimals: 6, currency: 'USDC', from: null, to: null };
      } else if (i % 10 === 5) {
        message.kind = 'reply';
        message.replyTo = { id: previous!.id, text: previous!.text };
      }
    }
    out.push(message);
    previous = message;
    if (options.mixed && i % 6 === 0) {
      const sender = mine ? FIXTURE_PEER : FIXTURE_ME;
      out.push({ kind: 'reaction', id: `${message.id}-reaction`, conversationId: FIXTURE_CONVERSATION, senderInboxId: sender, sentAtNs: `${t}000001`, reference: message.id, emoji: '👍', removed: false });
    }
  }
  return out;
}

export const FIXTURE_ACCOUNT = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
export const FIXTURE_PEER_ADDRESS = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
export const FIXTURE_CHAIN_ID = 8453;

/** A scripted EIP-1193 wallet, already connected (`connected: false`: it never answers a connect). */
export function fixtureWallet(connected = true) {
  return {
    on: () => {},
    removeListener: () => {},
    request: ({ method }: { method: string }): Promise<unknown> => {
      switch (method) {
        case 'eth_accounts':
          return Promise.resolve(connected ? [FIXTURE_ACCOUNT] : []);
        case 'eth_requestAccounts':
          return connected ? Promise.resolve([FIXTURE_ACCOUNT]) : new Promise(() => {});
        case 'eth_chainId':
          return Promise.resolve(`0x${FIXTURE_CHAIN_ID.toString(16)}`);
        case 'personal_sign':
          // A fixed 65-byte signature (the backup key's): the fixture engine never checks it.
          return Promise.resolve(`0x${'5a'.repeat(64)}1b`);
        default:
          return Promise.reject(Object.assign(new Error(`${method} is not scripted in this fixture`), { code: 4200 }));
      }
    },
  };
}

let kits = 0;

/**
 * A kit of its own (its own messaging context, keyed by a unique XMTP URL)
 * with a primed fixture engine and, unless `connected: false`, a connected
 * scripted wallet.
 */
export function fixtureKit(options: FixtureOptions & { connected?: boolean; attachments?: AttachmentsConfig } = {}): { kit: Kit; messaging: Messaging; engine: FixtureEngine } {
  const id = ++kits;
  const kit = new Kit({
    wallet: new WalletService(),
    config: {
      chains: [
        {
          id: FIXTURE_CHAIN_ID,
          key: 'base',
          name: 'Base',
          rpcUrls: [`https://rpc.chat-fixture.invalid/`],
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
          blockExplorer: 'https://basescan.org',
        },
      ],
      defaultChain: FIXTURE_CHAIN_ID,
      ensChain: FIXTURE_CHAIN_ID,
      lensApiUrl: 'https://lens.chat-fixture.invalid/',
      web3bioApiUrl: false,
      xmtp: { env: 'local', apiUrl: `https://xmtp-${id}.chat-fixture.invalid` },
      ...(options.attachments ? { attachments: options.attachments } : {}),
    },
  });
  const primed = primeMessaging(kit, { peerAddress: FIXTURE_PEER_ADDRESS, ...options });
  if (options.connected !== false) void kit.wallet.useProvider(fixtureWallet() as never, { name: 'Fixture wallet' });
  return { kit, ...primed };
}
