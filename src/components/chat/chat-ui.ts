/**
 * The chat's conversation UI, loaded with `import()` the first time a
 * `<mask-chat>` is hovered, focused or opened (the entry keeps only the
 * launcher): this controller and its templates (`chat-ui.render.ts`), one
 * lazy chunk. A reactive controller on the element: it renders into the
 * element's own shadow root, so every part stays on `<mask-chat>`.
 * The XMTP SDK itself loads later still, from `messaging/engine.ts`.
 *
 * The controller holds the chat's state (the peer, the conversation shown,
 * the draft, the panel's view), follows the wallet, the page's messaging
 * context and the conversation (subscriptions paired in `hostConnected` /
 * `hostDisconnected`), and does what the templates ask. Finding the peer's
 * conversation is a `@lit/task` over (conversation id, peer, account): when
 * they change, the latest lookup wins, the one before is aborted and its
 * answer ignored. Nothing is looked up for a closed chat: opening it runs the
 * lookup that is due.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Kit } from '../../context/kit.js';
import type { MaskErrorCode } from '../../events/error-codes.js';
import { MaskChatConversationOpenEvent } from '../../events/mask-chat-conversation-open.js';
import { MaskMessageReceivedEvent } from '../../events/mask-message-received.js';
import { MaskMessageSentEvent } from '../../events/mask-message-sent.js';
import { MaskUnreadChangeEvent } from '../../events/mask-unread-change.js';
import { toChecksumAddress, type Address } from '../../internal/address.js';
import { KitError, sentence } from '../../internal/errors.js';
import { addMessages } from '../../internal/i18n.js';
import { ellipsize, stripBidiControls } from '../../internal/text.js';
import { toMetadataAmount } from '../../messaging/amount.js';
import type { ConversationFeed } from '../../messaging/feed.js';
import { chatEnabled, markChatEnabled } from '../../messaging/enabled.js';
import { getMessaging, loadEngine, type Messaging } from '../../messaging/messaging.js';
import { EngineError, type ChatMessage, type ConversationInfo, type ConversationSummary, type EngineItem, type InstallationInfo } from '../../messaging/types.js';
import type { ReceiptCheck } from '../../tip/verify-receipt.js';
import { renderBody, renderHeader, renderInboxLoading, type ChatKey, type ChatT, type ChatView, type PanelView, type PeerState, type ReceiptState, type WindowRange } from './chat-ui.render.js';
import { chatUiStyles } from './chat-ui.styles.js';
import type { ChatAttachments } from './chat-attachments.js';
import type { ChatBackup } from './chat-backup.js';
import type { ChatInbox, InboxHost } from './chat-inbox.js';
import type { ChatNotify } from './chat-notify.js';
import type { ChatGroups } from './chat-groups.js';
import { groupLineMessages } from './chat-group-lines.messages.js';
import { quoteName, updateLines } from './chat-group-rules.js';
import { chatMessages } from './chat.messages.js';
import { ChatPeople, type Sender } from './chat-people.js';
import { ReadReceipts } from './chat-receipts.js';
import { FIRST_CHARS, MORE_CHARS } from './chat-text.js';
import { VirtualWindow } from './virtual-window.js';

export { chatUiStyles };

addMessages('en', chatMessages as unknown as Parameters<typeof addMessages>[1]);
addMessages('en', groupLineMessages as unknown as Parameters<typeof addMessages>[1]);

/** The element's inputs the UI reads. */
export interface ChatElement extends HTMLElement, ReactiveControllerHost {
  readonly peer: string;
  readonly conversationId: string;
  readonly engineTimeout: number;
  readonly mode: string;
  readonly open: boolean;
  /** The language the element renders in. */
  readonly resolvedLang: string;
  show(): void;
  openConversation(id: string): void;
}

/** What the lazy UI needs from its element. */
export interface ChatHost {
  readonly element: ChatElement;
  readonly kit: Kit;
  fail(code: MaskErrorCode, message: string, cause?: unknown): void;
  clearError(): void;
  setState(name: string, on: boolean): void;
  /** Chat keys and the kit's shared keys (`wallet.*`, `error.*`). */
  t: ChatT;
  connect(): Promise<Address | null>;
  setUnread(count: number): void;
  requestTip(address: Address, name: string | null): void;
}

/** What the peer lookup depends on: conversation id, peer, and the account of a ready client (null otherwise). */
type PeerArgs = readonly [conversationId: string, peer: string, account: string | null];

/** Who the chat is with, as far as it knows. */
interface Peer {
  address: Address | null;
  /** Their verified name (`@handle` for Lens), when the chat was given a name. */
  name: string | null;
}

/** What the lookup found, and for which inputs. */
type PeerFound = Peer & { args: PeerArgs } & ({ kind: 'ready'; feed: ConversationFeed } | { kind: 'self' | 'unreachable' });

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export class ChatUi implements ReactiveController, ChatView {
  readonly #host: ChatHost;
  #messaging: Messaging | null = null;
  #feed: ConversationFeed | null = null;
  /** The lookup's inputs, the same array while they stay the same (a result knows which inputs it answers). */
  #args: PeerArgs = ['', '', null];
  readonly #peer: Task<PeerArgs, PeerFound>;
  /** A conversation opened from the requests banner, shown instead of the looked-up peer's until the next lookup. */
  #shown: Peer | null = null;
  /** The found peer whose conversation's first page failed to load. */
  #loadFailed: PeerFound | null = null;
  #view: PanelView = 'chat';
  #requests: ConversationInfo[] = [];
  #installations: InstallationInfo[] | null = null;
  #installationsError = '';
  #draft = '';
  #replyTo: ChatMessage | null = null;
  #announcement = '';
  #copied = false;
  #shownError: EngineError | null = null;
  #busy = false;
  #unread = 0;
  #stickToBottom = true;
  /** Characters shown of long messages the visitor expanded ("Show more"), by message id. */
  readonly #expanded = new Map<string, number>();
  readonly #window = new VirtualWindow();
  /** The visitor's inbox (shown when the chat has no peer, or the account itself as peer). */
  #inbox: ChatInbox | null = null;
  #inboxChunk: Promise<ChatInbox> | null = null;
  /** The conversation opened from the inbox (null: the list is shown). */
  #inboxShown: string | null = null;
  /** The group views (`chat-groups.ts`, a lazy chunk of its own, loaded by "New group" or "Group details"). */
  #groups: ChatGroups | null = null;
  #groupsChunk: Promise<ChatGroups> | null = null;
  /** A conversation `openConversation()` asked for before the client was ready. */
  #pendingOpen: string | null = null;
  #unreadTotal = 0;
  #connection: string | null = null;
  /** Attachments (`chat-attachments.ts`, a lazy chunk of its own, loaded by the first file or attachment row). */
  #attachments: ChatAttachments | null = null;
  #attachChunk: Promise<ChatAttachments> | null = null;
  /** Verified names and avatars, and the members of the conversation shown. */
  readonly #people = new ChatPeople(
    () => this.#host.kit.identity(),
    () => this.#update(),
  );
  /** This browser was just added to a wallet that chats elsewhere: history here may be incomplete. */
  #historyNote = false;
  #historyTimer: ReturnType<typeof setInterval> | undefined;
  /** Read receipts: sent when a conversation is viewed (unless `read-receipts="off"`), and "Seen". */
  readonly #receipts = new ReadReceipts(
    () => this.#messaging?.engine,
    () => this.#update(),
  );
  /** The settings' backup section (export, import): a lazy chunk, loaded when the settings first open. */
  #backup: ChatBackup | null = null;
  #backupChunk: Promise<void> | null = null;
  /** Browser notifications (`chat-notify.ts`, a lazy chunk loaded only when the host set `notifications`). */
  #notify: ChatNotify | null = null;
  #notifyChunk: Promise<void> | null = null;
  /** The engine was started in the background for the closed launcher's unread total. */
  #background = false;

  get #el(): ChatElement {
    return this.#host.element;
  }
  get #isOpen(): boolean {
    return this.#el.mode === 'inline' || this.#el.open;
  }

  constructor(host: ChatHost) {
    this.#host = host;
    host.element.addController(this);
    this.#peer = new Task(host.element, {
      args: () => this.#peerArgs(),
      task: (args, { signal }) => this.#findPeer(args, signal),
      onComplete: (found) => this.#peerFound(found),
      onError: (error) => this.#peerFailed(error),
    });
  }

  hostConnected(): void {
    this.#host.kit.wallet.addEventListener('change', this.#onWallet);
    document.addEventListener('mask-tip-confirmed', this.#onTipConfirmed);
    document.addEventListener('visibilitychange', this.#viewed);
    this.#startInBackground();
  }

  hostDisconnected(): void {
    this.#host.kit.wallet.removeEventListener('change', this.#onWallet);
    document.removeEventListener('mask-tip-confirmed', this.#onTipConfirmed);
    document.removeEventListener('visibilitychange', this.#viewed);
    this.#detachMessaging();
    this.#setFeed(null);
    this.#attachments?.dispose();
    clearInterval(this.#historyTimer);
  }

  hostUpdated(): void {
    if (this.#view === 'chat' && this.#feed) this.#window.afterRender(this.#scroller(), this.#stickToBottom);
  }

  /** Loads the engine code ahead of a click (hover / focus on the launcher). */
  prefetch(): void {
    void loadEngine(this.#host.kit.config.xmtp.engineUrl).catch(() => {});
  }

  /** The panel's header actions (next to the title). */
  renderHeader(): TemplateResult | typeof nothing {
    return renderHeader(this);
  }

  /** The panel's body. */
  render(): TemplateResult {
    return renderBody(this);
  }

  #update(): void {
    this.#host.element.requestUpdate();
  }

  #onWallet = (): void => {
    // Without an account there is no client: the lookup goes back to idle once the client says so.
    if (!this.#host.kit.wallet.account) this.#setFeed(null);
    this.#update();
    if (this.#isOpen) void this.activate();
    else this.#startInBackground();
  };

  /**
   * The closed launcher's unread total, before the chat is first opened: when the connected wallet
   * already enabled chat in this browser on this site (`messaging/enabled.ts`), an inbox starts its
   * engine once the page is idle (the installation resumes without a signature) and counts the
   * unread messages of its conversations; live messages then keep the count. Never for a visitor
   * who did not enable chat here, and never for a chat with a `peer` (its launcher counts what
   * arrives live once it runs).
   */
  #startInBackground(): void {
    const account = this.#host.kit.wallet.account;
    const el = this.#el;
    if (this.#background || !account || this.#isOpen || el.conversationId || (el.peer.trim() && el.peer.trim().toLowerCase() !== account.toLowerCase())) return;
    if (!chatEnabled(this.#host.kit.config.xmtp.env, account)) return;
    this.#background = true;
    const idle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 5000 }) : setTimeout(run, 1000));
    idle(() => {
      if (this.#isOpen || !this.#el.isConnected || this.#host.kit.wallet.account !== account) {
        this.#background = false;
        return;
      }
      const messaging = this.#attachMessaging();
      messaging.timeoutMs = this.#el.engineTimeout;
      void messaging.start().then(async () => {
        if (messaging.phase !== 'ready' || !this.#inboxMode) return;
        const inbox = await this.#loadInbox();
        await inbox.load();
        this.#setUnread(inbox.total);
      });
    });
  }

  #attachMessaging(): Messaging {
    const messaging = getMessaging(this.#host.kit);
    if (this.#messaging !== messaging) {
      this.#detachMessaging();
      this.#messaging = messaging;
      messaging.addEventListener('change', this.#onMessaging);
      messaging.addEventListener('request', this.#onRequest);
      messaging.addEventListener('item', this.#onItem);
      messaging.addEventListener('joined', this.#onJoined);
    }
    if (this.#el.hasAttribute('notifications')) void this.#loadNotify();
    return messaging;
  }

  #detachMessaging(): void {
    this.#messaging?.removeEventListener('change', this.#onMessaging);
    this.#messaging?.removeEventListener('request', this.#onRequest);
    this.#messaging?.removeEventListener('item', this.#onItem);
    this.#messaging?.removeEventListener('joined', this.#onJoined);
    this.#messaging = null;
  }

  /** A conversation this inbox joined before any message in it (a new group): the inbox lists it. */
  #onJoined = (event: Event): void => {
    if (this.#inboxMode) void this.#inbox?.joined((event as CustomEvent<string>).detail);
  };

  #onMessaging = (): void => {
    const m = this.#messaging;
    if (!m) return;
    this.#host.setState('loading', m.phase === 'loading');
    this.#host.setState('live', m.phase === 'ready' && m.connection === 'live');
    this.#host.setState('reconnecting', m.phase === 'ready' && m.connection === 'reconnecting');
    this.#host.setState('offline', m.phase === 'ready' && m.connection === 'offline');
    if (m.phase === 'ready' && m.connection === 'moved') {
      // The network moved to XMTP D14N: said once; what was being sent is marked not sent (the SDK would retry for minutes).
      if (this.#shownError?.code !== 'network-moved') {
        this.#shownError = new EngineError('network-moved', 'the XMTP network this site uses no longer takes messages (D14N cutover)');
        this.#host.fail('network-moved', this.#sentence(this.#shownError), this.#shownError);
        this.#feed?.failPending();
      }
    } else if (m.phase === 'error' && m.error && m.error !== this.#shownError) {
      this.#shownError = m.error;
      this.#host.fail(m.error.code, this.#sentence(m.error), m.error);
    } else if (m.phase !== 'error' && this.#shownError && this.#shownError.code !== 'conversation-paused') {
      this.#shownError = null;
      this.#clearError();
    }
    if (m.phase === 'ready' && this.#isOpen) this.#lookUpPeer();
    if (m.phase === 'ready' && m.account) markChatEnabled(this.#host.kit.config.xmtp.env, m.account);
    // Back after a drop: the inbox asks the engine again for what the stream may have missed.
    const back = m.phase === 'ready' && m.connection === 'live' && (this.#connection === 'reconnecting' || this.#connection === 'offline');
    this.#connection = m.phase === 'ready' ? m.connection : null;
    if (back && this.#inboxMode && this.#inbox?.status === 'ready') void this.#inbox.load(true);
    if (m.phase !== 'ready' && this.#feed) {
      this.#setFeed(null);
      this.#inboxShown = null;
    }
    this.#update();
  };

  #onItem = (event: Event): void => {
    const item = (event as CustomEvent<EngineItem>).detail;
    this.#notify?.onItem(item);
    if (this.#inboxMode) this.#inbox?.onItem(item);
  };

  #onRequest = (): void => {
    if (this.#inboxMode) return;
    if (this.#view === 'requests' || this.#el.mode === 'inline' || this.#isOpen) void this.#loadRequests();
  };

  /** Clears the shown error, except the network's move to D14N: that stays while the connection is `moved`. */
  #clearError(): void {
    if (this.#shownError?.code === 'network-moved' && this.#messaging?.connection === 'moved') return;
    if (this.#shownError?.code === 'conversation-paused' && this.#feed?.info.pausedForVersion) return;
    this.#host.clearError();
  }

  #sentence(error: EngineError): string {
    const detail = error.message.slice(0, 200);
    switch (error.code) {
      case 'engine-load-failed':
        return this.#host.t('chat.error.engineLoad', { detail });
      case 'node-unreachable':
        return this.#host.t('chat.error.node', { detail });
      case 'signature-rejected':
        return this.#host.t('chat.error.signature');
      case 'signature-invalid': {
        const chain = this.#messaging?.smartAccountChainId;
        return chain ? this.#host.t('chat.error.smartAccount', { chain }) : this.#host.t('chat.error.signatureInvalid');
      }
      case 'installation-limit':
        return this.#host.t('chat.error.limit');
      case 'network-moved':
        return this.#host.t('chat.error.networkMoved');
      default:
        return this.#host.t('chat.error.unknown', { detail });
    }
  }

  /** Called when the panel opens (or an inline chat is shown): start what is needed. */
  async activate(): Promise<void> {
    if (!this.#host.kit.wallet.account) return;
    const messaging = this.#attachMessaging();
    messaging.timeoutMs = this.#el.engineTimeout;
    this.#onMessaging();
    await messaging.start();
    if (messaging.phase === 'ready') this.#lookUpPeer();
  }

  /** Called when the panel closes. */
  deactivate(): void {
    this.#update();
  }

  /** The element's `peer` or `conversation-id` changed (the lookup follows its inputs). */
  peerChanged(): void {
    this.#setFeed(null);
    this.#shown = null;
    this.#inboxShown = null;
    if (this.#isOpen) void this.activate();
    this.#update();
  }

  #setFeed(feed: ConversationFeed | null): void {
    if (this.#feed === feed) return;
    this.#feed?.removeEventListener('change', this.#onFeed);
    this.#feed?.removeEventListener('messages', this.#onMessages);
    this.#feed = feed;
    feed?.addEventListener('change', this.#onFeed);
    feed?.addEventListener('messages', this.#onMessages);
    if (feed) void this.#people.loadMembers(this.#messaging?.engine, feed.id);
    this.#receipts.follow(feed, () => this.me);
    this.#stickToBottom = true;
    this.#window.reset();
    this.#checkPaused();
  }

  #onFeed = (): void => {
    this.#checkPaused();
    this.#update();
  };

  /**
   * A group paused for this kit's XMTP version (XIP-72): said once per conversation (the sentence
   * and `mask-error` `conversation-paused`), history stays readable, the composer is off with the
   * reason. Leaving the conversation, or the group no longer paused, takes the sentence away.
   */
  #pausedShown: string | null = null;
  #checkPaused(): void {
    const feed = this.#feed;
    const version = feed?.info.pausedForVersion;
    if (feed && version) {
      if (this.#shownError?.code === 'conversation-paused' && this.#pausedShown === feed.id) return;
      this.#pausedShown = feed.id;
      this.#shownError = new EngineError('conversation-paused', `conversation ${feed.id} is paused until XMTP ${version}`);
      this.#host.fail('conversation-paused', this.#host.t('chat.error.paused', { version }), this.#shownError);
    } else if (this.#shownError?.code === 'conversation-paused') {
      this.#pausedShown = null;
      this.#shownError = null;
      this.#host.clearError();
    }
  }

  /** The peer's tip that this chat asked for was confirmed: post the receipt, and the note with it. */
  #tipRequested = false;
  #onTipConfirmed = (event: Event): void => {
    const detail = (event as Event & { detail?: { hash: string; to: string; amount: bigint; decimals: number; symbol: string; chainId: number; note?: string } }).detail;
    const feed = this.#feed;
    const peer = this.peerAddress;
    if (!this.#tipRequested || !detail || !feed || !peer || detail.to?.toLowerCase() !== peer.toLowerCase()) return;
    this.#tipRequested = false;
    // Metadata amounts are JSON numbers: scaled so that wei above 2^53 still travel exactly.
    const { amount, decimals } = toMetadataAmount(detail.amount, detail.decimals);
    void feed
      .sendTransaction({
        networkId: String(detail.chainId),
        hash: detail.hash,
        amount,
        decimals,
        currency: detail.symbol,
        from: this.#host.kit.wallet.account ?? undefined,
        to: peer,
      })
      .then((id) => (detail.note?.trim() ? feed.sendText(detail.note.trim(), id) : id))
      .catch(() => {});
  };

  #onMessages = (event: Event): void => {
    const { messages, live } = (event as CustomEvent<{ messages: ChatMessage[]; live: boolean }>).detail;
    const me = this.me;
    const feed = this.#feed;
    // The inbox's conversation on screen is read up to its newest message.
    if (this.#inboxMode && feed && this.#inboxShown === feed.id && this.#isOpen) {
      const newest = feed.list.items[feed.list.items.length - 1];
      if (newest) this.#inbox?.markRead(feed.id, newest.sentAtNs);
    }
    // A membership or metadata line: the members, the header's name and the open details follow it.
    const updates = feed ? messages.filter((m) => m.kind === 'update' && m.conversationId === feed.id) : [];
    if (feed && updates.length) {
      void this.#people.loadMembers(this.#messaging?.engine, feed.id, true);
      const named = updates.flatMap((m) => m.update?.changes ?? []).filter((c) => c.field === 'name').pop();
      if (named && this.#shown && this.#inboxShown === feed.id) this.#shown = { ...this.#shown, name: named.value ? quoteName(named.value) : this.#host.t('chat.inbox.group') };
      if ((this.#view === 'group' || this.#view === 'group-new') && this.#groups?.groupId === feed.id) void this.#groups.reload();
    }
    const incoming = messages.filter((m) => m.senderInboxId !== me && m.kind !== 'update');
    if (feed) {
      this.#viewed();
      void this.#receipts.refresh(feed, me);
    }
    if (!live || !incoming.length) return;
    for (const m of incoming) {
      this.#host.element.dispatchEvent(new MaskMessageReceivedEvent({ id: m.id, conversationId: m.conversationId, kind: m.kind, text: m.text, sentAtNs: m.sentAtNs }));
    }
    const last = incoming[incoming.length - 1];
    this.#announcement = this.#host.t('chat.announce', { name: this.peerLabel, text: this.#summary(last) });
    if (!this.#isOpen && !this.#inboxMode) {
      this.#unread += incoming.length;
      this.#setUnread(this.#unread);
    }
    this.#update();
  };

  /** The conversation shown is viewed (open, page visible): its read receipt goes out. */
  #viewed = (): void => {
    const feed = this.#feed;
    if (feed && this.#isOpen) this.#receipts.viewed(feed, this.me, this.#el.getAttribute('read-receipts') !== 'off');
  };

  /** Opened: the unread count resets. */
  markRead(): void {
    this.#viewed();
    this.#unread = 0;
    if (!this.#inboxMode) {
      this.#setUnread(0);
      return;
    }
    // The inbox's total stays; the conversation on screen, if any, is read now.
    const feed = this.#feed;
    const newest = feed?.list.items[feed.list.items.length - 1];
    if (feed && newest && this.#inboxShown === feed.id) this.#inbox?.markRead(feed.id, newest.sentAtNs);
    if (this.#inbox) this.#setUnread(this.#inbox.total);
  }

  #setUnread(total: number): void {
    this.#host.setUnread(total);
    if (total === this.#unreadTotal) return;
    this.#unreadTotal = total;
    this.#host.element.dispatchEvent(new MaskUnreadChangeEvent({ total }));
  }

  // ------------------------------------------------------------------ the inbox

  /** The inbox's chunk (its code, templates and strings), loaded when the chat is an inbox. */
  #loadInbox(): Promise<ChatInbox> {
    const el = this.#el;
    const host: InboxHost = {
      kit: this.#host.kit,
      t: (key, vars) => this.#host.t(key, vars),
      get lang() {
        return el.resolvedLang;
      },
      messaging: () => this.#messaging,
      update: () => this.#update(),
      isOpen: () => this.#isOpen,
      shownId: () => this.#inboxShown,
      open: (row, label, address) => this.#openRow(row, label, address),
      fail: (code, message, cause) => this.#host.fail(code, message, cause),
      clearError: () => this.#clearError(),
      setUnread: (total) => {
        if (this.#inboxMode) this.#setUnread(total);
      },
      root: () => this.#el.shadowRoot,
      newGroup: () => void this.newGroup(),
    };
    this.#inboxChunk ??= import('./chat-inbox.js').then(({ ChatInbox }) => {
      this.#inbox = new ChatInbox(host);
      this.#update();
      return this.#inbox;
    });
    return this.#inboxChunk;
  }

  // ------------------------------------------------------------------ groups

  /** The group views' chunk (code, templates, strings), loaded the first time one opens. */
  #loadGroups(): Promise<ChatGroups> {
    this.#groupsChunk ??= import('./chat-groups.js').then(({ ChatGroups }) => {
      const el = this.#el;
      this.#groups = new ChatGroups({
        kit: this.#host.kit,
        t: (key, vars) => this.#host.t(key, vars),
        get lang() {
          return el.resolvedLang;
        },
        messaging: () => this.#messaging,
        update: () => this.#update(),
        fail: (code, message, cause) => this.#host.fail(code, message, cause),
        clearError: () => this.#clearError(),
        root: () => this.#el.shadowRoot,
        label: (address) => this.#people.label(address),
        close: () => this.#closeGroupView(),
        created: (row) => {
          this.#view = 'chat';
          this.#inbox?.added(row);
          this.#openRow(row, this.#inbox?.label(row) ?? row.groupName ?? this.#host.t('chat.inbox.group'), null);
        },
        changed: (id, group) => {
          void this.#people.loadMembers(this.#messaging?.engine, id, true);
          if (this.#shown && this.#inboxShown === id) this.#shown = { ...this.#shown, name: quoteName(group.name) || this.#host.t('chat.inbox.group') };
        },
      });
      return this.#groups;
    });
    return this.#groupsChunk;
  }

  /** "New group" (from the inbox): the form. */
  async newGroup(): Promise<void> {
    this.#view = 'group-new';
    this.#update();
    (await this.#loadGroups()).startNew();
  }

  /** "Group details" (from a group's header). */
  async openGroupDetails(): Promise<void> {
    const feed = this.#feed;
    if (!feed) return;
    this.#view = 'group';
    this.#update();
    await (await this.#loadGroups()).showDetails(feed.id);
  }

  #closeGroupView(): void {
    const from = this.#view;
    this.#view = 'chat';
    this.#update();
    const focus = from === 'group' ? '[part~="group-details-button"]' : '[part~="new-group-button"]';
    void this.#el.updateComplete.then(() => (this.#el.shadowRoot?.querySelector(focus) as HTMLElement | null)?.focus());
  }

  get groups(): { render(): TemplateResult } {
    return { render: () => this.#groups?.render() ?? renderInboxLoading(this.t) };
  }

  /** The lines of a group change: "alice.eth added bob.eth" (names verified, else short addresses). */
  updateLines(m: ChatMessage): string[] {
    if (!m.update) return [];
    const engine = this.#messaging?.engine;
    const me = this.me;
    const unknown = this.#host.t('chat.group.someone');
    const format = new Intl.ListFormat(this.lang, { type: 'conjunction' });
    return updateLines(m.update, this.t, me, (inbox) => this.#people.nameOfInbox(engine, inbox, unknown), (names) => format.format(names));
  }

  /** No peer and no conversation id, or the connected account itself as peer: the chat is the visitor's inbox. */
  get #inboxMode(): boolean {
    const peer = this.#el.peer.trim().toLowerCase();
    // The account's own address needs no lookup (a closed chat looks nothing up, and its launcher counts the inbox).
    return !this.#el.conversationId && (!peer || this.peerState === 'self' || peer === this.#host.kit.wallet.account?.toLowerCase());
  }

  #openRow(row: ConversationSummary, label: string, address: Address | null): void {
    const messaging = this.#messaging;
    if (!messaging) return;
    const feed = messaging.feed({ id: row.id, peerInboxId: row.peerInboxId, peerAddresses: row.peerAddresses, consent: row.consent, pausedForVersion: row.pausedForVersion });
    // A DM's peer is named from the identity service (verified); a group by its name.
    this.#shown = { address, name: row.kind === 'group' ? label : null };
    this.#inboxShown = row.id;
    this.#view = 'chat';
    this.#setFeed(feed);
    this.#update();
    this.#host.element.dispatchEvent(new MaskChatConversationOpenEvent({ conversationId: row.id, peerAddress: address }));
    void feed.loadInitial().then(
      () => {
        const newest = feed.list.items[feed.list.items.length - 1];
        if (newest && this.#inboxShown === feed.id) this.#inbox?.markRead(feed.id, newest.sentAtNs);
      },
      (error: unknown) => this.#peerFailed(error),
    );
    void this.#el.updateComplete.then(() => (this.#el.shadowRoot?.querySelector('textarea[part~="input"]') as HTMLElement | null)?.focus());
  }

  /** "Back to conversations": the list again, focused on the row that was open. */
  back(): void {
    this.#inboxShown = null;
    this.#shown = null;
    this.#view = 'chat';
    this.#setFeed(null);
    this.#clearError();
    this.#update();
    void this.#el.updateComplete.then(() => (this.#el.shadowRoot?.querySelector('[part~="inbox-list"]') as HTMLElement | null)?.focus());
  }

  /** The element's `openConversation(id)`: shown in the inbox (with Back), else instead of the chat's peer. */
  async openConversation(id: string): Promise<void> {
    if (!this.#inboxMode) {
      Object.assign(this.#el, { peer: '', conversationId: id });
      return;
    }
    this.#pendingOpen = id;
    await this.activate();
    await this.#openPending();
  }

  async #openPending(): Promise<void> {
    const id = this.#pendingOpen;
    if (!id || this.#messaging?.phase !== 'ready' || !this.#inboxMode) return;
    this.#pendingOpen = null;
    const inbox = await this.#loadInbox();
    if (!(await inbox.openId(id))) this.#host.fail('peer-not-reachable', this.#host.t('chat.error.noConversation'));
  }

  #summary(m: ChatMessage): string {
    if (m.kind === 'transaction') return this.#host.t('chat.tx.title');
    return ellipsize(stripBidiControls(m.text), 140);
  }

  // ------------------------------------------------------------------ the peer

  /** The lookup's inputs; a new array only when one of them changed. */
  #peerArgs(): PeerArgs {
    const m = this.#messaging;
    const next: PeerArgs = [this.#el.conversationId, this.#el.peer, m?.phase === 'ready' ? m.account : null];
    if (next.some((value, i) => value !== this.#args[i])) this.#args = next;
    return this.#args;
  }

  /**
   * The chat is open and its client ready: the lookup runs by itself when its
   * inputs change; here it runs when none has run for these inputs yet (they
   * changed while the chat was closed) or the last one failed.
   */
  #lookUpPeer(): void {
    const status = this.#peer.status;
    if (status === TaskStatus.INITIAL || status === TaskStatus.ERROR || (status === TaskStatus.COMPLETE && this.#peer.value === this.#loadFailed)) {
      void this.#peer.run();
    }
  }

  /** The lookup: the peer's address (a name resolved and verified), then their conversation, or why there is none. */
  async #findPeer(args: PeerArgs, signal: AbortSignal): Promise<PeerFound | typeof initialState> {
    const [conversationId, given, account] = args;
    const messaging = this.#messaging;
    // Nothing to do without a ready client, nor for a closed chat (opening it runs the lookup).
    if (!account || !messaging || messaging.phase !== 'ready' || !this.#isOpen) return initialState;
    if (conversationId) {
      const feed = await messaging.openConversation(conversationId);
      if (!feed) throw new KitError('peer-not-reachable', this.#host.t('chat.error.noConversation'));
      return { kind: 'ready', address: toChecksumAddress(feed.info.peerAddresses[0] ?? '') ?? null, name: null, feed, args };
    }
    const peer = given.trim();
    // No peer: the visitor's inbox.
    if (!peer) return { kind: 'self', address: null, name: null, args };
    let address: Address | null;
    let name: string | null = null;
    if (ADDRESS.test(peer)) {
      address = toChecksumAddress(peer);
    } else if (peer.startsWith('0x')) {
      throw new KitError('invalid-address', this.#host.t('error.invalidAddress', { value: peer.slice(0, 64) }));
    } else {
      const identity = await this.#host.kit.identity();
      const resolved = await identity.resolveName(peer, { signal });
      address = resolved.address;
      name = resolved.name.replace(/^lens\//, '@');
      // A verified name the chat shows counts for the page's look-alike warnings (badge cards, tips).
      identity.noteShown(resolved.name, resolved.address);
    }
    if (address?.toLowerCase() === account) return { kind: 'self', address, name, args };
    // Their verified name, for the sentences that name them (looked up meanwhile).
    const identity = name ? null : this.#people.lookup(address!);
    if (!(await messaging.canMessage(address!))) {
      await identity;
      return { kind: 'unreachable', address, name, args };
    }
    signal.throwIfAborted();
    return { kind: 'ready', address, name, feed: await messaging.openDm(address!), args };
  }

  /** The latest lookup answered (runs before the task holds the answer: `value` is still the previous one). */
  #peerFound(found: PeerFound): void {
    const before = this.#peer.value;
    this.#shown = null;
    if (found.kind === 'unreachable') {
      // Said once per inputs, not at every look again.
      if (!(before?.kind === 'unreachable' && before.args === found.args)) this.#host.fail('peer-not-reachable', this.#host.t('chat.unreachable', { name: this.#labelOf(found) }));
      // They may enable chat any moment: look again while the chat is open.
      setTimeout(() => {
        if (this.#peer.value === found && this.#peer.status === TaskStatus.COMPLETE && this.#isOpen) void this.#peer.run();
      }, 5000);
      return;
    }
    if (found.kind === 'self') {
      // The inbox: the list, then a conversation `openConversation()` asked for.
      void this.#loadInbox().then(async (inbox) => {
        await inbox.load();
        this.#setUnread(inbox.total);
        await this.#openPending();
      });
      return;
    }
    if (found.kind !== 'ready') return;
    this.#clearError();
    this.#setFeed(found.feed);
    found.feed.loadInitial().then(
      () => void this.#loadRequests(),
      (error: unknown) => {
        if (this.#feed !== found.feed) return;
        this.#loadFailed = found;
        this.#peerFailed(error);
        this.#update();
      },
    );
  }

  #peerFailed(error: unknown): void {
    const e = error as { code?: MaskErrorCode; message?: string };
    const code: MaskErrorCode = error instanceof KitError || (e.code && e.code !== 'unknown') ? (e.code as MaskErrorCode) : 'unknown';
    // A service's sentence comes as a key and values: said in the chat's language.
    const message = error instanceof KitError ? (error.sentence ? sentence(error.sentence, this.#el.resolvedLang) : error.message) : this.#host.t('chat.error.unknown', { detail: String(e.message ?? error).slice(0, 200) });
    this.#host.fail(code, message, error);
  }

  #labelOf(peer: Peer | null | undefined): string {
    return peer?.name ?? (peer?.address ? this.#people.label(peer.address) : this.#el.peer || this.#host.t('chat.title'));
  }

  async #loadRequests(): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging || messaging.phase !== 'ready') return;
    try {
      this.#requests = (await messaging.requests()).filter((r) => r.id !== this.#feed?.id);
    } catch {
      this.#requests = [];
    }
    this.#update();
  }

  // ------------------------------------------------------------------ what the templates read

  readonly t: ChatT = (key, vars) => this.#host.t(key, vars);

  get lang(): string {
    return this.#el.resolvedLang;
  }
  get peerInput(): string {
    return this.#el.peer;
  }
  get account(): Address | null {
    return this.#host.kit.wallet.account;
  }
  get messaging(): Messaging | null {
    return this.#messaging;
  }
  get view(): PanelView {
    return this.#view;
  }
  get peerState(): PeerState {
    const task = this.#peer;
    switch (task.status) {
      case TaskStatus.INITIAL:
        return 'idle';
      case TaskStatus.PENDING:
        // Looking again at someone not on XMTP keeps the invitation on screen.
        return task.value?.kind === 'unreachable' && task.value.args === this.#args ? 'unreachable' : 'resolving';
      case TaskStatus.ERROR:
        return 'failed';
      default:
        return task.value === this.#loadFailed ? 'failed' : task.value!.kind;
    }
  }
  get peerAddress(): Address | null {
    return (this.#shown ?? this.#peer.value)?.address ?? null;
  }
  get peerLabel(): string {
    return this.#labelOf(this.#shown ?? this.#peer.value);
  }
  get feed(): ConversationFeed | null {
    return this.#feed;
  }
  get peer(): { address: Address | null; label: string; group: boolean } {
    return { address: this.peerAddress, label: this.peerLabel, group: this.#people.isGroup(this.#feed?.id) };
  }
  get historyNote(): boolean {
    return this.#historyNote;
  }
  get seenId(): string | null {
    return this.#receipts.seenId(this.#feed, this.me);
  }
  senderOf(m: ChatMessage): Sender | null {
    const feed = this.#feed;
    if (!feed || !this.#people.isGroup(feed.id) || m.senderInboxId === this.me) return null;
    return this.#people.sender(feed.id, m.senderInboxId, this.#host.t('chat.someone'));
  }
  get me(): string | undefined {
    return this.#messaging?.engine?.inboxId;
  }
  get requests(): readonly ConversationInfo[] {
    return this.#inboxMode ? [] : this.#requests;
  }
  get inbox(): { render(): TemplateResult } | null {
    if (!this.#inboxMode) return null;
    if (this.#inbox) return this.#inbox;
    void this.#loadInbox();
    return { render: () => renderInboxLoading(this.t) };
  }
  get installations(): readonly InstallationInfo[] | null {
    return this.#installations;
  }
  get installationsError(): string {
    return this.#installationsError;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get copied(): boolean {
    return this.#copied;
  }
  get draft(): string {
    return this.#draft;
  }
  get replyTo(): ChatMessage | null {
    return this.#replyTo;
  }
  get announcement(): string {
    return this.#announcement;
  }
  get invitation(): string {
    return this.#host.t('chat.invitation', { url: location.href.split('#')[0] });
  }

  range(items: readonly ChatMessage[]): WindowRange {
    const range = this.#window.range(items, this.#stickToBottom);
    // Rows that leave the virtual window give their images' blob URLs back.
    this.#attachments?.retain(new Set(items.slice(range.start, range.end).map((m) => m.id)));
    return range;
  }

  #loadAttachments(): Promise<ChatAttachments> {
    this.#attachChunk ??= import('./chat-attachments.js').then(({ ChatAttachments }) => {
      const host = this.#host;
      this.#attachments = new ChatAttachments({
        element: host.element,
        get lang() {
          return host.element.resolvedLang;
        },
        t: (key, vars) => host.t(key as unknown as ChatKey, vars),
        config: () => host.kit.config.attachments,
        feed: () => this.#feed,
        update: () => this.#update(),
        sent: (feed, id, filename) =>
          host.element.dispatchEvent(new MaskMessageSentEvent({ id, conversationId: feed.id, kind: 'attachment', text: filename, sentAtNs: feed.list.get(id)?.sentAtNs ?? '' })),
      });
      this.#update();
      return this.#attachments;
    });
    return this.#attachChunk;
  }

  attachment(m: ChatMessage): TemplateResult {
    if (this.#attachments) return this.#attachments.render(m);
    void this.#loadAttachments();
    return html`<p part="attachment attachment-loading" class="attachment note" data-state="loading" dir="auto" .textContent=${m.attachment?.filename ?? ''}></p>`;
  }

  attachComposer(disabled: boolean): TemplateResult {
    if (this.#attachments) return this.#attachments.renderComposer(disabled);
    void this.#loadAttachments();
    // The button's box until its chunk is there: the composer does not move when it arrives.
    return html`<span class="icon attach" aria-hidden="true"></span>`;
  }

  readonly onPaste = (event: ClipboardEvent): void => {
    const file = event.clipboardData?.files?.[0];
    if (!file) return;
    event.preventDefault();
    void this.#loadAttachments().then((a) => a.choose(file));
  };

  readonly onDrop = (event: DragEvent): void => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    void this.#loadAttachments().then((a) => a.choose(file));
  };

  readonly onDragOver = (event: DragEvent): void => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  };

  shownChars(id: string): number {
    return this.#expanded.get(id) ?? FIRST_CHARS;
  }

  chain(id: number): ReturnType<Kit['chain']> {
    return this.#host.kit.chain(id);
  }

  /** On-chain checks of the receipts shown, by message id: a receipt is a claim until the chain backs it. */
  readonly #checks = new Map<string, ReceiptState>();

  receipt(m: ChatMessage, mine: boolean): ReceiptState {
    this.#checkReceipt(m, mine);
    return this.#checks.get(m.id) ?? 'checking';
  }

  #checkReceipt(m: ChatMessage, mine: boolean): void {
    const tx = m.transaction!;
    // Once per receipt; "Check again" and a pending transaction's next look delete the entry.
    if (this.#checks.has(m.id)) return;
    this.#checks.set(m.id, 'checking');
    const kit = this.#host.kit;
    void (async () => {
      const { chainIdOf, claimFromTransaction, verifyOptionsFor, verifyReceipt } = await import('../../tip/verify-receipt.js');
      const id = chainIdOf(tx.networkId);
      const chain = id === null ? undefined : kit.chain(id);
      if (!chain || chain.id !== id) return 'unknown-network' as const;
      // The claimed sender must be the message's author: a forwarded real receipt is not theirs.
      const author = mine ? [kit.wallet.account ?? ''] : (this.#feed?.info.peerAddresses ?? []);
      return verifyReceipt(await kit.client(chain), claimFromTransaction(tx), verifyOptionsFor(chain, author.filter(Boolean)));
    })()
      .catch((error: unknown): ReceiptCheck => ({ status: 'unavailable', reason: String((error as Error)?.message ?? error).slice(0, 120) }))
      .then((check) => {
        this.#checks.set(m.id, check);
        this.#update();
        // A pending transaction is looked at again while the chat is shown.
        if (check !== 'unknown-network' && check.status === 'pending') setTimeout(() => this.#feed?.list.get(m.id) && this.#checks.delete(m.id) && this.#update(), 5000);
      });
  }

  // ------------------------------------------------------------------ actions

  connect(): void {
    void this.#host.connect().then(() => this.activate());
  }

  async register(): Promise<void> {
    this.#clearError();
    try {
      await this.#messaging?.register();
      // A new installation of a wallet that chats elsewhere: its history comes from the others (device sync), maybe later.
      const others = (await this.#messaging?.installations().catch(() => []))?.filter((i) => !i.current).length ?? 0;
      if (others > 0) {
        this.#historyNote = true;
        this.#update();
        this.#awaitHistory();
      }
    } catch (error) {
      const e = error as EngineError;
      this.#shownError = e;
      this.#host.fail(e.code, this.#sentence(e), e);
      if (e.code === 'installation-limit') void this.#loadInstallations();
    }
  }

  /**
   * History from the wallet's other installations arrives as an archive the SDK imports in its worker,
   * with no event: while it may still come (5 minutes), the inbox reads its list again every 15 s, so
   * the conversations appear without a reload. One read at a time; stopped when the element goes.
   */
  #awaitHistory(): void {
    clearInterval(this.#historyTimer);
    let left = 20;
    this.#historyTimer = setInterval(() => {
      if (--left <= 0) clearInterval(this.#historyTimer);
      if (this.#inboxMode && this.#inbox?.status === 'ready') void this.#inbox.load(true);
    }, 15_000);
  }

  async retry(): Promise<void> {
    this.#clearError();
    this.#shownError = null;
    if (this.peerState === 'failed') {
      await this.#peer.run();
      return;
    }
    await this.#messaging?.retry();
    if (this.#messaging?.phase === 'ready') this.#lookUpPeer();
  }

  /** "Check again": is the peer on XMTP now? */
  recheck(): void {
    void this.#peer.run();
  }

  requestTip(): void {
    const peer = this.#shown ?? this.#peer.value;
    if (!peer?.address) return;
    this.#tipRequested = true;
    this.#host.requestTip(peer.address, peer.name ?? this.#people.name(peer.address));
  }

  async send(): Promise<void> {
    const feed = this.#feed;
    const text = this.#draft.trim();
    if (!feed || !text) return;
    if (this.#messaging?.connection === 'moved') return; // the draft stays; the sentence above says why
    if (feed.info.pausedForVersion) return; // likewise: the group needs a newer chat
    const replyTo = this.#replyTo?.id;
    this.#draft = '';
    this.#replyTo = null;
    this.#stickToBottom = true;
    this.#update();
    try {
      const id = await feed.sendText(text, replyTo);
      this.#host.element.dispatchEvent(new MaskMessageSentEvent({ id, conversationId: feed.id, kind: replyTo ? 'reply' : 'text', text, sentAtNs: feed.list.get(id)?.sentAtNs ?? '' }));
    } catch {
      // Shown as failed on the message, with a retry button.
    }
  }

  async resend(message: ChatMessage): Promise<void> {
    const feed = this.#feed;
    if (!feed) return;
    try {
      const id = await feed.retry(message.id);
      this.#host.element.dispatchEvent(new MaskMessageSentEvent({ id, conversationId: feed.id, kind: message.kind, text: message.text, sentAtNs: message.sentAtNs }));
    } catch {
      // Still failed; the button stays.
    }
  }

  reply(message: ChatMessage): void {
    this.#replyTo = message;
    this.#update();
  }

  cancelReply(): void {
    this.#replyTo = null;
    this.#update();
  }

  react(message: ChatMessage, emoji: string): void {
    void this.#feed?.react(message, emoji).catch(() => {});
  }

  showMore(id: string): void {
    this.#expanded.set(id, this.shownChars(id) + MORE_CHARS);
    this.#update();
  }

  recheckReceipt(id: string): void {
    this.#checks.delete(id);
    this.#update();
  }

  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  };

  readonly onInput = (event: Event): void => {
    this.#draft = (event.target as HTMLTextAreaElement).value;
  };

  #scroller(): HTMLElement | null {
    return (this.#host.element.shadowRoot?.querySelector('[part~="messages"]') as HTMLElement | null) ?? null;
  }

  readonly onScroll = (event: Event): void => {
    const el = event.target as HTMLElement;
    this.#stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (this.#window.onScroll(el, this.#feed?.list.size ?? 0)) this.#update();
    if (el.scrollTop < 200 && this.#window.atStart && this.#feed && !this.#feed.complete && !this.#feed.loadingOlder) {
      this.#window.preserveFromBottom(el);
      void this.#feed
        .loadOlder()
        .catch(() => {})
        .then(() => this.#el.updateComplete)
        .finally(() => this.#window.endPreserve());
    }
  };

  async copyInvite(): Promise<void> {
    const text = this.invitation;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = this.#host.element.shadowRoot?.querySelector('textarea[part~="invitation"]') as HTMLTextAreaElement | null;
      area?.select();
    }
    this.#copied = true;
    this.#update();
    setTimeout(() => {
      this.#copied = false;
      this.#update();
    }, 2000);
  }

  async consent(allow: boolean): Promise<void> {
    const feed = this.#feed;
    if (!feed) return;
    try {
      await feed.setConsent(allow ? 'allowed' : 'denied');
      this.#inbox?.consentChanged(feed.id, allow ? 'allowed' : 'denied');
    } catch (error) {
      this.#host.fail('unknown', this.#host.t('chat.error.unknown', { detail: String((error as Error).message ?? error).slice(0, 200) }), error);
    }
  }

  async #answerRequest(request: ConversationInfo, allow: boolean): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging) return;
    const feed = messaging.feed(request);
    await feed.setConsent(allow ? 'allowed' : 'denied').catch(() => {});
    this.#requests = this.#requests.filter((r) => r.id !== request.id);
    this.#update();
  }

  async openRequest(request: ConversationInfo): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging) return;
    const feed = messaging.feed(request);
    this.#shown = { address: toChecksumAddress(request.peerAddresses[0] ?? '') ?? null, name: null };
    this.#view = 'chat';
    this.#setFeed(feed);
    this.#update();
    await feed.loadInitial().catch(() => {});
  }

  async #loadInstallations(): Promise<void> {
    this.#installationsError = '';
    try {
      this.#installations = (await this.#messaging?.installations()) ?? null;
    } catch (error) {
      this.#installations = null;
      this.#installationsError = String((error as Error).message ?? error).slice(0, 200);
    }
    this.#update();
  }

  async revokeOthers(): Promise<void> {
    const messaging = this.#messaging;
    if (!messaging) return;
    this.#busy = true;
    this.#update();
    try {
      await messaging.revokeOthers();
      this.#clearError();
      this.#shownError = null;
      await this.#loadInstallations();
      if (messaging.phase === 'error' && messaging.error?.code === 'installation-limit') {
        await messaging.retry();
        await this.register();
      }
    } catch (error) {
      const e = error as EngineError;
      this.#host.fail(e.code ?? 'unknown', this.#sentence(e), e);
    } finally {
      this.#busy = false;
      this.#update();
    }
  }

  toggleSettings(): void {
    this.#view = this.#view === 'settings' ? 'chat' : 'settings';
    if (this.#view === 'settings') {
      void this.#loadInstallations();
      void this.#loadBackup();
      if (this.#el.hasAttribute('notifications')) void this.#loadNotify();
    }
    this.#update();
  }

  get backup(): { render(): TemplateResult | typeof nothing } {
    return { render: () => this.#backup?.render() ?? nothing };
  }

  get notify(): { render(): TemplateResult | typeof nothing } {
    return { render: () => (this.#el.hasAttribute('notifications') && this.#notify?.render()) || nothing };
  }

  #loadNotify(): Promise<void> {
    this.#notifyChunk ??= import('./chat-notify.js').then(({ ChatNotify }) => {
      this.#notify = new ChatNotify({
        t: (key, vars) => this.#host.t(key, vars),
        attribute: () => this.#el.getAttribute('notifications'),
        me: () => this.me,
        engine: () => this.#messaging?.engine,
        name: (address) => this.#people.lookup(address).then((identity) => identity?.name?.replace(/^lens\//, '@') ?? null),
        open: (id) => {
          this.#el.show();
          if (this.#feed?.id !== id) this.#el.openConversation(id);
        },
        update: () => this.#update(),
      });
      this.#update();
    });
    return this.#notifyChunk;
  }

  #loadBackup(): Promise<void> {
    this.#backupChunk ??= import('./chat-backup.js').then(({ ChatBackup }) => {
      const host = this.#host;
      this.#backup = new ChatBackup({
        t: (key, vars) => host.t(key, vars),
        lang: () => this.lang,
        messaging: () => this.#messaging,
        account: () => this.account,
        fail: (code, message, cause) => host.fail(code, message, cause),
        clearError: () => this.#clearError(),
        update: () => this.#update(),
        // After an import the open conversation or the list is read again, from the start.
        reread: () => {
          this.#setFeed(null);
          if (this.#inbox?.status === 'ready') void this.#inbox.load(true);
          void this.#peer.run();
        },
      });
      this.#update();
    });
    return this.#backupChunk;
  }
}
